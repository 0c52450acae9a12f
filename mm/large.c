/* Layer 1: large blocks and arenas, a constant-time good-fit allocator.
 *
 * Algorithm: segregated fit after TLSF (Masmano, Ripoll, Crespo, Real: "TLSF: a
 * new dynamic memory allocator for real-time systems", ECRTS 2004), written for
 * this runtime, with dlmalloc's "top" (the wilderness): one free block on no
 * list. Free blocks sit on MM_NLISTS lists by size (octaves split in
 * MM_L1_SLICES, mm_internal.h); one bitmap word says which lists are non-empty,
 * so finding a list is a count-trailing-zeros, and freeing merges with both
 * physical neighbours at once (a neighbour that is the top absorbs the block
 * instead of a list). Every function here is O(1): at most two list lookups,
 * two merges and one split, whatever the heap holds (debug builds add O(block)
 * poisoning); before mm_l1_alloc reports a failure it calls the reclaim
 * hook the layer above registered (mm_l1_init; layer 2's gives its spare
 * pools back, O(size classes)) and retries once.
 *
 * Fit: the head of the list the request maps to is taken when it is large
 * enough (good fit), else the head of the next non-empty list above, whose
 * every block is large enough, else the low end of the top. Arenas are cut
 * from the low end of the top too, pool-aligned by construction (mm_internal.h:
 * an arena block ends where its last pool's tail holds the next header, so
 * arenas cut one after another tile); else they take the hole a released arena
 * left, or any free block large enough, which becomes the top. Lists are
 * threaded with pprev links (the address of the pointer to the block), so a
 * block leaves its list without knowing which one it is on.
 */
#define MM_INTERNAL
#include <string.h>

#include "mm/mm_internal.h"

/* Debug builds keep at least this many guard bytes after a large block. */
#define GUARD_MIN  (MM_DEBUG ? 8u : 0u)
#define ARENA_LIST (mm_list_of(MM_ARENA_SIZE))

#define ALWAYS_INLINE inline __attribute__((always_inline))

/* ---- debug: canaries and poison ------------------------------------------ */
#if MM_DEBUG
size_t mm_blk_canary(const struct mm_blk *b)
{
    size_t h = (size_t)(uintptr_t)b * (size_t)0x9E3779B1u;
    return h ^ b->head ^ (b->requested << 5) ^ (size_t)0x5AFEB10Cu;
}
#endif

#define seal     mm_blk_seal
#define set_head mm_blk_set_head

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

static ALWAYS_INLINE void bit_set(unsigned i)
{
    mm_st.bitmap[MM_L1_WORDS > 1 ? i >> 5 : 0] |= 1u << (i & 31);
}

/* List i became empty: clear its bit. */
static ALWAYS_INLINE void list_emptied(unsigned i)
{
    mm_st.bitmap[MM_L1_WORDS > 1 ? i >> 5 : 0] &= ~(1u << (i & 31));
}

/* Put free block b (not the top) on list i, which its size maps to. */
static ALWAYS_INLINE void insert(struct mm_blk *b, unsigned i)
{
    struct mm_blk **head = &mm_st.heads[i];
    struct mm_blk *h = *head;
    struct mm_links *links = mm_blk_links(b);
    links->next = h;
    links->pprev = head;
    *head = b;
    if (h != NULL)
        mm_blk_links(h)->pprev = &links->next;
    else
        bit_set(i);
}

/* b is free and on a list: take it off. */
static ALWAYS_INLINE void unlink_free(struct mm_blk *b)
{
    struct mm_links *links = mm_blk_links(b);
    struct mm_blk *next = links->next, **pprev = links->pprev;
    *pprev = next;
    if (next != NULL)
        mm_blk_links(next)->pprev = pprev;
    else if ((uintptr_t)pprev - (uintptr_t)mm_st.heads < sizeof mm_st.heads)
        list_emptied((unsigned)(pprev - mm_st.heads));
}

/* b heads list i: take it off. */
static ALWAYS_INLINE void pop_head(struct mm_blk *b, unsigned i)
{
    struct mm_blk *next = mm_blk_links(b)->next;
    mm_st.heads[i] = next;
    if (next != NULL)
        mm_blk_links(next)->pprev = &mm_st.heads[i];
    else
        list_emptied(i);
}

/* The first list above i that holds a block (all of them large enough for
 * anything mapping to i), or MM_NLISTS when none does. */
static ALWAYS_INLINE unsigned list_above(unsigned i)
{
    uint32_t m;
    if (MM_L1_WORDS == 1) {
        m = mm_st.bitmap[0] & (~1u << i);
        return m != 0 ? (unsigned)__builtin_ctz(m) : MM_NLISTS;
    }
    if (i < 32) {
        m = mm_st.bitmap[0] & (~1u << i);
        if (m != 0)
            return (unsigned)__builtin_ctz(m);
        m = mm_st.bitmap[MM_L1_WORDS - 1];
    } else {
        m = mm_st.bitmap[MM_L1_WORDS - 1] & (~1u << (i & 31));
    }
    return m != 0 ? 32 + (unsigned)__builtin_ctz(m) : MM_NLISTS;
}

/* ---- accounting ---------------------------------------------------------- */

static ALWAYS_INLINE int over_cap(size_t bs)
{
    return mm_st.cap != 0 && mm_st.used + mm_st.overhead + bs > mm_st.cap;
}

#define account mm_l1_account

static ALWAYS_INLINE void unaccount(size_t bs)
{
    size_t used = mm_st.used;
    if (used > mm_st.peak)
        mm_st.peak = used;
    mm_st.used = used - bs;
}

static ALWAYS_INLINE size_t block_size(size_t n)
{
    size_t bs = (n + GUARD_MIN + MM_HDR + 7u) & ~(size_t)7u; /* MM_HDR is a multiple of 8 */
    if (MM_HDR + 8 < MM_MIN_BLOCK && bs < MM_MIN_BLOCK) /* n >= 1: a constant test on most boards */
        bs = MM_MIN_BLOCK;
    return bs;
}

/* ---- the interface ------------------------------------------------------- */

void mm_l1_init(uintptr_t start, uintptr_t end, int (*reclaim)(void))
{
    mm_st.reclaim = reclaim;
    memset(mm_st.heads, 0, sizeof mm_st.heads);
    memset(mm_st.bitmap, 0, sizeof mm_st.bitmap);
    mm_st.used = mm_st.peak = 0;
    mm_st.top_slack = MM_MIN_BLOCK;
    mm_st.heap_first = mm_st.heap_end = NULL;
    set_head(&mm_st.floor, 0);
    mm_st.top = &mm_st.floor; /* no heap: a top of size 0 serves nothing */
    if (end < start || end - start < MM_MIN_BLOCK + MM_HDR)
        return;
    poison((void *)start, MM_POISON_FREED, end - start);
    struct mm_blk *first = (struct mm_blk *)start;
    struct mm_blk *sentinel = (struct mm_blk *)(end - MM_HDR);
    first->prev_phys = &mm_st.floor;
    set_head(first, ((uintptr_t)sentinel - start) | MM_BLK_FREE);
    sentinel->prev_phys = first;
    set_head(sentinel, 0);
    mm_st.heap_first = mm_st.top = first;
    mm_st.heap_end = sentinel;
}

/* Hand out b (off every list, bs bytes, flags): account, dress (debug). */
static ALWAYS_INLINE void *hand_out(struct mm_blk *b, size_t bs, size_t requested, size_t flags)
{
    set_head(b, bs | flags);
    account(bs);
#if MM_DEBUG
    dress(b, requested);
#else
    (void)requested;
#endif
    return mm_blk_payload(b);
}

/* No list has a block of bs bytes: cut one from the low end of the top, or
 * NULL when the top would keep less than a minimum block. */
static ALWAYS_INLINE void *cut_top(size_t bs, size_t requested, size_t flags)
{
    struct mm_blk *b = mm_st.top;
    size_t size = mm_blk_size(b);
    if (size < bs + MM_MIN_BLOCK)
        return NULL;
#if MM_DEBUG
    verify_freed(b, bs, "mm_alloc");
#endif
    struct mm_blk *t = (struct mm_blk *)((char *)b + bs);
    t->prev_phys = b;
    set_head(t, (size - bs) | MM_BLK_FREE);
    mm_blk_next(t)->prev_phys = t;
    mm_st.top = t;
    return hand_out(b, bs, requested, flags);
}

static __attribute__((noinline)) void *from_top(size_t bs, size_t requested, size_t flags)
{
    return cut_top(bs, requested, flags);
}

/* A block of bs bytes (good fit: the head of bs's list if it is large enough,
 * else the head of the first non-empty list above, else the top), or NULL. */
static ALWAYS_INLINE void *l1_alloc(size_t bs, size_t requested, size_t flags)
{
    unsigned i = mm_list_of(bs);
    struct mm_blk *b = mm_st.heads[i];
    if (b == NULL || mm_blk_size(b) < bs) {
        i = list_above(i);
        if (i == MM_NLISTS)
            return from_top(bs, requested, flags);
        b = mm_st.heads[i];
    }
    pop_head(b, i);
#if MM_DEBUG
    verify_freed(b, bs, "mm_alloc");
#endif
    /* Cut b to bs bytes when the rest can be a block of its own. The rest's
     * upper neighbour is used (b was free, so coalesced): no merge. */
    size_t size = mm_blk_size(b), rest = size - bs;
    if (rest >= MM_MIN_BLOCK) {
        struct mm_blk *r = (struct mm_blk *)((char *)b + bs);
        r->prev_phys = b;
        set_head(r, rest | MM_BLK_FREE);
        ((struct mm_blk *)((char *)b + size))->prev_phys = r;
        insert(r, mm_list_of(rest));
    } else {
        bs = size;
    }
    return hand_out(b, bs, requested, flags);
}

/* The first attempt failed or a cap is set: check the cap, let the layer
 * above give memory back (the reclaim hook), try once more, else count the
 * failure. */
static __attribute__((noinline)) void *l1_alloc_hard(size_t bs, size_t requested, size_t flags,
                                                     int tried)
{
    void *p;
    if (!tried && !over_cap(bs) && (p = l1_alloc(bs, requested, flags)) != NULL)
        return p;
    if (mm_st.reclaim != NULL && mm_st.reclaim()) {
        if (!over_cap(bs) && (p = l1_alloc(bs, requested, flags)) != NULL)
            return p;
    }
    mm_note_failure();
    return NULL;
}

void *mm_l1_alloc(size_t n, size_t requested, size_t flags)
{
    size_t bs = block_size(n);
    if (mm_st.cap != 0)
        return l1_alloc_hard(bs, requested, flags, 0);
    void *p = l1_alloc(bs, requested, flags);
    if (p == NULL)
        return l1_alloc_hard(bs, requested, flags, 1);
    return p;
}

/* An arena block from the top within the cap; else in the hole a released
 * arena left, if that hole heads its list; else the first free block that can
 * hold an arena becomes the top (the old top goes on its list) and the arena
 * is cut from it. 0 when no free block can hold an arena. */
uintptr_t mm_l1_alloc_arena(void)
{
    uintptr_t blk;
    struct mm_blk *t = mm_st.top;
    if (!over_cap(mm_arena_pools_of((uintptr_t)t) + MM_ARENA_SIZE - MM_HDR - (uintptr_t)t) &&
        mm_l1_arena_from_top(&blk, MM_MIN_BLOCK))
        return blk;
    /* A hole that is exactly an arena block (a released arena's, unless it merged). */
    struct mm_blk *b = mm_st.heads[ARENA_LIST];
    if (b != NULL) {
        size_t size = mm_blk_size(b);
        if ((uintptr_t)b + size == mm_arena_pools_of((uintptr_t)b) + MM_ARENA_SIZE - MM_HDR &&
            !over_cap(size)) {
            pop_head(b, ARENA_LIST);
            set_head(b, size | MM_BLK_ARENA);
            account(size);
            return (uintptr_t)b;
        }
    }
    /* Any block of this size holds an arena wherever it starts. */
    size_t need = MM_ARENA_SIZE + MM_POOL_SIZE + 2 * MM_MIN_BLOCK;
    unsigned i = mm_list_of(need);
    b = mm_st.heads[i];
    if (b == NULL || mm_blk_size(b) < need) {
        i = list_above(i);
        if (i == MM_NLISTS)
            return 0;
        b = mm_st.heads[i];
    }
    if (over_cap(mm_arena_pools_of((uintptr_t)b) + MM_ARENA_SIZE - MM_HDR - (uintptr_t)b))
        return 0;
    pop_head(b, i);
    insert(t, mm_list_of(mm_blk_size(t)));
    mm_st.top = b;
    return mm_l1_arena_from_top(&blk, MM_MIN_BLOCK) ? blk : 0;
}

/* A small request that no pool could serve: from the top while it has room
 * (the cheap way; these are rare and short-lived), else as any other. No cap
 * may be set (the caller checks). */
void *mm_l1_alloc_small(size_t n)
{
    void *p = cut_top(block_size(n), n, MM_BLK_SMALL);
    if (p != NULL)
        return p;
    return mm_l1_alloc(n, n, MM_BLK_SMALL);
}

void mm_l1_free(void *p)
{
    struct mm_blk *b = mm_blk_of(p);
    size_t size = mm_blk_size(b);
    struct mm_blk *top = mm_st.top;
    unaccount(size);
    poison(p, MM_POISON_FREED, size - MM_HDR);
    struct mm_blk *prev = b->prev_phys;
    if (prev->head & MM_BLK_FREE) {
        if (prev != top)
            unlink_free(prev);
        poison(b, MM_POISON_FREED, MM_HDR);
        size += mm_blk_size(prev);
        b = prev;
    }
    struct mm_blk *next = (struct mm_blk *)((char *)b + size);
    if (next->head & MM_BLK_FREE) {
        if (next != top)
            unlink_free(next);
        else
            mm_st.top = b;
        size += mm_blk_size(next);
        poison(next, MM_POISON_FREED, MM_MIN_BLOCK);
        next = (struct mm_blk *)((char *)b + size);
    }
    set_head(b, size | MM_BLK_FREE);
    next->prev_phys = b;
    if (b != mm_st.top)
        insert(b, mm_list_of(size));
}

int mm_l1_resize(void *p, size_t n)
{
    if (n > MM_MAX_REQUEST)
        return 0;
    struct mm_blk *b = mm_blk_of(p);
    size_t size = mm_blk_size(b), bs = block_size(n);
    struct mm_blk *next = mm_blk_next(b);
    int next_free = (next->head & MM_BLK_FREE) != 0, next_top = next == mm_st.top;
#if MM_DEBUG
    size_t old = b->requested;
#endif
    if (bs > size) {
        /* Grow into a free upper neighbour (the top must keep a minimum block). */
        if (!next_free || over_cap(bs - size))
            return 0;
        size_t total = size + mm_blk_size(next);
        if (total < bs + (next_top ? MM_MIN_BLOCK : 0))
            return 0;
#if MM_DEBUG
        verify_freed(next, bs - size, "mm_realloc");
#endif
        if (!next_top)
            unlink_free(next);
        unaccount(size);
        size_t rest = total - bs;
        if (next_top || rest >= MM_MIN_BLOCK) {
            struct mm_blk *r = (struct mm_blk *)((char *)b + bs);
            r->prev_phys = b;
            set_head(r, rest | MM_BLK_FREE);
            mm_blk_next(r)->prev_phys = r;
            if (next_top)
                mm_st.top = r;
            else
                insert(r, mm_list_of(rest));
        } else {
            bs = total;
            ((struct mm_blk *)((char *)b + total))->prev_phys = b;
        }
        set_head(b, bs);
        account(bs);
    } else if (size - bs >= MM_MIN_BLOCK) {
        /* Shrink: the cut-off tail becomes free, merged with a free upper neighbour. */
        struct mm_blk *r = (struct mm_blk *)((char *)b + bs);
        size_t rsize = size - bs;
        poison(r, MM_POISON_FREED, rsize);
        if (next_free) {
            if (next_top)
                mm_st.top = r;
            else
                unlink_free(next);
            rsize += mm_blk_size(next);
            poison(next, MM_POISON_FREED, MM_MIN_BLOCK);
        }
        r->prev_phys = b;
        set_head(r, rsize | MM_BLK_FREE);
        mm_blk_next(r)->prev_phys = r;
        if (r != mm_st.top)
            insert(r, mm_list_of(rsize));
        set_head(b, bs);
        unaccount(size - bs);
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
    if (prev != &mm_st.floor && (prev->canary != mm_blk_canary(prev) || mm_blk_next(prev) != b))
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
