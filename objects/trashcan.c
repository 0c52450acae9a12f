/* The trashcan's out-of-line halves (objects/trashcan.h): deferring a
 * deallocation nested too deep, and draining the deferred ones. */
#define OBJ_INTERNAL
#include "objects/trashcan.h"
#include "objects/runtime.h"

struct obj_trash obj_trash_state;

int obj_trash_defer(obj_t *o)
{
    struct obj_gc_head *g = obj_gc_head_of(o);
    g->next = (uintptr_t)obj_trash_state.deferred;
    obj_trash_state.deferred = g;
    obj_rt.stats.trashcan_deferred++;
    return 0;
}

void obj_trash_drain(void)
{
    /* Outermost level: destroy what was deferred. The loop runs at depth 1, so
     * the deallocations it starts nest at most OBJ_TRASHCAN_DEPTH deep and their
     * own trashcan ends never start a second, nested drain; whatever they defer
     * lands on the list this loop is walking. */
    obj_trash_state.depth = 1;
    while (obj_trash_state.deferred) {
        struct obj_gc_head *g = obj_trash_state.deferred;
        obj_trash_state.deferred = (struct obj_gc_head *)g->next;
        g->next = 0;
        obj_t *o = obj_from_gc_head(g);
        o->type->dealloc(o);
    }
    obj_trash_state.depth = 0;
}
