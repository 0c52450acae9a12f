/* Host runner for the portable object test suites (tests/objects/): every
 * suite runs as a cmocka group, every test checked for leaks afterwards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mm/mm.h"
#include "objects/object.h"
#include "tests/common/unit.h"
#include "tests/common/unit_runner.h"

#define HEAP_SIZE (16u << 20)
static _Alignas(4096) unsigned char heap[HEAP_SIZE];

_Noreturn void unit_fail(const char *file, int line, const char *format, ...)
{
    char text[512];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    print_error("%s\n", text);
    _fail(file, line);
    abort(); /* _fail does not return while a test runs */
}

void unit_log(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
}

/* The object layer's stack check (config/port.h): the tests run as a board
 * whose stack is the 256 KiB below main's frame. */
static uintptr_t stack_limit;
uintptr_t board_stack_limit(void)
{
    return stack_limit;
}

unsigned unit_scale(void)
{
    return 1;
}

const char *unit_data(const char *name, size_t *len)
{
    static struct {
        char name[64];
        char *data;
        size_t len;
    } cache[8];
    for (size_t i = 0; i < 8; i++) {
        if (cache[i].data && strcmp(cache[i].name, name) == 0) {
            *len = cache[i].len;
            return cache[i].data;
        }
        if (cache[i].data == NULL) {
            char path[128];
            snprintf(path, sizeof path, "tests/data/%s", name);
            FILE *f = fopen(path, "rb");
            if (f == NULL)
                return NULL;
            fseek(f, 0, SEEK_END);
            long n = ftell(f);
            fseek(f, 0, SEEK_SET);
            cache[i].data = malloc((size_t)n + 1); /* the test harness, not the runtime */
            cache[i].len = fread(cache[i].data, 1, (size_t)n, f);
            cache[i].data[cache[i].len] = '\0';
            fclose(f);
            snprintf(cache[i].name, sizeof cache[i].name, "%s", name);
            *len = cache[i].len;
            return cache[i].data;
        }
    }
    return NULL;
}

static void run_one(void **state)
{
    const struct unit_test *t = *state;
    t->fn();
}

static int setup(void **state)
{
    (void)state;
    unit_heap_baseline();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unit_fail_alloc_after(-1);
    char why[512];
    if (unit_heap_check(why, sizeof why) == 0)
        return 0;
    print_error("after the test: %s\n", why);
    return -1;
}

int main(void)
{
    stack_limit = (uintptr_t)__builtin_frame_address(0) - (256u << 10);
    mm_init(heap, HEAP_SIZE);
    obj_runtime_init();
    int failed = 0;
    for (const struct unit_suite *const *s = __start_unit_suites; s < __stop_unit_suites; s++) {
        const struct unit_test *tests = (*s)->tests;
        size_t n = 0;
        while (tests[n].name)
            n++;
        struct CMUnitTest *group = calloc(n, sizeof *group);
        for (size_t i = 0; i < n; i++)
            group[i] =
                (struct CMUnitTest){tests[i].name, run_one, setup, teardown, (void *)&tests[i]};
        failed += _cmocka_run_group_tests((*s)->name, group, n, NULL, NULL);
        free(group);
    }
    return failed ? 1 : 0;
}
