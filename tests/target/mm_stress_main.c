/* Target image: mm's randomized stress run (tests/common/mm_stress.c) on the
 * board's own heap, with mm_check() after every operation, built with the
 * debug checks on. The region is capped at 4 MiB so the run stays short on the
 * PSRAM boards; the 64 KiB boards use whatever heap the image leaves.
 * Prints `MM-STRESS PASS`, or `MM-STRESS FAIL <reason>`, and exits 0 or 1.
 */
#include <stdio.h>
#include <string.h>

#include "kernel/board.h"
#include "mm/mm.h"
#include "tests/common/mm_stress.h"

#define OPS        20000ul
#define REGION_CAP ((size_t)4 << 20)
#define SEED       0x5EED1234u

static char last[200];

static void put(const char *text)
{
    board_write(text, strlen(text));
}

static void log_line(const char *line)
{
    snprintf(last, sizeof last, "%s", line);
    put(line);
    put("\r\n");
}

static void on_panic(const char *message)
{
    put("MM-STRESS FAIL panic: ");
    put(message);
    put("\r\n");
    board_exit(1);
}

_Noreturn void kernel_main(void)
{
    const struct board_info *b = board_info();
    size_t size = b->heap_size < REGION_CAP ? b->heap_size : REGION_CAP;
    char line[160];
    snprintf(line, sizeof line,
             "mm stress on %s: %lu-byte region at 0x%lx, %lu operations, mm_check after each\r\n",
             b->name, (unsigned long)size, (unsigned long)(uintptr_t)b->heap_start, OPS);
    put(line);
    mm_set_panic_handler(on_panic);
    int failed = mm_stress_run(b->heap_start, size, SEED, OPS, 1, log_line);
    if (failed) {
        put("MM-STRESS FAIL ");
        put(last);
        put("\r\n");
    } else {
        put("MM-STRESS PASS\r\n");
    }
    board_exit(failed ? 1 : 0);
}
