/* Benchmark image for the cycle collector (make bench-gc): exact instructions
 * per collection, counted by the icount plugin at each entry of bench_mark()
 * (see bench.h and tools/bench_gc.py). Measured, each call between two marks:
 *
 *   young <old KiB>  gc_collect(0) of 700 young lists while 0, 100 KiB or
 *                    1 MiB of long-lived containers (lists of small lists)
 *                    sit in generation 2. Every young list holds a long-lived
 *                    container and is held by a long-lived list (references
 *                    both ways across the generations): all 700 survive, so
 *                    this is the collector's own work. 8 rounds each.
 *   mixed <old KiB>  the same with 350 such survivors and 350 garbage lists in
 *                    175 two-list cycles: the collection also frees them
 *                    (clear slots, then deallocation through refcounting).
 *   full <KiB>       gc_collect(2) with a list of small lists ([i, i]) of
 *                    100, 300, 600 and 900 KiB of heap live (the workload
 *                    MicroPython's figures in tools/bench_gc.py were
 *                    measured on), all reachable: the cost per container.
 *   track / untrack  obj_gc_track / obj_gc_untrack of a list (the link and
 *                    unlink every container pays at birth and death);
 *   alloc / free     obj_list_new(0) / its obj_decref, for scale.
 *
 * Output, after all measuring: one `M <kind> <detail>` line per pair in
 * order, `S <kind> <detail> <key>=<value>...` lines describing a workload,
 * then END. Nothing is printed between marks.
 */
#include <stdint.h>

#include "gc/gc.h"
#include "kernel/board.h"
#include "mm/mm.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object.h"
#include "tests/bench/bench.h"

#define CALIB  32
#define YOUNG  700
#define ROUNDS 8
#define SIMPLE 64 /* track, untrack, alloc, free */

enum kind { CALIB_PAIR, YOUNG_GC, MIXED_GC, FULL_GC, TRACK, UNTRACK, ALLOC, FREE };
static const char *const kind_name[] = {"calib", "young",   "mixed", "full",
                                        "track", "untrack", "alloc", "free"};

#define MAX_RECORDS (CALIB + 6 * ROUNDS + 4 + 4 * SIMPLE)
static struct {
    uint8_t kind[MAX_RECORDS];
    uint16_t detail[MAX_RECORDS];
    unsigned nrecords;
    struct {
        uint16_t kib;
        long containers, bytes, found;
    } young[6], full[4];
} bm;

static void record(enum kind k, unsigned detail)
{
    bm.kind[bm.nrecords] = (uint8_t)k;
    bm.detail[bm.nrecords++] = (uint16_t)detail;
}

static obj_t *must(obj_t *o)
{
    if (o == NULL) {
        bench_printf("FAIL: out of memory\n");
        board_exit(1);
    }
    return o;
}

static void append(obj_t *l, obj_t *x)
{
    if (obj_list_append(l, x) < 0)
        must(NULL);
}

static long bytes_in_use(void)
{
    struct mm_stats st;
    mm_get_stats(&st);
    return (long)st.bytes_in_use;
}

/* A list of small lists [i, i] taking about kib KiB of heap; *containers
 * counts the lists made. New reference. */
static obj_t *small_lists(long kib, long *containers, long *bytes)
{
    long start = bytes_in_use();
    obj_t *outer = must(obj_list_new(0));
    *containers = 1;
    while (bytes_in_use() - start < kib * 1024) {
        for (int k = 0; k < 32; k++) {
            obj_t *i = must(obj_int_from_ssize(*containers & 255));
            obj_t *pair = must(obj_list_new(2));
            obj_list_set_new(pair, 0, obj_newref(i));
            obj_list_set_new(pair, 1, i);
            append(outer, pair);
            obj_decref(pair);
            ++*containers;
        }
    }
    *bytes = bytes_in_use() - start;
    return outer;
}

/* slot 0..2: all survive; 3..5: half garbage. */
static void bench_young(int slot, unsigned kib)
{
    int garbage = slot >= 3;
    long containers = 0, bytes = 0;
    obj_t *old = kib ? small_lists(kib, &containers, &bytes) : must(obj_list_new(0));
    obj_t *holder = must(obj_list_new(0));
    gc_collect(2); /* everything so far is long-lived: generation 2 */
    long found = 0;
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < YOUNG / 4; i++) {
            /* two survivors, and two more or a garbage 2-cycle */
            for (int s = 0; s < (garbage ? 2 : 4); s++) {
                obj_t *l = must(obj_list_new(0));
                size_t n = obj_list_size(old);
                append(l, n ? obj_list_get(old, (size_t)(i * 7 + s) % n) : old);
                append(holder, l);
                obj_decref(l);
            }
            if (garbage) {
                obj_t *a = must(obj_list_new(0)), *b = must(obj_list_new(0));
                append(a, b);
                append(b, a);
                obj_decref(a);
                obj_decref(b);
            }
        }
        bench_mark();
        obj_ssize_t n = gc_collect(0);
        bench_mark();
        record(garbage ? MIXED_GC : YOUNG_GC, kib);
        found = (long)n;
        obj_t *none = must(obj_call_method(holder, "clear", NULL, 0));
        obj_decref(none);
    }
    bm.young[slot].kib = (uint16_t)kib;
    bm.young[slot].containers = containers + 2; /* old and holder */
    bm.young[slot].bytes = bytes;
    bm.young[slot].found = found;
    obj_decref(holder);
    obj_decref(old);
    gc_collect(2);
}

static void bench_full(int slot, unsigned kib)
{
    long containers, bytes;
    obj_t *data = small_lists(kib, &containers, &bytes);
    gc_collect(2);
    bench_mark();
    obj_ssize_t found = gc_collect(2);
    bench_mark();
    record(FULL_GC, kib);
    bm.full[slot].kib = (uint16_t)kib;
    bm.full[slot].containers = containers;
    bm.full[slot].bytes = bytes;
    bm.full[slot].found = (long)found;
    obj_decref(data);
}

static void bench_tracking(void)
{
    obj_t *l = must(obj_list_new(0));
    for (int i = 0; i < SIMPLE; i++) {
        bench_mark();
        obj_gc_untrack(l);
        bench_mark();
        record(UNTRACK, 0);
        bench_mark();
        obj_gc_track(l);
        bench_mark();
        record(TRACK, 0);
    }
    obj_decref(l);
    for (int i = 0; i < SIMPLE; i++) {
        bench_mark();
        obj_t *x = obj_list_new(0);
        bench_mark();
        record(ALLOC, 0);
        must(x);
        bench_mark();
        obj_decref(x);
        bench_mark();
        record(FREE, 0);
    }
}

_Noreturn void kernel_main(void)
{
    bench_start();
    const struct board_info *b = board_info();
    mm_init(b->heap_start, b->heap_size);
    obj_runtime_init();
    gc_init();
    gc_disable(); /* only the measured collections run */
    for (int i = 0; i < CALIB; i++) {
        bench_mark();
        bench_mark();
        record(CALIB_PAIR, 0);
    }
    static const unsigned young_kib[3] = {0, 100, 1024}, full_kib[4] = {100, 300, 600, 900};
    for (int i = 0; i < 6; i++)
        bench_young(i, young_kib[i % 3]);
    for (int i = 0; i < 4; i++)
        bench_full(i, full_kib[i]);
    bench_tracking();

    for (unsigned i = 0; i < bm.nrecords; i++)
        bench_printf("M %s %u\n", kind_name[bm.kind[i]], bm.detail[i]);
    for (int i = 0; i < 6; i++)
        bench_printf("S %s %u old_containers=%ld old_bytes=%ld young=%d found=%ld\n",
                     i < 3 ? "young" : "mixed", bm.young[i].kib, bm.young[i].containers,
                     bm.young[i].bytes, YOUNG, bm.young[i].found);
    for (int i = 0; i < 4; i++)
        bench_printf("S full %u containers=%ld bytes=%ld found=%ld\n", bm.full[i].kib,
                     bm.full[i].containers, bm.full[i].bytes, bm.full[i].found);
    bench_printf("END\n");
    board_exit(0);
}
