/* The cycle collector: CPython 3.12's generational collector on Pyrite's object
 * model (the algorithm, its bounds and the GC-header states are in
 * gc/collect.c and docs/gc.md). This header is the whole interface: what the
 * kernel's main loop, the future `gc` module and the future VM call.
 *
 * Generations. Every tracked container is on exactly one list: generation 0
 * (obj_gc_young()->head, which objects/ links new containers into), 1, 2,
 * the permanent generation (gc_freeze), or what an emergency collection holds
 * for the next safe point. A collection of generation g merges generations
 * 0..g, frees the unreachable cycles among them and moves the survivors to
 * generation g + 1 (generation 2's stay in 2).
 *
 * Triggers (CPython 3.12's rules):
 *   count0 = container allocations minus deallocations since the last
 *            collection (kept by objects/); count1 = generation-0 collections
 *            since the last collection of generation 1; count2 likewise for 1.
 *   An allocation that takes count0 above threshold0 never collects: it sets
 *   obj_gc_young()->pending, and the owner of the main loop calls
 *   gc_collect_pending() at its next safe point (no C code holding borrowed
 *   references on the stack). That collects the oldest generation whose count
 *   exceeds its threshold, except that a full collection also waits until the
 *   objects that survived generation-1 collections since the last full one
 *   exceed 25 % of those that survived it (long_lived_pending vs total).
 *   Memory pressure (obj_mem_alloc failing) runs an emergency full collection
 *   at once, even while automatic collection is disabled. It is inside an
 *   allocation, so it runs no code: no callbacks, no finalizers, no weakref
 *   hook. It frees the garbage that needs none, and holds back the objects
 *   that need some (an unrun finalizer, weak references) with everything they
 *   reach; it then sets pending, and the next collection at a safe point
 *   finalizes and frees them. A collection already in progress makes every
 *   trigger, gc_collect included, a no-op returning 0.
 *
 * Not reentrant; one thread. Everything here is O(1) unless marked otherwise.
 */
#ifndef GC_H
#define GC_H

#include <stddef.h>

#include "objects/object.h"

#define GC_NUM_GENERATIONS 3
#define GC_MAX_CALLBACKS   4 /* gc_callback_add slots */

/* gc.set_debug flags, with CPython's values. Only SAVEALL changes what the
 * collector does; the reporting flags are kept (gc_get_debug) for the `gc`
 * module, and print nothing until the runtime has a stderr. */
#define GC_DEBUG_STATS         1u
#define GC_DEBUG_COLLECTABLE   2u
#define GC_DEBUG_UNCOLLECTABLE 4u
#define GC_DEBUG_SAVEALL       32u /* unreachable objects go to gc_garbage(), not freed */
#define GC_DEBUG_LEAK          (GC_DEBUG_COLLECTABLE | GC_DEBUG_UNCOLLECTABLE | GC_DEBUG_SAVEALL)

/* ---- lifetime ------------------------------------------------------------ */

/* Start the collector after obj_runtime_init: thresholds (700, 10, 10), counts
 * and statistics zeroed, no hooks or callbacks, automatic collection enabled,
 * the memory-pressure hook registered. Calling it again restarts the collector
 * (tracked objects are kept: the older generations are first merged back into
 * generation 0, as gc_fini does). */
void gc_init(void);
/* Stop: drop gc.garbage, forget hooks and callbacks, unregister the pressure
 * hook, release what emergency collections held into generation 0, merge
 * generations 1, 2 and the permanent one into it and turn automatic
 * collection off. Call before obj_runtime_fini on a soft reset, so that the
 * heap can be checked empty. O(held objects), the rest list splices. */
void gc_fini(void);

/* ---- collecting -----------------------------------------------------------
 * The return value is CPython's gc.collect(): the number of unreachable
 * objects found (collected + uncollectable). Pause: O(objects in generations
 * 0..g + their references), independent of the older generations. Stack: a
 * bounded number of frames whatever the graph (nothing recurses). */

/* gc.collect(generation), 0 <= generation <= 2; -1 with ValueError for any
 * other value. Runs the start/stop callbacks. Before gc_init: 0, nothing done
 * (the same for gc_collect_pending); every other function needs gc_init. */
obj_ssize_t gc_collect(int generation);
/* The safe-point entry: if obj_gc_young()->pending, clear it and collect the
 * generation CPython's gc_collect_generations would (generation 0 if none is
 * over its threshold but an emergency collection held objects back); else
 * return 0 at once. */
obj_ssize_t gc_collect_pending(void);

/* ---- configuration and state (the gc module) ----------------------------- */

void gc_enable(void);
/* Stop automatic collection: generation 0's live threshold becomes 0, so no
 * allocation sets pending; the configured threshold is kept for
 * gc_get_threshold and gc_enable. gc_collect and pressure collections still run. */
void gc_disable(void);
int gc_isenabled(void);
/* gc.set_threshold(t0, t1, t2) (pass the current values for omitted ones).
 * t0 == 0 turns automatic collection off, as in CPython. */
void gc_set_threshold(long t0, long t1, long t2);
void gc_get_threshold(long out[GC_NUM_GENERATIONS]);
void gc_get_count(long out[GC_NUM_GENERATIONS]);

/* gc.freeze(): move every tracked object to the permanent generation, which
 * no collection looks at, and zero the counts. gc.unfreeze(): move them back
 * into generation 2. gc.get_freeze_count(): O(frozen objects). */
void gc_freeze(void);
void gc_unfreeze(void);
size_t gc_get_freeze_count(void);

/* gc.is_tracked(o); gc.is_finalized(o) (PEP 442: its finalizer already ran). */
int gc_is_tracked(const obj_t *o);
int gc_is_finalized(const obj_t *o);

/* gc.get_objects(generation): a new list of the tracked objects in that
 * generation, or in all three for -1 (the permanent generation and what an
 * emergency collection holds excluded, the result list itself left out). NULL
 * with ValueError for a generation outside -1..2, or MemoryError. O(objects
 * listed). */
obj_t *gc_get_objects(int generation);

/* gc.get_stats(): per generation, since gc_init. */
struct gc_generation_stats {
    size_t collections;   /* collections of this generation (younger ones included in it) */
    size_t collected;     /* unreachable objects freed, or saved with DEBUG_SAVEALL */
    size_t uncollectable; /* objects found that could not be freed (none yet: CPython's legacy
                             tp_del finalizers do not exist here) */
};
void gc_get_stats(struct gc_generation_stats out[GC_NUM_GENERATIONS]);

/* The debug invariant checker: every generation list (and the permanent one)
 * is well linked, holds only live, tracked heap containers, and no header has
 * OBJ_GC_COLLECTING set outside a collection. 0, or -1 at the first fault.
 * O(tracked objects). */
int gc_check(void);

void gc_set_debug(unsigned flags);
unsigned gc_get_debug(void);

/* gc.garbage: borrowed reference to the list the collector keeps (created on
 * first use, here or by a DEBUG_SAVEALL collection); NULL with MemoryError if
 * it cannot be made. With DEBUG_SAVEALL a collection appends every unreachable
 * object to it instead of clearing it (an object that cannot be appended for
 * lack of memory stays alive in the older generation, for a later collection). */
obj_t *gc_garbage(void);

/* gc.callbacks: called with "start" before and "stop" after each collection
 * but the emergency ones (collected and uncollectable as in the stats; 0 at
 * "start"). A callback may allocate; a collection it triggers does nothing. */
typedef void (*gc_callback_fn)(const char *phase, int generation, size_t collected,
                               size_t uncollectable);
/* Callbacks run in registration order, as CPython's gc.callbacks list (append
 * and remove). 0, or -1 when GC_MAX_CALLBACKS are registered already (no error
 * set). */
int gc_callback_add(gc_callback_fn fn);
/* Remove the first registration of fn: 0, or -1 if fn is not registered. */
int gc_callback_remove(gc_callback_fn fn);

/* ---- hooks for the language (PEP 442 finalizers, weak references) --------
 * obj_type_t has no finalizer or weakref slot yet: the VM registers these.
 * With none registered, the phases they drive cost nothing. A collection runs:
 *
 *   1. find the unreachable set U (every object in U has OBJ_GC_COLLECTING set
 *      in its GC header; see gc_in_unreachable);
 *   2. clear_weakrefs(U): clear every weak reference to an object of U; a
 *      callback of a weakref that is not itself in U may be called (after all
 *      are cleared, as CPython's handle_weakrefs). Must not free objects of U.
 *      Returns the number of objects its callbacks freed (added to collected).
 *   3. for each object of U not yet finalized with has_finalizer(o) nonzero:
 *      mark it finalized (gc_is_finalized), run_finalizer(o) with a reference
 *      held. Finalizers may do anything (allocate, drop references, store an
 *      object of U somewhere reachable); an error they leave set is discarded.
 *   4. if any code ran in 2 or 3: recompute reachability over what is left of
 *      U; objects reachable again (resurrected) move to the older generation,
 *      marked finalized, so their finalizer never runs twice;
 *   5. clear the rest through their types' clear slots; reference counting
 *      frees them.
 * The VM's deallocators call the finalizer too for objects that die by
 * reference counting (marking them with gc_set_finalized).
 *
 * An emergency collection (memory pressure) runs 1 and 5 only: the objects of
 * U for which has_finalizer (not yet finalized) or has_weakrefs says yes, and
 * everything they reach, are held back, each with a reference of the
 * collector's, on no generation; the rest is cleared. The next collection at a
 * safe point puts them in generation 0 and drops those references (one that
 * only the cleared garbage referred to dies there and then, and its
 * deallocator finalizes it), then runs 1-5. has_finalizer and has_weakrefs are
 * therefore called inside allocations: they must not allocate, raise or run
 * Python code.
 */
typedef int (*gc_has_finalizer_fn)(obj_t *o);
typedef void (*gc_run_finalizer_fn)(obj_t *o);
typedef int (*gc_has_weakrefs_fn)(obj_t *o);
typedef size_t (*gc_clear_weakrefs_fn)(const struct obj_gc_head *unreachable);
/* NULL, NULL: no finalizers. */
void gc_set_finalizer_hook(gc_has_finalizer_fn has_finalizer, gc_run_finalizer_fn run_finalizer);
/* has_weakrefs(o): nonzero if o has weak references (freeing o could call a
 * callback). NULL, NULL: no weak references. */
void gc_set_weakref_hook(gc_has_weakrefs_fn has_weakrefs, gc_clear_weakrefs_fn clear_weakrefs);

/* Mark o's finalizer as run (objects of OBJ_TYPE_GC types only). */
void gc_set_finalized(obj_t *o);

/* Walk the unreachable set handed to clear_weakrefs:
 *     for (obj_t *o = gc_list_first(u); o; o = gc_list_next(u, o)) ...      */
static inline obj_t *gc_list_first(const struct obj_gc_head *list)
{
    return list->next == (uintptr_t)list ? NULL
                                         : obj_from_gc_head((const struct obj_gc_head *)list->next);
}

static inline obj_t *gc_list_next(const struct obj_gc_head *list, const obj_t *o)
{
    uintptr_t next = obj_gc_head_of(o)->next;
    return next == (uintptr_t)list ? NULL : obj_from_gc_head((const struct obj_gc_head *)next);
}

/* Inside clear_weakrefs only: nonzero if o belongs to the unreachable set
 * (CPython's gc_is_collecting test in handle_weakrefs). */
static inline int gc_in_unreachable(const obj_t *o)
{
    return (o->type->flags & OBJ_TYPE_GC) && (obj_gc_head_of(o)->prev & OBJ_GC_COLLECTING);
}

#endif /* GC_H */
