/* Human-readable views of the heap: mm_report (a table in the spirit of
 * CPython's sys._debugmallocstats()) and mm_map (an ASCII map of the region).
 * Both walk the heap (O(heap)), format each piece with snprintf into a stack
 * buffer and hand it to the caller's write function: nothing is allocated.
 */
#define MM_INTERNAL
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mm/mm_internal.h"

static void emit(mm_write_fn fn, void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void emit(mm_write_fn fn, void *ctx, const char *fmt, ...)
{
    char line[160];
    va_list args;
    va_start(args, fmt);
    vsnprintf(line, sizeof line, fmt, args);
    va_end(args);
    fn(ctx, line);
}

#define UL(x) ((unsigned long)(x))

/* "label                              =          value" */
static void row(mm_write_fn fn, void *ctx, const char *label, size_t value)
{
    emit(fn, ctx, "%-35s= %14lu\n", label, UL(value));
}

/* ---- the report ---------------------------------------------------------- */

void mm_report(mm_write_fn fn, void *ctx)
{
    struct mm_stats s;
    mm_get_stats(&s);
    emit(fn, ctx, "mm: region 0x%lx, %lu bytes (%lu in the heap, %lu overhead)\n", UL(mm_st.region),
         UL(s.region_size), UL(s.heap_size), UL(s.overhead));
    emit(fn, ctx,
         "Small block threshold = %d, in %d size classes; pools of %d bytes, "
         "arenas of %d pools\n\n",
         MM_SMALL_THRESHOLD, MM_NCLASSES, MM_POOL_SIZE, MM_POOLS_PER_ARENA);
    emit(fn, ctx,
         "class   size   num pools   blocks in use  avail blocks\n"
         "-----   ----   ---------   -------------  ------------\n");
    size_t quantization = 0;
    for (unsigned c = 0; c < MM_NCLASSES; c++) {
        const struct mm_class_stats *cs = &s.classes[c];
        if (cs->pools == 0)
            continue;
        emit(fn, ctx, "%5u %6lu %11lu %15lu %13lu\n", c, UL(mm_class_size(c)), UL(cs->pools),
             UL(cs->blocks_in_use), UL(cs->blocks_free));
        quantization += cs->pools * (MM_POOL_LIMIT - MM_POOL_HDR -
                                     (size_t)mm_pool_capacity(c) * mm_class_size(c));
    }

    struct mm_arena_info info[8];
    size_t narenas = mm_arena_info(info, 8);
    if (narenas > 0) {
        emit(fn, ctx, "\narena        pools untouched empty spare  used  full  blocks in use\n");
        for (size_t i = 0; i < narenas && i < 8; i++)
            emit(fn, ctx, "0x%08lx %7u %9u %5u %5u %5u %5u %14lu\n", UL(info[i].address),
                 info[i].pools, info[i].untouched, info[i].empty, info[i].spare, info[i].used,
                 info[i].full, UL(info[i].blocks_in_use));
        if (narenas > 8)
            emit(fn, ctx, "(%lu more arenas)\n", UL(narenas - 8));
    }

    size_t pools = s.pools_used + s.pools_full;
    size_t arena_bytes = MM_ARENA_SIZE;
    size_t unused = s.pools_empty + s.pools_untouched;
    char label[48];
    emit(fn, ctx, "\n");
    row(fn, ctx, "# arenas allocated total", s.arenas_created);
    row(fn, ctx, "# arenas reclaimed", s.arenas_released);
    row(fn, ctx, "# arenas highwater mark", s.arenas_peak);
    row(fn, ctx, "# arenas allocated current", s.arenas);
    snprintf(label, sizeof label, "%lu arenas * %lu bytes/arena", UL(s.arenas), UL(arena_bytes));
    row(fn, ctx, label, s.arenas * arena_bytes);
    emit(fn, ctx, "\n");
    row(fn, ctx, "# bytes in allocated blocks", s.small_bytes_in_use);
    row(fn, ctx, "# bytes in available blocks",
        pools * (MM_POOL_LIMIT - MM_POOL_HDR) - quantization - s.small_bytes_in_use);
    snprintf(label, sizeof label, "%lu spare pools * %d bytes", UL(s.pools_spare), MM_POOL_SIZE);
    row(fn, ctx, label, s.pools_spare * MM_POOL_SIZE);
    snprintf(label, sizeof label, "%lu unused pools * %d bytes", UL(unused), MM_POOL_SIZE);
    row(fn, ctx, label, unused * MM_POOL_SIZE);
    /* An arena block is exactly its pools' span: its header sits in the last
     * MM_HDR bytes before pool 0, and its last pool's last MM_HDR bytes (every
     * pool's tail, unused) hold the next block's header. */
    row(fn, ctx, "# bytes lost to pool headers/tails", pools * (MM_POOL_HDR + MM_HDR));
    row(fn, ctx, "# bytes lost to quantization", quantization);
    row(fn, ctx, "Total", s.arenas * arena_bytes);
    row(fn, ctx, "# spare pools stolen (steals)", s.steals);
    row(fn, ctx, "# spare pools given back (mm_trim)", s.trims);

    emit(fn, ctx,
         "\nlarge blocks: %lu in use (%lu bytes; %lu of them small requests that "
         "found no pool)\n",
         UL(s.large_in_use), UL(s.large_bytes_in_use), UL(s.large_small));
    emit(fn, ctx, "free in layer 1: %lu blocks, %lu bytes, largest %lu\n", UL(s.free_blocks),
         UL(s.free_bytes), UL(s.largest_free));
    emit(fn, ctx, "in use: %lu blocks, %lu bytes; consumed %lu bytes, peak %lu, of %lu\n",
         UL(s.blocks_in_use), UL(s.bytes_in_use), UL(s.consumed), UL(s.peak_consumed),
         UL(s.region_size));
    if (s.calls_counted)
        emit(fn, ctx, "calls: %lu allocs, %lu frees, ", s.allocs, s.frees);
    else
        emit(fn, ctx, "calls: allocs and frees not counted (MM_FAULT_INJECTION=0), ");
    emit(fn, ctx, "%lu reallocs, %lu failures (%lu injected)\n", s.reallocs, s.failures,
         mm_st.ninjected);
}

/* ---- the map ------------------------------------------------------------- */

/* What a byte of the region holds, most telling first (ties in a cell go to
 * the earlier entry). */
enum {
    K_FULL,
    K_USED,
    K_SPARE,
    K_EMPTY,
    K_UNTOUCHED,
    K_LARGE,
    K_SMALL,
    K_FREE,
    K_MM,
    K_OUT,
    K_COUNT
};
static const char map_chars[K_COUNT] = {'#', 'o', '+', '-', '_', 'L', 's', '.', 'm', ' '};

/* Walks the region as consecutive segments [start, end) of one kind. */
struct seg_iter {
    const struct mm_blk *b; /* block being walked; NULL before the heap */
    unsigned pool;          /* next pool of an arena block, or MM_POOLS_PER_ARENA + 1 */
    int done;
};
struct seg {
    uintptr_t start, end;
    int kind;
};

static int pool_kind(const struct mm_arena *a, unsigned i)
{
    const struct mm_pool *pool = mm_arena_pool(a, i);
    if (i >= a->ncarved)
        return K_UNTOUCHED;
    if (mm_st.chunks[mm_chunk_index((uintptr_t)pool)] != MM_CHUNK_POOL)
        return K_EMPTY;
    if (pool->nused == (uint32_t)mm_is_keeper(pool))
        return K_SPARE;
    return mm_pool_is_full(pool) ? K_FULL : K_USED;
}

static int next_seg(struct seg_iter *it, struct seg *s)
{
    if (it->done)
        return 0;
    if (it->b == NULL) { /* the chunk map and alignment before the heap */
        it->b = mm_st.heap_first;
        it->pool = MM_POOLS_PER_ARENA + 1;
        *s = (struct seg){mm_st.region, (uintptr_t)mm_st.heap_first, K_MM};
        return 1;
    }
    if (it->b == mm_st.heap_end) { /* the sentinel and alignment after it */
        it->done = 1;
        *s = (struct seg){(uintptr_t)mm_st.heap_end, mm_st.region + mm_st.region_size, K_MM};
        return 1;
    }
    const struct mm_blk *b = it->b;
    uintptr_t next = (uintptr_t)mm_blk_next(b);
    if (b->head & MM_BLK_FREE) {
        *s = (struct seg){(uintptr_t)b, next, K_FREE};
    } else if (!(b->head & MM_BLK_ARENA)) {
        *s = (struct seg){(uintptr_t)b, next, (b->head & MM_BLK_SMALL) ? K_SMALL : K_LARGE};
    } else {
        const struct mm_arena *a = mm_arena_of_blk(b);
        uintptr_t pools = (uintptr_t)mm_arena_pool(a, 0);
        if (it->pool == MM_POOLS_PER_ARENA + 1) { /* the block header */
            it->pool = 0;
            *s = (struct seg){(uintptr_t)b, pools, K_MM};
            return 1;
        }
        /* The pools; the last one's tail is the next block's header. */
        uintptr_t p = pools + (uintptr_t)it->pool * MM_POOL_SIZE;
        uintptr_t end = p + MM_POOL_SIZE < next ? p + MM_POOL_SIZE : next;
        *s = (struct seg){p, end, pool_kind(a, it->pool)};
        if (++it->pool < MM_POOLS_PER_ARENA)
            return 1;
    }
    it->b = (const struct mm_blk *)next;
    it->pool = MM_POOLS_PER_ARENA + 1;
    return 1;
}

void mm_map(mm_write_fn fn, void *ctx, size_t bytes_per_char)
{
    if (bytes_per_char == 0)
        bytes_per_char = MM_POOL_SIZE;
    emit(fn, ctx, "mm map: one character = %lu bytes, 64 per line\n", UL(bytes_per_char));
    emit(fn, ctx,
         "  # full pool   o partly used pool   + spare pool   - empty pool   _ unused pool\n");
    emit(fn, ctx,
         "  L large block   s small block from layer 1   . free   m mm (map, headers, "
         "alignment)\n");
    if (mm_st.heap_first == NULL) {
        emit(fn, ctx, "(no heap)\n");
        return;
    }
    uintptr_t region_end = mm_st.region + mm_st.region_size;
    uintptr_t start = mm_st.origin;
    struct seg_iter it = {NULL, 0, 0};
    struct seg s = {0, 0, K_OUT};
    int have = next_seg(&it, &s);
    char line[64 + 1];
    unsigned col = 0;
    uintptr_t line_start = start;
    for (uintptr_t c0 = start; c0 < region_end; c0 += bytes_per_char) {
        uintptr_t c1 = c0 + bytes_per_char < region_end ? c0 + bytes_per_char : region_end;
        size_t bytes[K_COUNT] = {0};
        if (c0 < mm_st.region)
            bytes[K_OUT] += (c1 < mm_st.region ? c1 : mm_st.region) - c0;
        /* Consume the segments overlapping [c0, c1); keep one that runs on. */
        while (have && s.start < c1) {
            uintptr_t lo = s.start > c0 ? s.start : c0, hi = s.end < c1 ? s.end : c1;
            if (hi > lo)
                bytes[s.kind] += hi - lo;
            if (s.end > c1)
                break;
            have = next_seg(&it, &s);
        }
        int best = K_OUT;
        for (int k = K_COUNT - 1; k >= 0; k--)
            if (bytes[k] >= bytes[best] && bytes[k] > 0)
                best = k;
        if (col == 0)
            line_start = c0;
        line[col++] = map_chars[best];
        if (col == 64 || c1 == region_end) {
            line[col] = '\0';
            emit(fn, ctx, "0x%08lx |%s|\n", UL(line_start), line);
            col = 0;
        }
    }
}
