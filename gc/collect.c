/* The cycle collector: CPython 3.12's generational collector (Modules/gcmodule.c:
 * gc_collect_main and the helpers it calls) written anew for Pyrite's object
 * model, with the same rules, counters and results.
 *
 * Reference counting frees everything but cycles. To find the cycles among a
 * set of containers (the generations being collected), subtract from each
 * object's reference count the references that come from inside the set:
 * what remains counts references from outside (other generations, untracked
 * objects, C code). Objects with outside references, and everything they
 * reach, are alive; the rest is garbage. The phases, with their bounds
 * (n = objects in the collected generations, e = their references):
 *
 *   update_refs        gc_refs = refcnt for every object             O(n)
 *   subtract_refs      gc_refs -= 1 per reference from inside        O(n + e)
 *   move_unreachable   an iterative walk of the list; objects found  O(n + e)
 *                      reachable are appended to the list being walked,
 *                      so nothing recurses (CPython's algorithm)
 *   untrack_tuples     tuples holding no possible container leave    O(n)
 *                      the lists (and, in full collections,
 *   untrack_dicts      dicts likewise: _PyDict_MaybeUntrack)          O(n + e)
 *   survivors          spliced onto the next older generation        O(1)
 *   weakrefs           the VM's hook clears weakrefs to the garbage  O(garbage)
 *   finalize_garbage   PEP 442 finalizers, once per object           O(garbage)
 *   resurrection       the first three phases again over the garbage O(garbage)
 *                      (only if any hook code ran)
 *   hold_for_safe_point  instead of the three above in an emergency  O(garbage)
 *                      collection (memory pressure, inside an
 *                      allocation, where no code may run): what needs
 *                      a finalizer or a weakref callback, and all it
 *                      reaches, is held until the next safe point
 *   delete_garbage     each type's clear slot breaks the cycles;     O(garbage)
 *                      reference counting frees the objects (the
 *                      trashcan bounds the C stack of long chains)
 *
 * The pause thus depends on the generations collected, never on the older
 * ones: a visit reads an older object's header and moves on. The C stack is a
 * fixed number of frames (collector -> traverse -> visit), whatever the graph.
 * The collector allocates nothing, except under DEBUG_SAVEALL (appending to
 * gc.garbage; a failed append keeps the object alive for a later collection).
 *
 * The GC header during a collection. Headers are 8-byte aligned, so the low
 * bits of a link are free:
 *
 *   next:  31                                          1   0
 *         +---------------------------------------------+---+
 *         |  next header in the list                     | U |
 *         +---------------------------------------------+---+
 *          U = NEXT_UNREACHABLE: on move_unreachable's list of objects not
 *              (yet) found reachable. Only inside deduce_unreachable.
 *
 *   prev:  31                                      2   1   0
 *         +----------------------------------------+---+---+
 *         |  previous header, or gc_refs           | C | F |
 *         +----------------------------------------+---+---+
 *          C = OBJ_GC_COLLECTING: in the set being examined.
 *          F = OBJ_GC_FINALIZED: its finalizer ran (kept for life).
 *          gc_refs is at most 2^30 - 1 on a 32-bit target: no heap object can
 *          have more references than there are words in the address space.
 *
 * States of a container (what the words hold, and what moves it on):
 *
 *   state                                  next       prev[31:2]  C U  left by
 *   untracked                              0          0           0 -  obj_gc_track
 *   tracked, in a generation               link       link        0 0  a collection of it
 *   counted (update_refs, subtract_refs)   link       gc_refs     1 0  move_unreachable
 *   scanned reachable (move_unreachable)   link       link        0 0  survivors move on
 *   tentatively unreachable                link | U   link        1 1  a visit from a
 *                                                                      reachable object
 *                                                                      (back to "counted",
 *                                                                      gc_refs = 1), or the
 *                                                                      end of the walk
 *   unreachable set, weakref phase         link       link        1 0  weakrefs cleared
 *     (in an emergency: hold phase)                                    (or held: next row)
 *   held (gcs.held: + 1 reference)         link       link        0 0  the next collection
 *                                                                      at a safe point: to
 *                                                                      generation 0, the
 *                                                                      reference dropped
 *   garbage: finalizing, clearing          link       link        0 0  freed by refcounting,
 *                                                                      or moved to the older
 *                                                                      generation if it
 *                                                                      survives its clear
 *
 * During move_unreachable the list being walked is singly linked (next only:
 * the prevs of unscanned objects hold gc_refs; each scanned object gets its
 * prev back); the unreachable list is doubly linked with U set in every next.
 * Objects outside the collection are never written: a visit reads their
 * header, sees C clear, and returns. That includes immortal static containers
 * (the empty tuple), whose header is always the untracked one. C is cleared on
 * every object before any code that could free it runs (finalizers,
 * clearing), so no object ever leaves a collection, or reaches a free list,
 * with C set.
 */
#include <string.h>

#include "gc/gc.h"
#include "objects/dict.h"
#include "objects/list.h"
#include "objects/tuple.h"

#define NEXT_UNREACHABLE ((uintptr_t)1)
#define REFS_SHIFT       2
#define REFS_ONE         ((uintptr_t)1 << REFS_SHIFT)
#define OLDEST           (GC_NUM_GENERATIONS - 1)

/* All of the collector's state. Generation 0 (list head and count) lives in
 * objects/ (obj_gc_young()), which links new containers into it; its threshold
 * there is threshold[0] while automatic collection is enabled, 0 otherwise. */
static struct gc_state {
    struct {
        struct obj_gc_head head;
        long count; /* collections of the next younger generation since this one's last */
    } old[GC_NUM_GENERATIONS - 1]; /* generations 1 and 2 */
    struct obj_gc_head permanent;  /* gc_freeze: never collected */
    /* What emergency collections found unreachable but could not free without
     * running code (finalizers, weakref callbacks), with everything it reaches.
     * Each object here has one extra reference, the collector's, so that
     * clearing the rest of the garbage cannot free it, and stays here until
     * the next collection at a safe point releases it (release_held): it is
     * in no generation, and only its deallocation could untrack it. */
    struct obj_gc_head held;
    long threshold[GC_NUM_GENERATIONS];
    /* The 25 % rule: objects that survived the last full collection, and those
     * moved into generation 2 by generation-1 collections since. */
    obj_ssize_t long_lived_total, long_lived_pending;
    struct gc_generation_stats stats[GC_NUM_GENERATIONS];
    unsigned debug;
    int enabled;
    int busy; /* a collection (or gc_get_objects' walk) is running: triggers do nothing */
    int initialized;
    obj_t *garbage; /* gc.garbage, or NULL until first needed */
    gc_callback_fn callbacks[GC_MAX_CALLBACKS];
    gc_has_finalizer_fn has_finalizer;
    gc_run_finalizer_fn run_finalizer;
    gc_has_weakrefs_fn has_weakrefs;
    gc_clear_weakrefs_fn clear_weakrefs;
} gcs;

/* ---- lists ----------------------------------------------------------------
 * Circular, doubly linked through the GC headers, with a head that is not an
 * object. Links keep the flag bits of the word they are written into. */

static inline struct obj_gc_head *next_of(const struct obj_gc_head *g)
{
    return (struct obj_gc_head *)g->next;
}

static inline struct obj_gc_head *prev_of(const struct obj_gc_head *g)
{
    return (struct obj_gc_head *)(g->prev & ~OBJ_GC_FLAG_MASK);
}

static inline void set_prev(struct obj_gc_head *g, struct obj_gc_head *prev)
{
    g->prev = (uintptr_t)prev | (g->prev & OBJ_GC_FLAG_MASK);
}

static void list_init(struct obj_gc_head *list)
{
    list->next = list->prev = (uintptr_t)list;
}

static inline int list_is_empty(const struct obj_gc_head *list)
{
    return list->next == (uintptr_t)list;
}

/* Out of line: in move_unreachable's scan it serves only the rare move back
 * (visit_reachable), and inlined there it costs the item loop a register
 * (one instruction per object scanned, measured). */
static __attribute__((noinline)) void list_append(struct obj_gc_head *node,
                                                  struct obj_gc_head *list)
{
    struct obj_gc_head *last = prev_of(list);
    set_prev(node, last);
    last->next = (uintptr_t)node;
    node->next = (uintptr_t)list;
    list->prev = (uintptr_t)node;
}

static void list_move(struct obj_gc_head *node, struct obj_gc_head *list)
{
    struct obj_gc_head *prev = prev_of(node), *next = next_of(node);
    prev->next = (uintptr_t)next;
    set_prev(next, prev);
    list_append(node, list);
}

/* Splice everything of from onto the end of to; from becomes empty. O(1). */
static void list_merge(struct obj_gc_head *from, struct obj_gc_head *to)
{
    if (!list_is_empty(from)) {
        struct obj_gc_head *to_tail = prev_of(to), *from_head = next_of(from),
                           *from_tail = prev_of(from);
        to_tail->next = (uintptr_t)from_head;
        set_prev(from_head, to_tail);
        from_tail->next = (uintptr_t)to;
        to->prev = (uintptr_t)from_tail;
    }
    list_init(from);
}

static size_t list_size(const struct obj_gc_head *list)
{
    size_t n = 0;
    for (const struct obj_gc_head *g = next_of(list); g != list; g = next_of(g))
        n++;
    return n;
}

static struct obj_gc_head *gen_head(int generation)
{
    return generation == 0 ? &obj_gc_young()->head : &gcs.old[generation - 1].head;
}

static long gen_count(int generation)
{
    return generation == 0 ? obj_gc_young()->count : gcs.old[generation - 1].count;
}

static void set_gen_count(int generation, long count)
{
    if (generation == 0)
        obj_gc_young()->count = count;
    else
        gcs.old[generation - 1].count = count;
}

/* ---- finding the unreachable ------------------------------------------- */

/* gc_refs = refcnt, C set, F kept: "counted". */
static void update_refs(struct obj_gc_head *containers)
{
    for (struct obj_gc_head *g = next_of(containers); g != containers; g = next_of(g)) {
        uintptr_t refs = obj_from_gc_head(g)->refcnt;
        g->prev = (g->prev & OBJ_GC_FINALIZED) | OBJ_GC_COLLECTING | (refs << REFS_SHIFT);
    }
}

/* The references of a list or a tuple (the commonest containers, and the
 * only ones whose references are one plain array) for the collector's own
 * loops, which then inline their visit: *n items from the result, NULL items
 * included. NULL for every other type, which goes through its traverse slot. */
static inline obj_t **item_array(obj_t *o, obj_ssize_t *n)
{
    if (o->type == &obj_type_list) {
        *n = ((obj_list_t *)o)->base.size;
        return ((obj_list_t *)o)->items;
    }
    if (o->type == &obj_type_tuple) {
        *n = ((obj_tuple_t *)o)->base.size;
        return ((obj_tuple_t *)o)->items;
    }
    return NULL;
}

/* Visit o's references: visit, inlined, over a list's or tuple's items; slot
 * (visit out of line) through every other type's traverse. */
static inline __attribute__((always_inline)) void visit_refs(obj_t *o, obj_visit_fn visit,
                                                             obj_visit_fn slot, void *arg)
{
    obj_t **items;
    obj_ssize_t n;
    if ((items = item_array(o, &n)) != NULL) {
        while (n-- > 0)
            if (items[n])
                visit(items[n], arg);
    } else {
        o->type->traverse(o, slot, arg);
    }
}

/* A reference from inside the set: one fewer from outside. */
static inline __attribute__((always_inline)) int visit_decref(obj_t *o, void *unused)
{
    (void)unused;
    if (o->type->flags & OBJ_TYPE_GC) {
        struct obj_gc_head *g = obj_gc_head_of(o);
        if (g->prev & OBJ_GC_COLLECTING)
            g->prev -= REFS_ONE;
    }
    return 0;
}

static int visit_decref_slot(obj_t *o, void *unused)
{
    return visit_decref(o, unused);
}

static void subtract_refs(struct obj_gc_head *containers)
{
    for (struct obj_gc_head *g = next_of(containers); g != containers; g = next_of(g))
        visit_refs(obj_from_gc_head(g), visit_decref, visit_decref_slot, NULL);
}

/* o is referenced by an object known reachable (CPython's visit_reachable). */
static inline __attribute__((always_inline)) int visit_reachable(obj_t *o, void *young)
{
    if (!(o->type->flags & OBJ_TYPE_GC))
        return 0;
    struct obj_gc_head *g = obj_gc_head_of(o);
    if (!(g->prev & OBJ_GC_COLLECTING))
        return 0; /* another generation, or already scanned */
    if (g->next & NEXT_UNREACHABLE) {
        /* Moved to the unreachable list earlier, reachable after all: unlink
         * it by hand (the list's nexts carry U) and append it to the list
         * being walked, which will scan it again. */
        struct obj_gc_head *prev = prev_of(g);
        struct obj_gc_head *next = (struct obj_gc_head *)(g->next & ~NEXT_UNREACHABLE);
        prev->next = g->next; /* keeps U */
        set_prev(next, prev);
        list_append(g, young);
        g->prev = (g->prev & OBJ_GC_FLAG_MASK) | REFS_ONE;
    } else if ((g->prev >> REFS_SHIFT) == 0) {
        /* Not scanned yet: tell move_unreachable it is reachable. */
        g->prev |= REFS_ONE;
    }
    return 0;
}

static int visit_reachable_slot(obj_t *o, void *young)
{
    return visit_reachable(o, young);
}

/* Walk young once, in order. An object with gc_refs > 0 is reachable: its
 * referents get gc_refs >= 1 (or come back from the unreachable list to the
 * end of young), and it becomes an ordinary list member again. An object with
 * gc_refs == 0 moves, tentatively, to unreachable. When the walk ends, what is
 * on unreachable is not reachable from outside young. Each object is scanned at
 * most twice (once more if it came back). */
static void move_unreachable(struct obj_gc_head *young, struct obj_gc_head *unreachable)
{
    struct obj_gc_head *prev = young, *g = next_of(young);
    while (g != young) {
        if (g->prev >> REFS_SHIFT) {
            /* The visits may append to young, changing g->next: read it after. */
            visit_refs(obj_from_gc_head(g), visit_reachable, visit_reachable_slot, young);
            g->prev = (uintptr_t)prev | (g->prev & OBJ_GC_FINALIZED);
            prev = g;
        } else {
            prev->next = g->next;
            struct obj_gc_head *last = prev_of(unreachable);
            last->next = (uintptr_t)g | NEXT_UNREACHABLE; /* may mark the head: undone below */
            set_prev(g, last);
            g->next = (uintptr_t)unreachable | NEXT_UNREACHABLE;
            unreachable->prev = (uintptr_t)g;
        }
        g = next_of(prev);
    }
    young->prev = (uintptr_t)prev;
    unreachable->next &= ~NEXT_UNREACHABLE;
}

/* Leaves in base what is reachable from outside it, the rest in unreachable
 * (state "tentatively unreachable": U and C set). */
static void deduce_unreachable(struct obj_gc_head *base, struct obj_gc_head *unreachable)
{
    update_refs(base);
    subtract_refs(base);
    list_init(unreachable);
    move_unreachable(base, unreachable);
}

/* Make the unreachable list an ordinary list: clear U, and the prev bits in
 * prev_clear. Returns its length. */
static size_t end_unreachable(struct obj_gc_head *list, uintptr_t prev_clear)
{
    size_t n = 0;
    for (struct obj_gc_head *g = next_of(list); g != list; g = next_of(g)) {
        g->next &= ~NEXT_UNREACHABLE;
        g->prev &= ~prev_clear;
        n++;
    }
    return n;
}

/* ---- untracking (CPython 3.12's rules) ------------------------------------- */

/* _PyObject_GC_MAY_BE_TRACKED: a container other than a tuple always may be;
 * a tuple only while tracked. */
static int may_be_tracked(obj_t *o)
{
    if (!(o->type->flags & OBJ_TYPE_GC))
        return 0;
    return o->type != &obj_type_tuple || obj_gc_is_tracked(o);
}

/* untrack_tuples + _PyTuple_MaybeUntrack over the survivors: a tuple none of
 * whose items may be tracked leaves the lists (an unfinished one, with a NULL
 * item, stays). Earlier tuples first, so nested ones go in one pass when the
 * inner was made first. Returns the objects left on the list. */
static obj_ssize_t untrack_tuples(struct obj_gc_head *head)
{
    obj_ssize_t kept = 0;
    struct obj_gc_head *next;
    for (struct obj_gc_head *g = next_of(head); g != head; g = next) {
        next = next_of(g);
        obj_t *o = obj_from_gc_head(g);
        if (o->type == &obj_type_tuple) {
            size_t i, n = obj_tuple_size(o);
            for (i = 0; i < n; i++) {
                obj_t *item = obj_tuple_get(o, i);
                if (item == NULL || may_be_tracked(item))
                    break;
            }
            if (i == n) {
                obj_gc_untrack(o);
                continue;
            }
        }
        kept++;
    }
    return kept;
}

/* untrack_dicts (full collections only, as CPython: doing it in young ones
 * would make building a big dict quadratic). Returns the dicts untracked. */
static obj_ssize_t untrack_dicts(struct obj_gc_head *head)
{
    obj_ssize_t untracked = 0;
    struct obj_gc_head *next;
    for (struct obj_gc_head *g = next_of(head); g != head; g = next) {
        next = next_of(g);
        obj_t *o = obj_from_gc_head(g);
        if (o->type == &obj_type_dict)
            untracked += obj_dict_maybe_untrack(o);
    }
    return untracked;
}

/* ---- the garbage ----------------------------------------------------------- */

/* PEP 442: run each finalizer once, with the object held. Objects may vanish
 * from collectable meanwhile (freed by a finalizer), so each step takes the
 * first object and moves it to a list of its own. Returns 1 if any ran. */
static int finalize_garbage(struct obj_gc_head *collectable)
{
    if (gcs.has_finalizer == NULL)
        return 0;
    struct obj_gc_head seen;
    list_init(&seen);
    int ran = 0;
    while (!list_is_empty(collectable)) {
        struct obj_gc_head *g = next_of(collectable);
        obj_t *o = obj_from_gc_head(g);
        list_move(g, &seen);
        if (!(g->prev & OBJ_GC_FINALIZED) && gcs.has_finalizer(o)) {
            g->prev |= OBJ_GC_FINALIZED;
            obj_incref(o);
            gcs.run_finalizer(o);
            obj_err_clear();
            obj_decref(o);
            ran = 1;
        }
    }
    list_merge(&seen, collectable);
    return ran;
}

/* Break the cycles: each object's clear slot drops its references, and
 * reference counting frees what that leaves unreferenced, the object itself
 * included. One that is still there afterwards (a tuple has no clear slot; it
 * goes when its referrer is cleared) moves to old. With DEBUG_SAVEALL the
 * objects go to gc.garbage instead, and so survive. */
static void delete_garbage(struct obj_gc_head *collectable, struct obj_gc_head *old)
{
    while (!list_is_empty(collectable)) {
        struct obj_gc_head *g = next_of(collectable);
        obj_t *o = obj_from_gc_head(g);
        if (gcs.debug & GC_DEBUG_SAVEALL) {
            obj_t *garbage = gc_garbage();
            if (garbage == NULL || obj_list_append(garbage, o) < 0)
                obj_err_clear(); /* not saved: it stays alive in old */
        } else if (o->type->clear) {
            obj_incref(o);
            o->type->clear(o);
            obj_decref(o);
        }
        if (next_of(collectable) == g)
            list_move(g, old);
    }
}

/* Freeing o could run code: its finalizer (not run yet) or a weakref callback. */
static int needs_code(obj_t *o)
{
    return (gcs.has_finalizer && !(obj_gc_head_of(o)->prev & OBJ_GC_FINALIZED) &&
            gcs.has_finalizer(o)) ||
           (gcs.has_weakrefs && gcs.has_weakrefs(o));
}

/* A referent of a held object: if it is garbage not held yet (C set), hold it. */
static int visit_hold(obj_t *o, void *unused)
{
    (void)unused;
    if (o->type->flags & OBJ_TYPE_GC) {
        struct obj_gc_head *g = obj_gc_head_of(o);
        if (g->prev & OBJ_GC_COLLECTING) {
            g->prev &= ~OBJ_GC_COLLECTING;
            list_move(g, &gcs.held);
            obj_incref(o);
        }
    }
    return 0;
}

/* An emergency collection, on garbage in state "unreachable set" (C set):
 * move every object that needs code run, and everything it reaches (CPython's
 * old move_legacy_finalizer_reachable: its finalizer must find them intact),
 * to gcs.held with a reference each. What stays is garbage nothing held
 * refers to; clearing it may drop references to held objects, never the last
 * one. One walk of the garbage, one of the held objects, appended in order. */
static void hold_for_safe_point(struct obj_gc_head *garbage)
{
    if (gcs.has_finalizer == NULL && gcs.has_weakrefs == NULL)
        return;
    struct obj_gc_head *before = prev_of(&gcs.held), *next;
    for (struct obj_gc_head *g = next_of(garbage); g != garbage; g = next) {
        next = next_of(g);
        if (needs_code(obj_from_gc_head(g)))
            visit_hold(obj_from_gc_head(g), NULL);
    }
    for (struct obj_gc_head *g = next_of(before); g != &gcs.held; g = next_of(g))
        visit_refs(obj_from_gc_head(g), visit_hold, visit_hold, NULL);
}

/* At a safe point: what emergency collections held goes to generation 0, and
 * the collector's references go. An object only cleared garbage referred to
 * dies now, by reference counting (its deallocator finalizes it); the rest is
 * garbage for the collection about to run. */
static void release_held(void)
{
    while (!list_is_empty(&gcs.held)) {
        struct obj_gc_head *g = next_of(&gcs.held);
        list_move(g, gen_head(0));
        obj_decref(obj_from_gc_head(g));
    }
}

/* ---- a collection ------------------------------------------------------------ */

/* CPython 3.12's gc_collect_main. Returns the unreachable objects found.
 * emergency: inside an allocation, so no code may run: no weakref hook, no
 * finalizer; what would need them is held (hold_for_safe_point), the rest
 * freed, and only that counts as found. */
static obj_ssize_t collect_main(int generation, int emergency, size_t *collected_out)
{
    struct obj_gc_head unreachable, still, *young, *old, *garbage;

    /* Counters: the next generation has one more collection of its younger
     * one; the collected ones start again. */
    if (generation < OLDEST)
        gcs.old[generation].count++;
    for (int i = 0; i <= generation; i++)
        set_gen_count(i, 0);

    young = gen_head(generation);
    for (int i = 0; i < generation; i++)
        list_merge(gen_head(i), young);
    old = generation < OLDEST ? gen_head(generation + 1) : young;

    deduce_unreachable(young, &unreachable);

    obj_ssize_t survivors = untrack_tuples(young);
    if (young != old) {
        if (generation == OLDEST - 1)
            gcs.long_lived_pending += survivors;
        list_merge(young, old);
    } else {
        gcs.long_lived_pending = 0;
        gcs.long_lived_total = survivors - untrack_dicts(young);
    }

    /* From here on code may run (hooks, clear slots, deallocators): the
     * garbage becomes an ordinary list, and C goes as soon as neither a hook
     * (clear_weakrefs tests it) nor hold_for_safe_point needs it. */
    size_t collected = 0, found;
    int hooks_ran = 0;
    if (emergency) {
        end_unreachable(&unreachable, 0);
        hold_for_safe_point(&unreachable);
        found = end_unreachable(&unreachable, OBJ_GC_COLLECTING);
    } else {
        found = end_unreachable(&unreachable, gcs.clear_weakrefs ? 0 : OBJ_GC_COLLECTING);
        if (gcs.clear_weakrefs) {
            collected += gcs.clear_weakrefs(&unreachable);
            obj_err_clear();
            end_unreachable(&unreachable, OBJ_GC_COLLECTING);
            hooks_ran = 1;
        }
        hooks_ran |= finalize_garbage(&unreachable);
    }

    /* Resurrection (CPython's handle_resurrected_objects): what hook code made
     * reachable again goes to old; the rest is cleared. */
    garbage = &unreachable;
    if (hooks_ran) {
        deduce_unreachable(&unreachable, &still);
        found = end_unreachable(&still, OBJ_GC_COLLECTING);
        list_merge(&unreachable, old);
        garbage = &still;
    }
    collected += found;
    delete_garbage(garbage, old);

    if (generation == OLDEST)
        obj_freelists_clear();

    struct gc_generation_stats *stats = &gcs.stats[generation];
    stats->collections++;
    stats->collected += collected;
    *collected_out = collected;
    return (obj_ssize_t)collected; /* + uncollectable, always 0 here */
}

static void invoke_callbacks(const char *phase, int generation, size_t collected)
{
    for (int i = 0; i < GC_MAX_CALLBACKS && gcs.callbacks[i]; i++) {
        gcs.callbacks[i](phase, generation, collected, 0);
        obj_err_clear();
    }
}

/* A collection as one busy stretch. The caller's error indicator is kept
 * (what the collection's own code raises is discarded, as CPython reports it
 * as unraisable), and so is pending: allocations during a collection do not
 * schedule another one. A collection at a safe point (gc_collect_with_callback)
 * first releases what emergency collections held, and runs the callbacks; an
 * emergency one, inside an allocation, does neither. */
static obj_ssize_t collect_guarded(int generation, int emergency)
{
    struct obj_gc_young *y = obj_gc_young();
    int pending = y->pending;
    const obj_type_t *err_type;
    obj_t *err_value;
    obj_err_fetch(&err_type, &err_value);
    if (!emergency && !list_is_empty(&gcs.held))
        release_held();
    gcs.busy = 1;

    size_t collected;
    if (!emergency)
        invoke_callbacks("start", generation, 0);
    obj_ssize_t n = collect_main(generation, emergency, &collected);
    if (!emergency)
        invoke_callbacks("stop", generation, collected);

    gcs.busy = 0;
    y->pending = pending;
    obj_err_clear();
    if (err_type)
        obj_err_set_value(err_type, err_value);
    return n;
}

/* The memory-pressure hook: an emergency full collection, unless a
 * collection is running. What it held asks for the next safe point. */
static int pressure_collect(void)
{
    if (gcs.busy)
        return 0;
    obj_ssize_t n = collect_guarded(OLDEST, 1);
    if (!list_is_empty(&gcs.held))
        obj_gc_young()->pending = 1;
    return n > 0;
}

obj_ssize_t gc_collect(int generation)
{
    if (generation < 0 || generation > OLDEST) {
        obj_err_format(&obj_exc_ValueError, "invalid generation");
        return -1;
    }
    return gcs.busy || !gcs.initialized ? 0 : collect_guarded(generation, 0);
}

/* gc_collect_generations: the oldest generation over its threshold. */
obj_ssize_t gc_collect_pending(void)
{
    struct obj_gc_young *y = obj_gc_young();
    if (!y->pending)
        return 0;
    y->pending = 0;
    if (gcs.busy || !gcs.initialized)
        return 0;
    for (int i = OLDEST; i >= 0; i--) {
        if (gen_count(i) > gcs.threshold[i]) {
            /* A full collection costs as much as the heap: wait until the
             * objects promoted since the last one are 25 % of its survivors
             * (which keeps full collections linear overall). */
            if (i == OLDEST && gcs.long_lived_pending < gcs.long_lived_total / 4)
                continue;
            return collect_guarded(i, 0);
        }
    }
    /* No generation is due, but an emergency collection held objects back:
     * they go to generation 0, so the cheapest collection takes them. */
    return list_is_empty(&gcs.held) ? 0 : collect_guarded(0, 0);
}

/* ---- lifetime -------------------------------------------------------------- */

void gc_init(void)
{
    if (gcs.initialized)
        gc_fini();
    memset(&gcs, 0, sizeof gcs);
    for (int i = 1; i < GC_NUM_GENERATIONS; i++)
        list_init(gen_head(i));
    list_init(&gcs.permanent);
    list_init(&gcs.held);
    gcs.threshold[0] = 700;
    gcs.threshold[1] = 10;
    gcs.threshold[2] = 10;
    gcs.initialized = 1;
    gc_enable();
    obj_gc_young()->pending = 0;
    obj_set_pressure_hook(pressure_collect);
}

void gc_fini(void)
{
    if (!gcs.initialized)
        return;
    obj_set_pressure_hook(NULL);
    release_held();
    gc_disable();
    for (int i = 1; i < GC_NUM_GENERATIONS; i++)
        list_merge(gen_head(i), gen_head(0));
    list_merge(&gcs.permanent, gen_head(0));
    obj_t *garbage = gcs.garbage;
    memset(&gcs, 0, sizeof gcs);
    obj_xdecref(garbage);
}

/* ---- configuration and state ----------------------------------------------- */

void gc_enable(void)
{
    gcs.enabled = 1;
    obj_gc_young()->threshold = gcs.threshold[0];
}

void gc_disable(void)
{
    struct obj_gc_young *y = obj_gc_young();
    gcs.enabled = 0;
    y->threshold = 0;
    y->pending = 0;
}

int gc_isenabled(void)
{
    return gcs.enabled;
}

void gc_set_threshold(long t0, long t1, long t2)
{
    gcs.threshold[0] = t0;
    gcs.threshold[1] = t1;
    gcs.threshold[2] = t2;
    if (gcs.enabled)
        obj_gc_young()->threshold = t0;
}

void gc_get_threshold(long out[GC_NUM_GENERATIONS])
{
    for (int i = 0; i < GC_NUM_GENERATIONS; i++)
        out[i] = gcs.threshold[i];
}

void gc_get_count(long out[GC_NUM_GENERATIONS])
{
    for (int i = 0; i < GC_NUM_GENERATIONS; i++)
        out[i] = gen_count(i);
}

void gc_freeze(void)
{
    for (int i = 0; i < GC_NUM_GENERATIONS; i++) {
        list_merge(gen_head(i), &gcs.permanent);
        set_gen_count(i, 0);
    }
}

void gc_unfreeze(void)
{
    list_merge(&gcs.permanent, gen_head(OLDEST));
}

size_t gc_get_freeze_count(void)
{
    return list_size(&gcs.permanent);
}

int gc_is_tracked(const obj_t *o)
{
    return (o->type->flags & OBJ_TYPE_GC) && obj_gc_is_tracked(o);
}

int gc_is_finalized(const obj_t *o)
{
    return (o->type->flags & OBJ_TYPE_GC) && (obj_gc_head_of(o)->prev & OBJ_GC_FINALIZED);
}

void gc_set_finalized(obj_t *o)
{
    obj_gc_head_of(o)->prev |= OBJ_GC_FINALIZED;
}

obj_t *gc_get_objects(int generation)
{
    if (generation > OLDEST)
        return obj_err_format(&obj_exc_ValueError,
                              "generation parameter must be less than the number of available "
                              "generations (%d)",
                              GC_NUM_GENERATIONS);
    if (generation < -1)
        return obj_err_format(&obj_exc_ValueError, "generation parameter cannot be negative");
    obj_t *result = obj_list_new(0);
    if (result == NULL)
        return NULL;
    /* Busy while walking: growing the result must not start a collection
     * that would rearrange the lists under the walk (CPython's list appends
     * never collect either). */
    int busy = gcs.busy;
    gcs.busy = 1;
    int first = generation < 0 ? 0 : generation, last = generation < 0 ? OLDEST : generation;
    for (int i = first; i <= last; i++) {
        struct obj_gc_head *head = gen_head(i);
        for (struct obj_gc_head *g = next_of(head); g != head; g = next_of(g)) {
            obj_t *o = obj_from_gc_head(g);
            if (o != result && obj_list_append(result, o) < 0) {
                obj_clear_ref(&result);
                break;
            }
        }
    }
    gcs.busy = busy;
    return result;
}

void gc_get_stats(struct gc_generation_stats out[GC_NUM_GENERATIONS])
{
    memcpy(out, gcs.stats, sizeof gcs.stats);
}

void gc_set_debug(unsigned flags)
{
    gcs.debug = flags;
}

unsigned gc_get_debug(void)
{
    return gcs.debug;
}

obj_t *gc_garbage(void)
{
    if (gcs.garbage == NULL)
        gcs.garbage = obj_list_new(0);
    return gcs.garbage;
}

/* gcs.callbacks is kept as CPython keeps the gc.callbacks list: in
 * registration order, packed at the front (a removal closes the gap), so
 * invoke_callbacks stops at the first empty slot. */
int gc_callback_add(gc_callback_fn fn)
{
    for (int i = 0; i < GC_MAX_CALLBACKS; i++) {
        if (gcs.callbacks[i] == NULL) {
            gcs.callbacks[i] = fn;
            return 0;
        }
    }
    return -1;
}

int gc_callback_remove(gc_callback_fn fn)
{
    for (int i = 0; i < GC_MAX_CALLBACKS; i++) {
        if (gcs.callbacks[i] == fn) {
            memmove(&gcs.callbacks[i], &gcs.callbacks[i + 1],
                    (GC_MAX_CALLBACKS - 1 - i) * sizeof gcs.callbacks[0]);
            gcs.callbacks[GC_MAX_CALLBACKS - 1] = NULL;
            return 0;
        }
    }
    return -1;
}

void gc_set_finalizer_hook(gc_has_finalizer_fn has_finalizer, gc_run_finalizer_fn run_finalizer)
{
    gcs.has_finalizer = has_finalizer;
    gcs.run_finalizer = run_finalizer;
}

void gc_set_weakref_hook(gc_has_weakrefs_fn has_weakrefs, gc_clear_weakrefs_fn clear_weakrefs)
{
    gcs.has_weakrefs = has_weakrefs;
    gcs.clear_weakrefs = clear_weakrefs;
}

/* ---- invariants -------------------------------------------------------------- */

int gc_check(void)
{
    if (gcs.busy)
        return 0; /* lists are mid-change: nothing to say */
    struct obj_gc_head *lists[] = {gen_head(0), gen_head(1), gen_head(2), &gcs.permanent,
                                   &gcs.held};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        struct obj_gc_head *head = lists[i], *prev = head;
        for (struct obj_gc_head *g = next_of(head); g != head; prev = g, g = next_of(g)) {
            obj_t *o = obj_from_gc_head(g);
            if (g == NULL || ((uintptr_t)g & 7) != 0 || prev_of(g) != prev ||
                (g->prev & OBJ_GC_COLLECTING) || !(o->type->flags & OBJ_TYPE_GC) ||
                o->refcnt == 0 || obj_is_immortal(o))
                return -1;
        }
        if (prev_of(head) != prev)
            return -1;
    }
    return 0;
}
