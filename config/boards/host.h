/* The Linux host port: the same kernel with stdin/stdout as its serial line and a
 * static region the size of the default board's heap. */
#define PYR_BOARD_NAME "host"
#define PYR_CORE_NAME  "x86-64 Linux"
#define PYR_CLOCK_HZ   1000000000u
/* AddressSanitizer's frames are large, and glibc's printf alone takes kilobytes. */
#define PYR_STACK_MARGIN (64u << 10)
/* CPython's bounds: 200 nested brackets, C recursion through sort keys. */
#define LANG_NEST_MAX 200
#define LANG_C_DEPTH  100
