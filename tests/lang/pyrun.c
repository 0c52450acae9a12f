/* A host driver for the language: `pyrun FILE` runs a Python file as
 * CPython's `python3 - < FILE` would (the file name reads "<stdin>"), output
 * on stdout. `--single` runs each line as one REPL input instead (echoing
 * expression values); `--peak` reports the compile scratch peak. Exit status 0, 1 on an uncaught
 * exception, or SystemExit's code. At the end the heap must be back to empty: a leak is reported
 * and fails.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/port.h"
#include "gc/gc.h"
#include "lang/lang.h"
#include "mm/mm.h"
#include "objects/object.h"

static unsigned char heap[4u << 20] __attribute__((aligned(16)));

uint32_t board_ticks_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

int board_take_interrupt(void)
{
    return 0;
}

/* The object layer's stack check: pyrun runs as a board whose stack is the
 * 1 MiB below main's frame (the process has 8 MiB). */
static uintptr_t stack_limit;
uintptr_t board_stack_limit(void)
{
    return stack_limit;
}

static int quiet;

static void out(const char *bytes, size_t n)
{
    if (!quiet)
        fwrite(bytes, 1, n, stdout);
}

/* Start everything on an empty heap; 0 on success. */
static int start(void)
{
    if (mm_init(heap, sizeof heap) != 0 || obj_runtime_init() != 0)
        return -1;
    gc_init();
    return lang_init(out);
}

/* Stop everything; the number of objects still alive (0: no leak). */
static size_t stop(void)
{
    lang_teardown();
    gc_fini();
    obj_runtime_fini();
    struct obj_stats st;
    obj_get_stats(&st);
    return st.live_objects;
}

/* --oom N [FIRST]: run the script N times, the k-th run with the k-th allocation
 * after start-up failing; every run must end (MemoryError or not) with the
 * heap empty. */
static int oom_runs(const char *src, size_t n, long first, long runs)
{
    quiet = first == 0; /* a run picked out (FIRST given) shows its output */
    long failed = 0;
    for (long k = first; k < first + runs; k++) {
        if (start() != 0)
            return 3;
        obj_debug_fail_alloc_after(k);
        int code = 0;
        failed += lang_exec(src, n, "<stdin>", LANG_MODE_FILE, &code) != LANG_OK;
        obj_debug_fail_alloc_after(-1);
        size_t live = stop();
        if (live) {
            fprintf(stderr, "pyrun: allocation %ld failing leaked %zu objects\n", k, live);
            return 4;
        }
    }
    printf("pyrun: %ld runs with a failing allocation (%ld raised), no leak\n", runs, failed);
    return 0;
}

int main(int argc, char **argv)
{
    stack_limit = (uintptr_t)__builtin_frame_address(0) - (1u << 20);
    if (argc < 2) {
        fprintf(stderr, "usage: pyrun FILE [--peak | --single | --oom RUNS [FIRST]]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    static char src[1u << 20];
    size_t n = fread(src, 1, sizeof src - 1, f);
    fclose(f);
    src[n] = 0;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 3 && strcmp(argv[2], "--oom") == 0)
        return oom_runs(src, n, argc > 4 ? atol(argv[4]) : 0, atol(argv[3]));
    if (start() != 0)
        return 3;
    int code = 0, r = LANG_OK;
    if (argc > 2 && strcmp(argv[2], "--single") == 0) {
        for (char *line = src; *line && r != LANG_SYSTEM_EXIT;) {
            char *nl = strchr(line, '\n');
            size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);
            r = lang_exec(line, len, "<stdin>", LANG_MODE_SINGLE, &code);
            line += len;
        }
    } else {
        r = lang_exec(src, n, "<stdin>", LANG_MODE_FILE, &code);
    }
    fflush(stdout);
    if (argc > 2 && strcmp(argv[2], "--peak") == 0)
        fprintf(stderr, "compile peak scratch: %zu bytes\n", lang_last_compile_peak());
    size_t live = stop();
    if (live != 0) {
        fprintf(stderr, "pyrun: %zu objects leaked\n", live);
        return 4;
    }
    return r == LANG_OK ? 0 : r == LANG_SYSTEM_EXIT ? code : 1;
}
