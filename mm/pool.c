/* Layer 2: arenas, pools and size-class blocks, and mm's allocation entry points.
 *
 * The design is pymalloc's (CPython Objects/obmalloc.c, 3.8+), rewritten for
 * one static region: size classes 8 bytes apart up to MM_SMALL_THRESHOLD; each
 * class has a list of partly used pools (usedpools); a pool's blocks are carved
 * lazily (nextoffset) and recycled through a free list threaded through the
 * blocks themselves; pools come from arenas that layer 1 hands out, the fullest
 * arena first; an arena whose pools are all empty goes straight back to layer 1.
 *
 * Bounds: alloc and free are O(1). The common path is a free-list pop or push
 * plus a counter; the slow paths (carve a block, take a pool, take or release an
 * arena, relink a list) are O(1) each because carving is lazy and the arena
 * order only ever moves an arena past one boundary (nfp2lasta). A small request
 * that finds neither a pool nor an arena is served by layer 1.
 *
 * A pointer is a small block iff the chunk map marks its MM_POOL_SIZE chunk as
 * a live pool: one subtraction, one shift, one bounds check, one byte load.
 */
#define MM_INTERNAL
#include <string.h>

#include "mm_internal.h"

#define POOL_OF(p) ((struct mm_pool *)((uintptr_t)(p) & ~MM_POOL_MASK))

static inline int chunk_live(uint8_t c)
{
    return MM_DEBUG ? c == MM_CHUNK_POOL : c != MM_CHUNK_NONE;
}

/* Nonzero when p lies in a live pool. Release builds trust p to come from mm
 * (any other pointer is undefined behaviour there) and test only for NULL;
 * debug builds bound-check, so that a foreign pointer reaches the checks of
 * the large-block path instead of a byte outside the chunk map. */
static inline __attribute__((always_inline)) int is_small(const void *p)
{
    size_t i = mm_chunk_index((uintptr_t)p);
    int inside = MM_DEBUG ? i < mm_st.nchunks : p != NULL;
    return inside && chunk_live(mm_st.chunks[i]);
}

/* ---- debug hooks: real checks when MM_DEBUG, nothing otherwise ----------- */
#if MM_DEBUG
uint64_t mm_pool_canary(const struct mm_pool *pool)
{
    uint64_t h = (uint64_t)(uintptr_t)pool * 0x9E3779B97F4A7C15u;
    return h ^ ((uint64_t)pool->szidx << 48) ^ 0xB10C5EEDC0FFEE11u;
}

uint32_t mm_arena_canary(const struct mm_arena *a)
{
    return ((uint32_t)(uintptr_t)a * 0xC2B2AE35u) ^ 0xA4E7A5EEu;
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

static void dbg_pool_init(struct mm_pool *pool)
{
    memset((char *)pool + MM_POOL_HDR, MM_POISON_FREED, MM_POOL_SIZE - MM_POOL_HDR);
    memset(pool->inuse, 0, sizeof pool->inuse);
    pool->canary = mm_pool_canary(pool);
}

static void dbg_arena_init(struct mm_arena *a)
{
    a->canary = mm_arena_canary(a);
}

/* The chunks of an arena's emptied pools are marked; unmark them. */
static void dbg_arena_release(struct mm_arena *a)
{
    for (unsigned i = 0; i < a->ncarved; i++)
        mm_st.chunks[mm_chunk_index((uintptr_t)mm_arena_pool(a, i))] = MM_CHUNK_NONE;
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
static inline void dbg_arena_init(struct mm_arena *a)
{
    (void)a;
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

/* Called only when no arena is usable: the new one becomes the whole list. */
static struct mm_arena *arena_new(void)
{
    struct mm_arena *a = mm_l1_alloc_arena();
    if (a == NULL)
        return NULL;
    a->freepools = NULL;
    a->nextarena = a->prevarena = NULL;
    a->nfreepools = MM_POOLS_PER_ARENA;
    a->ncarved = 0;
    dbg_arena_init(a);
    mm_st.usable_arenas = a;
    mm_st.nfp2lasta[MM_POOLS_PER_ARENA] = a;
    mm_st.arenas_created++;
    if (++mm_st.arenas > mm_st.arenas_peak)
        mm_st.arenas_peak = mm_st.arenas;
    return a;
}

/* A pool from a, the head of usable_arenas (fewest free pools). a keeps its
 * place: it had the fewest free pools and now has one fewer. */
static struct mm_pool *arena_take_pool(struct mm_arena *a)
{
    struct mm_pool *pool = a->freepools;
    if (pool != NULL) {
        a->freepools = pool->nextpool;
    } else {
        pool = mm_arena_pool(a, a->ncarved++);
        pool->arena = a;
        pool->szidx = MM_NCLASSES;
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
    return pool;
}

/* An emptied pool goes back to its arena, which moves toward the tail of
 * usable_arenas (past the last arena with its old count), or back to layer 1
 * when all its pools are empty. */
static void arena_put_pool(struct mm_pool *pool)
{
    struct mm_arena *a = pool->arena;
    pool->nextpool = a->freepools;
    a->freepools = pool;
    unsigned old = a->nfreepools++, nf = old + 1;
    if (nf == MM_POOLS_PER_ARENA) {
        if (old > 0)
            usable_unlink(a, old);
        dbg_arena_release(a);
        mm_st.arenas--;
        mm_st.arenas_released++;
        mm_l1_free(a);
        return;
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
}

/* ---- pools --------------------------------------------------------------- */

/* pool's free list just ran dry: carve the next virgin block, or, when none is
 * left, the pool is full and leaves usedpools (it is always the list's head). */
static inline __attribute__((always_inline)) void pool_refill(struct mm_pool *pool)
{
    size_t size = mm_class_size(pool->szidx);
    if (pool->nextoffset <= MM_POOL_SIZE - size) {
        void *fb = (char *)pool + pool->nextoffset;
        pool->nextoffset = (uint16_t)(pool->nextoffset + size);
        *(void **)fb = NULL;
        pool->freeblock = fb;
        return;
    }
    struct mm_pool *next = pool->nextpool;
    mm_st.usedpools[pool->szidx] = next;
    if (next != NULL)
        next->prevpool = NULL;
}

/* A block of class cls from a new pool (usedpools[cls] is empty), or from
 * layer 1 when no arena can be had. */
static __attribute__((noinline)) void *alloc_new_pool(unsigned cls)
{
    struct mm_arena *a = mm_st.usable_arenas;
    if (a == NULL && (a = arena_new()) == NULL) {
        return mm_l1_alloc(mm_class_size(cls), mm_class_size(cls), MM_BLK_SMALL);
    }
    struct mm_pool *pool = arena_take_pool(a);
    mm_st.chunks[mm_chunk_index((uintptr_t)pool)] = MM_CHUNK_POOL;
    pool->nextpool = pool->prevpool = NULL;
    mm_st.usedpools[cls] = pool;
    void *bp;
    if (pool->szidx == cls) {
        /* An emptied pool of the same class: its free list is ready. */
        bp = pool->freeblock;
        dbg_take(pool, bp);
        if ((pool->freeblock = *(void **)bp) == NULL)
            pool_refill(pool);
    } else {
        size_t size = mm_class_size(cls);
        pool->szidx = (uint16_t)cls;
        pool->nextoffset = (uint16_t)(MM_POOL_HDR + 2 * size);
        dbg_pool_init(pool);
        bp = (char *)pool + MM_POOL_HDR;
        pool->freeblock = (char *)bp + size;
        *(void **)pool->freeblock = NULL;
    }
    pool->nused = 1;
    dbg_hand_out(pool, bp);
    return bp;
}

/* The free list ran dry after handing out bp: refill, then return bp (a tail
 * call, so the fast path below needs no stack frame). */
static __attribute__((noinline)) void *refill_and_return(void *bp, struct mm_pool *pool)
{
    pool_refill(pool);
    dbg_hand_out(pool, bp);
    return bp;
}

/* The fast path: pop the head block of the class's first used pool. */
static inline __attribute__((always_inline)) void *alloc_small(unsigned cls)
{
    struct mm_pool *pool = mm_st.usedpools[cls];
    if (pool == NULL)
        return alloc_new_pool(cls);
    void *bp = pool->freeblock;
    dbg_take(pool, bp);
    pool->nused++;
    if ((pool->freeblock = *(void **)bp) == NULL)
        return refill_and_return(bp, pool);
    dbg_hand_out(pool, bp);
    return bp;
}

/* A full pool got block p back: it is partly used again, at the front of its
 * class's list (the most recently freed-into pool serves next). */
static __attribute__((noinline)) void pool_unfull(void *p)
{
    struct mm_pool *pool = POOL_OF(p);
    pool->nused--;
    struct mm_pool **head = &mm_st.usedpools[pool->szidx];
    pool->prevpool = NULL;
    pool->nextpool = *head;
    if (*head != NULL)
        (*head)->prevpool = pool;
    *head = pool;
}

/* Block p was the pool's last one in use: off usedpools, back to its arena. */
static __attribute__((noinline)) void pool_emptied(void *p)
{
    struct mm_pool *pool = POOL_OF(p);
    struct mm_pool *prev = pool->prevpool, *next = pool->nextpool;
    if (prev != NULL)
        prev->nextpool = next;
    else
        mm_st.usedpools[pool->szidx] = next;
    if (next != NULL)
        next->prevpool = prev;
    mm_st.chunks[mm_chunk_index((uintptr_t)pool)] = MM_CHUNK_EMPTY;
    arena_put_pool(pool);
}

/* The fast path: push p on its pool's free list. The slow cases take p, not
 * pool, so that the compiler keeps one register live across the tail calls. */
static inline __attribute__((always_inline)) void free_small(struct mm_pool *pool, void *p)
{
    void *last = pool->freeblock;
    *(void **)p = last;
    pool->freeblock = p;
    if (last == NULL)
        pool_unfull(p);
    else if (--pool->nused == 0)
        pool_emptied(p);
}

/* ---- entry points -------------------------------------------------------- */

static __attribute__((noinline)) void *alloc_large(size_t n)
{
    if (n == 0) {
        mm_st.nzero++;
        return NULL;
    }
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
    if (--mm_st.countdown == 0)
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
    if (--mm_st.countdown == 0)
        return alloc_event(mm_class_size(cls));
    return alloc_small(cls);
}

static __attribute__((noinline)) void free_large(void *p, const char *fn)
{
    if (p == NULL)
        return;
    dbg_large(p, fn);
    mm_l1_free(p);
}

void mm_free(void *p)
{
    if (is_small(p)) {
        struct mm_pool *pool = POOL_OF(p);
        dbg_free(pool, p, MM_NCLASSES, "mm_free");
        free_small(pool, p);
        return;
    }
    free_large(p, "mm_free");
}

void mm_free_class(void *p, unsigned cls)
{
    if (is_small(p)) {
        struct mm_pool *pool = POOL_OF(p);
        dbg_free(pool, p, cls, "mm_free_class");
        free_small(pool, p);
        return;
    }
    free_large(p, "mm_free_class");
}

static __attribute__((noinline)) void *large_event(size_t n)
{
    return mm_alloc_event() ? NULL : alloc_large(n);
}

void *mm_large_alloc(size_t n)
{
    if (--mm_st.countdown == 0)
        return large_event(n);
    return alloc_large(n);
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
    if (--mm_st.countdown == 0 && mm_alloc_event()) {
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
