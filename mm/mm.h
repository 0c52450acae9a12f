/* mm: Pyrite's memory manager, the only allocator in the runtime.
 *
 * One static region (layer 0) is carved into large blocks and arenas by a
 * constant-time good-fit allocator (layer 1, TLSF-like: mm/large.c); arenas are
 * carved into pools and pools into size-class blocks (layer 2, pymalloc's
 * design: mm/pool.c). docs/mm.md explains the design and its bounds.
 *
 * Contract, for every function here unless its comment says otherwise:
 * - O(1): no loop whose length depends on the heap. Functions marked O(heap)
 *   walk everything and are meant for reports, checks and tests.
 * - Every pointer returned is aligned to MM_ALIGN (8) bytes.
 * - Nothing aborts on exhaustion: zero-byte requests, requests larger than the
 *   region and an exhausted region all return NULL.
 * - With MM_DEBUG=1, misuse (double free, a pointer mm never handed out, an
 *   overwritten header or guard) stops at the call through the panic handler.
 *   With MM_DEBUG=0 the fast paths carry no checks and misuse is undefined.
 * - Not reentrant: call from one context (not from interrupt handlers).
 * mm never calls the C library's malloc; it uses only <string.h> and snprintf.
 */
#ifndef MM_H
#define MM_H

#include <stddef.h>
#include <stdint.h>

#include "config/pyrite_config.h"

#define MM_ALIGN    8 /* alignment of every block, and the size-class step */
#define MM_NCLASSES (MM_SMALL_THRESHOLD / MM_ALIGN)

/* Poison bytes written in debug builds (MM_DEBUG=1). */
#define MM_POISON_FRESH 0xCB /* allocated, not yet written by the caller */
#define MM_POISON_FREED 0xDF /* freed, or never handed out */
#define MM_POISON_GUARD 0xFB /* slack after a large block's requested size */

/* ---- set-up -------------------------------------------------------------- */

/* Take the region [region, region + size) and make it one empty heap. The region
 * must stay untouched by anyone else until the next mm_init. May be called again
 * at any time to reset (a soft reset): every block is forgotten. The panic handler
 * survives a reset; fault injection is cleared. Regions above
 * 2^MM_REGION_MAX_LOG2 bytes are used only up to that size. Returns 0, or -1 when
 * the region is too small to hold mm's own tables and one block (every later
 * allocation then returns NULL). O(region / MM_POOL_SIZE); O(region) when MM_DEBUG
 * (the whole region is poisoned). */
int mm_init(void *region, size_t size);

/* ---- allocation ---------------------------------------------------------- */

/* size bytes, uninitialised (MM_POISON_FRESH in debug builds). Sizes up to
 * MM_SMALL_THRESHOLD come from pools; larger ones, and small ones when no pool
 * can be had, from layer 1. NULL for 0, for too large, when exhausted. */
void *mm_alloc(size_t size);

/* Release p (NULL is ignored). Debug builds panic on a pointer that is not a live
 * block, and poison the block with MM_POISON_FREED. */
void mm_free(void *p);

/* Resize p to size bytes, keeping min(old, new) bytes of content.
 * - p == NULL: mm_alloc(size). size == 0: mm_free(p) and NULL.
 * - In place when it can: a small block whose size class still fits and is not
 *   oversized by more than a third; a large block that shrinks, or grows into a
 *   free neighbour. Otherwise allocate, copy, free.
 * - On failure NULL, and p is untouched (still owned by the caller). */
void *mm_realloc(void *p, size_t size);

/* Bytes the caller may use at p (at least what it asked for): the class size for
 * a small block, the block's payload for a large one (debug builds: exactly the
 * size requested, the rest is guard). */
size_t mm_usable_size(const void *p);

/* ---- typed fast path: callers that know their size class ----------------- */

/* The size class of a request of size bytes, 1 <= size <= MM_SMALL_THRESHOLD,
 * and the block size of a class. */
static inline unsigned mm_class_of(size_t size)
{
    return (unsigned)((size - 1) / MM_ALIGN);
}
static inline size_t mm_class_size(unsigned cls)
{
    return ((size_t)cls + 1) * MM_ALIGN;
}

/* A block of mm_class_size(cls) bytes; cls < MM_NCLASSES. Same as
 * mm_alloc(mm_class_size(cls)) without the size test and shift. */
void *mm_alloc_class(unsigned cls);

/* Free a block that mm_alloc_class(cls) (or mm_alloc of a size in class cls)
 * returned. Debug builds check that the block is of class cls. */
void mm_free_class(void *p, unsigned cls);

/* ---- layer 1 directly: for benchmarks and tests -------------------------- */

/* A block from the large-block allocator whatever its size (size >= 1); free it
 * with mm_large_free or mm_free. */
void *mm_large_alloc(size_t size);
void mm_large_free(void *p);

/* ---- panics -------------------------------------------------------------- */

/* Called with a message such as
 *   "mm_free(0x2100a010): double free (block already on the free list of size class 48)"
 * when a debug check fails; the message lives in a static buffer (nothing is
 * allocated). The handler must not return (it may longjmp or reset). NULL
 * restores the default, which stops like abort() does where a bare board can:
 * __builtin_trap() (SIGILL on the host, a UsageFault on a Cortex-M, which the
 * board's fault handler reports). */
typedef void (*mm_panic_fn)(const char *message);
void mm_set_panic_handler(mm_panic_fn fn);

/* ---- fault injection (tests) --------------------------------------------- */

/* Every call of mm_alloc, mm_alloc_class, mm_large_alloc and mm_realloc (p and
 * size non-zero) is one "allocation" for these counters. An injected failure
 * returns NULL as exhaustion would (realloc leaves p untouched). Counts above
 * 2^32 - 1 are clamped. Allocations are counted only when MM_FAULT_INJECTION
 * is 1 (the default in debug builds): otherwise fail_nth and fail_from have no
 * effect, while the cap works in every build. */
void mm_fault_fail_nth(unsigned long n);  /* the nth allocation from now fails, once (n >= 1) */
void mm_fault_fail_from(unsigned long n); /* the nth from now and every one after it fail */
/* Refuse layer-1 requests (new arenas, large blocks) that would take the bytes
 * consumed (struct mm_stats.consumed) above cap: a smaller board. 0 = no cap. */
void mm_fault_cap(size_t cap);
void mm_fault_clear(void);          /* no injected failures from now on */
unsigned long mm_fault_count(void); /* failures injected since mm_init */

/* ---- statistics ---------------------------------------------------------- */

struct mm_class_stats {
    size_t pools;         /* pools of this class in use (partly used or full) */
    size_t blocks_in_use; /* blocks handed out */
    size_t blocks_free;   /* blocks free in those pools, carved or not yet carved */
    size_t spare;         /* 1 when the class keeps an empty pool (its spare), else 0 */
};

struct mm_stats {
    /* layer 0 */
    size_t region_size;   /* bytes given to mm_init */
    size_t heap_size;     /* bytes managed by layer 1 */
    size_t overhead;      /* region bytes mm keeps for itself (chunk map, alignment) */
    size_t consumed;      /* layer-1 bytes in use (arenas, large blocks, headers) + overhead */
    size_t peak_consumed; /* highest consumed since mm_init */
    /* what the callers hold */
    size_t blocks_in_use; /* small and large */
    size_t bytes_in_use;  /* sum of mm_usable_size over live blocks */
    /* layer 2 */
    size_t arenas;          /* arenas held now */
    size_t arenas_peak;     /* most arenas held at once */
    size_t arenas_created;  /* arenas taken from layer 1 since mm_init */
    size_t arenas_released; /* arenas handed back to layer 1 since mm_init */
    size_t pools_used;      /* partly used pools */
    size_t pools_full;
    size_t pools_spare;     /* empty pools kept by their class (at most one per class) */
    size_t pools_empty;     /* emptied pools waiting in their arena */
    size_t pools_untouched; /* pools of arenas never carved yet */
    size_t small_blocks_in_use, small_bytes_in_use, small_blocks_free;
    struct mm_class_stats classes[MM_NCLASSES];
    /* layer 1 */
    size_t large_in_use;       /* large blocks held by callers (not arenas) */
    size_t large_bytes_in_use; /* their usable sizes */
    size_t large_small;        /* of those, small requests that found no pool */
    size_t free_blocks;        /* free layer-1 blocks */
    size_t free_bytes;         /* their payload bytes */
    size_t largest_free;       /* payload of the largest free block */
    /* calls since mm_init; allocs and frees only when calls_counted */
    int calls_counted;      /* MM_FAULT_INJECTION: allocation calls are counted */
    unsigned long allocs;   /* blocks handed out (alloc, alloc_class, large_alloc, realloc moves) */
    unsigned long frees;    /* blocks released (allocs - blocks_in_use) */
    unsigned long reallocs; /* mm_realloc calls with p and size non-zero */
    unsigned long failures; /* NULL returns for lack of memory, injected ones included */
    unsigned long steals;   /* spare pools that changed class for want of a free pool */
    unsigned long trims;    /* spare pools given back to their arenas (mm_trim) */
};

/* Snapshot of everything above. O(heap). */
void mm_get_stats(struct mm_stats *out);

/* Layer-1 bytes consumed now, as in struct mm_stats.consumed. */
size_t mm_consumed(void);

/* 1 when no block is live and the region is one free block again (every arena
 * handed back to layer 1, no pool or block leaked), else 0. Calls mm_trim()
 * first, so spare pools do not count: O(number of size classes). */
int mm_is_empty(void);

/* Give every spare pool (the one empty pool each size class may keep to make
 * its next allocation a fast-path pop) back to its arena, and arenas left with
 * no pool in use back to layer 1, where their RAM serves large blocks. Done
 * automatically before a layer-1 request fails (then retried once) and by
 * mm_is_empty(); call it to hand RAM back at a quiet moment. O(number of size
 * classes). */
void mm_trim(void);

struct mm_arena_info {
    uintptr_t address; /* first pool */
    unsigned pools, untouched, empty, used, full, spare;
    size_t blocks_in_use;
};

/* Describe up to max arenas in address order; returns how many arenas there are. O(heap). */
size_t mm_arena_info(struct mm_arena_info *out, size_t max);

/* ---- reports ------------------------------------------------------------- */

/* Reports are written in pieces through fn (each piece a NUL-terminated string,
 * lines end with "\n"). They allocate nothing. */
typedef void (*mm_write_fn)(void *ctx, const char *text);

/* A table in the spirit of CPython's sys._debugmallocstats(): per size class,
 * per arena, large blocks, totals and counters. O(heap). */
void mm_report(mm_write_fn fn, void *ctx);

/* An ASCII map of the region, one character per bytes_per_char bytes (0: one per
 * pool, MM_POOL_SIZE), 64 to a line, with a legend. O(heap). */
void mm_map(mm_write_fn fn, void *ctx, size_t bytes_per_char);

/* ---- invariant checks ---------------------------------------------------- */

/* Full walk: every layer-1 block in physical order (sizes, links, no two free
 * neighbours), the segregated lists and their bitmaps, every arena and pool
 * (headers, free lists, counts, the chunk map), the arena order, and totals
 * against the counters. 0 when all hold; otherwise nonzero and
 * mm_check_message() says what failed first. O(heap). */
int mm_check(void);

/* Cheap check of mm's own state (list heads, bitmaps, counters) without walking
 * the heap: O(number of lists + size classes). Same return convention. */
int mm_check_quick(void);

/* The first problem found by the last failing check ("" after a passing one). */
const char *mm_check_message(void);

/* mm_check(), and on a problem the panic handler with "mm_check: <problem>". */
void mm_check_or_panic(void);

#endif /* MM_H */
