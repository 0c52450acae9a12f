/* mm's internal header: the state struct, the layouts of layer-1 blocks, arenas
 * and pools, and the functions the mm .c files call in one another. Only the .c files in mm/
 * may include it (they define MM_INTERNAL first); everyone else uses mm.h.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#ifndef MM_INTERNAL
#error "mm/mm_internal.h is internal to mm/: include mm.h"
#endif

#include <stddef.h>
#include <stdint.h>

#include "mm/mm.h"

#define MM_ROUND8(n)       (((n) + 7u) & ~(size_t)7u)
#define MM_POOL_SHIFT      ((unsigned)__builtin_ctz(MM_POOL_SIZE))
#define MM_POOL_MASK       ((uintptr_t)MM_POOL_SIZE - 1u)
#define MM_POOLS_PER_ARENA (MM_ARENA_SIZE / MM_POOL_SIZE)

_Static_assert(MM_ALIGN == 8, "size classes are 8 bytes apart");
_Static_assert(MM_NCLASSES >= 1 && MM_NCLASSES <= 0xFFFF, "size class index fits 16 bits");

/* ==== layer 1: blocks ========================================================
 *
 * The heap is a sequence of blocks in physical order, ending with a sentinel (a
 * used block of size 0 that is never freed). Every block starts with a header:
 *
 *   prev_phys   the physically previous block (&mm_st.floor, a used block of
 *               size 0 outside the heap, for the first: never NULL)
 *   head        size | flags, as below
 *   requested   (debug) bytes the caller asked for; the rest of the payload is guard
 *   canary      (debug) a hash of the fields above and the block's address
 *
 *   head:  31 (63)                         3   2   1   0
 *         +-----------------------------------+---+---+---+
 *         | size in bytes, header included    | S | A | F |
 *         +-----------------------------------+---+---+---+
 *          F = free, A = the block is an arena,
 *          S = a small request that found no pool (cleared if resized).
 *          Sizes are multiples of 8, so the low three bits are free for flags.
 *
 * Free blocks are of two kinds. The top (mm_st.top, the "wilderness" of
 * dlmalloc) is the free block that new arenas, and large requests no list can
 * serve, are cut from, at its low end; it is on no list and always exists (at
 * least MM_MIN_BLOCK bytes; a free block large enough for an arena may take
 * its place when it is too small for one). Every other free block is on the
 * segregated list its size maps to; its payload begins with its links (next,
 * pprev: the address of the pointer that points to it, a list head or the
 * previous block's next). Invariants: no two free blocks are neighbours
 * (immediate coalescing, the top included), prev_phys is always exact.
 */
struct mm_blk {
    struct mm_blk *prev_phys;
    size_t head;
#if MM_DEBUG
    size_t requested;
    size_t canary;
#endif
};
struct mm_links {
    struct mm_blk *next;
    struct mm_blk **pprev;
};

#define MM_BLK_FREE  ((size_t)1)
#define MM_BLK_ARENA ((size_t)2)
#define MM_BLK_SMALL ((size_t)4)
#define MM_BLK_FLAGS ((size_t)7)
#define MM_HDR       sizeof(struct mm_blk)
#define MM_MIN_BLOCK MM_ROUND8(MM_HDR + sizeof(struct mm_links))

_Static_assert(sizeof(struct mm_blk) % 8 == 0, "block payloads stay 8-aligned");

static inline size_t mm_blk_size(const struct mm_blk *b)
{
    return b->head & ~MM_BLK_FLAGS;
}
static inline struct mm_blk *mm_blk_next(const struct mm_blk *b)
{
    return (struct mm_blk *)((char *)b + mm_blk_size(b));
}
static inline void *mm_blk_payload(const struct mm_blk *b)
{
    return (char *)b + MM_HDR;
}
static inline struct mm_blk *mm_blk_of(const void *p)
{
    return (struct mm_blk *)((char *)p - MM_HDR);
}
static inline struct mm_links *mm_blk_links(const struct mm_blk *b)
{
    return (struct mm_links *)((char *)b + MM_HDR);
}

/* Segregated free lists (after TLSF, Masmano et al. 2004), one flat array of
 * MM_NLISTS heads with one bit per list in MM_L1_WORDS 32-bit words, so that
 * finding the first non-empty list above a given one is one or two
 * count-trailing-zeros and no summary level has to be kept. Sizes are split
 * into octaves (powers of two) and each octave into MM_L1_SLICES equal slices;
 * sizes below 2^MM_L1_BASE share the first octave's lists. Branch-free, with
 * m = msb(size | 2^MM_L1_BASE):
 *   list = ((m - MM_L1_BASE) << MM_L1_SL_LOG2) + (size >> (m - MM_L1_SL_LOG2))
 * (size >= 2^MM_L1_BASE: octave m - MM_L1_BASE + 1, slice = the bits below the
 * msb; smaller sizes: list size >> (MM_L1_BASE - MM_L1_SL_LOG2)). MM_L1_BASE
 * is the lowest octave that still lets the largest size (2^MM_REGION_MAX_LOG2)
 * map into the lists.
 */
#define MM_L1_WORDS   1
#define MM_L1_SL_LOG2 1
#define MM_L1_SLICES  (1u << MM_L1_SL_LOG2)
#define MM_NLISTS     (32 * MM_L1_WORDS)
#define MM_L1_OCTAVES (MM_NLISTS >> MM_L1_SL_LOG2)
#define MM_L1_BASE_0  (MM_REGION_MAX_LOG2 + 1 - MM_L1_OCTAVES)
#define MM_L1_BASE    (MM_L1_BASE_0 > MM_L1_SL_LOG2 + 3 ? MM_L1_BASE_0 : MM_L1_SL_LOG2 + 3)

_Static_assert(MM_L1_WORDS == 1 || MM_L1_WORDS == 2, "one or two bitmap words");
_Static_assert(MM_REGION_MAX_LOG2 + 1 - MM_L1_BASE <= MM_L1_OCTAVES, "every size maps to a list");

static inline __attribute__((always_inline)) unsigned mm_list_of(size_t size)
{
    unsigned m = 31u - (unsigned)__builtin_clz((uint32_t)size | (1u << MM_L1_BASE));
    return ((m - MM_L1_BASE) << MM_L1_SL_LOG2) + (unsigned)((uint32_t)size >> (m - MM_L1_SL_LOG2));
}

/* ==== layer 2: arenas and pools ==============================================
 *
 * An arena is a layer-1 block flagged A whose pools start at the first
 * MM_POOL_SIZE boundary after its header and which ends MM_HDR bytes before the
 * end of its last pool, where the next block's header goes:
 *
 *     [blk header|slack][pool 0][pool 1] ... [pool N-1 .. |next block's header]
 *                       ^ MM_POOL_SIZE-aligned              ^ the last MM_HDR bytes
 *
 * Every pool therefore leaves its last MM_HDR bytes unused (MM_POOL_LIMIT).
 * Arenas are cut from the low end of the top, like any block: the slack (less
 * than a pool) is what it takes to reach a pool boundary, and it is 0 for an
 * arena cut right after another one, since that one ended where a pool
 * boundary puts the next header. So consecutive arenas tile, and creating one
 * never splits off an alignment gap.
 *
 * The arena's own bookkeeping (struct mm_arena) is in pool 0's header: every
 * pool header has room for it (struct mm_pool.arena_rec), only pool 0's is
 * used, and it stays valid whatever class pool 0 serves.
 *
 * Pools are handed out lazily: the first `ncarved` have been used at least
 * once, the rest are untouched. Emptied pools wait on `freepools` (singly linked
 * through nextpool). nfreepools = untouched + emptied.
 *
 * Arena states:
 *   usable   0 < nfreepools < npools: on mm_st.usable_arenas, which is sorted by
 *            nfreepools ascending so the fullest arena gives the next pool
 *            (CPython 3.8+'s order; nfp2lasta[n] = last usable arena with n free
 *            pools, which makes every move O(1)).
 *   full     nfreepools == 0: on no list; its pools hold every block.
 *   (empty)  nfreepools == npools: never kept; handed back to layer 1 at once.
 * Transitions: a pool taken (usable -> usable or full), a pool emptied (full ->
 * usable, usable -> usable, or the arena released). A spare is not a free pool:
 * an arena held only by spares stays until they are stolen or given back; and
 * when a free hands an arena back to layer 1, use is falling, so mm_trim()
 * gives every spare back too (spares would otherwise keep arenas alive at
 * scattered addresses, where new pools then land and fragment layer 1).
 */
struct mm_arena {
    struct mm_pool *freepools;
    struct mm_arena *nextarena, *prevarena; /* usable_arenas, when usable */
    uint16_t nfreepools;
    uint16_t ncarved; /* pools [0, ncarved) have been used; the rest are untouched */
};
_Static_assert(MM_POOLS_PER_ARENA >= 1 && MM_POOLS_PER_ARENA <= 0xFFFF, "pool counts fit 16 bits");

/* A pool is MM_POOL_SIZE bytes at an MM_POOL_SIZE boundary: this header, then
 * blocks of one size class up to MM_POOL_LIMIT. Blocks are carved lazily:
 * [hdr, nextoffset) has been handed out at least once (each block there is in
 * use or on freeblock's list); [nextoffset, MM_POOL_LIMIT) is virgin and holds
 * at least one block, or nextoffset is MM_POOL_FULL once none is left (so the
 * allocation that finds a pool's free list empty tells "carve" from "full"
 * with one comparison; &mm_st.nopool looks full too).
 *
 * Pool states (nused = blocks handed out, plus one for the class's keeper):
 *   used     on mm_st.usedpools[szidx], a doubly linked list (pprev = address of
 *            the pointer to this pool) ending at &mm_st.nopool. Each has a free
 *            block or room to carve one, except that the head may be "full"
 *            with freeblock == NULL until the next allocation of the class
 *            notices (the fast path tests only freeblock).
 *   full     freeblock == NULL, nothing left to carve, off the list (pprev == NULL).
 *   empty    on its arena's freepools (chunk map 0); szidx and the free list are
 *            kept, so reuse for the same class needs no initialisation.
 * Keeper and spare: each class has at most one keeper pool (mm_st.keep[class]),
 * whose nused carries one extra count, so that freeing its last block never
 * leaves the fast path: an empty keeper is the class's *spare*, still on
 * usedpools, its free list ready for the next allocation. Keepers are on a ring
 * (ringnext / ringprev, oldest first from mm_st.hand) that is probed when a pool
 * is needed and no arena has one: a spare found there changes class (a steal).
 * Transitions: alloc takes the last block (used -> full, noticed lazily), free
 * into a full pool (full -> used, to the front of usedpools), free of the last
 * used block (used -> spare if the pool is the keeper; else it becomes the
 * keeper if the class has none, or trades places with a keeper that is in use;
 * else used -> empty), a class without a used pool takes an empty or untouched
 * pool (its keeper if the class has none; pool 0 of a new arena becomes it
 * only when it first empties, which keeps arena creation short) or steals a
 * spare (which stays on the ring as the new class's keeper, or leaves it if
 * that class has one); mm_trim() gives every spare back (spare -> empty).
 *
 * The chunk map (one byte per MM_POOL_SIZE chunk of the region) says which
 * chunks hold a pool that belongs to a class (used, full, spare): that, not a
 * magic number, tells a small block from a large one, since a large block's
 * data could imitate any header. It is set when a pool is handed to a class and
 * cleared when the pool goes back to its arena, so creating or releasing an
 * arena touches no map byte.
 */
struct mm_pool {
    void *freeblock; /* head of the free list: a block's first word links the next */
    struct mm_pool *nextpool;
    struct mm_pool **pprev; /* NULL when on no class list */
    uint32_t nused;         /* blocks handed out, + 1 for a keeper (32 bits: no truncation) */
    uint16_t szidx;         /* size class (set when the pool is first taken) */
    uint16_t nextoffset;    /* offset of the first virgin block, or MM_POOL_FULL */
    struct mm_pool *ringnext, *ringprev; /* keeper ring, when the class's keeper */
    struct mm_arena arena_rec;           /* pool 0: its arena's bookkeeping */
    uint16_t index;                      /* position in the arena: pool 0 is index pools before */
#if MM_DEBUG
    uint32_t inuse[MM_POOL_SIZE / 256]; /* one bit per block: handed out */
    uint64_t canary; /* the header's last 8 bytes: an underflow of block 0 hits it */
#endif
};
#define MM_POOL_HDR   MM_ROUND8(sizeof(struct mm_pool))
#define MM_POOL_LIMIT (MM_POOL_SIZE - MM_HDR) /* end of the blocks */
#define MM_POOL_FULL  MM_POOL_SIZE            /* nextoffset: no virgin block left */
#if MM_DEBUG
_Static_assert(offsetof(struct mm_pool, canary) + 8 == MM_POOL_HDR, "the canary ends the header");
#endif
_Static_assert((MM_POOL_LIMIT - MM_POOL_HDR) / MM_SMALL_THRESHOLD >= 3,
               "a pool must hold at least three blocks of the largest class");
_Static_assert(MM_POOL_SIZE <= 32768, "pool offsets fit 16 bits");
_Static_assert(MM_ARENA_SIZE % 8 == 0, "arena blocks keep 8-byte alignment");

/* Chunk map values. An emptied pool is marked only in debug builds, for precise
 * double-free messages; release builds need (and write) only 0 and 1. */
enum { MM_CHUNK_NONE = 0, MM_CHUNK_POOL = 1, MM_CHUNK_EMPTY = MM_DEBUG ? 2 : 0 };

static inline unsigned mm_pool_capacity(unsigned szidx)
{
    return (unsigned)((MM_POOL_LIMIT - MM_POOL_HDR) / mm_class_size(szidx));
}
/* A full pool: nothing on its free list, nothing left to carve. */
static inline int mm_pool_is_full(const struct mm_pool *pool)
{
    return pool->freeblock == NULL && pool->nextoffset == MM_POOL_FULL;
}
/* The end of pool's carved blocks. */
static inline unsigned mm_pool_carved_end(const struct mm_pool *pool)
{
    return pool->nextoffset != MM_POOL_FULL
               ? pool->nextoffset
               : MM_POOL_HDR + mm_pool_capacity(pool->szidx) * (unsigned)mm_class_size(pool->szidx);
}
/* Pool i of arena a, whose record is in pool 0's header. */
static inline struct mm_pool *mm_arena_pool(const struct mm_arena *a, unsigned i)
{
    return (struct mm_pool *)((uintptr_t)a - offsetof(struct mm_pool, arena_rec) +
                              (uintptr_t)i * MM_POOL_SIZE);
}
/* The arena of pool (whose header holds its position in the arena). */
static inline struct mm_arena *mm_pool_arena(const struct mm_pool *pool)
{
    return &((struct mm_pool *)((uintptr_t)pool - (uintptr_t)pool->index * MM_POOL_SIZE))
                ->arena_rec;
}
/* The arena whose pool 0 is at pools. */
static inline struct mm_arena *mm_arena_at(uintptr_t pools)
{
    return &((struct mm_pool *)pools)->arena_rec;
}
static inline uintptr_t mm_arena_pools(const struct mm_arena *a)
{
    return (uintptr_t)mm_arena_pool(a, 0);
}
/* Pool 0 of the arena whose block starts at b. */
static inline uintptr_t mm_arena_pools_of(uintptr_t b)
{
    return (b + MM_HDR + MM_POOL_MASK) & ~MM_POOL_MASK;
}
/* The block of arena a: the block after it (whose header is in the last
 * pool's tail) links back to it. */
static inline struct mm_blk *mm_arena_block(const struct mm_arena *a)
{
    return ((const struct mm_blk *)(mm_arena_pools(a) + MM_ARENA_SIZE - MM_HDR))->prev_phys;
}

/* ==== the state: everything mm keeps between calls ======================== */
struct mm_state {
    /* Hot fields first: the fast paths index usedpools from the struct's address. */
    struct mm_pool *usedpools[MM_NCLASSES]; /* &nopool when the class has no used pool */
    uint32_t countdown;                     /* allocations until the next fault-injection event */
    uintptr_t chunkbase;   /* address of the chunk map byte of address 0: chunks - origin/pool */
    uintptr_t origin;      /* address of chunk 0: the heap start rounded down to a pool */
    size_t nchunks;        /* chunks covered by the chunk map */
    uint8_t *chunks;       /* the chunk map, at the start of the region */
    struct mm_pool nopool; /* the end of every class list; its freeblock stays NULL */

    /* layer 2 */
    struct mm_arena *usable_arenas;
    struct mm_arena *nfp2lasta[MM_POOLS_PER_ARENA + 1];
    struct mm_pool *keep[MM_NCLASSES]; /* each class's keeper, or NULL */
    struct mm_pool *hand;              /* the keeper ring's oldest keeper, or NULL */

    /* layer 1 */
    uint32_t bitmap[MM_L1_WORDS]; /* bit i: heads[i] != NULL */
    struct mm_blk *heads[MM_NLISTS];
    struct mm_blk *top;                   /* the wilderness: free, on no list */
    struct mm_blk *heap_first, *heap_end; /* heap_end is the sentinel */
    struct mm_blk floor;                  /* prev_phys of the first block: used, size 0 */
    size_t used;                          /* bytes of used layer-1 blocks, headers included */
    size_t peak;                          /* highest `used` before its last decrease */
    size_t cap;                           /* fault injection: cap on used + overhead, 0 = none */
    /* What the top must keep beyond an arena to give one: MM_MIN_BLOCK (it stays
     * a block), or SIZE_MAX / 2 under a cap (never: mm_l1_alloc_arena checks it). */
    size_t top_slack;
    /* Called before a layer-1 allocation fails: the layer above gives memory
     * back; nonzero when a retry may succeed. Layer 1 knows nothing else of it. */
    int (*reclaim)(void);

    /* layer 0 */
    uintptr_t region;
    size_t region_size, overhead;

    /* counters (all updated off the fast paths; see mm_get_stats) */
    uint32_t period;              /* the value countdown was last loaded with */
    uint64_t events_before;       /* allocation events before the current period */
    unsigned long nzero;          /* zero-byte requests */
    unsigned long nfail;          /* requests that found no memory (realloc's included) */
    unsigned long ninjected;      /* failures injected (realloc's included) */
    unsigned long nrealloc;       /* mm_realloc calls with p and size non-zero */
    unsigned long nrealloc_fail;  /* of those, NULL results */
    unsigned long nrealloc_moved; /* of those, moves (one block allocated, one freed) */
    unsigned long nsteals;        /* spares that changed class */
    unsigned long ntrims;         /* spares given back by mm_trim */
    /* arenas held now: created - released; arenas_peak: the most before the last release */
    size_t arenas_peak, arenas_created, arenas_released;

    /* fault injection mode */
    uint8_t fault_mode;

    /* panic */
    mm_panic_fn panic;
    char message[192];
    char check_message[192];
};

extern struct mm_state mm_st;

static inline struct mm_arena *mm_arena_of_blk(const struct mm_blk *b)
{
    return mm_arena_at(mm_arena_pools_of((uintptr_t)b));
}

/* ---- block headers and accounting (large.c and pool.c) ---- */
#if MM_DEBUG
size_t mm_blk_canary(const struct mm_blk *b);
#endif
static inline __attribute__((always_inline)) void mm_blk_seal(struct mm_blk *b)
{
#if MM_DEBUG
    b->canary = mm_blk_canary(b);
#else
    (void)b;
#endif
}

static inline __attribute__((always_inline)) void mm_blk_set_head(struct mm_blk *b, size_t head)
{
    b->head = head;
#if MM_DEBUG
    b->requested = 0;
#endif
    mm_blk_seal(b);
}

/* used grows; its peak is taken when it shrinks (in large.c), which keeps the
 * allocation paths shorter. */
static inline __attribute__((always_inline)) void mm_l1_account(size_t bs)
{
    mm_st.used += bs;
}

/* Cut an arena block from the low end of the top (*blk), pool 0 at the first
 * MM_POOL_SIZE boundary after its header: 1, or 0 when the top would keep
 * less than slack bytes (at least a minimum block; mm_st.top_slack refuses
 * under a cap, for callers that do not check it themselves). An
 * arena cut right after another one has no slack: they tile. */
static inline __attribute__((always_inline)) int mm_l1_arena_from_top(uintptr_t *blk, size_t slack)
{
    struct mm_blk *b = mm_st.top;
    size_t tsize = mm_blk_size(b);
    uintptr_t p = mm_arena_pools_of((uintptr_t)b);
    uintptr_t end = p + MM_ARENA_SIZE - MM_HDR, size = end - (uintptr_t)b;
    if (tsize < size + slack)
        return 0;
    struct mm_blk *t = (struct mm_blk *)end;
    t->prev_phys = b;
    mm_blk_set_head(t, (tsize - size) | MM_BLK_FREE);
    mm_blk_next(t)->prev_phys = t;
    mm_st.top = t;
    mm_blk_set_head(b, size | MM_BLK_ARENA);
    mm_l1_account(size);
    *blk = (uintptr_t)b;
    return 1;
}

/* ---- layer 1 (large.c) ----
 * mm_l1_alloc (1 <= n <= MM_MAX_REQUEST) counts its failures (mm_note_failure),
 * after calling the reclaim hook given to mm_l1_init and retrying once; the
 * others do not. */
/* Largest request: the block and its rounding must stay below 2^MM_REGION_MAX_LOG2. */
#define MM_MAX_REQUEST (((size_t)1 << MM_REGION_MAX_LOG2) - 2 * MM_POOL_SIZE)
void mm_l1_init(uintptr_t start, uintptr_t end, int (*reclaim)(void));
void *mm_l1_alloc(size_t n, size_t requested, size_t flags);
uintptr_t mm_l1_alloc_arena(void); /* an arena block (under a cap, or in a hole), or 0 */
void *mm_l1_alloc_small(size_t n); /* a small request no pool could serve (no cap set) */
void mm_l1_free(void *p);
int mm_l1_resize(void *p, size_t n);
size_t mm_l1_usable(const void *p);
#if MM_DEBUG
void mm_l1_validate(const void *p, const char *fn);
#endif

/* ---- layer 2 (pool.c) ---------------------------------------------------- */
/* The chunk-map index of address a (>= nchunks when outside the region). */
static inline size_t mm_chunk_index(uintptr_t a)
{
    return (a - mm_st.origin) >> MM_POOL_SHIFT;
}
/* 1 when pool is its class's keeper. */
static inline int mm_is_keeper(const struct mm_pool *pool)
{
    return pool->szidx < MM_NCLASSES && mm_st.keep[pool->szidx] == pool;
}
/* Layer 1's reclaim hook: give the spare pools back (mm_trim); 1 if there were keepers. */
int mm_pool_reclaim(void);
#if MM_DEBUG
uint64_t mm_pool_canary(const struct mm_pool *pool);
#endif

/* ---- front (mm.c) -------------------------------------------------------- */
/* Called when countdown reaches 0: 1 if this allocation must fail (injected). */
int mm_alloc_event(void);
/* A failed allocation (not injected: those are counted by mm_alloc_event). */
void mm_note_failure(void);
_Noreturn void mm_panicf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
unsigned long mm_event_count(void);

#endif /* MM_INTERNAL_H */
