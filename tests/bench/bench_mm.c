/* Benchmark image for mm (make bench-mm): exact instructions per call, counted
 * by the icount plugin at each entry of bench_mark() (see bench.h and
 * tools/bench_mm.py). The workload is the one the reference allocators in
 * tools/bench_mm.py were measured on:
 *
 *   mm_init on a 192 KiB slice of the board's heap;
 *   4000 random operations, alloc or free, 16..512 bytes, at most 256 live
 *   blocks (xorshift32, fixed seed); then 2000 blocks of 16 bytes, every
 *   other one freed, and one more allocation.
 *
 * It runs twice. Pass 1 calls mm_alloc / mm_free: with the default 512-byte
 * threshold every request is small (pools); any above the board's threshold
 * would be recorded as alloc_large. Pass 2 replays the same sequence through
 * mm_large_alloc / mm_large_free, so layer 1 (the TLSF allocator) is measured
 * on the same workload. Kinds printed, in order of the calls:
 *
 *   calib                 32 empty pairs (the reporter subtracts the cheapest)
 *   alloc_small free_small alloc_large free_large
 *   alloc_holes free_holes alloc_after_holes                      (pass 1)
 *   alloc_holes_large free_holes_large alloc_after_holes_large    (pass 2)
 *
 * then `BYTES <requested> <consumed>` (pass 1, at the moment the live
 * requested bytes peak: requested = the bytes the live blocks were asked for,
 * consumed = mm_consumed(), i.e. everything mm holds away from other uses at
 * that moment: the layer-1 bytes of arenas (all their pools, used, spare or
 * untouched) and blocks including headers, plus mm's fixed overhead) and `END`.
 * Nothing is printed between marks; records are kept in a static array.
 *
 * What lies between the two marks of a pair is the call itself: the function
 * is chosen before the first mark and called through a pointer (the timed
 * helpers are noipa, so the compiler cannot turn the pointer back into a
 * branch), which costs the argument move, the blx and the move of the result
 * (2 or 3 instructions); the empty pair's cost is subtracted by the reporter.
 */
#include <stdint.h>

#include "kernel/board.h"
#include "mm/mm.h"
#include "tests/bench/bench.h"

#define SLICE    ((size_t)192 << 10)
#define OPS      4000
#define MAX_LIVE 256
#define HOLES    2000
#define CALIB    32
#define SEED     0x2545F491u

enum kind {
    CALIB_PAIR,
    ALLOC_SMALL,
    FREE_SMALL,
    ALLOC_LARGE,
    FREE_LARGE,
    ALLOC_HOLES,
    FREE_HOLES,
    ALLOC_AFTER_HOLES,
    ALLOC_HOLES_LARGE,
    FREE_HOLES_LARGE,
    ALLOC_AFTER_HOLES_LARGE,
};
static const char *const kind_name[] = {
    "calib",
    "alloc_small",
    "free_small",
    "alloc_large",
    "free_large",
    "alloc_holes",
    "free_holes",
    "alloc_after_holes",
    "alloc_holes_large",
    "free_holes_large",
    "alloc_after_holes_large",
};

/* One record per measured pair: kind in the top 4 bits, size in the low 12. */
#define MAX_RECORDS (CALIB + 2 * (OPS + HOLES + HOLES / 2 + 1))
static struct {
    uint16_t records[MAX_RECORDS];
    unsigned nrecords;
    uint32_t rng;
    void *live[MAX_LIVE];
    uint16_t live_size[MAX_LIVE];
    void *holes[HOLES];
    size_t requested, peak_requested, consumed_at_peak, pools_at_peak, arenas_at_peak;
    unsigned long steals, trims, large_small;
    unsigned nulls;
} bm;

static void record(enum kind k, size_t size)
{
    bm.records[bm.nrecords++] = (uint16_t)((unsigned)k << 12 | (size & 0xFFFu));
}

static uint32_t rnd(void)
{
    uint32_t x = bm.rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return bm.rng = x;
}

/* Measured calls. large: pass 2 (layer 1 forced). The function is chosen
 * before the first mark and called through a pointer the compiler cannot see
 * through (noipa), so that what lies between the marks is the call itself:
 * the argument move, the blx, the callee, and the move of its result. */
typedef void *(*alloc_fn)(size_t);
typedef void (*free_fn)(void *);

static __attribute__((noipa)) void *timed_alloc_with(alloc_fn fn, size_t n, enum kind k)
{
    void *p;
    bench_mark();
    p = fn(n);
    bench_mark();
    record(k, n);
    bm.nulls += p == NULL;
    return p;
}

static __attribute__((noipa)) void timed_free_with(free_fn fn, void *p, size_t n, enum kind k)
{
    bench_mark();
    fn(p);
    bench_mark();
    record(k, n);
}

static void *timed_alloc(size_t n, int large, enum kind k)
{
    return timed_alloc_with(large ? mm_large_alloc : mm_alloc, n, k);
}

static void timed_free(void *p, size_t n, int large, enum kind k)
{
    timed_free_with(large ? mm_large_free : mm_free, p, n, k);
}

static void run_pass(int large)
{
    mm_init(board_info()->heap_start, SLICE);
    bm.rng = SEED;
    unsigned nlive = 0;
    bm.requested = 0;
    for (unsigned op = 0; op < OPS; op++) {
        if (nlive == 0 || (nlive < MAX_LIVE && (rnd() & 1))) {
            size_t n = 16 + rnd() % 497;
            int small = !large && n <= MM_SMALL_THRESHOLD;
            void *p = timed_alloc(n, large, small ? ALLOC_SMALL : ALLOC_LARGE);
            if (p == NULL)
                continue;
            bm.live[nlive] = p;
            bm.live_size[nlive++] = (uint16_t)n;
            bm.requested += n;
            if (!large && bm.requested > bm.peak_requested) {
                bm.peak_requested = bm.requested;
                bm.consumed_at_peak = mm_consumed();
                struct mm_stats st; /* O(heap), outside the marks */
                mm_get_stats(&st);
                bm.pools_at_peak = st.pools_used + st.pools_full;
                bm.arenas_at_peak = st.arenas;
            }
        } else {
            unsigned i = rnd() % nlive;
            size_t n = bm.live_size[i];
            int small = !large && n <= MM_SMALL_THRESHOLD;
            timed_free(bm.live[i], n, large, small ? FREE_SMALL : FREE_LARGE);
            bm.requested -= n;
            bm.live[i] = bm.live[--nlive];
            bm.live_size[i] = bm.live_size[nlive];
        }
    }
    if (!large) {
        struct mm_stats st; /* not measured */
        mm_get_stats(&st);
        bm.steals = st.steals;
        bm.trims = st.trims;
        bm.large_small = st.large_small;
    }
    while (nlive > 0) /* not measured */
        mm_free(bm.live[--nlive]);

    for (unsigned i = 0; i < HOLES; i++)
        bm.holes[i] = timed_alloc(16, large, large ? ALLOC_HOLES_LARGE : ALLOC_HOLES);
    for (unsigned i = 0; i < HOLES; i += 2)
        timed_free(bm.holes[i], 16, large, large ? FREE_HOLES_LARGE : FREE_HOLES);
    void *last = timed_alloc(16, large, large ? ALLOC_AFTER_HOLES_LARGE : ALLOC_AFTER_HOLES);
    mm_free(last);
    for (unsigned i = 1; i < HOLES; i += 2)
        mm_free(bm.holes[i]);
}

_Noreturn void kernel_main(void)
{
    bench_start();
    const struct board_info *b = board_info();
    if (b->heap_size < SLICE) {
        bench_printf("# bench_mm needs a %lu-byte heap, %s has %lu\r\nEND\r\n",
                     (unsigned long)SLICE, b->name, (unsigned long)b->heap_size);
        board_exit(1);
    }
    for (unsigned i = 0; i < CALIB; i++) {
        bench_mark();
        bench_mark();
        record(CALIB_PAIR, 0);
    }
    run_pass(0);
    int empty_after_pass1 = mm_is_empty();
    run_pass(1);
    int empty_after_pass2 = mm_is_empty();

    bench_printf("# mm bench on %s: %lu-byte slice, threshold %d, pools %d, arenas %d\r\n", b->name,
                 (unsigned long)SLICE, MM_SMALL_THRESHOLD, MM_POOL_SIZE, MM_ARENA_SIZE);
    for (unsigned i = 0; i < bm.nrecords; i++)
        bench_printf("M %s %u\r\n", kind_name[bm.records[i] >> 12], bm.records[i] & 0xFFFu);
    bench_printf("BYTES %lu %lu\r\n", (unsigned long)bm.peak_requested,
                 (unsigned long)bm.consumed_at_peak);
    bench_printf("# at that peak: %lu pools in use in %lu arenas of %d bytes\r\n",
                 (unsigned long)bm.pools_at_peak, (unsigned long)bm.arenas_at_peak, MM_ARENA_SIZE);
    bench_printf("# pass 1, after the random operations: %lu spare pools stolen, %lu given back, "
                 "%lu small blocks from layer 1 live\r\n",
                 bm.steals, bm.trims, (unsigned long)bm.large_small);
    if (bm.nulls != 0 || !empty_after_pass1 || !empty_after_pass2)
        bench_printf("# warning: %u NULL results; heap empty after the passes: %d %d\r\n", bm.nulls,
                     empty_after_pass1, empty_after_pass2);
    bench_printf("END\r\n");
    board_exit(0);
}
