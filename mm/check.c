/* The invariant checkers: mm_check walks everything (every layer-1 block in
 * physical order, every segregated list, every arena and pool, the chunk map,
 * the arena order) and compares what it finds with the state's counters;
 * mm_check_quick looks only at mm's own state (list heads and bitmaps, usedpools
 * heads, the arena order's bookmarks, counters). Both stop at the first problem
 * and describe it in mm_st.check_message. Neither changes anything.
 *
 * Every loop is bounded by a count found earlier, so a corrupted list (a cycle)
 * is reported, not followed forever.
 */
#define MM_INTERNAL
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mm_internal.h"

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vsnprintf(mm_st.check_message, sizeof mm_st.check_message, fmt, args);
    va_end(args);
    return 1;
}

#define A(p) ((unsigned long)(uintptr_t)(p))

static int in_heap(const void *p)
{
    return (uintptr_t)p >= (uintptr_t)mm_st.heap_first &&
           (uintptr_t)p < (uintptr_t)mm_st.heap_end && (uintptr_t)p % MM_ALIGN == 0;
}

/* ---- the cheap check ----------------------------------------------------- */

int mm_check_quick(void)
{
    mm_st.check_message[0] = '\0';
    if (mm_st.heap_first == NULL)
        return mm_st.used != 0 || mm_st.fl_bitmap != 0 ? fail("no heap, yet state is not empty")
                                                       : 0;
    if (mm_st.heap_end->head != 0)
        return fail("sentinel at 0x%lx overwritten (head 0x%lx)", A(mm_st.heap_end),
                    (unsigned long)mm_st.heap_end->head);
    if (mm_st.countdown == 0)
        return fail("fault-injection countdown at 0");
    if (mm_st.used > (uintptr_t)mm_st.heap_end - (uintptr_t)mm_st.heap_first ||
        mm_st.peak < mm_st.used)
        return fail("layer-1 counters wrong (used %lu, peak %lu)", (unsigned long)mm_st.used,
                    (unsigned long)mm_st.peak);
    if (mm_st.fl_bitmap >> MM_FL_COUNT != 0)
        return fail("first-level bitmap 0x%lx has bits past level %u",
                    (unsigned long)mm_st.fl_bitmap, (unsigned)MM_FL_COUNT - 1);
    for (unsigned fl = 0; fl < MM_FL_COUNT; fl++) {
        uint32_t slmap = mm_st.sl_bitmap[fl];
        if (((mm_st.fl_bitmap >> fl) & 1u) != (slmap != 0))
            return fail("first-level bit %u disagrees with its second-level bitmap 0x%lx", fl,
                        (unsigned long)slmap);
        if (MM_SL_COUNT < 32 && slmap >> MM_SL_COUNT != 0)
            return fail("second-level bitmap %u has stray bits (0x%lx)", fl, (unsigned long)slmap);
        for (unsigned sl = 0; sl < MM_SL_COUNT; sl++) {
            const struct mm_blk *h = mm_st.heads[fl][sl];
            if ((h != NULL) != ((slmap >> sl) & 1u))
                return fail("bitmap bit of list (%u,%u) disagrees with its head 0x%lx", fl, sl,
                            A(h));
            if (h == NULL)
                continue;
            unsigned f, s;
            if (!in_heap(h) || !(h->head & MM_BLK_FREE))
                return fail("head of list (%u,%u) 0x%lx is not a free block", fl, sl, A(h));
            mm_l1_mapping(mm_blk_size(h), &f, &s);
            if (f != fl || s != sl || mm_blk_links(h)->prev != NULL)
                return fail("head 0x%lx of list (%u,%u) has size %lu (list (%u,%u)) or a prev "
                            "link",
                            A(h), fl, sl, (unsigned long)mm_blk_size(h), f, s);
        }
    }
    for (unsigned c = 0; c < MM_NCLASSES; c++) {
        const struct mm_pool *pool = mm_st.usedpools[c];
        if (pool == NULL)
            continue;
        size_t i = mm_chunk_index((uintptr_t)pool);
        if ((uintptr_t)pool & MM_POOL_MASK || i >= mm_st.nchunks ||
            mm_st.chunks[i] != MM_CHUNK_POOL)
            return fail("usedpools[%u] = 0x%lx is not a live pool", c, A(pool));
        if (pool->szidx != c || pool->prevpool != NULL || pool->freeblock == NULL)
            return fail("usedpools[%u] head 0x%lx: class %u, prev 0x%lx, freeblock 0x%lx", c,
                        A(pool), pool->szidx, A(pool->prevpool), A(pool->freeblock));
    }
    const struct mm_arena *a = mm_st.usable_arenas;
    if (a != NULL && (!in_heap(a) || a->prevarena != NULL || a->nfreepools == 0 ||
                      a->nfreepools >= MM_POOLS_PER_ARENA))
        return fail("usable_arenas head 0x%lx is broken", A(a));
    for (unsigned n = 1; n <= MM_POOLS_PER_ARENA; n++) {
        a = mm_st.nfp2lasta[n];
        if (a != NULL && (!in_heap(a) || a->nfreepools != n))
            return fail("nfp2lasta[%u] = 0x%lx, an arena with %u free pools", n, A(a),
                        a && in_heap(a) ? (unsigned)a->nfreepools : 0u);
    }
    return 0;
}

/* ---- the full walk ------------------------------------------------------- */

struct walk {
    size_t free_blocks, used_bytes, arenas, usable_arenas, live_pools;
    size_t used_pools[MM_NCLASSES];
};

/* One live (used or full) pool of arena a. */
static int check_pool(const struct mm_pool *pool, const struct mm_arena *a, struct walk *w)
{
    if (pool->arena != a)
        return fail("pool 0x%lx: arena link 0x%lx, expected 0x%lx", A(pool), A(pool->arena), A(a));
    if (pool->szidx >= MM_NCLASSES)
        return fail("pool 0x%lx: size class index %u out of range", A(pool), pool->szidx);
#if MM_DEBUG
    if (pool->canary != mm_pool_canary(pool))
        return fail("pool 0x%lx: header canary 0x%lx, expected 0x%lx (header overwrite)", A(pool),
                    (unsigned long)pool->canary, (unsigned long)mm_pool_canary(pool));
#endif
    size_t size = mm_class_size(pool->szidx);
    if (pool->nextoffset < MM_POOL_HDR + size || pool->nextoffset > MM_POOL_SIZE ||
        (pool->nextoffset - MM_POOL_HDR) % size != 0)
        return fail("pool 0x%lx (class %lu): nextoffset %u is not a block boundary", A(pool),
                    (unsigned long)size, pool->nextoffset);
    unsigned carved = (unsigned)((pool->nextoffset - MM_POOL_HDR) / size), nfree = 0;
    for (const char *b = pool->freeblock; b != NULL; b = *(char *const *)b) {
        uintptr_t off = (uintptr_t)b - (uintptr_t)pool;
        if (((uintptr_t)b & ~MM_POOL_MASK) != (uintptr_t)pool || off < MM_POOL_HDR ||
            off >= pool->nextoffset || (off - MM_POOL_HDR) % size != 0)
            return fail("pool 0x%lx (class %lu): free-list entry 0x%lx is not a carved block",
                        A(pool), (unsigned long)size, A(b));
        if (++nfree > carved)
            return fail("pool 0x%lx (class %lu): free list longer than the %u carved blocks "
                        "(a cycle?)",
                        A(pool), (unsigned long)size, carved);
#if MM_DEBUG
        unsigned i = (unsigned)((off - MM_POOL_HDR) / size);
        if ((pool->inuse[i / 32] >> (i % 32)) & 1u)
            return fail("pool 0x%lx (class %lu): block 0x%lx is both in use and free", A(pool),
                        (unsigned long)size, A(b));
#endif
    }
    if (pool->nused == 0 || pool->nused + nfree != carved)
        return fail("pool 0x%lx (class %lu): %u in use + %u free != %u carved", A(pool),
                    (unsigned long)size, (unsigned)pool->nused, nfree, carved);
#if MM_DEBUG
    unsigned bits = 0;
    for (size_t i = 0; i < sizeof pool->inuse / sizeof pool->inuse[0]; i++)
        bits += (unsigned)__builtin_popcount(pool->inuse[i]);
    if (bits != pool->nused)
        return fail("pool 0x%lx (class %lu): %u in-use bits for %u blocks in use", A(pool),
                    (unsigned long)size, bits, (unsigned)pool->nused);
#endif
    if (pool->freeblock == NULL && pool->nextoffset <= MM_POOL_SIZE - size)
        return fail("pool 0x%lx (class %lu): no free block although it can carve more", A(pool),
                    (unsigned long)size);
    if (pool->freeblock != NULL)
        w->used_pools[pool->szidx]++;
    w->live_pools++;
    return 0;
}

static int check_arena(const struct mm_blk *b, struct walk *w)
{
    const struct mm_arena *a = mm_arena_of_blk(b);
    if (mm_blk_size(b) < MM_HDR + MM_ARENA_HDR + MM_ARENA_SIZE ||
        ((uintptr_t)mm_arena_pool(a, 0) & MM_POOL_MASK) != 0)
        return fail("arena 0x%lx: block too small or pools misaligned", A(a));
#if MM_DEBUG
    if (a->canary != mm_arena_canary(a))
        return fail("arena 0x%lx: header canary 0x%lx, expected 0x%lx (header overwrite)", A(a),
                    (unsigned long)a->canary, (unsigned long)mm_arena_canary(a));
#endif
    if (a->ncarved > MM_POOLS_PER_ARENA || a->nfreepools >= MM_POOLS_PER_ARENA)
        return fail("arena 0x%lx: %u carved / %u free pools out of range", A(a), a->ncarved,
                    a->nfreepools);
    unsigned emptied = 0;
    for (unsigned i = 0; i < a->ncarved; i++) {
        const struct mm_pool *pool = mm_arena_pool(a, i);
        uint8_t c = mm_st.chunks[mm_chunk_index((uintptr_t)pool)];
        if (c == MM_CHUNK_POOL) {
            if (check_pool(pool, a, w))
                return 1;
        } else if (c == MM_CHUNK_EMPTY) {
            emptied++;
        } else {
            return fail("arena 0x%lx: chunk of pool %u holds %u", A(a), i, c);
        }
    }
    for (unsigned i = a->ncarved; i < MM_POOLS_PER_ARENA; i++) {
        uint8_t c = mm_st.chunks[mm_chunk_index((uintptr_t)mm_arena_pool(a, i))];
        if (c != MM_CHUNK_NONE)
            return fail("arena 0x%lx: untouched pool %u marked %u in the chunk map", A(a), i, c);
    }
    unsigned listed = 0;
    for (const struct mm_pool *p = a->freepools; p != NULL; p = p->nextpool) {
        if (++listed > emptied)
            return fail("arena 0x%lx: more pools on freepools than emptied pools (%u)", A(a),
                        emptied);
        uintptr_t off = (uintptr_t)p - (uintptr_t)mm_arena_pool(a, 0);
        if (off % MM_POOL_SIZE != 0 || off / MM_POOL_SIZE >= a->ncarved ||
            mm_st.chunks[mm_chunk_index((uintptr_t)p)] == MM_CHUNK_POOL || p->arena != a)
            return fail("arena 0x%lx: freepools entry 0x%lx is not an emptied pool of it", A(a),
                        A(p));
        if (p->nused != 0)
            return fail("arena 0x%lx: emptied pool 0x%lx has %u blocks in use", A(a), A(p),
                        (unsigned)p->nused);
    }
    if (listed != emptied)
        return fail("arena 0x%lx: %u emptied pools but %u on freepools", A(a), emptied, listed);
    if (a->nfreepools != MM_POOLS_PER_ARENA - a->ncarved + emptied)
        return fail("arena 0x%lx: nfreepools %u, counted %u", A(a), a->nfreepools,
                    (unsigned)(MM_POOLS_PER_ARENA - a->ncarved + emptied));
    w->arenas++;
    if (a->nfreepools > 0)
        w->usable_arenas++;
    return 0;
}

static int check_blocks(struct walk *w)
{
    const struct mm_blk *prev = NULL, *b = mm_st.heap_first;
    for (;;) {
        if ((uintptr_t)b < (uintptr_t)mm_st.heap_first || (uintptr_t)b > (uintptr_t)mm_st.heap_end)
            return fail("block 0x%lx outside the heap (after 0x%lx)", A(b), A(prev));
        if (b->prev_phys != prev)
            return fail("block 0x%lx: prev_phys 0x%lx, expected 0x%lx", A(b), A(b->prev_phys),
                        A(prev));
#if MM_DEBUG
        if (b->canary != mm_blk_canary(b))
            return fail("block 0x%lx: header canary 0x%lx, expected 0x%lx (header overwrite)", A(b),
                        (unsigned long)b->canary, (unsigned long)mm_blk_canary(b));
#endif
        if (b == mm_st.heap_end)
            return b->head == 0 ? 0 : fail("sentinel 0x%lx overwritten", A(b));
        size_t size = mm_blk_size(b);
        if (size < MM_MIN_BLOCK || size > (uintptr_t)mm_st.heap_end - (uintptr_t)b)
            return fail("block 0x%lx: size %lu out of range", A(b), (unsigned long)size);
        if (b->head & MM_BLK_FREE) {
            if (b->head & (MM_BLK_ARENA | MM_BLK_SMALL))
                return fail("free block 0x%lx has flags 0x%lx", A(b),
                            (unsigned long)(b->head & MM_BLK_FLAGS));
            if (prev != NULL && (prev->head & MM_BLK_FREE))
                return fail("free blocks 0x%lx and 0x%lx are neighbours (not coalesced)", A(prev),
                            A(b));
            w->free_blocks++;
        } else {
            w->used_bytes += size;
#if MM_DEBUG
            if (!(b->head & MM_BLK_ARENA) && b->requested + MM_HDR > size)
                return fail("block 0x%lx: requested %lu exceeds its size %lu", A(b),
                            (unsigned long)b->requested, (unsigned long)size);
#endif
            if ((b->head & MM_BLK_ARENA) && check_arena(b, w))
                return 1;
        }
        prev = b;
        b = mm_blk_next(b);
    }
}

static int check_lists(const struct walk *w)
{
    size_t listed = 0;
    for (unsigned fl = 0; fl < MM_FL_COUNT; fl++) {
        for (unsigned sl = 0; sl < MM_SL_COUNT; sl++) {
            const struct mm_blk *prev = NULL;
            for (const struct mm_blk *b = mm_st.heads[fl][sl]; b != NULL;
                 prev = b, b = mm_blk_links(b)->next) {
                if (++listed > w->free_blocks)
                    return fail("the free lists hold more than the %lu free blocks (a cycle?)",
                                (unsigned long)w->free_blocks);
                unsigned f, s;
                if (!in_heap(b) || !(b->head & MM_BLK_FREE))
                    return fail("list (%u,%u): 0x%lx is not a free block", fl, sl, A(b));
                mm_l1_mapping(mm_blk_size(b), &f, &s);
                if (f != fl || s != sl)
                    return fail("list (%u,%u): block 0x%lx of size %lu belongs on (%u,%u)", fl, sl,
                                A(b), (unsigned long)mm_blk_size(b), f, s);
                if (mm_blk_links(b)->prev != prev)
                    return fail("list (%u,%u): block 0x%lx prev link 0x%lx, expected 0x%lx", fl, sl,
                                A(b), A(mm_blk_links(b)->prev), A(prev));
            }
        }
    }
    if (listed != w->free_blocks)
        return fail("%lu free blocks in the heap, %lu on the lists", (unsigned long)w->free_blocks,
                    (unsigned long)listed);
    return 0;
}

static int check_pools_and_arenas(const struct walk *w)
{
    size_t marked = 0;
    for (size_t i = 0; i < mm_st.nchunks; i++)
        marked += mm_st.chunks[i] == MM_CHUNK_POOL;
    if (marked != w->live_pools)
        return fail("chunk map marks %lu live pools, the arenas hold %lu", (unsigned long)marked,
                    (unsigned long)w->live_pools);
    for (unsigned c = 0; c < MM_NCLASSES; c++) {
        size_t n = 0;
        const struct mm_pool *prev = NULL;
        for (const struct mm_pool *p = mm_st.usedpools[c]; p != NULL; prev = p, p = p->nextpool) {
            if (++n > w->used_pools[c])
                return fail("usedpools[%u] holds more than its %lu used pools", c,
                            (unsigned long)w->used_pools[c]);
            size_t i = mm_chunk_index((uintptr_t)p);
            if ((uintptr_t)p & MM_POOL_MASK || i >= mm_st.nchunks ||
                mm_st.chunks[i] != MM_CHUNK_POOL || p->szidx != c || p->freeblock == NULL ||
                p->prevpool != prev)
                return fail("usedpools[%u]: 0x%lx is not a used pool of the class, or its prev "
                            "link is wrong",
                            c, A(p));
        }
        if (n != w->used_pools[c])
            return fail("usedpools[%u] lists %lu pools, %lu are used", c, (unsigned long)n,
                        (unsigned long)w->used_pools[c]);
    }
    size_t n = 0;
    const struct mm_arena *prev = NULL;
    for (const struct mm_arena *a = mm_st.usable_arenas; a != NULL; prev = a, a = a->nextarena) {
        if (++n > w->usable_arenas)
            return fail("usable_arenas holds more than the %lu usable arenas",
                        (unsigned long)w->usable_arenas);
        const struct mm_blk *b = mm_blk_of(a);
        if (!in_heap(a) || (b->head & (MM_BLK_ARENA | MM_BLK_FREE)) != MM_BLK_ARENA)
            return fail("usable_arenas: 0x%lx is not an arena", A(a));
        if (a->prevarena != prev || a->nfreepools == 0 ||
            (prev != NULL && prev->nfreepools > a->nfreepools))
            return fail("usable_arenas: 0x%lx out of order (%u free pools) or prev link wrong",
                        A(a), a->nfreepools);
        const struct mm_arena *next = a->nextarena;
        int last_of_count = next == NULL || next->nfreepools != a->nfreepools;
        if ((mm_st.nfp2lasta[a->nfreepools] == a) != last_of_count)
            return fail("nfp2lasta[%u] = 0x%lx, but the last arena with %u free pools is 0x%lx",
                        a->nfreepools, A(mm_st.nfp2lasta[a->nfreepools]), a->nfreepools,
                        A(last_of_count ? a : NULL));
    }
    if (n != w->usable_arenas)
        return fail("usable_arenas lists %lu arenas, %lu have free pools", (unsigned long)n,
                    (unsigned long)w->usable_arenas);
    if (w->arenas != mm_st.arenas)
        return fail("%lu arenas in the heap, the counter says %lu", (unsigned long)w->arenas,
                    (unsigned long)mm_st.arenas);
    return 0;
}

int mm_check(void)
{
    if (mm_check_quick())
        return 1;
    if (mm_st.heap_first == NULL)
        return 0;
    struct walk w;
    memset(&w, 0, sizeof w);
    if (check_blocks(&w) || check_lists(&w) || check_pools_and_arenas(&w))
        return 1;
    if (w.used_bytes != mm_st.used)
        return fail("used blocks total %lu bytes, the counter says %lu",
                    (unsigned long)w.used_bytes, (unsigned long)mm_st.used);
    return 0;
}

const char *mm_check_message(void)
{
    return mm_st.check_message;
}

void mm_check_or_panic(void)
{
    if (mm_check())
        mm_panicf("mm_check: %s", mm_st.check_message);
}
