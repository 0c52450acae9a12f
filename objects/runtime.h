/* The object runtime's state: one struct for everything objects/ keeps between
 * calls (error indicator, free lists, interned table, GC list and counters;
 * the trashcan's is in trashcan.h). Internal to objects/: other layers use
 * object.h.
 */
#ifndef OBJ_RUNTIME_H
#define OBJ_RUNTIME_H

#ifndef OBJ_INTERNAL
#error "objects/runtime.h is internal to objects/"
#endif

#include <string.h>

#include "mm/mm.h"
#include "objects/object.h"

#define OBJ_DEBUG_TYPES 48 /* distinct types whose live counts are kept (OBJ_DEBUG) */

struct obj_runtime {
    /* The error indicator. */
    const obj_type_t *err_type;
    obj_t *err_value;

    obj_pressure_fn pressure;

    /* Generation 0 and the allocation counter (see obj_gc_young in gc_head.h). */
    struct obj_gc_young young;

    /* The free lists (objects/freelist.h): dead objects chained through the
     * word after their header; cap is the row's cap in OBJ_FREELISTS. */
    struct obj_freelist {
        size_t count, cap;
        obj_t *head;
    } freelists[OBJ_FL_COUNT];

    /* Interned strings: open addressing over borrowed references (the table
     * does not own its strings). NULL = empty slot, intern_dummy = deleted. */
    obj_t **intern_slots;
    size_t intern_mask; /* slots - 1; 0 when the table is not allocated */
    size_t intern_used; /* live entries */
    size_t intern_fill; /* live + deleted */

    /* Containers whose repr is in progress, innermost first (the records live
     * in the repr functions' frames): a container met again prints as [...] /
     * {...} instead of recursing forever. */
    struct obj_repr_frame *repr_active;

    /* sys.set_int_max_str_digits(): the 4300-digit limit of CPython 3.12 for
     * int <-> decimal str conversions (0 = no limit). */
    int int_max_str_digits;

    struct obj_stats stats;

#if OBJ_DEBUG
    long fail_countdown; /* allocation-failure injection: < 0 disabled */
    const obj_type_t *debug_types[OBJ_DEBUG_TYPES];
    long debug_live[OBJ_DEBUG_TYPES];
#endif
};

extern struct obj_runtime obj_rt;

#if OBJ_DEBUG
void obj_debug_count(const obj_type_t *type, long delta); /* live count per type */
#endif

/* An object whose refcnt reached zero leaves the live counts (live objects,
 * debug per-type counts); obj_free does this, then obj_free_block. */
static inline void obj_note_freed(const obj_t *o)
{
    obj_rt.stats.live_objects--;
#if OBJ_DEBUG
    obj_debug_count(o->type, -1);
#else
    (void)o;
#endif
}

/* Give back the memory of an object already counted as freed: its block (GC
 * header included) to mm and, for a GC object, one down on the collector's
 * count (not below 0), as CPython's PyObject_GC_Del. Inline: obj_free is on
 * every deallocation's path. */
static inline void obj_free_block(obj_t *o)
{
    if (o->type->flags & OBJ_TYPE_GC) {
        if (obj_rt.young.count > 0)
            obj_rt.young.count--;
        mm_free(obj_gc_head_of(o));
    } else {
        mm_free(o);
    }
}

/* ---- free lists (objects/freelist.h) -------------------------------------- */

/* The head of a non-empty free list, unlinked (the count is the caller's). */
static inline obj_t *obj_freelist_unlink(struct obj_freelist *fl)
{
    obj_t *o = fl->head;
    memcpy(&fl->head, o + 1, sizeof fl->head); /* the link, whatever the field's type */
    return o;
}

/* Take an object off free list `id`: NULL when it is empty. The object has
 * refcnt 1 and counts as live again; the collector's count does not move. Its
 * fields are as its dealloc left them, except the word after the header. */
static inline obj_t *obj_freelist_pop(unsigned id)
{
    struct obj_freelist *fl = &obj_rt.freelists[id];
    if (fl->count == 0)
        return NULL;
    fl->count--;
    obj_t *o = obj_freelist_unlink(fl);
    o->refcnt = 1;
    obj_rt.stats.live_objects++;
#if OBJ_DEBUG
    obj_debug_count(o->type, 1);
#endif
    return o;
}

/* Put o, whose refcnt reached zero and whose references are dropped, on free
 * list `id` if it has room: 1 if kept (o counts as freed, the collector's
 * count does not move), 0 if the caller must obj_free it. A GC object must be
 * untracked. */
static inline int obj_freelist_push(unsigned id, obj_t *o)
{
    struct obj_freelist *fl = &obj_rt.freelists[id];
    if (fl->count >= fl->cap)
        return 0;
    obj_note_freed(o);
    memcpy(o + 1, &fl->head, sizeof fl->head);
    fl->head = o;
    fl->count++;
    return 1;
}

/* In a free-listed type's file: its struct has the word the link needs. */
#define OBJ_FREELIST_FITS(instance_struct)                                                         \
    _Static_assert(sizeof(instance_struct) >= sizeof(obj_t) + sizeof(obj_t *),                     \
                   #instance_struct " has no word after its header for the free-list link")

/* Set each list's cap from the registry (obj_runtime_init, after zeroing). */
void obj_freelists_init(void);

/* Enter the repr of container o, recording it in `frame` (the caller's
 * local): 1 if o is already being printed (print the placeholder), 0 if entered
 * (call obj_repr_leave(frame) after). Depth is bounded by obj_repr's stack
 * check, not here. */
struct obj_repr_frame {
    obj_t *o;
    struct obj_repr_frame *outer;
};
int obj_repr_enter(obj_t *o, struct obj_repr_frame *frame);
void obj_repr_leave(struct obj_repr_frame *frame);

/* The index iterator shared by list, tuple and bytes: it walks a
 * sequence through its type's length and item slots, and each of those types
 * defines its own iterator type (for the name Python shows) with these slots:
 * OBJ_SEQITER_TYPE(obj_type_list_iterator, "list_iterator"). A GC type: the
 * sequence may be in a cycle with the iterator. */
typedef struct {
    obj_t base;
    obj_t *seq; /* NULL once exhausted */
    size_t index;
} obj_seqiter_t;

obj_t *obj_seqiter_new(const obj_type_t *type, obj_t *seq);
obj_t *obj_seqiter_next(obj_t *it);
void obj_seqiter_dealloc(obj_t *it);
int obj_seqiter_traverse(obj_t *it, obj_visit_fn visit, void *arg);
/* iter(it) is it, for every iterator type. */
obj_t *obj_iter_self(obj_t *it);

#define OBJ_SEQITER_TYPE(cname, pyname)                                                            \
    const obj_type_t cname = {                                                                     \
        .base = OBJ_TYPE_HEAD_INIT,                                                                \
        .name = pyname,                                                                            \
        .flags = OBJ_TYPE_GC,                                                                      \
        .basicsize = sizeof(obj_seqiter_t),                                                        \
        .dealloc = obj_seqiter_dealloc,                                                            \
        .iter = obj_iter_self,                                                                     \
        .iternext = obj_seqiter_next,                                                              \
        .traverse = obj_seqiter_traverse,                                                          \
    }

/* Lexicographic rich comparison of two item arrays (tuple and list). New
 * reference. */
obj_t *obj_sequence_richcompare(obj_t *const *a, size_t na, obj_t *const *b, size_t nb, int op);

#endif /* OBJ_RUNTIME_H */
