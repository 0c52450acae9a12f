/* The GC header, and generation 0 as the object layer keeps it for gc/.
 *
 * The GC header sits in front of every object whose type has OBJ_TYPE_GC.
 * Outside a collection, a tracked object is on exactly one generation list:
 * next/prev link the doubly-linked circular list (prev's low bits are flags, objects being 8-byte
 * aligned). An untracked object has next == 0. During a collection the
 * collector reuses prev's upper bits for gc_refs and bit 0 of next as the
 * "tentatively unreachable" mark (as CPython 3.8+ does); gc/collect.c
 * documents that state. The trashcan chains deferred deallocations through
 * next while an object is being destroyed (it is untracked by then).
 *
 *   prev:  31                                   2   1   0
 *         +--------------------------------------+---+---+
 *         |  previous object's header (or refs)   | C | F |
 *         +--------------------------------------+---+---+
 *          F = OBJ_GC_FINALIZED (PEP 442: __del__ already ran)
 *          C = OBJ_GC_COLLECTING (only during a collection)
 */
#ifndef OBJ_GC_HEAD_H
#define OBJ_GC_HEAD_H

#include "objects/refcount.h"

struct obj_gc_head {
    uintptr_t next;
    uintptr_t prev;
};
#define OBJ_GC_FINALIZED  ((uintptr_t)1)
#define OBJ_GC_COLLECTING ((uintptr_t)2)
#define OBJ_GC_FLAG_MASK  ((uintptr_t)3)

static inline struct obj_gc_head *obj_gc_head_of(const obj_t *o)
{
    return (struct obj_gc_head *)o - 1;
}

static inline obj_t *obj_from_gc_head(const struct obj_gc_head *g)
{
    return (obj_t *)(g + 1);
}

static inline int obj_gc_is_tracked(const obj_t *o)
{
    return obj_gc_head_of(o)->next != 0;
}

/* Link into generation 0 / unlink. Tracking an object twice, or untracking an
 * untracked one, is a no-op. Only objects of OBJ_TYPE_GC types. Untracking is
 * inline: every container's deallocation starts with it. */
void obj_gc_track(obj_t *o);
static inline void obj_gc_untrack(obj_t *o)
{
    struct obj_gc_head *g = obj_gc_head_of(o);
    if (!g->next)
        return;
    struct obj_gc_head *prev = (struct obj_gc_head *)(g->prev & ~OBJ_GC_FLAG_MASK);
    struct obj_gc_head *next = (struct obj_gc_head *)g->next;
    prev->next = (uintptr_t)next;
    next->prev = (uintptr_t)prev | (next->prev & OBJ_GC_FLAG_MASK);
    g->next = 0;
    g->prev &= OBJ_GC_FINALIZED; /* only the PEP 442 mark outlives tracking */
}

/* What the object layer keeps for the collector (gc/): the generation-0 list
 * that obj_gc_track links into, and CPython 3.12's allocation counter. count
 * goes up on every GC-object allocation and down (not below 0) on every
 * GC-object deallocation. Free-list traffic moves it neither way, as in
 * CPython 3.12: an object put on a free list is not counted down, one taken
 * off is not counted up; emptying a free list counts its objects down.
 * When count exceeds threshold (and threshold is not 0) an allocation sets
 * pending, and the owner of the main loop collects at its next safe point: an
 * allocation never collects by itself. */
struct obj_gc_young {
    struct obj_gc_head head; /* generation 0: a circular list, empty when head links to itself */
    long count;
    long threshold; /* 0: automatic collection off */
    int pending;
};
struct obj_gc_young *obj_gc_young(void);

#endif /* OBJ_GC_HEAD_H */
