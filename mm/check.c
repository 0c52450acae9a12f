/* The invariant checkers: mm_check walks everything (every layer-1 block in
 * physical order, the top, every segregated list, every arena and pool, the
 * chunk map, the keepers and their ring, the arena order) and compares what it
 * finds with the state's counters; mm_check_quick looks only at mm's own state
 * (list heads and bitmaps, the top, usedpools heads, keepers and the ring, the
 * arena order's bookmarks, counters). Both stop at the first problem and
 * describe it in mm_st.check_message. Neither changes anything.
 *
 * Every loop is bounded by a count found earlier, so a corrupted list (a cycle)
 * is reported, not followed forever.
 */
#define MM_INTERNAL
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mm/mm_internal.h"

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

/* p lies in the heap (any alignment: arena records sit inside pool headers). */
static int in_range(const void *p)
{
    return (uintptr_t)p >= (uintptr_t)mm_st.heap_first && (uintptr_t)p < (uintptr_t)mm_st.heap_end;
}

/* p is the address of a pool that the chunk map marks live. */
static int live_pool(const struct mm_pool *p)
{
    size_t i = mm_chunk_index((uintptr_t)p);
    return ((uintptr_t)p & MM_POOL_MASK) == 0 && i < mm_st.nchunks &&
           mm_st.chunks[i] == MM_CHUNK_POOL;
}

static int can_carve(const struct mm_pool *pool)
{
    return pool->nextoffset != MM_POOL_FULL;
}

/* ---- the cheap check ----------------------------------------------------- */

static int check_keepers(void)
{
    size_t keepers = 0;
    for (unsigned c = 0; c < MM_NCLASSES; c++) {
        const struct mm_pool *k = mm_st.keep[c];
        if (k == NULL)
            continue;
        keepers++;
        if (!live_pool(k) || k->szidx != c || k->nused == 0)
            return fail("keep[%u] = 0x%lx is not a live pool of the class with its keeper count", c,
                        A(k));
    }
    const struct mm_pool *h = mm_st.hand;
    if ((h == NULL) != (keepers == 0))
        return fail("keeper ring hand 0x%lx, but %lu keepers", A(h), (unsigned long)keepers);
    if (h == NULL)
        return 0;
    size_t n = 0;
    const struct mm_pool *p = h;
    do {
        if (++n > keepers)
            return fail("the keeper ring holds more than the %lu keepers (a cycle?)",
                        (unsigned long)keepers);
        if (!live_pool(p) || p->szidx >= MM_NCLASSES || mm_st.keep[p->szidx] != p)
            return fail("keeper ring: 0x%lx is not the keeper of its class", A(p));
        if (!live_pool(p->ringnext) || p->ringnext->ringprev != p)
            return fail("keeper ring: links of 0x%lx broken", A(p));
        p = p->ringnext;
    } while (p != h);
    if (n != keepers)
        return fail("the keeper ring holds %lu of the %lu keepers", (unsigned long)n,
                    (unsigned long)keepers);
    return 0;
}

int mm_check_quick(void)
{
    mm_st.check_message[0] = '\0';
    if (mm_st.heap_first == NULL)
        return mm_st.used != 0 || mm_st.bitmap[0] != 0 ? fail("no heap, yet state is not empty")
                                                       : 0;
    if (mm_st.heap_end->head != 0)
        return fail("sentinel at 0x%lx overwritten (head 0x%lx)", A(mm_st.heap_end),
                    (unsigned long)mm_st.heap_end->head);
    if (mm_st.countdown == 0)
        return fail("fault-injection countdown at 0");
    if (mm_st.used > (uintptr_t)mm_st.heap_end - (uintptr_t)mm_st.heap_first ||
        mm_st.peak > (uintptr_t)mm_st.heap_end - (uintptr_t)mm_st.heap_first)
        return fail("layer-1 counters wrong (used %lu, peak %lu)", (unsigned long)mm_st.used,
                    (unsigned long)mm_st.peak);
    const struct mm_blk *t = mm_st.top;
    if (!in_heap(t) || (t->head & MM_BLK_FLAGS) != MM_BLK_FREE || mm_blk_size(t) < MM_MIN_BLOCK ||
        mm_blk_size(t) > (uintptr_t)mm_st.heap_end - (uintptr_t)t)
        return fail("the top 0x%lx is not a free block in the heap", A(t));
    for (unsigned i = 0; i < MM_NLISTS; i++) {
        const struct mm_blk *h = mm_st.heads[i];
        if ((h != NULL) != ((mm_st.bitmap[i / 32] >> (i % 32)) & 1u))
            return fail("bitmap bit of list %u disagrees with its head 0x%lx", i, A(h));
        if (h == NULL)
            continue;
        if (!in_heap(h) || !(h->head & MM_BLK_FREE) || h == mm_st.top)
            return fail("head of list %u 0x%lx is not a listed free block", i, A(h));
        unsigned j = mm_list_of(mm_blk_size(h));
        if (j != i || mm_blk_links(h)->pprev != &mm_st.heads[i])
            return fail("head 0x%lx of list %u has size %lu (list %u) or a wrong back link", A(h),
                        i, (unsigned long)mm_blk_size(h), j);
    }
    if (mm_st.nopool.freeblock != NULL || mm_st.nopool.szidx != MM_NCLASSES)
        return fail("the end-of-list pool was written (freeblock 0x%lx)",
                    A(mm_st.nopool.freeblock));
    for (unsigned c = 0; c < MM_NCLASSES; c++) {
        const struct mm_pool *pool = mm_st.usedpools[c];
        if (pool == &mm_st.nopool)
            continue;
        if (!live_pool(pool))
            return fail("usedpools[%u] = 0x%lx is not a live pool", c, A(pool));
        if (pool->szidx != c || pool->pprev != &mm_st.usedpools[c])
            return fail("usedpools[%u] head 0x%lx: class %u, back link 0x%lx", c, A(pool),
                        pool->szidx, A(pool->pprev));
    }
    if (check_keepers())
        return 1;
    const struct mm_arena *a = mm_st.usable_arenas;
    if (a != NULL && (!in_range(a) || a->prevarena != NULL || a->nfreepools == 0 ||
                      a->nfreepools >= MM_POOLS_PER_ARENA || !in_heap((void *)mm_arena_pools(a))))
        return fail("usable_arenas head 0x%lx is broken", A(a));
    for (unsigned n = 1; n <= MM_POOLS_PER_ARENA; n++) {
        a = mm_st.nfp2lasta[n];
        if (a != NULL && (!in_range(a) || a->nfreepools != n))
            return fail("nfp2lasta[%u] = 0x%lx, an arena with %u free pools", n, A(a),
                        in_range(a) ? (unsigned)a->nfreepools : 0u);
    }
    if (mm_st.arenas_released > mm_st.arenas_created)
        return fail("more arenas released (%lu) than created (%lu)",
                    (unsigned long)mm_st.arenas_released, (unsigned long)mm_st.arenas_created);
    return 0;
}

/* ---- the full walk ------------------------------------------------------- */

struct walk {
    size_t free_blocks, used_bytes, arenas, usable_arenas, live_pools, tops;
    size_t listed_pools[MM_NCLASSES];
};

/* One live pool (used, full or spare) of arena a. */
static int check_pool(const struct mm_pool *pool, const struct mm_arena *a, struct walk *w)
{
    if (mm_pool_arena(pool) != a)
        return fail("pool 0x%lx: position %u in its arena is wrong", A(pool), pool->index);
    if (pool->szidx >= MM_NCLASSES)
        return fail("pool 0x%lx: size class index %u out of range", A(pool), pool->szidx);
#if MM_DEBUG
    if (pool->canary != mm_pool_canary(pool))
        return fail("pool 0x%lx: header canary 0x%lx, expected 0x%lx (header overwrite)", A(pool),
                    (unsigned long)pool->canary, (unsigned long)mm_pool_canary(pool));
#endif
    size_t size = mm_class_size(pool->szidx);
    if (pool->nextoffset != MM_POOL_FULL &&
        (pool->nextoffset < MM_POOL_HDR + size || pool->nextoffset > MM_POOL_LIMIT - size ||
         (pool->nextoffset - MM_POOL_HDR) % size != 0))
        return fail("pool 0x%lx (class %lu): nextoffset %u is neither a block boundary with a "
                    "virgin block after it nor MM_POOL_FULL",
                    A(pool), (unsigned long)size, pool->nextoffset);
    unsigned end = mm_pool_carved_end(pool);
    unsigned carved = (end - MM_POOL_HDR) / (unsigned)size, nfree = 0;
    for (const char *b = pool->freeblock; b != NULL; b = *(char *const *)b) {
        uintptr_t off = (uintptr_t)b - (uintptr_t)pool;
        if (((uintptr_t)b & ~MM_POOL_MASK) != (uintptr_t)pool || off < MM_POOL_HDR || off >= end ||
            (off - MM_POOL_HDR) % size != 0)
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
    unsigned keeper = (unsigned)mm_is_keeper(pool);
    unsigned nused = pool->nused - keeper;
    if (pool->nused < keeper || nused + nfree != carved)
        return fail("pool 0x%lx (class %lu): %u in use + %u free != %u carved", A(pool),
                    (unsigned long)size, nused, nfree, carved);
    if (nused == 0 && !keeper)
        return fail("pool 0x%lx (class %lu): empty, yet neither its class's keeper nor back in "
                    "its arena",
                    A(pool), (unsigned long)size);
#if MM_DEBUG
    unsigned bits = 0;
    for (size_t i = 0; i < sizeof pool->inuse / sizeof pool->inuse[0]; i++)
        bits += (unsigned)__builtin_popcount(pool->inuse[i]);
    if (bits != nused)
        return fail("pool 0x%lx (class %lu): %u in-use bits for %u blocks in use", A(pool),
                    (unsigned long)size, bits, nused);
#endif
    if (pool->pprev == NULL) {
        if (pool->freeblock != NULL || can_carve(pool))
            return fail("pool 0x%lx (class %lu): on no list although it has a free block", A(pool),
                        (unsigned long)size);
    } else {
        w->listed_pools[pool->szidx]++;
    }
    w->live_pools++;
    return 0;
}

static int check_arena(const struct mm_blk *b, struct walk *w)
{
    uintptr_t pools = mm_arena_pools_of((uintptr_t)b);
    if ((uintptr_t)b + mm_blk_size(b) != pools + MM_ARENA_SIZE - MM_HDR)
        return fail("arena block 0x%lx: size %lu, not up to its last pool's tail", A(b),
                    (unsigned long)mm_blk_size(b));
    const struct mm_arena *a = mm_arena_of_blk(b);
    if (a->ncarved > MM_POOLS_PER_ARENA || a->nfreepools >= MM_POOLS_PER_ARENA)
        return fail("arena 0x%lx: %u carved / %u free pools out of range", A(pools), a->ncarved,
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
            return fail("arena 0x%lx: chunk of pool %u holds %u", A(pools), i, c);
        }
    }
    for (unsigned i = a->ncarved; i < MM_POOLS_PER_ARENA; i++) {
        uint8_t c = mm_st.chunks[mm_chunk_index((uintptr_t)mm_arena_pool(a, i))];
        if (c != MM_CHUNK_NONE)
            return fail("arena 0x%lx: untouched pool %u marked %u in the chunk map", A(pools), i,
                        c);
    }
    unsigned listed = 0;
    for (const struct mm_pool *p = a->freepools; p != NULL; p = p->nextpool) {
        if (++listed > emptied)
            return fail("arena 0x%lx: more pools on freepools than emptied pools (%u)", A(pools),
                        emptied);
        uintptr_t off = (uintptr_t)p - pools;
        if (off % MM_POOL_SIZE != 0 || off / MM_POOL_SIZE >= a->ncarved ||
            mm_st.chunks[mm_chunk_index((uintptr_t)p)] == MM_CHUNK_POOL || mm_pool_arena(p) != a)
            return fail("arena 0x%lx: freepools entry 0x%lx is not an emptied pool of it", A(pools),
                        A(p));
        if (p->nused != 0)
            return fail("arena 0x%lx: emptied pool 0x%lx has %u blocks in use", A(pools), A(p),
                        (unsigned)p->nused);
    }
    if (listed != emptied)
        return fail("arena 0x%lx: %u emptied pools but %u on freepools", A(pools), emptied, listed);
    if (a->nfreepools != MM_POOLS_PER_ARENA - a->ncarved + emptied)
        return fail("arena 0x%lx: nfreepools %u, counted %u", A(pools), a->nfreepools,
                    (unsigned)(MM_POOLS_PER_ARENA - a->ncarved + emptied));
    w->arenas++;
    if (a->nfreepools > 0)
        w->usable_arenas++;
    return 0;
}

static int check_blocks(struct walk *w)
{
    const struct mm_blk *prev = &mm_st.floor, *b = mm_st.heap_first;
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
            if (prev->head & MM_BLK_FREE)
                return fail("free blocks 0x%lx and 0x%lx are neighbours (not coalesced)", A(prev),
                            A(b));
            if (b == mm_st.top)
                w->tops++;
            else
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
    if (w->tops != 1)
        return fail("the top 0x%lx is not one of the heap's free blocks", A(mm_st.top));
    size_t listed = 0;
    for (unsigned i = 0; i < MM_NLISTS; i++) {
        struct mm_blk *const *pprev = &mm_st.heads[i];
        for (const struct mm_blk *b = mm_st.heads[i]; b != NULL;
             pprev = &mm_blk_links(b)->next, b = mm_blk_links(b)->next) {
            if (++listed > w->free_blocks)
                return fail("the free lists hold more than the %lu free blocks (a cycle?)",
                            (unsigned long)w->free_blocks);
            if (!in_heap(b) || !(b->head & MM_BLK_FREE) || b == mm_st.top)
                return fail("list %u: 0x%lx is not a listed free block", i, A(b));
            unsigned j = mm_list_of(mm_blk_size(b));
            if (j != i)
                return fail("list %u: block 0x%lx of size %lu belongs on list %u", i, A(b),
                            (unsigned long)mm_blk_size(b), j);
            if (mm_blk_links(b)->pprev != pprev)
                return fail("list %u: block 0x%lx back link 0x%lx, expected 0x%lx", i, A(b),
                            A(mm_blk_links(b)->pprev), A(pprev));
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
        struct mm_pool *const *pprev = &mm_st.usedpools[c];
        for (const struct mm_pool *p = mm_st.usedpools[c]; p != &mm_st.nopool;
             pprev = &p->nextpool, p = p->nextpool) {
            if (++n > w->listed_pools[c])
                return fail("usedpools[%u] holds more than its %lu listed pools", c,
                            (unsigned long)w->listed_pools[c]);
            if (!live_pool(p) || p->szidx != c || p->pprev != pprev)
                return fail("usedpools[%u]: 0x%lx is not a pool of the class, or its back link "
                            "is wrong",
                            c, A(p));
            if (n > 1 && p->freeblock == NULL && !can_carve(p))
                return fail("usedpools[%u]: 0x%lx is full but not the head", c, A(p));
        }
        if (n != w->listed_pools[c])
            return fail("usedpools[%u] lists %lu pools, %lu are listed", c, (unsigned long)n,
                        (unsigned long)w->listed_pools[c]);
    }
    size_t n = 0;
    const struct mm_arena *prev = NULL;
    for (const struct mm_arena *a = mm_st.usable_arenas; a != NULL; prev = a, a = a->nextarena) {
        if (++n > w->usable_arenas)
            return fail("usable_arenas holds more than the %lu usable arenas",
                        (unsigned long)w->usable_arenas);
        const struct mm_blk *b = in_range(a) ? mm_arena_block(a) : NULL;
        if (!in_heap(b) || (b->head & (MM_BLK_ARENA | MM_BLK_FREE)) != MM_BLK_ARENA ||
            mm_arena_of_blk(b) != a)
            return fail("usable_arenas: 0x%lx is not an arena", A(a));
        if (a->prevarena != prev || a->nfreepools == 0 ||
            (prev != NULL && prev->nfreepools > a->nfreepools))
            return fail("usable_arenas: 0x%lx out of order (%u free pools) or prev link wrong",
                        A(mm_arena_pools(a)), a->nfreepools);
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
    if (w->arenas != mm_st.arenas_created - mm_st.arenas_released)
        return fail("%lu arenas in the heap, the counters say %lu", (unsigned long)w->arenas,
                    (unsigned long)(mm_st.arenas_created - mm_st.arenas_released));
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
