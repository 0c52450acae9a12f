/* Target runner for the portable object test suites: the same tests as the
 * host's cmocka runner, over the serial line in QEMU. Prints one line per test
 * and `UNIT <passed> passed, <failed> failed`, then exits 0 only if all passed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/board.h"
#include "mm/mm.h"
#include "objects/object.h"
#include "tests/common/unit.h"
#include "tests/common/unit_runner.h"

static struct {
    jmp_buf escape;
    char message[256];
} runner;

void unit_log(const char *format, ...)
{
    char text[256];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(text, sizeof text, format, args);
    va_end(args);
    board_write(text, n < (int)sizeof text ? (size_t)n : sizeof text - 1);
}

_Noreturn void unit_fail(const char *file, int line, const char *format, ...)
{
    int n = snprintf(runner.message, sizeof runner.message, "%s:%d: ", file, line);
    va_list args;
    va_start(args, format);
    vsnprintf(runner.message + n, sizeof runner.message - (size_t)n, format, args);
    va_end(args);
    longjmp(runner.escape, 1);
}

unsigned unit_scale(void)
{
    return 1;
}

/* Test data embedded by tests/target/unit_data.S. */
struct unit_blob {
    const char *name;
    const char *start, *end;
};
extern const struct unit_blob unit_blobs[];

const char *unit_data(const char *name, size_t *len)
{
    for (const struct unit_blob *b = unit_blobs; b->name; b++) {
        if (strcmp(b->name, name) == 0) {
            *len = (size_t)(b->end - b->start);
            return b->start;
        }
    }
    return NULL;
}

/* 1 if the test ran to its end, 0 if a check failed (unit_fail longjmps here). */
static int run_test(const struct unit_test *t)
{
    if (setjmp(runner.escape) != 0)
        return 0;
    t->fn();
    return 1;
}

_Noreturn void kernel_main(void)
{
    const struct board_info *b = board_info();
    mm_init(b->heap_start, b->heap_size);
    obj_runtime_init();
    unsigned passed = 0, failed = 0;
    for (const struct unit_suite *const *s = __start_unit_suites; s < __stop_unit_suites; s++) {
        for (const struct unit_test *t = (*s)->tests; t->name; t++) {
            unit_heap_baseline();
            int ok = run_test(t);
            unit_fail_alloc_after(-1);
            if (ok && unit_heap_check(runner.message, sizeof runner.message) < 0)
                ok = 0;
            if (ok) {
                passed++;
                unit_log("PASS %s.%s\r\n", (*s)->name, t->name);
            } else {
                failed++;
                unit_log("FAIL %s.%s: %s\r\n", (*s)->name, t->name, runner.message);
            }
        }
    }
    unit_log("UNIT %u passed, %u failed\r\n", passed, failed);
    board_exit(failed ? 1 : 0);
}
