/* The object runtime's state: one struct for everything objects/ keeps between
 * calls (error indicator, free lists, interned table, trashcan, GC lists and
 * counters). Internal to objects/: other layers use object.h.
 */
#ifndef OBJ_RUNTIME_H
#define OBJ_RUNTIME_H

#ifndef OBJ_INTERNAL
#error "objects/runtime.h is internal to objects/"
#endif

#include "objects/object.h"

#define OBJ_DEBUG_TYPES 48 /* distinct types whose live counts are kept (OBJ_DEBUG) */

struct obj_runtime {
    /* The error indicator. */
    const obj_type_t *err_type;
    obj_t *err_value;

    obj_pressure_fn pressure;

    /* Trashcan: current nesting of deallocations, and the deferred ones chained
     * through their GC headers' next field. */
    unsigned trash_depth;
    struct obj_gc_head *trash_deferred;

    /* Generation 0 and the allocation counter (see obj_gc_young in object.h). */
    struct obj_gc_young young;

    /* Free lists (layer 3): dead objects kept for reuse, up to the board's
     * caps. Lists and dicts are kept in arrays; floats and tuples are chained
     * through a field their files name. */
    obj_t *float_free;
    size_t float_free_count;
    obj_t *tuple_free[OBJ_FREELIST_TUPLE_SIZES + 1];
    size_t tuple_free_count[OBJ_FREELIST_TUPLE_SIZES + 1];
    obj_t *list_free[OBJ_FREELIST_LIST ? OBJ_FREELIST_LIST : 1];
    size_t list_free_count;
    obj_t *dict_free[OBJ_FREELIST_DICT ? OBJ_FREELIST_DICT : 1];
    size_t dict_free_count;

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

/* Free-list accounting: an object put on a free list counts as freed (live
 * count, GC count, debug counts) and one taken off as newly allocated; taking
 * sets its refcnt to 1. Freeing is inline: every deallocation does it. */
static inline void obj_note_freed(obj_t *o)
{
    obj_rt.stats.live_objects--;
#if OBJ_DEBUG
    obj_debug_count(o->type, -1);
#endif
    if ((o->type->flags & OBJ_TYPE_GC) && obj_rt.young.count > 0)
        obj_rt.young.count--;
}
void obj_note_reused(obj_t *o);

/* The trashcan (object.h) as the container types here use it: the common
 * case inline, deferring (obj_trash_defer, returns 0) and draining the
 * deferred deallocations at the outermost level (obj_trash_drain) out of
 * line. object.h's obj_trashcan_begin / obj_trashcan_end are these. */
int obj_trash_defer(obj_t *o);
void obj_trash_drain(void);
static inline int obj_trash_begin(obj_t *o)
{
    if (obj_rt.trash_depth >= OBJ_TRASHCAN_DEPTH)
        return obj_trash_defer(o);
    obj_rt.trash_depth++;
    return 1;
}
static inline void obj_trash_end(void)
{
    if (--obj_rt.trash_depth == 0 && obj_rt.trash_deferred != NULL)
        obj_trash_drain();
}

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
