/* Free lists (layer 3): dead objects of a few types kept for reuse, as
 * CPython's, up to a cap per list (config/pyrite_config.h, per board).
 *
 * The registry: OBJ_FREELISTS has one row per free-listed type, with its cap
 * and how many lists it keeps (tuples: one per size 1..OBJ_FREELIST_TUPLE_SIZES).
 * A new free-listed type is one row here, plus its own file pushing dead
 * objects (obj_freelist_push) and popping new ones (obj_freelist_pop, both in
 * objects/runtime.h). Everything else is generic (objects/freelist.c): the
 * lists' state in the runtime struct, emptying them (a full collection and
 * the out-of-memory path do), and their counts in obj_get_stats.
 *
 * A list is a chain through the first word after an object's obj_t header, a
 * field every free-listed type sets again when it reuses the object (float
 * value, tuple and list size, dict used).
 *
 * Accounting: an object on a free list counts as freed in the live-object
 * statistics and the debug per-type counts. The collector's generation-0 count
 * follows CPython 3.12: putting an object on a free list or taking it off
 * moves the count neither way; emptying a list counts each GC object down, as
 * PyObject_GC_Del does.
 */
#ifndef OBJ_FREELIST_H
#define OBJ_FREELIST_H

#include <stddef.h>

#include "config/pyrite_config.h"

/*            kind   cap                  lists */
#define OBJ_FREELISTS(X)                                                                           \
    X(FLOAT, OBJ_FREELIST_FLOAT, 1)                                                                \
    X(TUPLE, OBJ_FREELIST_TUPLE, OBJ_FREELIST_TUPLE_SIZES)                                         \
    X(LIST, OBJ_FREELIST_LIST, 1)                                                                  \
    X(DICT, OBJ_FREELIST_DICT, 1)

/* One id per list; a kind's lists are consecutive from OBJ_FL_<kind>
 * (OBJ_FL_TUPLE + n - 1 holds tuples of n items). */
enum obj_freelist_id {
#define OBJ_FL_ID(kind, cap, lists) OBJ_FL_##kind, OBJ_FL_##kind##_LAST = OBJ_FL_##kind + (lists)-1,
    OBJ_FREELISTS(OBJ_FL_ID)
#undef OBJ_FL_ID
        OBJ_FL_COUNT
};

/* Empty free list `id` / every free list back into mm. Return the objects
 * freed. */
size_t obj_freelist_clear(unsigned id);
size_t obj_freelists_clear(void);

#endif /* OBJ_FREELIST_H */
