/* Layer 2: arenas, pools and size-class blocks, and mm's allocation entry points.
 *
 * The design is pymalloc's (CPython Objects/obmalloc.c, 3.8+), rewritten for
 * one static region: size classes 8 bytes apart up to MM_SMALL_THRESHOLD; each
 * class has a list of partly used pools (usedpools); a pool's blocks are carved
 * lazily (nextoffset) and recycled through a free list threaded through the
 * blocks themselves; pools come from arenas that layer 1 hands out, the fullest
 * arena first; an arena whose pools are all empty goes straight back to layer 1.
 *
 * Added to it, for speed when a class's only pool keeps emptying and filling:
 * each class has a keeper pool whose use count carries one extra unit, so that
 * freeing its last block stays on the fast path and the next allocation is a
 * fast-path pop from the same free list (the keeper, empty, is the class's
 * spare). Spares are given back by mm_trim(), before layer 1 reports a failure
 * (mm_pool_reclaim, the hook layer 1 calls; layer 1 knows nothing of pools),
 * and one at a time (a steal: the spare changes class) when a class needs a pool
 * and no arena has one. mm_internal.h has the pool state machine.
 *
 * Bounds: alloc and free are O(1). The common path is a free-list pop or push
 * plus a counter; the slow paths (carve a block, take a pool, steal a spare,
 * take or release an arena, relink a list) are O(1) each because carving is
 * lazy, the arena order only ever moves an arena past one boundary (nfp2lasta)
 * and a steal probes at most MM_STEAL_PROBES keepers. A small request that
 * finds neither a pool, an arena nor a spare is served by layer 1. mm_trim()
 * is O(number of size classes).
 *
 * A pointer is a small block iff the chunk map marks its MM_POOL_SIZE chunk as
 * a live pool: one shift and one byte load (debug builds add the bounds check).
 */
#define MM_INTERNAL
#include <string.h>

#include "mm/mm_internal.h"

/* Keepers looked at, oldest first, for a spare to steal. */
#define MM_STEAL_PROBES 5

#define POOL_OF(p) ((struct mm_pool *)((uintptr_t)(p) & ~MM_POOL_MASK))
#define NOPOOL     (&mm_st.nopool)

static inline int chunk_live(uint8_t c)
{
    return MM_DEBUG ? c == MM_CHUNK_POOL : c != MM_CHUNK_NONE;
}

static inline void chunk_set(const struct mm_pool *pool, uint8_t value)
{
    *(uint8_t *)(mm_st.chunkbase + ((uintptr_t)pool >> MM_POOL_SHIFT)) = value;
}

/* Nonzero when p lies in a live pool. Release builds trust p to come from mm
 * (any other pointer is undefined behaviour there) and test only for NULL;
 * debug builds bound-check, so that a foreign pointer reaches the checks of
 * the large-block path instead of a byte outside the chunk map. */
static inline __attribute__((always_inline)) int is_small(const void *p)
{
#if MM_DEBUG
    size_t i = mm_chunk_index((uintptr_t)p);
    return i < mm_st.nchunks && chunk_live(mm_st.chunks[i]);
#else
    return p != NULL && *(const uint8_t *)(mm_st.chunkbase + ((uintptr_t)p >> MM_POOL_SHIFT));
#endif
}

/* ---- debug hooks: real checks when MM_DEBUG, nothing otherwise ----------- */
#if MM_DEBUG
uint64_t mm_pool_canary(const struct mm_pool *pool)
{
    uint64_t h = (uint64_t)(uintptr_t)pool * 0x9E3779B97F4A7C15u;
    return h ^ ((uint64_t)pool->szidx << 48) ^ 0xB10C5EEDC0FFEE11u;
}

static unsigned block_index(const struct mm_pool *pool, const void *p)
{
    return (unsigned)(((uintptr_t)p - (uintptr_t)pool - MM_POOL_HDR) / mm_class_size(pool->szidx));
}
static int inuse_get(const struct mm_pool *pool, unsigned i)
{
    return (pool->inuse[i / 32] >> (i % 32)) & 1u;
}
static void inuse_set(struct mm_pool *pool, unsigned i, int on)
{
    if (on)
        pool->inuse[i / 32] |= 1u << (i % 32);
    else
        pool->inuse[i / 32] &= ~(1u << (i % 32));
}

static void check_pool_header(const struct mm_pool *pool, const void *p, const char *fn)
{
    if (pool->canary != mm_pool_canary(pool) || pool->szidx >= MM_NCLASSES)
        mm_panicf("%s(0x%lx): header overwrite (pool header at 0x%lx: canary 0x%lx, expected "
                  "0x%lx)",
                  fn, (unsigned long)(uintptr_t)p, (unsigned long)(uintptr_t)pool,
                  (unsigned long)pool->canary, (unsigned long)mm_pool_canary(pool));
}

/* p must be a block boundary of pool's carved part. */
static void check_block_address(const struct mm_pool *pool, const void *p, const char *fn)
{
    uintptr_t off = (uintptr_t)p - (uintptr_t)pool;
    if (off < MM_POOL_HDR || off >= pool->nextoffset ||
        (off - MM_POOL_HDR) % mm_class_size(pool->szidx) != 0)
        mm_panicf("%s(0x%lx): pointer never handed out by mm (not a block of the pool of size "
                  "class %lu at 0x%lx)",
                  fn, (unsigned long)(uintptr_t)p, (unsigned long)mm_class_size(pool->szidx),
                  (unsigned long)(uintptr_t)pool);
}

/* bp is about to be popped from pool's free list: it must be a free block with
 * intact poison and a sane link. */
static void dbg_take(struct mm_pool *pool, void *bp)
{
    check_pool_header(pool, bp, "mm_alloc");
    check_block_address(pool, bp, "mm_alloc");
    size_t size = mm_class_size(pool->szidx);
    if (inuse_get(pool, block_index(pool, bp)))
        mm_panicf("mm_alloc: free list of the pool at 0x%lx corrupted (block 0x%lx is in use)",
                  (unsigned long)(uintptr_t)pool, (unsigned long)(uintptr_t)bp);
    void *link = *(void **)bp;
    if (link != NULL) {
        if (POOL_OF(link) != pool)
            mm_panicf("mm_alloc: free block 0x%lx of size class %lu modified after free (link "
                      "0x%lx leaves its pool)",
                      (unsigned long)(uintptr_t)bp, (unsigned long)size,
                      (unsigned long)(uintptr_t)link);
        check_block_address(pool, link, "mm_alloc");
    }
    const unsigned char *c = bp;
    for (size_t i = sizeof(void *); i < size; i++)
        if (c[i] != MM_POISON_FREED)
            mm_panicf("mm_alloc: free block 0x%lx of size class %lu modified after free (byte "
                      "%lu is 0x%02x: a write after free or an overrun)",
                      (unsigned long)(uintptr_t)bp, (unsigned long)size, (unsigned long)i, c[i]);
}

static void dbg_hand_out(struct mm_pool *pool, void *bp)
{
    inuse_set(pool, block_index(pool, bp), 1);
    memset(bp, MM_POISON_FRESH, mm_class_size(pool->szidx));
}

/* p is about to be freed into pool; cls is the class the caller claims, or
 * MM_NCLASSES for any. Poisons the block once it passes. */
static void dbg_free(struct mm_pool *pool, void *p, unsigned cls, const char *fn)
{
    check_pool_header(pool, p, fn);
    check_block_address(pool, p, fn);
    size_t size = mm_class_size(pool->szidx);
    unsigned i = block_index(pool, p);
    if (!inuse_get(pool, i))
        mm_panicf("%s(0x%lx): double free (block already on the free list of size class %lu)", fn,
                  (unsigned long)(uintptr_t)p, (unsigned long)size);
    if (cls != MM_NCLASSES && cls != pool->szidx)
        mm_panicf("%s(0x%lx): block is of size class %lu, not %lu", fn, (unsigned long)(uintptr_t)p,
                  (unsigned long)size, (unsigned long)mm_class_size(cls));
    inuse_set(pool, i, 0);
    memset(p, MM_POISON_FREED, size);
}

/* p is a live small block (realloc, usable_size): check without changing it. */
static void dbg_live(struct mm_pool *pool, const void *p, const char *fn)
{
    check_pool_header(pool, p, fn);
    check_block_address(pool, p, fn);
    if (!inuse_get(pool, block_index(pool, p)))
        mm_panicf("%s(0x%lx): use after free (block is on the free list of size class %lu)", fn,
                  (unsigned long)(uintptr_t)p, (unsigned long)mm_class_size(pool->szidx));
}

/* p is not in a live pool: it must be a large block (or in an emptied pool). */
static void dbg_large(const void *p, const char *fn)
{
    size_t i = mm_chunk_index((uintptr_t)p);
    if (i < mm_st.nchunks && mm_st.chunks[i] == MM_CHUNK_EMPTY)
        mm_panicf("%s(0x%lx): double free (block in an emptied pool of size class %lu)", fn,
                  (unsigned long)(uintptr_t)p, (unsigned long)mm_class_size(POOL_OF(p)->szidx));
    mm_l1_validate(p, fn);
}

/* pool is being (re)initialised for a class: fresh poison, no block in use. */
static void dbg_pool_init(struct mm_pool *pool)
{
    memset((char *)pool + MM_POOL_HDR, MM_POISON_FREED, MM_POOL_LIMIT - MM_POOL_HDR);
    memset(pool->inuse, 0, sizeof pool->inuse);
    pool->canary = mm_pool_canary(pool);
}

/* The chunks of an arena's emptied pools are marked; unmark them. */
static void dbg_arena_release(struct mm_arena *a)
{
    for (unsigned i = 0; i < a->ncarved; i++)
        chunk_set(mm_arena_pool(a, i), MM_CHUNK_NONE);
}
#else
static inline void dbg_take(struct mm_pool *pool, void *bp)
{
    (void)pool, (void)bp;
}
static inline void dbg_hand_out(struct mm_pool *pool, void *bp)
{
    (void)pool, (void)bp;
}
static inline void dbg_free(struct mm_pool *pool, void *p, unsigned cls, const char *fn)
{
    (void)pool, (void)p, (void)cls, (void)fn;
}
static inline void dbg_live(struct mm_pool *pool, const void *p, const char *fn)
{
    (void)pool, (void)p, (void)fn;
}
static inline void dbg_large(const void *p, const char *fn)
{
    (void)p, (void)fn;
}
static inline void dbg_pool_init(struct mm_pool *pool)
{
    (void)pool;
}
static inline void dbg_arena_release(struct mm_arena *a)
{
    (void)a;
}
#endif

/* ---- arenas -------------------------------------------------------------- */

/* Take arena a (with nfp free pools) off usable_arenas. */
static void usable_unlink(struct mm_arena *a, unsigned nfp)
{
    struct mm_arena *prev = a->prevarena, *next = a->nextarena;
    if (mm_st.nfp2lasta[nfp] == a)
        mm_st.nfp2lasta[nfp] = (prev != NULL && prev->nfreepools == nfp) ? prev : NULL;
    if (prev != NULL)
        prev->nextarena = next;
    else
        mm_st.usable_arenas = next;
    if (next != NULL)
        next->prevarena = prev;
}

/* Pool `pool` (an emptied one when from_list, else the next untouched one) is
 * taken from a, the head of usable_arenas (fewest free pools). a keeps its
 * place: it had the fewest free pools and now has one fewer. */
static inline __attribute__((always_inline)) void
arena_take_pool(struct mm_arena *a, struct mm_pool *pool, int from_list)
{
    if (from_list) {
        a->freepools = pool->nextpool;
    } else {
        pool->index = a->ncarved++;
    }
    unsigned old = a->nfreepools--;
    if (mm_st.nfp2lasta[old] == a)
        mm_st.nfp2lasta[old] = NULL; /* a was first, so it was the only one */
    if (old == 1) {
        /* Full: off the list, of which it was the head. */
        struct mm_arena *next = a->nextarena;
        mm_st.usable_arenas = next;
        if (next != NULL)
            next->prevarena = NULL;
    } else {
        mm_st.nfp2lasta[old - 1] = a;
    }
}

/* An emptied pool (off its class list, chunk cleared) goes back to its arena,
 * which moves toward the tail of usable_arenas (past the last arena with its
 * old count), or back to layer 1 when all its pools are empty (then 1). */
static int arena_put_pool(struct mm_pool *pool)
{
    struct mm_arena *a = mm_pool_arena(pool);
    pool->nextpool = a->freepools;
    a->freepools = pool;
    unsigned old = a->nfreepools++, nf = old + 1;
    if (nf == MM_POOLS_PER_ARENA) {
        if (old > 0)
            usable_unlink(a, old);
        dbg_arena_release(a);
        size_t n = mm_st.arenas_created - mm_st.arenas_released++;
        if (n > mm_st.arenas_peak)
            mm_st.arenas_peak = n;
        mm_l1_free(mm_blk_payload(mm_arena_block(a)));
        return 1;
    }
    if (old == 0) {
        /* Was full: one free pool is no more than any usable arena has. */
        struct mm_arena *head = mm_st.usable_arenas;
        a->prevarena = NULL;
        a->nextarena = head;
        if (head != NULL)
            head->prevarena = a;
        mm_st.usable_arenas = a;
    } else {
        struct mm_arena *last = mm_st.nfp2lasta[old];
        if (last == a) {
            struct mm_arena *prev = a->prevarena;
            mm_st.nfp2lasta[old] = (prev != NULL && prev->nfreepools == old) ? prev : NULL;
        } else {
            usable_unlink(a, old);
            a->prevarena = last;
            a->nextarena = last->nextarena;
            if (last->nextarena != NULL)
                last->nextarena->prevarena = a;
            last->nextarena = a;
        }
    }
    if (mm_st.nfp2lasta[nf] == NULL)
        mm_st.nfp2lasta[nf] = a;
    return 0;
}

/* ---- class lists and keepers --------------------------------------------- */

/* Class lists end at NOPOOL, whose pprev field absorbs the writes that would
 * otherwise need a test. */
static inline __attribute__((always_inline)) void list_push(struct mm_pool *pool, unsigned cls)
{
    struct mm_pool **head = &mm_st.usedpools[cls];
    struct mm_pool *old = *head;
    pool->nextpool = old;
    pool->pprev = head;
    old->pprev = &pool->nextpool;
    *head = pool;
}

static inline __attribute__((always_inline)) void list_unlink(struct mm_pool *pool)
{
    struct mm_pool *next = pool->nextpool, **pprev = pool->pprev;
    *pprev = next;
    next->pprev = pprev;
    pool->pprev = NULL;
}

/* The keeper ring, oldest first from mm_st.hand: a new keeper goes last. */
static inline __attribute__((always_inline)) void ring_insert(struct mm_pool *pool)
{
    struct mm_pool *first = mm_st.hand;
    if (first == NULL) {
        pool->ringnext = pool->ringprev = pool;
        mm_st.hand = pool;
        return;
    }
    struct mm_pool *last = first->ringprev;
    pool->ringnext = first;
    pool->ringprev = last;
    last->ringnext = pool;
    first->ringprev = pool;
}

static inline __attribute__((always_inline)) void ring_remove(struct mm_pool *pool)
{
    struct mm_pool *next = pool->ringnext, *prev = pool->ringprev;
    if (next == pool) {
        mm_st.hand = NULL;
        return;
    }
    prev->ringnext = next;
    next->ringprev = prev;
    if (mm_st.hand == pool)
        mm_st.hand = next;
}

/* pool (of class cls, nused not yet counting the keeper's unit) becomes the
 * class's keeper. */
static void make_keeper(struct mm_pool *pool, unsigned cls)
{
    mm_st.keep[cls] = pool;
    pool->nused++;
    ring_insert(pool);
}

/* A spare (an empty keeper) among the oldest MM_STEAL_PROBES keepers, or NULL.
 * The hand moves past the keepers in use it looked at (they are in use, so
 * recently used) and stops at the spare it returns. */
static inline __attribute__((always_inline)) struct mm_pool *find_spare(void)
{
    struct mm_pool *h = mm_st.hand;
    if (h == NULL || h->nused == 1)
        return h;
    for (unsigned k = 1; k < MM_STEAL_PROBES; k++) {
        h = h->ringnext;
        if (h->nused == 1) {
            mm_st.hand = h;
            return h;
        }
    }
    mm_st.hand = h->ringnext;
    return NULL;
}

/* ---- pools --------------------------------------------------------------- */

/* Hand out bp, the head of pool's free list (the caller counts it in nused). */
static inline __attribute__((always_inline)) void *pool_pop(struct mm_pool *pool, void *bp)
{
    dbg_take(pool, bp);
    pool->freeblock = *(void **)bp;
    dbg_hand_out(pool, bp);
    return bp;
}

/* Blocks carved at a time from a pool's virgin part: one is handed out, the
 * others go on the free list, so that the next allocations are fast-path pops. */
#define MM_CARVE 4

/* Classes whose pools hold MM_CARVE + 1 blocks: pool_init may thread a batch. */
#define MM_BATCH_CLASSES (((MM_POOL_LIMIT - MM_POOL_HDR) / (MM_CARVE + 1)) / MM_ALIGN)

/* The next virgin blocks of pool (its free list is empty, nextoffset is not
 * MM_POOL_FULL): one handed out, up to MM_CARVE - 1 more on the free list;
 * nextoffset becomes MM_POOL_FULL when no further block fits. */
static inline __attribute__((always_inline)) void *carve(struct mm_pool *pool)
{
    size_t size = mm_class_size(pool->szidx);
    size_t off = pool->nextoffset, limit = MM_POOL_LIMIT - size;
    char *bp = (char *)pool + off;
    off += size;
    if (off <= limit) {
        char *p = bp + size;
        pool->freeblock = p;
        for (unsigned k = 2; k < MM_CARVE && off + size <= limit; k++) {
            *(void **)p = p + size;
            p += size;
            off += size;
        }
        *(void **)p = NULL;
        off += size;
    }
    pool->nextoffset = (uint16_t)(off <= limit ? off : MM_POOL_FULL);
    pool->nused++;
    dbg_hand_out(pool, bp);
    return bp;
}

/* Give pool (fresh, emptied, or a stolen spare: its chunk is marked by the
 * caller) to class cls and hand out its first block; the next MM_CARVE - 1 go
 * on its free list where the pool holds MM_CARVE + 1 blocks and the caller
 * asks for a full batch (a class's first pool: the class may want more soon),
 * else the second only (every pool holds three, so a virgin block is always
 * left and nextoffset is never MM_POOL_FULL here). Unrolled: pools are taken
 * often. The caller links the pool and sets nused. */
static inline __attribute__((always_inline)) void *pool_init(struct mm_pool *pool, unsigned cls,
                                                             int batch)
{
    _Static_assert(MM_CARVE == 4, "pool_init threads MM_CARVE blocks by hand");
    size_t size = mm_class_size(cls);
    char *bp = (char *)pool + MM_POOL_HDR, *b1 = bp + size, *end;
    pool->szidx = (uint16_t)cls;
    dbg_pool_init(pool);
    pool->freeblock = b1;
    if (batch && cls < MM_BATCH_CLASSES) {
        char *b2 = b1 + size, *b3 = b2 + size;
        *(void **)b1 = b2;
        *(void **)b2 = b3;
        *(void **)b3 = NULL;
        end = b3 + size;
    } else {
        *(void **)b1 = NULL;
        end = b1 + size;
    }
    pool->nextoffset = (uint16_t)(end - (char *)pool);
    dbg_hand_out(pool, bp);
    return bp;
}

/* Link pool as the only pool on class cls's list (which is empty). */
static inline __attribute__((always_inline)) void list_set(struct mm_pool *pool, unsigned cls)
{
    pool->nextpool = NOPOOL;
    pool->pprev = &mm_st.usedpools[cls];
    mm_st.usedpools[cls] = pool;
}

/* Class cls has no pool with a block to give: a pool from the fullest usable
 * arena, an emptied one first (one of the same class has its free list
 * ready), else its next untouched one. */
static __attribute__((noinline)) void *alloc_arena_pool(unsigned cls)
{
    struct mm_arena *a = mm_st.usable_arenas;
    struct mm_pool *pool = a->freepools;
    int first = mm_st.keep[cls] == NULL;
    void *bp;
    if (pool != NULL) {
        arena_take_pool(a, pool, 1);
        if (pool->szidx == cls)
            bp = pool_pop(pool, pool->freeblock);
        else
            bp = pool_init(pool, cls, first);
    } else {
        pool = mm_arena_pool(a, a->ncarved);
        arena_take_pool(a, pool, 0);
        bp = pool_init(pool, cls, first);
    }
    chunk_set(pool, MM_CHUNK_POOL);
    list_set(pool, cls);
    pool->nused = 1;
    if (first)
        make_keeper(pool, cls);
    return bp;
}

static __attribute__((noinline)) void *alloc_no_arena(unsigned cls);

/* Give arena block blk's arena its bookkeeping and its pool 0 to class cls
 * (the arena is then usable with one pool fewer, or full). The pool becomes
 * its class's keeper only when it first empties, which keeps this path short. */
static inline __attribute__((always_inline)) void *arena_init(uintptr_t blk, unsigned cls)
{
    uintptr_t pools = mm_arena_pools_of(blk);
    struct mm_arena *a = mm_arena_at(pools);
    struct mm_pool *pool = (struct mm_pool *)pools;
    a->freepools = NULL;
    a->nextarena = a->prevarena = NULL;
    a->ncarved = 1;
    a->nfreepools = MM_POOLS_PER_ARENA - 1;
    if (MM_POOLS_PER_ARENA > 1) {
        mm_st.usable_arenas = a;
        mm_st.nfp2lasta[MM_POOLS_PER_ARENA - 1] = a;
    }
    mm_st.arenas_created++;
    pool->index = 0;
    void *bp = pool_init(pool, cls, 0);
    pool->nused = 1;
    chunk_set(pool, MM_CHUNK_POOL);
    list_set(pool, cls);
    return bp;
}

/* Class cls has no pool and no arena has a free one: an arena cut from the
 * top if it holds one (and no cap is set), else alloc_no_arena. */
static __attribute__((noinline)) void *alloc_new_arena(unsigned cls)
{
    uintptr_t blk;
    if (!mm_l1_arena_from_top(&blk, mm_st.top_slack))
        return alloc_no_arena(cls);
    return arena_init(blk, cls);
}

/* Class cls has no pool, no arena has a free one and the top holds no arena:
 * another class's spare (a steal: spares are reclaimed only when layer 1 has
 * no room for an arena), else an arena elsewhere in layer 1 (under a cap, in a
 * released arena's hole, in any free block large enough), else a block from
 * layer 1. */
static __attribute__((noinline)) void *alloc_no_arena(unsigned cls)
{
    struct mm_pool *pool = find_spare();
    if (pool == NULL) {
        /* A free block that may hold an arena (on the arena's list or above). */
        if ((mm_st.bitmap[MM_L1_WORDS - 1] >> (mm_list_of(MM_ARENA_SIZE) & 31)) != 0 ||
            mm_st.cap != 0) {
            uintptr_t blk = mm_l1_alloc_arena();
            if (blk != 0)
                return arena_init(blk, cls);
            return mm_l1_alloc(mm_class_size(cls), mm_class_size(cls), MM_BLK_SMALL);
        }
        return mm_l1_alloc_small(mm_class_size(cls));
    }
    /* A steal: the spare leaves its class (which keeps no pool now) for cls,
     * whose list is empty. */
    mm_st.keep[pool->szidx] = NULL;
    list_unlink(pool);
    mm_st.nsteals++;
    void *bp = pool_init(pool, cls, 0);
    list_set(pool, cls);
    if (mm_st.keep[cls] == NULL) {
        /* Keeper of cls now: the newest on the ring, where it already is once
         * the hand moves past it. */
        mm_st.keep[cls] = pool;
        pool->nused = 2;
        mm_st.hand = pool->ringnext;
    } else {
        /* cls has a keeper (its pools are full): the spare leaves the ring. */
        pool->nused = 1;
        ring_remove(pool);
    }
    return bp;
}

/* Class cls has no pool with a block to give: one from the fullest usable
 * arena, or from a new arena. Inline in both slow paths that need it, so that
 * neither pays a call more. */
static inline __attribute__((always_inline)) void *take_pool(unsigned cls)
{
    if (mm_st.usable_arenas != NULL)
        return alloc_arena_pool(cls);
    return alloc_new_arena(cls);
}

/* The fast path found no block in pool, the head of class cls's list (not
 * NOPOOL): carve from pool; if pool is full (noticed only now), take it off
 * the list and serve from the next pool, which is never full, or take a pool. */
static __attribute__((noinline)) void *alloc_slow(struct mm_pool *pool)
{
    if (pool->nextoffset != MM_POOL_FULL)
        return carve(pool);
    unsigned cls = pool->szidx;
    struct mm_pool *next = pool->nextpool;
    void *bp;
    list_unlink(pool);
    if ((bp = next->freeblock) != NULL) {
        next->nused++;
        return pool_pop(next, bp);
    }
    if (next != NOPOOL)
        return carve(next);
    return take_pool(cls);
}

/* Class cls has no pool (the fast path's other slow case). */
static __attribute__((noinline)) void *alloc_first(unsigned cls)
{
    return take_pool(cls);
}

/* The fast path: pop the head block of the class's first pool. A class with
 * no pool has NOPOOL, whose free list is empty, so one test covers both. */
static inline __attribute__((always_inline)) void *alloc_small(unsigned cls)
{
    struct mm_pool *pool = mm_st.usedpools[cls];
    void *bp = pool->freeblock;
    if (bp == NULL)
        return pool != NOPOOL ? alloc_slow(pool) : alloc_first(cls);
    pool->nused++;
    return pool_pop(pool, bp);
}

/* The last block of a pool other than its class's keeper was freed: it becomes
 * the keeper if the class has none, or trades places with a keeper in use;
 * otherwise (the class has a spare already) it goes back to its arena. */
static __attribute__((noinline)) void pool_emptied(void *p)
{
    struct mm_pool *pool = POOL_OF(p);
    unsigned cls = pool->szidx;
    struct mm_pool *k = mm_st.keep[cls];
    if (k != NULL && k->nused == 1) {
        list_unlink(pool);
        chunk_set(pool, MM_CHUNK_EMPTY);
        /* An arena went back to layer 1: use falls, so the spares go too,
         * rather than keep arenas alive at scattered places. */
        if (arena_put_pool(pool))
            mm_trim();
        return;
    }
    if (k != NULL) {
        k->nused--;
        ring_remove(k);
    }
    make_keeper(pool, cls);
}

/* p went back to a full pool, off its class's list: it is partly used again,
 * at the front of the list (a full head of the list that nobody noticed yet
 * leaves it first). */
static __attribute__((noinline)) void pool_unfull(void *p)
{
    struct mm_pool *pool = POOL_OF(p);
    unsigned cls = pool->szidx;
    struct mm_pool *head = mm_st.usedpools[cls];
    if (mm_pool_is_full(head) && head != NOPOOL)
        list_unlink(head);
    list_push(pool, cls);
    if (--pool->nused == 0) /* only if its capacity were 1 */
        pool_emptied(p);
}

/* The fast path: push p on its pool's free list. A pool whose free list was
 * empty is either full (off its list: pool_unfull) or still has virgin
 * blocks. The slow cases take p, not pool, so that the compiler keeps one
 * register live across the tail calls. */
static inline __attribute__((always_inline)) void free_small(struct mm_pool *pool, void *p)
{
    void *last = pool->freeblock;
    *(void **)p = last;
    pool->freeblock = p;
    if (last == NULL && pool->pprev == NULL)
        pool_unfull(p);
    else if (--pool->nused == 0)
        pool_emptied(p);
}

/* ---- spares -------------------------------------------------------------- */

/* Layer 1's reclaim hook (mm_l1_init): before it reports a failure, the
 * spares go back; 1 when there were keepers to look at (a retry may succeed). */
int mm_pool_reclaim(void)
{
    if (mm_st.hand == NULL)
        return 0;
    mm_trim();
    return 1;
}

void mm_trim(void)
{
    for (unsigned c = 0; c < MM_NCLASSES; c++) {
        struct mm_pool *k = mm_st.keep[c];
        if (k == NULL || k->nused != 1)
            continue;
        mm_st.keep[c] = NULL;
        ring_remove(k);
        k->nused = 0;
        list_unlink(k);
        chunk_set(k, MM_CHUNK_EMPTY);
        mm_st.ntrims++;
        arena_put_pool(k);
    }
}

/* ---- entry points -------------------------------------------------------- */

/* A zero-byte request, or one too large for the region. */
static __attribute__((noinline)) void *alloc_odd(size_t n)
{
    if (n == 0)
        mm_st.nzero++;
    else
        mm_note_failure();
    return NULL;
}

static __attribute__((noinline)) void *alloc_large(size_t n)
{
    if (n - 1 >= MM_MAX_REQUEST)
        return alloc_odd(n);
    return mm_l1_alloc(n, n, 0);
}

/* Allocation without the fault-injection event (realloc has had its own). */
static void *alloc_any(size_t n)
{
    if (n - 1 < MM_SMALL_THRESHOLD)
        return alloc_small(mm_class_of(n));
    return alloc_large(n);
}

/* The countdown reached 0: maybe fail (fault injection), else allocate. */
static __attribute__((noinline)) void *alloc_event(size_t n)
{
    return mm_alloc_event() ? NULL : alloc_any(n);
}

void *mm_alloc(size_t n)
{
    if (MM_FAULT_INJECTION && --mm_st.countdown == 0)
        return alloc_event(n);
    if (n - 1 < MM_SMALL_THRESHOLD)
        return alloc_small(mm_class_of(n));
    return alloc_large(n);
}

void *mm_alloc_class(unsigned cls)
{
#if MM_DEBUG
    if (cls >= MM_NCLASSES)
        mm_panicf("mm_alloc_class(%u): no such size class (there are %u)", cls,
                  (unsigned)MM_NCLASSES);
#endif
    if (MM_FAULT_INJECTION && --mm_st.countdown == 0)
        return alloc_event(mm_class_size(cls));
    return alloc_small(cls);
}

static __attribute__((noinline)) void free_large(void *p, const char *fn)
{
    if (p == NULL)
        return;
    dbg_large(p, fn);
    (void)fn;
    mm_l1_free(p);
}

void mm_free(void *p)
{
#if MM_DEBUG
    if (is_small(p)) {
        struct mm_pool *pool = POOL_OF(p);
        dbg_free(pool, p, MM_NCLASSES, "mm_free");
        free_small(pool, p);
        return;
    }
    free_large(p, "mm_free");
#else
    if (p == NULL)
        return;
    uintptr_t i = (uintptr_t)p >> MM_POOL_SHIFT;
    if (*(const uint8_t *)(mm_st.chunkbase + i) == 0) {
        mm_l1_free(p);
        return;
    }
    /* The pool is i's chunk: hide from the compiler that this is p masked, or
     * it masks p with two instructions instead of one shift. */
    __asm__("" : "+r"(i));
    free_small((struct mm_pool *)(i << MM_POOL_SHIFT), p);
#endif
}

void mm_free_class(void *p, unsigned cls)
{
    if (is_small(p)) {
        struct mm_pool *pool = POOL_OF(p);
        dbg_free(pool, p, cls, "mm_free_class");
        free_small(pool, p);
        return;
    }
    (void)cls;
    free_large(p, "mm_free_class");
}

static __attribute__((noinline)) void *large_event(size_t n)
{
    return mm_alloc_event() ? NULL : alloc_large(n);
}

void *mm_large_alloc(size_t n)
{
    if (MM_FAULT_INJECTION && --mm_st.countdown == 0)
        return large_event(n);
    if (n - 1 >= MM_MAX_REQUEST)
        return alloc_odd(n);
    return mm_l1_alloc(n, n, 0);
}

void mm_large_free(void *p)
{
#if MM_DEBUG
    if (p != NULL && is_small(p))
        mm_panicf("mm_large_free(0x%lx): pointer is a small block (free it with mm_free)",
                  (unsigned long)(uintptr_t)p);
#endif
    free_large(p, "mm_large_free");
}

size_t mm_usable_size(const void *p)
{
    if (p == NULL)
        return 0;
    if (is_small(p)) {
        struct mm_pool *pool = POOL_OF(p);
        dbg_live(pool, p, "mm_usable_size");
        return mm_class_size(pool->szidx);
    }
    dbg_large(p, "mm_usable_size");
    return mm_l1_usable(p);
}

void *mm_realloc(void *p, size_t n)
{
    if (p == NULL)
        return mm_alloc(n);
    if (n == 0) {
        mm_free(p);
        return NULL;
    }
    int small = is_small(p);
    struct mm_pool *pool = POOL_OF(p);
    if (small)
        dbg_live(pool, p, "mm_realloc");
    else
        dbg_large(p, "mm_realloc");
    mm_st.nrealloc++;
    if (MM_FAULT_INJECTION && --mm_st.countdown == 0 && mm_alloc_event()) {
        mm_st.nrealloc_fail++;
        return NULL;
    }
    size_t old;
    if (small) {
        old = mm_class_size(pool->szidx);
        /* Keep the block unless it would waste more than a quarter. */
        if (n <= old && 4 * n > 3 * old)
            return p;
    } else {
        if (mm_l1_resize(p, n))
            return p;
        old = mm_l1_usable(p);
    }
    void *q = alloc_any(n);
    if (q == NULL) {
        mm_st.nrealloc_fail++;
        return NULL;
    }
    memcpy(q, p, old < n ? old : n);
    if (small) {
        dbg_free(pool, p, MM_NCLASSES, "mm_realloc");
        free_small(pool, p);
    } else {
        mm_l1_free(p);
    }
    mm_st.nrealloc_moved++;
    return q;
}
