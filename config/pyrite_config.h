/* Pyrite build configuration: every tunable with its default, overridden per board.
 *
 * The board header (config/boards/<board>.h, chosen by the Makefile through
 * PYR_BOARD_HEADER) is read first; anything it leaves undefined gets the
 * default below. Every option is tested with #if, never #ifdef, and the build
 * uses -Wundef, so a misspelt option is an error rather than a silent default.
 */
#ifndef PYRITE_CONFIG_H
#define PYRITE_CONFIG_H

#include PYR_BOARD_HEADER

/* ---- identity ---------------------------------------------------------- */
#define PYR_NAME    "Pyrite"
#define PYR_VERSION "0.1.0"
#ifndef PYR_BOARD_NAME
#error "the board header must define PYR_BOARD_NAME"
#endif
#ifndef PYR_CORE_NAME
#error "the board header must define PYR_CORE_NAME"
#endif

/* ---- board features ---------------------------------------------------- */
#ifndef PYR_HAS_MPU /* a no-access guard region under the main stack */
#define PYR_HAS_MPU 0
#endif
#ifndef PYR_HAS_FPU /* CPACR enabled at reset */
#define PYR_HAS_FPU 0
#endif
#ifndef PYR_ARMV6M /* Cortex-M0/M0+: no VTOR, CFSR/HFSR/MMFAR/BFAR, IT blocks */
#define PYR_ARMV6M 0
#endif
#ifndef PYR_CLOCK_HZ /* core clock as the emulator models it */
#define PYR_CLOCK_HZ 25000000u
#endif
#ifndef PYR_TICK_HZ /* tick interrupt rate */
#define PYR_TICK_HZ 1000u
#endif

/* Stack bytes a recursion check (obj_stack_check) keeps in hand: the work between
 * two checks, raising RecursionError (formatting its message), and an exception
 * frame. The recursion image measures what is left: about 500 bytes on Cortex-M. */
#ifndef PYR_STACK_MARGIN
#define PYR_STACK_MARGIN 1024
#endif

#ifndef PYR_HEAP_CAP /* nonzero: use at most this many bytes of the heap region */
#define PYR_HEAP_CAP 0
#endif

/* ---- console ----------------------------------------------------------- */
#ifndef CON_LINE_MAX /* longest editable line, in bytes, including the NUL */
#define CON_LINE_MAX 512
#endif
#ifndef CON_HISTORY /* lines of history kept (ring) */
#define CON_HISTORY 8
#endif
#ifndef BOARD_RX_RING /* bytes in the interrupt-fed receive ring; power of two */
#define BOARD_RX_RING 256
#endif

/* ---- memory manager (mm/) ---------------------------------------------- */
#ifndef MM_DEBUG /* 1: catch double frees, foreign pointers, header overwrites */
#define MM_DEBUG 0
#endif
#ifndef MM_FAULT_INJECTION /* 1: count every allocation call (call statistics, mm_fault_*); */
#define MM_FAULT_INJECTION MM_DEBUG /* costs 4 instructions per allocation */
#endif
#ifndef MM_SMALL_THRESHOLD /* largest request served by pools; multiple of 8 */
#define MM_SMALL_THRESHOLD 512
#endif
#ifndef MM_POOL_SIZE /* bytes per pool; power of two */
#define MM_POOL_SIZE 2048
#endif
#ifndef MM_ARENA_SIZE /* bytes per arena; a multiple of MM_POOL_SIZE */
#define MM_ARENA_SIZE 32768
#endif
#ifndef MM_REGION_MAX_LOG2 /* mm uses at most 2^N bytes of its region (sizes its list table) */
#define MM_REGION_MAX_LOG2 24
#endif

/* ---- objects (objects/) -------------------------------------------------- */
#ifndef OBJ_DEBUG /* 1: per-type live counts (leak reports) and allocation-failure injection */
#define OBJ_DEBUG 0
#endif
#ifndef OBJ_TRASHCAN_DEPTH /* nested deallocations before the trashcan defers */
#define OBJ_TRASHCAN_DEPTH 16
#endif
/* Free-list caps (objects/freelist.h): CPython 3.12's by default; the small
 * boards scale them to their heaps (docs/objects.md). */
#ifndef OBJ_FREELIST_TUPLE /* cached tuples per size, sizes 1 .. OBJ_FREELIST_TUPLE_SIZES */
#define OBJ_FREELIST_TUPLE 2000
#endif
#ifndef OBJ_FREELIST_TUPLE_SIZES /* >= 1 */
#define OBJ_FREELIST_TUPLE_SIZES 20
#endif
#ifndef OBJ_FREELIST_LIST /* cached list objects */
#define OBJ_FREELIST_LIST 80
#endif
#ifndef OBJ_FREELIST_DICT /* cached dict objects */
#define OBJ_FREELIST_DICT 80
#endif
#ifndef OBJ_FREELIST_FLOAT /* cached float objects */
#define OBJ_FREELIST_FLOAT 100
#endif
#ifndef OBJ_INTERN_MIN_SLOTS /* initial slots of the interned-string table; power of two */
#define OBJ_INTERN_MIN_SLOTS 64
#endif

/* ---- lang: the compiler and the VM ---- */
#ifndef LANG_RECURSION_LIMIT /* Python frames before RecursionError (sys.getrecursionlimit) */
#define LANG_RECURSION_LIMIT 1000
#endif
#ifndef LANG_C_DEPTH /* eval loops nested through C (a sort key, map's function) */
#define LANG_C_DEPTH 20
#endif
#ifndef LANG_NEST_MAX /* nested brackets / unary operators in one expression (C recursion) */
#define LANG_NEST_MAX 40
#endif
#ifndef LANG_FRAME_CHUNK /* bytes of the frame stack's blocks */
#define LANG_FRAME_CHUNK 1024
#endif

#if (BOARD_RX_RING & (BOARD_RX_RING - 1)) != 0
#error "BOARD_RX_RING must be a power of two"
#endif
#if OBJ_FREELIST_TUPLE_SIZES < 1
#error "OBJ_FREELIST_TUPLE_SIZES must be at least 1"
#endif
#if MM_SMALL_THRESHOLD % 8 != 0
#error "MM_SMALL_THRESHOLD must be a multiple of 8"
#endif
#if (MM_POOL_SIZE & (MM_POOL_SIZE - 1)) != 0
#error "MM_POOL_SIZE must be a power of two"
#endif
#if MM_ARENA_SIZE % MM_POOL_SIZE != 0
#error "MM_ARENA_SIZE must be a multiple of MM_POOL_SIZE"
#endif
#if MM_DEBUG != 0 && MM_DEBUG != 1
#error "MM_DEBUG must be 0 or 1"
#endif
#if MM_SMALL_THRESHOLD < 8 || MM_SMALL_THRESHOLD > 4096
#error "MM_SMALL_THRESHOLD must be 8 .. 4096"
#endif
#if MM_POOL_SIZE < 256 || MM_POOL_SIZE > 32768
#error "MM_POOL_SIZE must be 256 .. 32768"
#endif
#if MM_POOL_SIZE < 3 * MM_SMALL_THRESHOLD + 64
#error "MM_POOL_SIZE must hold three blocks of MM_SMALL_THRESHOLD bytes and the pool header"
#endif
#if MM_ARENA_SIZE / MM_POOL_SIZE > 65535
#error "MM_ARENA_SIZE must be at most 65535 pools"
#endif
#if LANG_NEST_MAX < 8 || LANG_NEST_MAX > 200
#error "LANG_NEST_MAX must be 8 .. 200"
#endif
#if MM_REGION_MAX_LOG2 < 16 || MM_REGION_MAX_LOG2 > 31
#error "MM_REGION_MAX_LOG2 must be 16 .. 31"
#endif
#if MM_ARENA_SIZE > (1 << MM_REGION_MAX_LOG2) / 4
#error "MM_ARENA_SIZE must be at most a quarter of 2^MM_REGION_MAX_LOG2"
#endif

#endif /* PYRITE_CONFIG_H */
