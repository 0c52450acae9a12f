/* The trashcan (objects/trashcan.c): bounds the C-stack depth of deallocating
 * a long chain (a list in a list in a list ...). A GC type's dealloc untracks
 * the object, then:
 *
 *     if (!obj_trash_begin(o)) return;   // nested too deep: deferred
 *     ... drop references to children ...
 *     obj_trash_end();                   // at the outermost level, drains the deferred
 *
 * Beyond OBJ_TRASHCAN_DEPTH nested deallocations the object is chained (through
 * its GC header's next) onto a list that the outermost obj_trash_end drains,
 * so stack use is bounded whatever the chain length. Begin and end are inline
 * (a compare and an increment, a decrement and a test) because every
 * container's deallocation runs them; they call out of line only to defer or
 * to drain.
 *
 * The state is outside the runtime struct (objects/runtime.h) so that types
 * of every layer can reach it inline. Between deallocations depth is 0 and
 * deferred is NULL (the outermost end drains it), so it holds no objects.
 */
#ifndef OBJ_TRASHCAN_H
#define OBJ_TRASHCAN_H

#include "config/pyrite_config.h"
#include "objects/gc_head.h"

struct obj_trash {
    unsigned depth;               /* deallocations in progress, nested */
    struct obj_gc_head *deferred; /* chained through their GC headers' next */
};
extern struct obj_trash obj_trash_state;

/* The out-of-line halves of begin and end; call those instead. */
int obj_trash_defer(obj_t *o);
void obj_trash_drain(void);

/* 1: go on destroying o; 0: o was deferred, return at once. */
static inline int obj_trash_begin(obj_t *o)
{
    if (obj_trash_state.depth >= OBJ_TRASHCAN_DEPTH)
        return obj_trash_defer(o);
    obj_trash_state.depth++;
    return 1;
}

static inline void obj_trash_end(void)
{
    if (--obj_trash_state.depth == 0 && obj_trash_state.deferred != NULL)
        obj_trash_drain();
}

#endif /* OBJ_TRASHCAN_H */
