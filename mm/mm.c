/* Layer 0 and mm's housekeeping: the state, mm_init (carving the region into
 * the chunk map and the layer-1 heap), the panic path, fault injection, and
 * statistics.
 *
 * Region layout after mm_init:
 *
 *   region                                                           region + size
 *   |pad|chunk map: 1 byte per pool-sized chunk|pad|layer-1 heap ... |sentinel|pad|
 *
 * Counters that the fast paths would have to update (blocks in use, frees) are
 * derived here by walking the heap instead; with MM_FAULT_INJECTION the fast
 * paths decrement the fault-injection countdown, which doubles as the
 * allocation counter, and without it they count nothing.
 */
#define MM_INTERNAL
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mm/mm_internal.h"

struct mm_state mm_st;

enum { FAULT_NONE, FAULT_NTH, FAULT_FROM };

/* ---- layer 0 ------------------------------------------------------------- */

int mm_init(void *region, size_t size)
{
    mm_panic_fn panic = mm_st.panic;
    memset(&mm_st, 0, sizeof mm_st);
    mm_st.panic = panic;
    mm_st.countdown = mm_st.period = UINT32_MAX;
    mm_st.region = (uintptr_t)region;
    mm_st.region_size = size;
    mm_st.overhead = size;
    mm_st.nopool.szidx = MM_NCLASSES;
    mm_st.nopool.nextoffset = MM_POOL_FULL;
    mm_st.top = &mm_st.floor; /* until there is a heap: a top of size 0 serves nothing */
    mm_st.top_slack = MM_MIN_BLOCK;
    for (unsigned c = 0; c < MM_NCLASSES; c++)
        mm_st.usedpools[c] = &mm_st.nopool;
    if (size > (size_t)1 << MM_REGION_MAX_LOG2)
        size = (size_t)1 << MM_REGION_MAX_LOG2;
    uintptr_t start = ((uintptr_t)region + 7u) & ~(uintptr_t)7u;
    uintptr_t end = ((uintptr_t)region + size) & ~(uintptr_t)7u;
    if (region == NULL || end <= start)
        return -1;
    uintptr_t origin = start & ~MM_POOL_MASK;
    size_t nchunks = (size_t)((end - origin + MM_POOL_MASK) >> MM_POOL_SHIFT);
    uintptr_t heap = (start + nchunks + 7u) & ~(uintptr_t)7u;
    if (heap >= end)
        return -1;
    mm_l1_init(heap, end, mm_pool_reclaim);
    if (mm_st.heap_first == NULL)
        return -1;
    mm_st.origin = origin;
    mm_st.nchunks = nchunks;
    mm_st.chunks = (uint8_t *)start;
    mm_st.chunkbase = start - (origin >> MM_POOL_SHIFT);
    memset(mm_st.chunks, MM_CHUNK_NONE, nchunks);
    /* Everything but the blocks between the first and the sentinel. */
    mm_st.overhead = mm_st.region_size - ((uintptr_t)mm_st.heap_end - heap);
    return 0;
}

/* ---- panics -------------------------------------------------------------- */

void mm_set_panic_handler(mm_panic_fn fn)
{
    mm_st.panic = fn;
}

_Noreturn void mm_panicf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vsnprintf(mm_st.message, sizeof mm_st.message, fmt, args);
    va_end(args);
    if (mm_st.panic != NULL)
        mm_st.panic(mm_st.message);
    /* The default handler, and the end of one that returned: abort() as a bare
     * board can run it (picolibc's abort needs _exit and kill, which no board
     * has). SIGILL on the host; a UsageFault, reported by the fault handler,
     * on a Cortex-M. */
    __builtin_trap();
}

/* ---- fault injection ----------------------------------------------------- */

/* Start a new countdown period of n allocations. */
static void reload(uint32_t n)
{
    mm_st.events_before += mm_st.period - mm_st.countdown;
    mm_st.countdown = mm_st.period = n;
}

static uint32_t clamp(unsigned long n)
{
    return n == 0 ? 1u : n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

unsigned long mm_event_count(void)
{
    return (unsigned long)(mm_st.events_before + (mm_st.period - mm_st.countdown));
}

int mm_alloc_event(void)
{
    switch (mm_st.fault_mode) {
    case FAULT_NTH:
        mm_st.fault_mode = FAULT_NONE;
        reload(UINT32_MAX);
        mm_st.ninjected++;
        return 1;
    case FAULT_FROM:
        reload(1);
        mm_st.ninjected++;
        return 1;
    default: reload(UINT32_MAX); return 0;
    }
}

void mm_note_failure(void)
{
    mm_st.nfail++;
}

void mm_fault_fail_nth(unsigned long n)
{
    reload(clamp(n));
    mm_st.fault_mode = FAULT_NTH;
}

void mm_fault_fail_from(unsigned long n)
{
    reload(clamp(n));
    mm_st.fault_mode = FAULT_FROM;
}

void mm_fault_cap(size_t cap)
{
    mm_st.cap = cap;
    mm_st.top_slack = cap != 0 ? SIZE_MAX / 2 : MM_MIN_BLOCK;
}

void mm_fault_clear(void)
{
    reload(UINT32_MAX);
    mm_st.fault_mode = FAULT_NONE;
    mm_fault_cap(0);
}

unsigned long mm_fault_count(void)
{
    return mm_st.ninjected;
}

/* ---- statistics ---------------------------------------------------------- */

size_t mm_consumed(void)
{
    return mm_st.used + mm_st.overhead;
}

int mm_is_empty(void)
{
    mm_trim();
    const struct mm_blk *b = mm_st.heap_first;
    return b != NULL && b == mm_st.top && mm_blk_next(b) == mm_st.heap_end && mm_st.used == 0 &&
           mm_st.arenas_created == mm_st.arenas_released && mm_st.usable_arenas == NULL;
}

/* Pool states from the chunk map and the headers. */
static void count_arena(const struct mm_arena *a, struct mm_stats *s, struct mm_arena_info *info)
{
    memset(info, 0, sizeof *info);
    info->address = mm_arena_pools(a);
    info->pools = MM_POOLS_PER_ARENA;
    for (unsigned i = 0; i < MM_POOLS_PER_ARENA; i++) {
        const struct mm_pool *pool = mm_arena_pool(a, i);
        if (i >= a->ncarved) {
            info->untouched++;
            continue;
        }
        uint8_t c = mm_st.chunks[mm_chunk_index((uintptr_t)pool)];
        if (c != MM_CHUNK_POOL) {
            info->empty++;
            continue;
        }
        unsigned cap = mm_pool_capacity(pool->szidx);
        size_t nused = pool->nused - (size_t)mm_is_keeper(pool);
        if (nused == 0) {
            info->spare++;
            if (s != NULL)
                s->classes[pool->szidx].spare++;
            continue;
        }
        if (mm_pool_is_full(pool))
            info->full++;
        else
            info->used++;
        info->blocks_in_use += nused;
        if (s != NULL) {
            struct mm_class_stats *cs = &s->classes[pool->szidx];
            cs->pools++;
            cs->blocks_in_use += nused;
            cs->blocks_free += cap - nused;
        }
    }
}

void mm_get_stats(struct mm_stats *s)
{
    memset(s, 0, sizeof *s);
    s->region_size = mm_st.region_size;
    s->overhead = mm_st.overhead;
    s->heap_size = mm_st.region_size - mm_st.overhead;
    s->consumed = mm_st.used + mm_st.overhead;
    /* The peaks are taken when the counts go down: the current counts may be higher. */
    s->peak_consumed = (mm_st.peak > mm_st.used ? mm_st.peak : mm_st.used) + mm_st.overhead;
    size_t arenas = mm_st.arenas_created - mm_st.arenas_released;
    s->arenas_peak = mm_st.arenas_peak > arenas ? mm_st.arenas_peak : arenas;
    s->arenas_created = mm_st.arenas_created;
    s->arenas_released = mm_st.arenas_released;
    s->steals = mm_st.nsteals;
    s->trims = mm_st.ntrims;
    for (const struct mm_blk *b = mm_st.heap_first; b != NULL && b != mm_st.heap_end;
         b = mm_blk_next(b)) {
        size_t payload = mm_blk_size(b) - MM_HDR;
        if (b->head & MM_BLK_FREE) {
            s->free_blocks++;
            s->free_bytes += payload;
            if (payload > s->largest_free)
                s->largest_free = payload;
        } else if (b->head & MM_BLK_ARENA) {
            struct mm_arena_info info;
            count_arena(mm_arena_of_blk(b), s, &info);
            s->arenas++;
            s->pools_untouched += info.untouched;
            s->pools_empty += info.empty;
            s->pools_used += info.used;
            s->pools_full += info.full;
            s->pools_spare += info.spare;
        } else {
            s->large_in_use++;
            s->large_bytes_in_use += mm_l1_usable(mm_blk_payload(b));
            if (b->head & MM_BLK_SMALL)
                s->large_small++;
        }
    }
    for (unsigned c = 0; c < MM_NCLASSES; c++) {
        const struct mm_class_stats *cs = &s->classes[c];
        s->small_blocks_in_use += cs->blocks_in_use;
        s->small_bytes_in_use += cs->blocks_in_use * mm_class_size(c);
        s->small_blocks_free += cs->blocks_free;
    }
    s->blocks_in_use = s->small_blocks_in_use + s->large_in_use;
    s->bytes_in_use = s->small_bytes_in_use + s->large_bytes_in_use;
    /* Every event is an alloc-type call or a realloc; alloc-type calls that
     * returned NULL are zero-byte requests plus failures not charged to realloc. */
    unsigned long calls = mm_event_count() - mm_st.nrealloc;
    unsigned long nulls = mm_st.nzero + mm_st.nfail + mm_st.ninjected - mm_st.nrealloc_fail;
    s->calls_counted = MM_FAULT_INJECTION;
    if (MM_FAULT_INJECTION) {
        s->allocs = calls - nulls + mm_st.nrealloc_moved;
        s->frees = s->allocs - (unsigned long)s->blocks_in_use;
    }
    s->reallocs = mm_st.nrealloc;
    s->failures = mm_st.nfail + mm_st.ninjected;
}

size_t mm_arena_info(struct mm_arena_info *out, size_t max)
{
    size_t n = 0;
    for (const struct mm_blk *b = mm_st.heap_first; b != NULL && b != mm_st.heap_end;
         b = mm_blk_next(b)) {
        if ((b->head & (MM_BLK_FREE | MM_BLK_ARENA)) != MM_BLK_ARENA)
            continue;
        if (n < max)
            count_arena(mm_arena_of_blk(b), NULL, &out[n]);
        n++;
    }
    return n;
}
