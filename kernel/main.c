/* The kernel: start-up banner, the read-evaluate loop and, until the language
 * arrives, the built-in command evaluator.
 *
 * The evaluator is a plug-in point: the loop hands every entered line to
 * kernel.evaluate. Soft reset (Ctrl-D at an empty prompt) tears everything
 * above the board down and boots the kernel again without a CPU reset.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/pyrite_config.h"
#include "gc/gc.h"
#include "kernel/board.h"
#include "kernel/con.h"
#include "mm/mm.h"
#include "objects/object.h"

typedef void (*kernel_evaluator)(const char *line);

static struct {
    kernel_evaluator evaluate;
    unsigned boots; /* 1 after reset, +1 per soft reset */
} kernel;

/* ---- built-in commands --------------------------------------------------- */

struct command {
    const char *name;
    const char *help;
    void (*run)(const char *args);
};

static const struct command commands[];

static void cmd_help(const char *args)
{
    (void)args;
    for (const struct command *c = commands; c->name; c++)
        con_printf("  %-10s %s\n", c->name, c->help);
    con_puts("Keys: arrows edit and recall history, Ctrl-C abandons the line, Ctrl-D at an\n"
             "empty line soft-resets.\n");
}

static void cmd_info(const char *args)
{
    (void)args;
    const struct board_info *b = board_info();
    con_printf("board   %s\ncore    %s\nclock   %lu Hz\n", b->name, b->core,
               (unsigned long)b->clock_hz);
    con_puts("memory map:\n");
    for (const struct board_region *r = b->regions; r->name; r++)
        con_printf("  0x%08lx  %8lu KiB  %s\n", (unsigned long)r->start,
                   (unsigned long)(r->size >> 10), r->name);
    con_printf("heap    %lu bytes at %p\n", (unsigned long)b->heap_size, b->heap_start);
    con_printf("uptime  %lu ms\n", (unsigned long)board_ticks_ms());
}

/* Parse a decimal number in [0, max]; returns -1 when `text` is not one. */
static long parse_number(const char *text, long max)
{
    char *end;
    while (*text == ' ')
        text++;
    if (*text < '0' || *text > '9')
        return -1;
    long value = strtol(text, &end, 10);
    while (*end == ' ')
        end++;
    return (*end != '\0' || value > max) ? -1 : value;
}

static void cmd_exit(const char *args)
{
    long status = *args ? parse_number(args, 255) : 0;
    if (status < 0) {
        con_puts("exit: expected a status from 0 to 255\n");
        return;
    }
    board_exit((int)status);
}

static void cmd_fault(const char *args)
{
    (void)args;
    board_fault_bad_access();
    con_puts("fault: the bad access did not fault\n");
}

static void cmd_overflow(const char *args)
{
    (void)args;
    board_fault_stack_overflow();
}

static void cmd_mem(const char *args)
{
    if (strcmp(args, "map") == 0) {
        mm_map(con_write_cb, NULL, 0);
    } else if (strcmp(args, "check") == 0) {
        con_printf("mm_check: %s\n", mm_check() == 0 ? "ok" : mm_check_message());
    } else if (*args == '\0') {
        mm_report(con_write_cb, NULL);
    } else {
        con_puts("mem: expected nothing, 'map' or 'check'\n");
    }
}

static void cmd_gc(const char *args)
{
    (void)args;
    obj_ssize_t found = gc_collect(GC_NUM_GENERATIONS - 1);
    long counts[GC_NUM_GENERATIONS];
    gc_get_count(counts);
    con_printf("gc: %ld unreachable objects found; counts %ld %ld %ld\n", (long)found, counts[0],
               counts[1], counts[2]);
}

/* CRC-32 (IEEE 802.3, reflected), bit by bit: no table in RAM or flash. */
static uint32_t crc32_update(uint32_t crc, unsigned char byte)
{
    crc ^= byte;
    for (int bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    return crc;
}

static void cmd_crc(const char *args)
{
    long n = parse_number(args, 1L << 24);
    if (n < 0) {
        con_puts("crc: expected a byte count (then send that many raw bytes)\n");
        return;
    }
    uint32_t crc = 0xFFFFFFFFu;
    unsigned char chunk[64];
    for (long left = n; left > 0;) {
        size_t take = left < (long)sizeof chunk ? (size_t)left : sizeof chunk;
        if (con_read_raw(chunk, take) < 0)
            return; /* abandoned with Ctrl-C */
        for (size_t i = 0; i < take; i++)
            crc = crc32_update(crc, chunk[i]);
        left -= (long)take;
    }
    con_printf("crc32 %08lx over %ld bytes\n", (unsigned long)(crc ^ 0xFFFFFFFFu), n);
}

static const struct command commands[] = {
    {"help", "list the commands", cmd_help},
    {"info", "board, core, clock, memory map and heap region", cmd_info},
    {"exit", "exit N: end the emulator with status N (with no debugger: reset)", cmd_exit},
    {"mem", "heap report; 'mem map': map of the region; 'mem check': invariants", cmd_mem},
    {"gc", "run a full cycle collection", cmd_gc},
    {"crc", "crc N: read N raw bytes and print their CRC-32 (serial line test)", cmd_crc},
    {"fault", "make a deliberate bad memory access (fault reporter test)", cmd_fault},
    {"overflow", "recurse until the stack guard faults (stack guard test)", cmd_overflow},
    {0, 0, 0},
};

static void commands_evaluate(const char *line)
{
    while (*line == ' ')
        line++;
    if (*line == '\0')
        return;
    size_t word = strcspn(line, " ");
    for (const struct command *c = commands; c->name; c++) {
        if (strlen(c->name) == word && memcmp(c->name, line, word) == 0) {
            c->run(line + word + (line[word] == ' '));
            return;
        }
    }
    con_printf("unknown command '%.*s' (try help)\n", (int)word, line);
}

/* ---- the loop ------------------------------------------------------------ */

/* Tear the previous session down (soft reset): stop the collector, drop
 * everything the object runtime owns, and check that the heap is empty and
 * consistent before it is forgotten. */
static void heap_stop(void)
{
    gc_collect(GC_NUM_GENERATIONS - 1);
    gc_fini();
    obj_runtime_fini();
    if (mm_check() != 0)
        con_printf("soft reboot: the heap was corrupt: %s\n", mm_check_message());
    else if (!mm_is_empty())
        con_puts("soft reboot: objects were still live; the heap is reset anyway\n");
}

/* Start the heap, the object runtime and the collector. */
static void heap_start(void)
{
    const struct board_info *b = board_info();
    if (mm_init(b->heap_start, b->heap_size) != 0)
        board_panic("mm_init: the heap region is too small");
    obj_runtime_init();
    gc_init();
}

static void banner(void)
{
    const struct board_info *b = board_info();
    con_printf("%s %s on %s (%s), heap %lu KiB\n", PYR_NAME, PYR_VERSION, b->name, b->core,
               (unsigned long)(b->heap_size >> 10));
    con_puts("Type \"help\" for commands.\n");
}

_Noreturn void kernel_main(void)
{
    for (;;) {
        kernel.boots++;
        kernel.evaluate = commands_evaluate;
        if (kernel.boots > 1) {
            heap_stop();
            con_puts("soft reboot\n");
        }
        heap_start();
        banner();
        for (;;) {
            const char *line;
            enum con_read_result got = con_readline(">>> ", &line);
            if (got == CON_SOFT_RESET)
                break;
            if (got == CON_LINE)
                kernel.evaluate(line);
            gc_collect_pending(); /* the safe point: no C code holds references here */
        }
    }
}
