/* Randomized allocator traces for mm (see mm_stress.h): a table of slots is
 * the model of what the callers hold; every operation is checked against it
 * and against mm's own invariant checker. All state is in one static struct;
 * the table is smaller on 32-bit targets, whose RAM is the heap's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mm/mm.h"
#include "tests/common/mm_stress.h"

enum { SLOTS = sizeof(void *) > 4 ? 1024 : 256 };
enum { K_ANY = 1, K_CLASS, K_LARGE }; /* how a slot's block was allocated */

struct slot {
    unsigned char *p; /* NULL: empty */
    size_t size;      /* bytes requested (the pattern covers them) */
    uint8_t tag;      /* pattern seed */
    uint8_t kind;
};

static struct {
    struct slot slots[SLOTS];
    uint32_t rng;
    size_t region_size;
    mm_stress_log_fn log;
    unsigned long op, allocs, nulls;
    char line[200];
} st;

/* ---- helpers ------------------------------------------------------------- */

/* xorshift32 (Marsaglia 2003). */
static uint32_t rnd(void)
{
    uint32_t x = st.rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return st.rng = x;
}

static uint32_t below(uint32_t n)
{
    return n ? rnd() % n : 0;
}

static int report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int report(const char *fmt, ...)
{
    if (st.log != NULL) {
        va_list args;
        va_start(args, fmt);
        vsnprintf(st.line, sizeof st.line, fmt, args);
        va_end(args);
        st.log(st.line);
    }
    return 1;
}

/* 55 % up to 64 bytes, 30 % up to the small threshold, 13 % up to 4 KiB above
 * it, 2 % up to a quarter of the region. */
static size_t pick_size(void)
{
    uint32_t r = below(100);
    if (r < 55)
        return 1 + below(64);
    if (r < 85)
        return 1 + below(MM_SMALL_THRESHOLD);
    if (r < 98)
        return MM_SMALL_THRESHOLD + 1 + below(4096);
    return 1 + below((uint32_t)(st.region_size / 4));
}

/* The pattern covers every byte of blocks up to 1 KiB; of larger ones the
 * first and last 64 bytes and every 29th byte between. */
static size_t next_index(size_t i, size_t n)
{
    if (n <= 1024 || i < 64 || i + 64 >= n)
        return i + 1;
    return i + 29 < n - 64 ? i + 29 : n - 64;
}

static uint8_t pattern(uint8_t tag, size_t i)
{
    return (uint8_t)(tag + i * 151u + (i >> 8));
}

static void fill(const struct slot *s)
{
    for (size_t i = 0; i < s->size; i = next_index(i, s->size))
        s->p[i] = pattern(s->tag, i);
}

/* The first upto bytes at p still hold slot s's pattern. */
static int verify(const struct slot *s, const unsigned char *p, size_t upto, const char *when)
{
    for (size_t i = 0; i < upto; i = next_index(i, s->size))
        if (p[i] != pattern(s->tag, i))
            return report("op %lu: %s: block 0x%lx (%lu bytes) byte %lu is 0x%02x, expected 0x%02x",
                          st.op, when, (unsigned long)(uintptr_t)p, (unsigned long)s->size,
                          (unsigned long)i, p[i], pattern(s->tag, i));
    return 0;
}

/* A block just handed out for s (s->size set). */
static int adopt(struct slot *s, void *p, uint8_t kind)
{
    st.allocs++;
    if (p == NULL) {
        st.nulls++;
        s->p = NULL;
        return 0;
    }
    if ((uintptr_t)p % MM_ALIGN != 0)
        return report("op %lu: block 0x%lx of %lu bytes is not 8-byte aligned", st.op,
                      (unsigned long)(uintptr_t)p, (unsigned long)s->size);
    if (mm_usable_size(p) < s->size)
        return report("op %lu: block 0x%lx: usable size %lu < %lu requested", st.op,
                      (unsigned long)(uintptr_t)p, (unsigned long)mm_usable_size(p),
                      (unsigned long)s->size);
    s->p = p;
    s->kind = kind;
    s->tag = (uint8_t)rnd();
    fill(s);
    return 0;
}

static int release(struct slot *s)
{
    if (s->p == NULL)
        return 0;
    if (verify(s, s->p, s->size, "before free"))
        return 1;
    if (s->kind == K_CLASS)
        mm_free_class(s->p, mm_class_of(s->size));
    else if (s->kind == K_LARGE && (rnd() & 1))
        mm_large_free(s->p);
    else
        mm_free(s->p);
    s->p = NULL;
    return 0;
}

static int alloc_into(struct slot *s)
{
    if (release(s))
        return 1;
    s->size = pick_size();
    uint32_t how = below(25);
    if (how < 2 && s->size <= MM_SMALL_THRESHOLD) {
        unsigned cls = mm_class_of(s->size);
        s->size = mm_class_size(cls);
        return adopt(s, mm_alloc_class(cls), K_CLASS);
    }
    if (how == 2)
        return adopt(s, mm_large_alloc(s->size), K_LARGE);
    return adopt(s, mm_alloc(s->size), K_ANY);
}

static int realloc_slot(struct slot *s)
{
    if (s->p == NULL)
        return 0;
    size_t n = below(4) == 0 ? s->size / 2 + 1 : pick_size();
    unsigned char *q = mm_realloc(s->p, n);
    if (q == NULL) {
        st.nulls++;
        return verify(s, s->p, s->size, "after a failed realloc");
    }
    if ((uintptr_t)q % MM_ALIGN != 0 || mm_usable_size(q) < n)
        return report("op %lu: realloc to %lu gave 0x%lx (usable %lu)", st.op, (unsigned long)n,
                      (unsigned long)(uintptr_t)q, (unsigned long)mm_usable_size(q));
    if (verify(s, q, s->size < n ? s->size : n, "after realloc"))
        return 1;
    s->p = q;
    s->size = n;
    s->kind = K_ANY;
    s->tag = (uint8_t)rnd();
    fill(s);
    return 0;
}

static int release_all(void)
{
    for (size_t i = 0; i < SLOTS; i++)
        if (release(&st.slots[i]))
            return 1;
    return 0;
}

static int compare_stats(void)
{
    size_t live = 0, bytes = 0;
    for (size_t i = 0; i < SLOTS; i++)
        if (st.slots[i].p != NULL) {
            live++;
            bytes += st.slots[i].size;
        }
    struct mm_stats s;
    mm_get_stats(&s);
    if (s.blocks_in_use != live || s.bytes_in_use < bytes)
        return report("op %lu: mm counts %lu blocks (%lu bytes), the model %lu (%lu bytes)", st.op,
                      (unsigned long)s.blocks_in_use, (unsigned long)s.bytes_in_use,
                      (unsigned long)live, (unsigned long)bytes);
    if ((s.calls_counted && s.frees != s.allocs - s.blocks_in_use) || s.consumed > s.region_size)
        return report("op %lu: mm counters inconsistent (allocs %lu, frees %lu, consumed %lu)",
                      st.op, s.allocs, s.frees, (unsigned long)s.consumed);
    return 0;
}

/* ---- the stress run ------------------------------------------------------ */

int mm_stress_run(void *region, size_t size, uint32_t seed, unsigned long ops, int check_every_op,
                  mm_stress_log_fn log)
{
    memset(&st, 0, sizeof st);
    st.rng = seed ? seed : 1;
    st.region_size = size;
    st.log = log;
    if (mm_init(region, size) != 0)
        return report("mm_init(0x%lx, %lu) failed", (unsigned long)(uintptr_t)region,
                      (unsigned long)size);
    for (st.op = 0; st.op < ops; st.op++) {
        uint32_t r = below(1000);
        struct slot *s = &st.slots[below(SLOTS)];
        int bad = 0;
        if (r < 430) {
            bad = alloc_into(s);
        } else if (r < 780) {
            bad = release(s);
        } else if (r < 950) {
            bad = realloc_slot(s);
        } else if (r < 990) {
            size_t first = (size_t)(s - st.slots), n = 1 + below(64);
            for (size_t i = first; i < first + n && i < SLOTS && !bad; i++)
                bad = release(&st.slots[i]);
        } else if (r < 996) {
            mm_fault_fail_nth(1 + below(3));
        } else if (r < 997) {
            bad = compare_stats();
        } else if (r < 998) {
            mm_trim(); /* spare pools back to their arenas, empty arenas to layer 1 */
        } else {
            bad = release_all();
        }
        if (bad)
            return 1;
        int full = check_every_op || (st.op & 4095) == 4095;
        if (full ? mm_check() : mm_check_quick())
            return report("op %lu: %s: %s", st.op, full ? "mm_check" : "mm_check_quick",
                          mm_check_message());
    }
    mm_fault_clear();
    if (compare_stats() || release_all())
        return 1;
    if (mm_check() != 0)
        return report("at the end: mm_check: %s", mm_check_message());
    if (!mm_is_empty())
        return report("at the end: everything freed, but the region is not one free block");
    report("mm_stress: %lu ops, %lu allocations, %lu NULL results, seed %lu", ops, st.allocs,
           st.nulls, (unsigned long)seed);
    return 0;
}

/* ---- fragmentation ------------------------------------------------------- */

/* 70 % 8..256 bytes, 25 % up to 2 KiB, 5 % up to 1/64 of the region. */
static size_t frag_size(size_t region)
{
    uint32_t r = below(100);
    if (r < 70)
        return 8 + below(249);
    if (r < 95)
        return 257 + below(1792);
    return 2049 + below((uint32_t)(region / 64));
}

unsigned mm_frag_run(void *region, size_t size, uint32_t seed)
{
    memset(&st, 0, sizeof st);
    st.rng = seed ? seed : 1;
    if (mm_init(region, size) != 0)
        return 0;
    size_t count = 0, live = 0;
    for (;;) {
        if (count > 0 && (count == SLOTS || below(3) == 0)) {
            size_t i = below((uint32_t)count);
            mm_free(st.slots[i].p);
            live -= st.slots[i].size;
            st.slots[i] = st.slots[--count];
        }
        size_t n = frag_size(size);
        void *p = mm_alloc(n);
        if (p == NULL)
            break;
        st.slots[count].p = p;
        st.slots[count].size = n;
        count++;
        live += n;
    }
    unsigned result = (unsigned)((unsigned long long)live * 10000u / size);
    while (count > 0)
        mm_free(st.slots[--count].p);
    return result;
}
