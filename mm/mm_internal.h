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

#include "mm.h"

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
 *   prev_phys   the physically previous block (NULL for the first)
 *   head        size | flags, as below
 *   requested   (debug) bytes the caller asked for; the rest of the payload is guard
 *   canary      (debug) a hash of the fields above and the block's address
 *
 *   head:  31 (63)                         3   2   1   0
 *         +-----------------------------------+---+---+---+
 *         | size in bytes, header included    | S | A | F |
 *         +-----------------------------------+---+---+---+
 *          F = free (on a segregated list), A = the block is an arena,
 *          S = a small request that found no pool (cleared if resized).
 *          Sizes are multiples of 8, so the low three bits are free for flags.
 *
 * A free block's payload begins with its list links (next, prev). Invariants:
 * no two free blocks are neighbours (immediate coalescing), prev_phys is always
 * exact, and every free block is on the list its size maps to.
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
    struct mm_blk *next, *prev;
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

/* Two-level segregated lists (TLSF, Masmano et al. 2004). First level: powers
 * of two; second level: MM_SL_COUNT equal slices of each. Sizes below
 * MM_FL_MIN (128) share first level 0, sliced every 8 bytes.
 *   size >= 128:  fl = msb(size) - 6,  sl = the 4 bits below the msb
 *   size <  128:  fl = 0,              sl = size / 8
 */
#define MM_SL_LOG2  4
#define MM_SL_COUNT (1u << MM_SL_LOG2)
#define MM_FL_SHIFT (MM_SL_LOG2 + 3)
#define MM_FL_MIN   (1u << MM_FL_SHIFT)
#define MM_FL_COUNT (MM_REGION_MAX_LOG2 - MM_FL_SHIFT + 1)

_Static_assert(MM_FL_COUNT >= 2 && MM_FL_COUNT <= 32, "first-level bitmap is one 32-bit word");

/* ==== layer 2: arenas and pools ==============================================
 *
 * An arena is a layer-1 block flagged A whose payload is this struct followed,
 * at the next MM_POOL_SIZE boundary, by MM_POOLS_PER_ARENA pools:
 *
 *   [blk header][struct mm_arena][pool 0][pool 1] ... [pool N-1]
 *                                ^ MM_POOL_SIZE-aligned
 *
 * Pools are handed out lazily: the first `ncarved` have been used at least once,
 * the rest are untouched. Emptied pools wait on `freepools` (singly linked
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
 * usable, usable -> usable, or the arena released).
 */
struct mm_arena {
    struct mm_pool *freepools;
    struct mm_arena *nextarena, *prevarena; /* usable_arenas, when usable */
    uint16_t nfreepools;
    uint16_t ncarved; /* pools [0, ncarved) have been used; the rest are untouched */
#if MM_DEBUG
    uint32_t canary;
#endif
};
#define MM_ARENA_HDR MM_ROUND8(sizeof(struct mm_arena))
_Static_assert(MM_POOLS_PER_ARENA >= 1 && MM_POOLS_PER_ARENA <= 0xFFFF, "pool counts fit 16 bits");

/* A pool is MM_POOL_SIZE bytes at an MM_POOL_SIZE boundary: this header, then
 * blocks of one size class. Blocks are carved lazily: [hdr, nextoffset) has been
 * handed out at least once (each block there is in use or on freeblock's list);
 * [nextoffset, MM_POOL_SIZE) is virgin, and a block fits there while
 * nextoffset <= MM_POOL_SIZE - class size.
 *
 * Pool states (nused = blocks handed out):
 *   used     0 < nused, a block available (freeblock != NULL): on
 *            mm_st.usedpools[szidx], a doubly linked NULL-terminated list.
 *   full     freeblock == NULL and nothing left to carve: on no list.
 *   empty    nused == 0: on its arena's freepools; szidx and the free list are
 *            kept, so reuse for the same class needs no initialisation.
 * Transitions: alloc takes the last block (used -> full), free into a full pool
 * (full -> used, to the front of usedpools), free of the last used block (used
 * -> empty), a class without a used pool takes an empty or untouched pool.
 *
 * The chunk map (one byte per MM_POOL_SIZE chunk of the region) says which
 * chunks hold a used or full pool: that, not a magic number, tells a small block
 * from a large one, since a large block's data could imitate any header.
 */
struct mm_pool {
    void *freeblock; /* head of the free list: a block's first word links the next */
    struct mm_pool *nextpool, *prevpool;
    struct mm_arena *arena;
    uint32_t nused;      /* blocks handed out (32 bits: no truncation on the fast path) */
    uint16_t szidx;      /* size class; MM_NCLASSES for a pool never initialised */
    uint16_t nextoffset; /* offset of the first virgin block */
#if MM_DEBUG
    uint32_t inuse[MM_POOL_SIZE / 256]; /* one bit per block: handed out */
    uint64_t canary; /* the header's last 8 bytes: an underflow of block 0 hits it */
#endif
};
#define MM_POOL_HDR MM_ROUND8(sizeof(struct mm_pool))
#if MM_DEBUG
_Static_assert(offsetof(struct mm_pool, canary) + 8 == MM_POOL_HDR, "the canary ends the header");
#endif
_Static_assert((MM_POOL_SIZE - MM_POOL_HDR) / MM_SMALL_THRESHOLD >= 2,
               "a pool must hold at least two blocks of the largest class");
_Static_assert(MM_POOL_SIZE <= 32768, "pool offsets fit 16 bits");

/* Chunk map values. An empty pool is marked only in debug builds, for precise
 * double-free messages; release builds need (and write) only 0 and 1. */
enum { MM_CHUNK_NONE = 0, MM_CHUNK_POOL = 1, MM_CHUNK_EMPTY = MM_DEBUG ? 2 : 0 };

static inline unsigned mm_pool_capacity(unsigned szidx)
{
    return (unsigned)((MM_POOL_SIZE - MM_POOL_HDR) / mm_class_size(szidx));
}
static inline struct mm_pool *mm_arena_pool(const struct mm_arena *a, unsigned i)
{
    return (struct mm_pool *)((char *)a + MM_ARENA_HDR + (size_t)i * MM_POOL_SIZE);
}
static inline struct mm_arena *mm_arena_of_blk(const struct mm_blk *b)
{
    return (struct mm_arena *)mm_blk_payload(b);
}

/* ==== the state: everything mm keeps between calls ======================== */
struct mm_state {
    /* Hot fields first: the fast paths index usedpools from the struct's address. */
    struct mm_pool *usedpools[MM_NCLASSES];
    uint32_t countdown; /* allocations until the next fault-injection event */
    uintptr_t origin;   /* address of chunk 0: the region start rounded down to a pool */
    size_t nchunks;     /* chunks covered by the chunk map */
    uint8_t *chunks;    /* the chunk map, at the start of the region */

    /* layer 2 */
    struct mm_arena *usable_arenas;
    struct mm_arena *nfp2lasta[MM_POOLS_PER_ARENA + 1];

    /* layer 1 */
    uint32_t fl_bitmap;
    uint32_t sl_bitmap[MM_FL_COUNT];
    struct mm_blk *heads[MM_FL_COUNT][MM_SL_COUNT];
    struct mm_blk *heap_first, *heap_end; /* heap_end is the sentinel */
    size_t used;                          /* bytes of used layer-1 blocks, headers included */
    size_t peak;                          /* highest `used` */
    size_t cap;                           /* fault injection: cap on used + overhead, 0 = none */

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
    size_t arenas, arenas_peak, arenas_created, arenas_released;

    /* fault injection mode */
    uint8_t fault_mode;

    /* panic */
    mm_panic_fn panic;
    char message[192];
    char check_message[192];
};

extern struct mm_state mm_st;

/* ---- layer 1 (large.c) ----
 * mm_l1_alloc counts its failures (mm_note_failure); the others do not. */
void mm_l1_init(uintptr_t start, uintptr_t end);
void *mm_l1_alloc(size_t n, size_t requested, size_t flags);
void *mm_l1_alloc_arena(void);
void mm_l1_free(void *p);
int mm_l1_resize(void *p, size_t n);
size_t mm_l1_usable(const void *p);
void mm_l1_mapping(size_t size, unsigned *fl, unsigned *sl);
#if MM_DEBUG
size_t mm_blk_canary(const struct mm_blk *b);
void mm_l1_validate(const void *p, const char *fn);
#endif

/* ---- layer 2 (pool.c) ---------------------------------------------------- */
/* The chunk-map index of address a (>= nchunks when outside the region). */
static inline size_t mm_chunk_index(uintptr_t a)
{
    return (a - mm_st.origin) >> MM_POOL_SHIFT;
}
#if MM_DEBUG
uint64_t mm_pool_canary(const struct mm_pool *pool);
uint32_t mm_arena_canary(const struct mm_arena *a);
#endif

/* ---- front (mm.c) -------------------------------------------------------- */
/* Called when countdown reaches 0: 1 if this allocation must fail (injected). */
int mm_alloc_event(void);
/* A failed allocation (not injected: those are counted by mm_alloc_event). */
void mm_note_failure(void);
_Noreturn void mm_panicf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
unsigned long mm_event_count(void);

#endif /* MM_INTERNAL_H */
