/* Layer 1: large blocks and arenas, a constant-time good-fit allocator.
 *
 * Algorithm: Two-Level Segregated Fit (Masmano, Ripoll, Crespo, Real: "TLSF: a
 * new dynamic memory allocator for real-time systems", ECRTS 2004), written for
 * this runtime. Free blocks sit on MM_FL_COUNT x MM_SL_COUNT lists by size; one
 * bitmap word per level says which lists are non-empty, so finding a list is a
 * count-trailing-zeros, and freeing merges with both physical neighbours at
 * once. Every function here is O(1): at most two list lookups, two merges and
 * two splits, whatever the heap holds (debug builds add O(block) poisoning).
 *
 * Fit: the head of the list the request maps to is taken when it is large
 * enough (good fit), else the head of the next non-empty list above, whose
 * every block is large enough. Arenas need their pools MM_POOL_SIZE-aligned:
 * mm_l1_alloc_arena trims the front of the block it finds into a free block.
 */
#define MM_INTERNAL
#include <string.h>

#include "mm_internal.h"

/* Debug builds keep at least this many guard bytes after a large block. */
#define GUARD_MIN (MM_DEBUG ? 8u : 0u)
/* Largest request: the block and its rounding must stay below 2^MM_REGION_MAX_LOG2. */
#define MAX_REQUEST (((size_t)1 << MM_REGION_MAX_LOG2) - 2 * MM_POOL_SIZE)
#define ARENA_BLOCK (MM_HDR + MM_ARENA_HDR + MM_ARENA_SIZE)

_Static_assert(ARENA_BLOCK % 8 == 0, "arena blocks keep 8-byte alignment");

#define ALWAYS_INLINE inline __attribute__((always_inline))

/* The list a free block of `size` bytes belongs on. */
struct list {
    unsigned fl, sl;
};
static ALWAYS_INLINE struct list mapping(size_t size)
{
    if (size < MM_FL_MIN)
        return (struct list){0, (unsigned)size >> 3};
    unsigned m = 31u - (unsigned)__builtin_clz((uint32_t)size);
    return (struct list){m - MM_FL_SHIFT + 1, ((unsigned)(size >> (m - MM_SL_LOG2))) ^ MM_SL_COUNT};
}

void mm_l1_mapping(size_t size, unsigned *fl, unsigned *sl)
{
    struct list l = mapping(size);
    *fl = l.fl;
    *sl = l.sl;
}

/* ---- debug: canaries and poison ------------------------------------------ */
#if MM_DEBUG
size_t mm_blk_canary(const struct mm_blk *b)
{
    size_t h = (size_t)(uintptr_t)b * (size_t)0x9E3779B1u;
    return h ^ b->head ^ (b->requested << 5) ^ (size_t)0x5AFEB10Cu;
}
#endif

static inline void seal(struct mm_blk *b)
{
#if MM_DEBUG
    b->canary = mm_blk_canary(b);
#else
    (void)b;
#endif
}

static inline void set_head(struct mm_blk *b, size_t head)
{
    b->head = head;
#if MM_DEBUG
    b->requested = 0;
#endif
    seal(b);
}

static inline void poison(void *p, int byte, size_t n)
{
    if (MM_DEBUG)
        memset(p, byte, n);
}

#if MM_DEBUG
/* A free block handed out again must still hold freed poison past its links:
 * anything else is a write after free (or an overrun from the block below). */
static void verify_freed(const struct mm_blk *b, size_t upto, const char *fn)
{
    const unsigned char *p = (const unsigned char *)b + MM_MIN_BLOCK;
    const unsigned char *end = (const unsigned char *)b + upto;
    for (; p < end; p++)
        if (*p != MM_POISON_FREED)
            mm_panicf("%s: free memory at 0x%lx modified (byte 0x%02x, a write after free or "
                      "an overrun)",
                      fn, (unsigned long)(uintptr_t)p, *p);
}

/* Requested size, fresh poison and guard for a block being handed out. */
static void dress(struct mm_blk *b, size_t requested)
{
    unsigned char *p = mm_blk_payload(b);
    size_t payload = mm_blk_size(b) - MM_HDR;
    b->requested = requested;
    seal(b);
    memset(p, MM_POISON_FRESH, requested);
    memset(p + requested, MM_POISON_GUARD, payload - requested);
}
#endif

/* ---- the segregated lists ------------------------------------------------ */

static ALWAYS_INLINE void insert(struct mm_blk *b)
{
    struct list l = mapping(mm_blk_size(b));
    struct mm_blk *h = mm_st.heads[l.fl][l.sl];
    struct mm_links *links = mm_blk_links(b);
    links->next = h;
    links->prev = NULL;
    if (h != NULL)
        mm_blk_links(h)->prev = b;
    mm_st.heads[l.fl][l.sl] = b;
    mm_st.fl_bitmap |= 1u << l.fl;
    mm_st.sl_bitmap[l.fl] |= 1u << l.sl;
}

/* b is the head of list l: take it off. */
static ALWAYS_INLINE void pop_head(struct mm_blk *b, struct list l)
{
    struct mm_blk *next = mm_blk_links(b)->next;
    mm_st.heads[l.fl][l.sl] = next;
    if (next != NULL) {
        mm_blk_links(next)->prev = NULL;
    } else if ((mm_st.sl_bitmap[l.fl] &= ~(1u << l.sl)) == 0) {
        mm_st.fl_bitmap &= ~(1u << l.fl);
    }
}

/* b is free, anywhere on its list: take it off. */
static ALWAYS_INLINE void unlink_free(struct mm_blk *b)
{
    struct mm_links *links = mm_blk_links(b);
    if (links->prev == NULL) {
        pop_head(b, mapping(mm_blk_size(b)));
        return;
    }
    mm_blk_links(links->prev)->next = links->next;
    if (links->next != NULL)
        mm_blk_links(links->next)->prev = links->prev;
}

/* A free block of at least bs bytes (bs < 2^MM_REGION_MAX_LOG2), or NULL; *l
 * is the list it heads. Good fit: the head of bs's own list if it is large
 * enough, else the head of the first non-empty list above, all of whose blocks
 * are. Two bitmap searches at most. */
static ALWAYS_INLINE struct mm_blk *find(size_t bs, struct list *l)
{
    *l = mapping(bs);
    struct mm_blk *b = mm_st.heads[l->fl][l->sl];
    if (b != NULL && mm_blk_size(b) >= bs)
        return b;
    uint32_t slmap = mm_st.sl_bitmap[l->fl] & (~1u << l->sl); /* lists above sl */
    if (slmap == 0) {
        uint32_t flmap = mm_st.fl_bitmap & (~1u << l->fl);
        if (flmap == 0)
            return NULL;
        l->fl = (unsigned)__builtin_ctz(flmap);
        slmap = mm_st.sl_bitmap[l->fl];
    }
    l->sl = (unsigned)__builtin_ctz(slmap);
    return mm_st.heads[l->fl][l->sl];
}

/* ---- splitting and accounting -------------------------------------------- */

/* b is off the lists and about to be used: cut it to bs bytes when the rest
 * can be a block of its own. The rest's upper neighbour is used (b was free, so
 * coalesced), hence the rest needs no merge. */
static ALWAYS_INLINE void trim_tail(struct mm_blk *b, size_t bs)
{
    size_t size = mm_blk_size(b);
    if (size - bs >= MM_MIN_BLOCK) {
        struct mm_blk *r = (struct mm_blk *)((char *)b + bs);
        r->prev_phys = b;
        set_head(r, (size - bs) | MM_BLK_FREE);
        mm_blk_next(r)->prev_phys = r;
        insert(r);
        size = bs;
    }
    set_head(b, size);
}

static ALWAYS_INLINE int over_cap(size_t bs)
{
    return mm_st.cap != 0 && mm_st.used + mm_st.overhead + bs > mm_st.cap;
}

static ALWAYS_INLINE void account(size_t bs)
{
    mm_st.used += bs;
    if (mm_st.used > mm_st.peak)
        mm_st.peak = mm_st.used;
}

static ALWAYS_INLINE size_t block_size(size_t n)
{
    size_t bs = MM_ROUND8(n + GUARD_MIN) + MM_HDR;
    return bs < MM_MIN_BLOCK ? MM_MIN_BLOCK : bs;
}

/* ---- the interface ------------------------------------------------------- */

void mm_l1_init(uintptr_t start, uintptr_t end)
{
    memset(mm_st.heads, 0, sizeof mm_st.heads);
    memset(mm_st.sl_bitmap, 0, sizeof mm_st.sl_bitmap);
    mm_st.fl_bitmap = 0;
    mm_st.used = mm_st.peak = 0;
    mm_st.heap_first = mm_st.heap_end = NULL;
    if (end < start || end - start < MM_MIN_BLOCK + MM_HDR)
        return;
    poison((void *)start, MM_POISON_FREED, end - start);
    struct mm_blk *first = (struct mm_blk *)start;
    struct mm_blk *sentinel = (struct mm_blk *)(end - MM_HDR);
    first->prev_phys = NULL;
    set_head(first, ((uintptr_t)sentinel - start) | MM_BLK_FREE);
    sentinel->prev_phys = first;
    set_head(sentinel, 0);
    mm_st.heap_first = first;
    mm_st.heap_end = sentinel;
    insert(first);
}

void *mm_l1_alloc(size_t n, size_t requested, size_t flags)
{
    struct list l;
    struct mm_blk *b;
    size_t bs = block_size(n);
    if (n > MAX_REQUEST || over_cap(bs) || (b = find(bs, &l)) == NULL) {
        mm_note_failure();
        return NULL;
    }
    pop_head(b, l);
#if MM_DEBUG
    verify_freed(b, bs, "mm_alloc");
#endif
    trim_tail(b, bs);
    b->head |= flags;
    account(mm_blk_size(b));
#if MM_DEBUG
    dress(b, requested);
#else
    (void)requested;
#endif
    return mm_blk_payload(b);
}

/* Bytes to skip at the front of free block b so that the arena's first pool
 * lands on an MM_POOL_SIZE boundary: 0, or enough for a free block. */
static size_t arena_gap(const struct mm_blk *b)
{
    uintptr_t pools = ((uintptr_t)b + MM_HDR + MM_ARENA_HDR + MM_POOL_MASK) & ~MM_POOL_MASK;
    size_t gap = pools - MM_ARENA_HDR - MM_HDR - (uintptr_t)b;
    if (gap != 0 && gap < MM_MIN_BLOCK)
        gap += MM_POOL_SIZE;
    return gap;
}

void *mm_l1_alloc_arena(void)
{
    if (over_cap(ARENA_BLOCK))
        return NULL;
    /* First the good fit for the arena alone, if its gap lets it (a released
     * arena's hole does), then a block that fits whatever its gap. */
    struct list l;
    struct mm_blk *b = find(ARENA_BLOCK, &l);
    if (b == NULL || mm_blk_size(b) < ARENA_BLOCK + arena_gap(b))
        b = find(ARENA_BLOCK + MM_POOL_SIZE + MM_MIN_BLOCK, &l);
    if (b == NULL)
        return NULL;
    pop_head(b, l);
    size_t gap = arena_gap(b);
    if (gap != 0) {
        struct mm_blk *a = (struct mm_blk *)((char *)b + gap);
        a->prev_phys = b;
        set_head(a, mm_blk_size(b) - gap);
        mm_blk_next(a)->prev_phys = a;
        set_head(b, gap | MM_BLK_FREE);
        insert(b);
        b = a;
    }
    trim_tail(b, ARENA_BLOCK);
    b->head |= MM_BLK_ARENA;
    seal(b);
    account(mm_blk_size(b));
    return mm_blk_payload(b);
}

void mm_l1_free(void *p)
{
    struct mm_blk *b = mm_blk_of(p);
    size_t size = mm_blk_size(b);
    mm_st.used -= size;
    poison(p, MM_POISON_FREED, size - MM_HDR);
    struct mm_blk *prev = b->prev_phys;
    if (prev != NULL && (prev->head & MM_BLK_FREE)) {
        unlink_free(prev);
        poison(b, MM_POISON_FREED, MM_HDR);
        size += mm_blk_size(prev);
        b = prev;
    }
    struct mm_blk *next = (struct mm_blk *)((char *)b + size);
    if (next->head & MM_BLK_FREE) {
        unlink_free(next);
        size += mm_blk_size(next);
        poison(next, MM_POISON_FREED, MM_MIN_BLOCK);
        next = (struct mm_blk *)((char *)b + size);
    }
    set_head(b, size | MM_BLK_FREE);
    next->prev_phys = b;
    insert(b);
}

int mm_l1_resize(void *p, size_t n)
{
    if (n > MAX_REQUEST)
        return 0;
    struct mm_blk *b = mm_blk_of(p);
    size_t size = mm_blk_size(b), bs = block_size(n);
    struct mm_blk *next = mm_blk_next(b);
#if MM_DEBUG
    size_t old = b->requested;
#endif
    if (bs > size) {
        /* Grow into a free upper neighbour. */
        if (!(next->head & MM_BLK_FREE) || size + mm_blk_size(next) < bs || over_cap(bs - size))
            return 0;
        unlink_free(next);
        size_t total = size + mm_blk_size(next);
#if MM_DEBUG
        verify_freed(next, bs - size, "mm_realloc");
#endif
        mm_st.used -= size;
        b->head = total; /* trim_tail reads the size only */
        trim_tail(b, bs);
        mm_blk_next(b)->prev_phys = b;
        account(mm_blk_size(b));
    } else if (size - bs >= MM_MIN_BLOCK) {
        /* Shrink: the cut-off tail becomes free, merged with a free upper neighbour. */
        struct mm_blk *r = (struct mm_blk *)((char *)b + bs);
        size_t rsize = size - bs;
        poison(r, MM_POISON_FREED, rsize);
        if (next->head & MM_BLK_FREE) {
            unlink_free(next);
            rsize += mm_blk_size(next);
            poison(next, MM_POISON_FREED, MM_MIN_BLOCK);
        }
        r->prev_phys = b;
        set_head(r, rsize | MM_BLK_FREE);
        mm_blk_next(r)->prev_phys = r;
        insert(r);
        set_head(b, bs);
        mm_st.used -= size - bs;
    }
#if MM_DEBUG
    {
        /* Keep the caller's bytes; fresh poison past them, guard after n. */
        size_t keep = old < n ? old : n;
        unsigned char *q = p;
        size_t payload = mm_blk_size(b) - MM_HDR;
        memset(q + keep, MM_POISON_FRESH, n - keep);
        memset(q + n, MM_POISON_GUARD, payload - n);
        b->requested = n;
        seal(b);
    }
#endif
    return 1;
}

size_t mm_l1_usable(const void *p)
{
    const struct mm_blk *b = mm_blk_of(p);
#if MM_DEBUG
    return b->requested;
#else
    return mm_blk_size(b) - MM_HDR;
#endif
}

/* ---- debug: is p a large block mm handed out? ---------------------------- */
#if MM_DEBUG
static int all_bytes(const void *p, int byte, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        if (c[i] != (unsigned char)byte)
            return 0;
    return 1;
}

void mm_l1_validate(const void *p, const char *fn)
{
    unsigned long a = (unsigned long)(uintptr_t)p;
    uintptr_t lo = (uintptr_t)mm_st.heap_first + MM_HDR, hi = (uintptr_t)mm_st.heap_end;
    if (mm_st.heap_first == NULL)
        mm_panicf("%s(0x%lx): mm has no heap (mm_init not called, or it failed)", fn, a);
    if ((uintptr_t)p % MM_ALIGN != 0)
        mm_panicf("%s(0x%lx): pointer never handed out by mm (not 8-byte aligned)", fn, a);
    if ((uintptr_t)p < lo || (uintptr_t)p >= hi)
        mm_panicf("%s(0x%lx): pointer never handed out by mm (outside the heap 0x%lx..0x%lx)", fn,
                  a, (unsigned long)lo, (unsigned long)hi);
    const struct mm_blk *b = mm_blk_of(p);
    if (b->canary != mm_blk_canary(b)) {
        if (all_bytes(b, MM_POISON_FREED, MM_HDR))
            mm_panicf("%s(0x%lx): double free or pointer never handed out (the header is "
                      "freed-memory poison: the block was freed and merged)",
                      fn, a);
        mm_panicf("%s(0x%lx): header overwrite, or pointer never handed out (large-block "
                  "header canary 0x%lx, expected 0x%lx)",
                  fn, a, (unsigned long)b->canary, (unsigned long)mm_blk_canary(b));
    }
    if (b->head & MM_BLK_FREE)
        mm_panicf("%s(0x%lx): double free (large block already free)", fn, a);
    if (b->head & MM_BLK_ARENA)
        mm_panicf("%s(0x%lx): pointer never handed out by mm (it is an arena)", fn, a);
    size_t size = mm_blk_size(b);
    const struct mm_blk *next = mm_blk_next(b);
    if (size < MM_MIN_BLOCK || (uintptr_t)next > hi || next->prev_phys != b)
        mm_panicf("%s(0x%lx): header overwrite (block size %lu does not lead to a block "
                  "that links back)",
                  fn, a, (unsigned long)size);
    const struct mm_blk *prev = b->prev_phys;
    if (prev != NULL && (prev->canary != mm_blk_canary(prev) || mm_blk_next(prev) != b))
        mm_panicf("%s(0x%lx): header overwrite (the previous-block link 0x%lx is wrong)", fn, a,
                  (unsigned long)(uintptr_t)prev);
    if (b->requested > size - MM_HDR)
        mm_panicf("%s(0x%lx): header overwrite (requested size %lu exceeds the block)", fn, a,
                  (unsigned long)b->requested);
    const unsigned char *guard = (const unsigned char *)p + b->requested;
    size_t nguard = size - MM_HDR - b->requested;
    for (size_t i = 0; i < nguard; i++)
        if (guard[i] != MM_POISON_GUARD)
            mm_panicf("%s(0x%lx): guard byte %lu after the %lu-byte block overwritten (buffer "
                      "overrun)",
                      fn, a, (unsigned long)i, (unsigned long)b->requested);
}
#endif
