/* The object runtime: allocation with the out-of-memory policy, deallocation,
 * GC-list tracking, the trashcan, free-list housekeeping, statistics and the
 * debug seams (per-type live counts, allocation-failure injection).
 *
 * Out of memory (DESIGN §2): when mm cannot satisfy a request, every free list
 * is emptied and the pressure hook (the cycle collector) runs, then the request
 * is retried once; only then is MemoryError raised, from a preallocated value.
 */
#define OBJ_INTERNAL
#include <string.h>

#include "mm/mm.h"
#include "objects/dict.h"
#include "objects/float.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/runtime.h"
#include "objects/tuple.h"

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

void *obj_mem_alloc(size_t size)
{
#if OBJ_DEBUG
    if (debug_should_fail())
        return obj_err_no_memory();
#endif
    if (size == 0)
        size = 1;
    void *p = mm_alloc(size);
    if (p == NULL) {
        obj_freelists_clear();
        if (obj_rt.pressure)
            obj_rt.pressure();
        p = mm_alloc(size);
        if (p == NULL)
            return obj_err_no_memory();
    }
    return p;
}

void *obj_mem_realloc(void *old, size_t size)
{
#if OBJ_DEBUG
    if (debug_should_fail())
        return obj_err_no_memory();
#endif
    if (size == 0)
        size = 1;
    void *p = mm_realloc(old, size);
    if (p == NULL) {
        obj_freelists_clear();
        if (obj_rt.pressure)
            obj_rt.pressure();
        p = mm_realloc(old, size);
        if (p == NULL)
            return obj_err_no_memory();
    }
    return p;
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

void obj_note_reused(obj_t *o)
{
    o->refcnt = 1;
    obj_rt.stats.live_objects++;
#if OBJ_DEBUG
    obj_debug_count(o->type, 1);
#endif
    if (o->type->flags & OBJ_TYPE_GC)
        gc_count_up();
}

void obj_free(obj_t *o)
{
    obj_note_freed(o);
    mm_free((o->type->flags & OBJ_TYPE_GC) ? (void *)obj_gc_head_of(o) : (void *)o);
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

/* ---- trashcan ------------------------------------------------------------ */

int obj_trash_defer(obj_t *o)
{
    struct obj_gc_head *g = obj_gc_head_of(o);
    g->next = (uintptr_t)obj_rt.trash_deferred;
    obj_rt.trash_deferred = g;
    obj_rt.stats.trashcan_deferred++;
    return 0;
}

void obj_trash_drain(void)
{
    /* Outermost level: destroy what was deferred. The loop runs at depth 1, so
     * the deallocations it starts nest at most OBJ_TRASHCAN_DEPTH deep and their
     * own trashcan ends never start a second, nested drain; whatever they defer
     * lands on the list this loop is walking. */
    obj_rt.trash_depth = 1;
    while (obj_rt.trash_deferred) {
        struct obj_gc_head *g = obj_rt.trash_deferred;
        obj_rt.trash_deferred = (struct obj_gc_head *)g->next;
        g->next = 0;
        obj_t *o = obj_from_gc_head(g);
        o->type->dealloc(o);
    }
    obj_rt.trash_depth = 0;
}

int obj_trashcan_begin(obj_t *o)
{
    return obj_trash_begin(o);
}

void obj_trashcan_end(void)
{
    obj_trash_end();
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

/* ---- free lists ----------------------------------------------------------- */

size_t obj_freelists_clear(void)
{
    return obj_float_freelist_clear() + obj_tuple_freelist_clear() + obj_list_freelist_clear() +
           obj_dict_freelist_clear();
}

/* ---- runtime ------------------------------------------------------------- */

int obj_runtime_init(void)
{
    memset(&obj_rt, 0, sizeof obj_rt);
    obj_rt.young.head.next = obj_rt.young.head.prev = (uintptr_t)&obj_rt.young.head;
    obj_rt.int_max_str_digits = 4300;
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
    size_t tuples = 0;
    for (size_t n = 1; n <= OBJ_FREELIST_TUPLE_SIZES; n++)
        tuples += obj_rt.tuple_free_count[n];
    out->freelist_objects[0] = obj_float_freelist_count();
    out->freelist_objects[1] = tuples;
    out->freelist_objects[2] = obj_rt.list_free_count;
    out->freelist_objects[3] = obj_rt.dict_free_count;
}
