/* The object runtime: allocation with the out-of-memory policy, deallocation,
 * GC-list tracking, statistics and the debug seams (per-type live counts,
 * allocation-failure injection). The free lists' upkeep is in freelist.c, the
 * trashcan in trashcan.c.
 *
 * Out of memory: when mm cannot satisfy a request, every free list is emptied
 * and the pressure hook (the collector's emergency collection) runs, then the
 * request is retried once; only then is MemoryError raised, from a
 * preallocated value. The hook runs inside the caller's operation (a list's
 * growth, a dict's resize), so it must run no code that could touch the
 * caller's objects: the block being resized is still the caller's at the retry.
 */
#define OBJ_INTERNAL
#include <string.h>

#include "mm/mm.h"
#include "objects/object.h"
#include "objects/runtime.h"

struct obj_runtime obj_rt;

/* ---- debug seams --------------------------------------------------------- */

#if OBJ_DEBUG
void obj_debug_count(const obj_type_t *type, long delta)
{
    for (unsigned i = 0; i < OBJ_DEBUG_TYPES; i++) {
        if (obj_rt.debug_types[i] == type || obj_rt.debug_types[i] == NULL) {
            obj_rt.debug_types[i] = type;
            obj_rt.debug_live[i] += delta;
            return;
        }
    }
}

static int debug_should_fail(void)
{
    if (obj_rt.fail_countdown < 0)
        return 0;
    return obj_rt.fail_countdown-- == 0;
}
#endif

void obj_debug_fail_alloc_after(long n)
{
#if OBJ_DEBUG
    obj_rt.fail_countdown = n;
#else
    (void)n;
#endif
}

size_t obj_debug_live_by_type(const obj_type_t **types, long *counts, size_t max)
{
    size_t n = 0;
#if OBJ_DEBUG
    for (unsigned i = 0; i < OBJ_DEBUG_TYPES && obj_rt.debug_types[i] && n < max; i++) {
        types[n] = obj_rt.debug_types[i];
        counts[n++] = obj_rt.debug_live[i];
    }
#else
    (void)types, (void)counts, (void)max;
#endif
    return n;
}

/* ---- the collector's counter ---------------------------------------------- */

/* A GC object was allocated: CPython's _PyObject_GC_Link. */
static void gc_count_up(void)
{
    struct obj_gc_young *y = &obj_rt.young;
    if (++y->count > y->threshold && y->threshold != 0)
        y->pending = 1;
}

struct obj_gc_young *obj_gc_young(void)
{
    return &obj_rt.young;
}

/* ---- memory -------------------------------------------------------------- */

void obj_set_pressure_hook(obj_pressure_fn hook)
{
    obj_rt.pressure = hook;
}

/* One request to mm: a new block (old == NULL) or old resized. */
static inline void *raw_request(void *old, size_t size)
{
    return old ? mm_realloc(old, size) : mm_alloc(size);
}

/* mm refused: give back what needs no code run (free lists, unreachable
 * garbage), then one retry. Out of line: the common path stays short. */
static __attribute__((noinline)) void *reclaim_and_retry(void *old, size_t size)
{
    obj_freelists_clear();
    if (obj_rt.pressure)
        obj_rt.pressure();
    void *p = raw_request(old, size);
    return p ? p : obj_err_no_memory();
}

/* obj_mem_alloc (old == NULL) and obj_mem_realloc: the one allocation path. */
static inline __attribute__((always_inline)) void *mem_get(void *old, size_t size)
{
#if OBJ_DEBUG
    if (debug_should_fail())
        return obj_err_no_memory();
#endif
    if (size == 0)
        size = 1;
    void *p = raw_request(old, size);
    return p ? p : reclaim_and_retry(old, size);
}

void *obj_mem_alloc(size_t size)
{
    return mem_get(NULL, size);
}

void *obj_mem_realloc(void *old, size_t size)
{
    return mem_get(old, size);
}

void obj_mem_free(void *p)
{
    mm_free(p);
}

size_t obj_mem_usable(const void *p)
{
    return mm_usable_size(p);
}

obj_t *obj_new(const obj_type_t *type, size_t extra)
{
    size_t size = type->basicsize + extra;
    int gc = (type->flags & OBJ_TYPE_GC) != 0;
    if (gc)
        size += sizeof(struct obj_gc_head);
    char *p = obj_mem_alloc(size);
    if (p == NULL)
        return NULL;
    if (gc) {
        struct obj_gc_head *g = (struct obj_gc_head *)p;
        g->next = g->prev = 0;
        p += sizeof *g;
        gc_count_up();
    }
    obj_t *o = (obj_t *)p;
    o->refcnt = 1;
    o->type = type;
    obj_rt.stats.live_objects++;
#if OBJ_DEBUG
    obj_debug_count(type, 1);
#endif
    return o;
}

void obj_free(obj_t *o)
{
    obj_note_freed(o);
    obj_free_block(o);
}

void obj_dealloc(obj_t *o)
{
    o->type->dealloc(o);
}

/* ---- GC lists ------------------------------------------------------------ */

void obj_gc_track(obj_t *o)
{
    struct obj_gc_head *g = obj_gc_head_of(o), *head = &obj_rt.young.head;
    if (g->next)
        return;
    struct obj_gc_head *last = (struct obj_gc_head *)(head->prev & ~OBJ_GC_FLAG_MASK);
    g->prev = (uintptr_t)last | (g->prev & OBJ_GC_FLAG_MASK);
    g->next = (uintptr_t)head;
    last->next = (uintptr_t)g;
    head->prev = (uintptr_t)g;
}

/* ---- repr recursion guard ----------------------------------------------- */

int obj_repr_enter(obj_t *o, struct obj_repr_frame *frame)
{
    for (const struct obj_repr_frame *f = obj_rt.repr_active; f; f = f->outer)
        if (f->o == o)
            return 1;
    frame->o = o;
    frame->outer = obj_rt.repr_active;
    obj_rt.repr_active = frame;
    return 0;
}

void obj_repr_leave(struct obj_repr_frame *frame)
{
    obj_rt.repr_active = frame->outer;
}

/* ---- types --------------------------------------------------------------- */

int obj_type_is_subtype(const obj_type_t *t, const obj_type_t *base)
{
    for (; t; t = t->base_type)
        if (t == base)
            return 1;
    return 0;
}

/* ---- runtime ------------------------------------------------------------- */

int obj_runtime_init(void)
{
    memset(&obj_rt, 0, sizeof obj_rt);
    obj_rt.young.head.next = obj_rt.young.head.prev = (uintptr_t)&obj_rt.young.head;
    obj_rt.int_max_str_digits = 4300;
    obj_freelists_init();
    obj_trash_state = (struct obj_trash){0};
#if OBJ_DEBUG
    obj_rt.fail_countdown = -1;
#endif
    return 0;
}

void obj_runtime_fini(void)
{
    obj_err_clear();
    obj_freelists_clear();
}

void obj_get_stats(struct obj_stats *out)
{
    *out = obj_rt.stats;
    for (unsigned id = 0; id < OBJ_FL_COUNT; id++)
        out->freelist_objects[id] = obj_rt.freelists[id].count;
}
