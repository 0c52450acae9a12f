/* Collector tests: CPython 3.12's results replayed (tests/data/gc_cases.txt,
 * made by tools/gen_gc_cases.py: collect() return values, is_tracked, counts,
 * generations), then what CPython cannot be asked about the same way:
 * thresholds and the safe-point trigger with the 25 % rule, callbacks and
 * statistics, freezing, the finalizer and weakref hooks (PEP 442 resurrection),
 * memory pressure and its re-entrance guard, DEBUG_SAVEALL with allocation
 * failures, and the error indicator surviving a collection. Runs on the host
 * (cmocka) and in QEMU. Every test restarts the collector and stops it at its
 * end, so the other suites run without one. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gc/gc.h"
#include "mm/mm.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

/* ---- a test container: CPython's instance of a class with __slots__ ------- */

typedef struct {
    obj_t base;
    obj_t *slot[4];
    int finalizer;         /* what test_finalize does for it: see NODE_* */
    int weakly_referenced; /* what has_weakrefs says */
} node_t;

enum {
    NODE_NO_FINALIZER,
    NODE_FINALIZER,
    NODE_RESURRECT,
    NODE_BREAK_CYCLE,
    NODE_MISBEHAVE,
    NODE_EMPTY_RESCUE /* empties hk.rescue through its clear slot (allocates nothing) */
};

static int node_finalize_at_death(obj_t *o);

static void node_dealloc(obj_t *o)
{
    node_t *n = (node_t *)o;
    if (!node_finalize_at_death(o))
        return;
    obj_gc_untrack(o);
    if (!obj_trash_begin(o))
        return;
    for (int i = 0; i < 4; i++)
        obj_xdecref(n->slot[i]);
    obj_free(o);
    obj_trash_end();
}

static int node_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    node_t *n = (node_t *)o;
    for (int i = 0; i < 4; i++) {
        if (n->slot[i]) {
            int r = visit(n->slot[i], arg);
            if (r)
                return r;
        }
    }
    return 0;
}

static int node_clear(obj_t *o)
{
    node_t *n = (node_t *)o;
    for (int i = 0; i < 4; i++)
        obj_clear_ref(&n->slot[i]);
    return 0;
}

static const obj_type_t node_type = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "Node",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(node_t),
    .dealloc = node_dealloc,
    .hash = obj_hash_identity,
    .traverse = node_traverse,
    .clear = node_clear,
};

static obj_t *node_new(int finalizer)
{
    node_t *n = (node_t *)CHECK_OBJ(obj_new(&node_type, 0));
    memset(n->slot, 0, sizeof n->slot);
    n->finalizer = finalizer;
    n->weakly_referenced = 0;
    obj_gc_track((obj_t *)n);
    return (obj_t *)n;
}

/* n.slot[i] = v (v not stolen). */
static void node_set(obj_t *n, int i, obj_t *v)
{
    obj_t *old = ((node_t *)n)->slot[i];
    ((node_t *)n)->slot[i] = obj_newref(v);
    obj_xdecref(old);
}

/* The state of the test hooks (finalizers, weakrefs: see hooks_on). */
static struct {
    int on;        /* hooks_on() ran in this test */
    obj_t *rescue; /* where NODE_RESURRECT stores itself */
    obj_t *seen[8];
    int nseen, in_unreachable, calls, sequence, weakref_at, finalizer_at;
    int at_death; /* finalizers run by node_dealloc */
    size_t weakref_freed;
    void *got_memory;
} hk;

/* ---- helpers --------------------------------------------------------------- */

static obj_t *new_list(void)
{
    return CHECK_OBJ(obj_list_new(0));
}

static void append(obj_t *l, obj_t *x)
{
    CHECK_EQ(obj_list_append(l, x), 0);
}

/* A garbage cycle of n lists (n >= 1); nothing else refers to it. */
static void make_garbage_ring(int n)
{
    obj_t *first = new_list(), *p = first;
    for (int i = 1; i < n; i++) {
        obj_t *q = new_list();
        append(p, q);
        obj_decref(q);
        p = q;
    }
    append(p, first);
    obj_decref(first);
}

/* o.clear() for a list or dict: 0, or -1 with an error. */
static int clear_container(obj_t *o)
{
    obj_t *r = obj_call_method(o, "clear", NULL, 0);
    obj_xdecref(r);
    return r ? 0 : -1;
}

static long live_objects(void)
{
    struct obj_stats st;
    obj_get_stats(&st);
    return (long)st.live_objects;
}

/* The generation o is in (0..2), or -1 (untracked or frozen). */
/* The objects in generation g (gc_get_objects), and whether o is one of them.
 * The list it makes leaves no trace for the counts that follow (CPython's
 * results for a query come from a separate run): one made new, not taken off
 * the list free list, is freed for real, which takes the collector's count
 * back down too. */
static long scan_generation(int g, const obj_t *o, int *found)
{
    struct obj_stats st;
    obj_get_stats(&st);
    obj_t *objs = CHECK_OBJ(gc_get_objects(g));
    long n = (long)obj_list_size(objs);
    *found = 0;
    for (long i = 0; i < n; i++)
        *found |= obj_list_get(objs, (size_t)i) == o;
    obj_decref(objs);
    if (st.freelist_objects[OBJ_FL_LIST] == 0)
        obj_freelist_clear(OBJ_FL_LIST);
    return n;
}

static int generation_of(const obj_t *o)
{
    int found = 0;
    for (int g = 0; g < GC_NUM_GENERATIONS; g++)
        if (scan_generation(g, o, &found), found)
            return g;
    return -1;
}

/* Every test: a fresh collector, automatic collection off unless the test
 * turns it on; at the end nothing of it stays behind. */
static void start(void)
{
    hk.on = 0;
    gc_init();
    gc_disable();
    CHECK_EQ(gc_collect(2), 0);
    CHECK_EQ(gc_check(), 0);
}

static void finish(void)
{
    gc_collect(2);
    CHECK_EQ(gc_check(), 0);
    gc_fini();
}

/* ---- CPython's results replayed -------------------------------------------- */

/* The scenarios free and reuse containers: their counts are CPython's only
 * with CPython 3.12's free-list caps, which the boards that run this suite
 * (the host and the MPS2 boards) keep. */
_Static_assert(OBJ_FREELIST_LIST == 80 && OBJ_FREELIST_DICT == 80 && OBJ_FREELIST_TUPLE == 2000 &&
                   OBJ_FREELIST_TUPLE_SIZES == 20,
               "gc_cases.txt needs CPython's free-list caps");

struct replay {
    const char *p; /* start of the current line */
    int line;      /* its number in gc_cases.txt */
    char name[48]; /* the case */
    char tok[8][48];
    int ntok;
    obj_t *reg[26];
};

static _Noreturn void replay_fail(struct replay *rp, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static _Noreturn void replay_fail(struct replay *rp, const char *format, ...)
{
    char text[160];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    unit_fail(__FILE__, __LINE__, "gc_cases.txt:%d (%s): %s", rp->line, rp->name, text);
}

static void expect(struct replay *rp, long got, long want)
{
    if (got != want)
        replay_fail(rp, "%s: got %ld, CPython %ld", rp->tok[0], got, want);
}

static obj_t **reg(struct replay *rp, int t)
{
    const char *w = rp->tok[t];
    if (w[0] < 'a' || w[0] > 'z' || w[1])
        replay_fail(rp, "bad register %s", w);
    return &rp->reg[w[0] - 'a'];
}

/* A register's object or a small int, as a new reference. */
static obj_t *value(struct replay *rp, int t)
{
    const char *w = rp->tok[t];
    if (w[0] >= 'a' && w[0] <= 'z') {
        obj_t *o = *reg(rp, t);
        if (o == NULL)
            replay_fail(rp, "register %s is empty", w);
        return obj_newref(o);
    }
    return CHECK_OBJ(obj_int_from_ssize(strtol(w, NULL, 10)));
}

static long number(struct replay *rp, int t)
{
    return strtol(rp->tok[t], NULL, 10);
}

static void set_reg(struct replay *rp, int t, obj_t *o)
{
    obj_t **r = reg(rp, t);
    obj_xdecref(*r);
    *r = CHECK_OBJ(o);
}

static void check_ok(struct replay *rp, int status)
{
    if (status < 0)
        replay_fail(rp, "%s failed", rp->tok[0]);
}

static void call_clear(struct replay *rp, obj_t *o)
{
    check_ok(rp, clear_container(o));
}

/* n containers of kind k, each held by the next; returns the last. */
static obj_t *chain(struct replay *rp, const char *k, long n)
{
    obj_t *zero = obj_int_from_ssize(0), *r = NULL; /* zero is immortal */
    for (long i = 0; i < n; i++) {
        obj_t *inner = r;
        if (strcmp(k, "list") == 0) {
            r = new_list();
            if (inner)
                append(r, inner);
        } else if (strcmp(k, "dict") == 0) {
            r = CHECK_OBJ(obj_dict_new());
            if (inner)
                check_ok(rp, obj_setitem(r, zero, inner));
        } else if (strcmp(k, "tuple") == 0) {
            r = CHECK_OBJ(obj_tuple_new(1));
            obj_tuple_set_new(r, 0, obj_newref(inner ? inner : zero));
        } else {
            replay_fail(rp, "chain of unknown kind %s", k);
        }
        obj_xdecref(inner);
    }
    return r;
}

/* a OP b for the binop command. New reference. */
static obj_t *binop(struct replay *rp, obj_t *a, char op, obj_t *b)
{
    switch (op) {
    case '+': return obj_number_add(a, b);
    case '*': return obj_number_multiply(a, b);
    case '|': return obj_number_or(a, b);
    case '&': return obj_number_and(a, b);
    case '-': return obj_number_subtract(a, b);
    case '^': return obj_number_xor(a, b);
    default: replay_fail(rp, "bad operator %c", op);
    }
}

/* type(x) for the make command, through the C API the language's
 * constructors use. New reference. */
static obj_t *make(struct replay *rp, const char *type, obj_t *x)
{
    if (strcmp(type, "list") == 0)
        return obj_list_from_iterable(x);
    if (strcmp(type, "tuple") == 0) {
        obj_t *l = CHECK_OBJ(obj_list_from_iterable(x)), *t = obj_list_as_tuple(l);
        obj_decref(l);
        return t;
    }
    if (strcmp(type, "set") == 0)
        return obj_set_new(x);
    if (strcmp(type, "frozenset") == 0)
        return obj_frozenset_new(x);
    if (strcmp(type, "dict") == 0) {
        obj_t *d = CHECK_OBJ(obj_dict_new());
        check_ok(rp, obj_dict_merge(d, x));
        return d;
    }
    replay_fail(rp, "bad type %s", type);
}

/* Split the line at rp->p into tokens; returns 0 at the end of the data. */
static int read_line(struct replay *rp)
{
    const char *p = rp->p;
    if (*p == '\0')
        return 0;
    rp->ntok = 0;
    while (*p && *p != '\n') {
        while (*p == ' ')
            p++;
        size_t n = 0;
        while (*p && *p != ' ' && *p != '\n') {
            if (n + 1 < sizeof rp->tok[0] && rp->ntok < 8)
                rp->tok[rp->ntok][n++] = *p;
            p++;
        }
        if (n && rp->ntok < 8)
            rp->tok[rp->ntok++][n] = '\0';
    }
    return 1;
}

static void next_line(struct replay *rp)
{
    while (*rp->p && *rp->p != '\n')
        rp->p++;
    if (*rp->p)
        rp->p++;
    rp->line++;
}

static void end_case(struct replay *rp)
{
    for (int i = 0; i < 26; i++)
        obj_clear_ref(&rp->reg[i]);
    gc_set_debug(0);
    call_clear(rp, CHECK_OBJ(gc_garbage()));
    gc_unfreeze();
    gc_collect(2);
    if (gc_check() != 0)
        replay_fail(rp, "gc_check failed");
}

/* Run one command; returns 1 at the end of a case. */
static int replay_command(struct replay *rp)
{
    const char *op = rp->tok[0];
    if (strcmp(op, "case") == 0) {
        snprintf(rp->name, sizeof rp->name, "%s", rp->tok[1]);
        gc_collect(2); /* as CPython's gc.collect() before the scenario: counts start at 0 */
    } else if (strcmp(op, "end") == 0) {
        end_case(rp);
        return 1;
    } else if (strcmp(op, "list") == 0) {
        set_reg(rp, 1, obj_list_new(0));
    } else if (strcmp(op, "dict") == 0) {
        set_reg(rp, 1, obj_dict_new());
    } else if (strcmp(op, "set") == 0) {
        set_reg(rp, 1, obj_set_new(NULL));
    } else if (strcmp(op, "node") == 0) {
        set_reg(rp, 1, node_new(NODE_NO_FINALIZER));
    } else if (strcmp(op, "tuple") == 0) {
        obj_t *t = CHECK_OBJ(obj_tuple_new((size_t)rp->ntok - 2));
        for (int i = 2; i < rp->ntok; i++)
            obj_tuple_set_new(t, (size_t)i - 2, value(rp, i));
        set_reg(rp, 1, t);
    } else if (strcmp(op, "frozenset") == 0) {
        obj_t *items = CHECK_OBJ(obj_tuple_new((size_t)rp->ntok - 2)); /* CPython's temporary */
        for (int i = 2; i < rp->ntok; i++)
            obj_tuple_set_new(items, (size_t)i - 2, value(rp, i));
        set_reg(rp, 1, obj_frozenset_new(items));
        obj_decref(items);
    } else if (strcmp(op, "iter") == 0) {
        obj_t *x = value(rp, 2);
        set_reg(rp, 1, obj_get_iter(x));
        obj_decref(x);
    } else if (strcmp(op, "ring") == 0) {
        obj_t *first = new_list(), *p = first;
        for (long i = 1; i < number(rp, 2); i++) {
            obj_t *q = new_list();
            append(p, q);
            obj_decref(q);
            p = q;
        }
        append(p, first);
        set_reg(rp, 1, first);
    } else if (strcmp(op, "wide") == 0) {
        obj_t *root = new_list();
        for (long i = 0; i < number(rp, 2); i++) {
            obj_t *child = new_list();
            append(child, root);
            append(root, child);
            obj_decref(child);
        }
        set_reg(rp, 1, root);
    } else if (strcmp(op, "chain") == 0) {
        set_reg(rp, 1, chain(rp, rp->tok[2], number(rp, 3)));
    } else if (strcmp(op, "mov") == 0) {
        set_reg(rp, 1, value(rp, 2));
    } else if (strcmp(op, "item") == 0) {
        obj_t *s = value(rp, 2), *k = value(rp, 3);
        set_reg(rp, 1, obj_getitem(s, k));
        obj_decref(k);
        obj_decref(s);
    } else if (strcmp(op, "append") == 0 || strcmp(op, "add") == 0) {
        obj_t *r = value(rp, 1), *x = value(rp, 2);
        check_ok(rp, op[1] == 'p' ? obj_list_append(r, x) : obj_set_add(r, x));
        obj_decref(x);
        obj_decref(r);
    } else if (strcmp(op, "setitem") == 0) {
        obj_t *r = value(rp, 1), *k = value(rp, 2), *x = value(rp, 3);
        check_ok(rp, obj_setitem(r, k, x));
        obj_decref(x);
        obj_decref(k);
        obj_decref(r);
    } else if (strcmp(op, "clear") == 0) {
        call_clear(rp, *reg(rp, 1));
    } else if (strcmp(op, "delitem") == 0) {
        obj_t *k = value(rp, 2);
        check_ok(rp, obj_delitem(*reg(rp, 1), k));
        obj_decref(k);
    } else if (strcmp(op, "call") == 0) {
        obj_t *self = value(rp, 2), *args[4];
        int n = rp->ntok - 4;
        for (int i = 0; i < n; i++)
            args[i] = value(rp, 4 + i);
        set_reg(rp, 1, obj_call_method(self, rp->tok[3], args, (size_t)n));
        for (int i = 0; i < n; i++)
            obj_decref(args[i]);
        obj_decref(self);
    } else if (strcmp(op, "binop") == 0) {
        obj_t *a = value(rp, 2), *b = value(rp, 4);
        set_reg(rp, 1, binop(rp, a, rp->tok[3][0], b));
        obj_decref(b);
        obj_decref(a);
    } else if (strcmp(op, "slice") == 0) {
        obj_t *s = value(rp, 2), *i = value(rp, 3), *j = value(rp, 4);
        obj_t *key = CHECK_OBJ(obj_slice_new(i, j, NULL));
        set_reg(rp, 1, obj_getitem(s, key));
        obj_decref(key);
        obj_decref(j);
        obj_decref(i);
        obj_decref(s);
    } else if (strcmp(op, "make") == 0) {
        obj_t *x = value(rp, 3);
        set_reg(rp, 1, make(rp, rp->tok[2], x));
        obj_decref(x);
    } else if (strcmp(op, "slot") == 0) {
        obj_t *x = value(rp, 3);
        node_set(*reg(rp, 1), (int)number(rp, 2), x);
        obj_decref(x);
    } else if (strcmp(op, "del") == 0) {
        obj_clear_ref(reg(rp, 1));
    } else if (strcmp(op, "collect") == 0) {
        expect(rp, (long)gc_collect((int)number(rp, 1)), number(rp, 2));
    } else if (strcmp(op, "tracked") == 0) {
        expect(rp, gc_is_tracked(*reg(rp, 1)), number(rp, 2));
    } else if (strcmp(op, "len") == 0) {
        expect(rp, (long)obj_length(*reg(rp, 1)), number(rp, 2));
    } else if (strcmp(op, "is") == 0) {
        expect(rp, *reg(rp, 1) == *reg(rp, 2), number(rp, 3));
    } else if (strcmp(op, "count") == 0) {
        long count[GC_NUM_GENERATIONS];
        gc_get_count(count);
        for (int i = 0; i < GC_NUM_GENERATIONS; i++)
            expect(rp, count[i], number(rp, 1 + i));
    } else if (strcmp(op, "gen") == 0) {
        expect(rp, generation_of(*reg(rp, 1)), number(rp, 2));
    } else if (strcmp(op, "freeze") == 0) {
        gc_freeze();
    } else if (strcmp(op, "unfreeze") == 0) {
        gc_unfreeze();
    } else if (strcmp(op, "debug") == 0) {
        gc_set_debug((unsigned)number(rp, 1));
    } else if (strcmp(op, "garbage") == 0) {
        expect(rp, (long)obj_list_size(CHECK_OBJ(gc_garbage())), number(rp, 1));
    } else if (strcmp(op, "cleargarbage") == 0) {
        call_clear(rp, CHECK_OBJ(gc_garbage()));
    } else if (op[0] != '#') {
        replay_fail(rp, "unknown command %s", op);
    }
    return 0;
}

static void test_cpython_cases(void)
{
    start();
    size_t len;
    const char *data = unit_data("gc_cases.txt", &len);
    CHECK(data != NULL);
    struct replay rp = {.p = data, .line = 1};
    long cases = 0;
    for (; read_line(&rp); next_line(&rp))
        if (rp.ntok > 0)
            cases += replay_command(&rp);
    unit_log("gc: %ld CPython scenarios replayed\n", cases);
    CHECK(cases >= 20);
    finish();
}

/* ---- triggers -------------------------------------------------------------- */

static void test_threshold_sets_pending_never_collects(void)
{
    start();
    struct obj_gc_young *y = obj_gc_young();
    long t[3];
    gc_get_threshold(t);
    CHECK(t[0] == 700 && t[1] == 10 && t[2] == 10);
    CHECK(!gc_isenabled());
    CHECK_EQ(y->threshold, 0);
    gc_enable();
    CHECK(gc_isenabled());
    CHECK_EQ(y->threshold, 700);
    gc_set_threshold(5, 2, 3);
    gc_get_threshold(t);
    CHECK(t[0] == 5 && t[1] == 2 && t[2] == 3);

    /* count0 > 5 sets pending; crossing the threshold collects nothing. */
    obj_t *keep = new_list();
    for (int i = 0; i < 4; i++)
        make_garbage_ring(1);
    CHECK(!y->pending);
    make_garbage_ring(1); /* count0 = 6 */
    CHECK(y->pending);
    struct gc_generation_stats st[3];
    gc_get_stats(st);
    CHECK_EQ(st[0].collections, 0);
    CHECK_EQ(gc_collect_pending(), 5); /* a generation-0 collection */
    CHECK(!y->pending);
    CHECK_EQ(gc_collect_pending(), 0); /* nothing pending: nothing done */
    gc_get_stats(st);
    CHECK_EQ(st[0].collections, 1);
    CHECK_EQ(generation_of(keep), 1);

    /* Disabled: allocations never set pending; the threshold is kept. */
    gc_disable();
    for (int i = 0; i < 20; i++)
        make_garbage_ring(1);
    CHECK(!y->pending);
    gc_get_threshold(t);
    CHECK_EQ(t[0], 5);
    gc_enable();
    make_garbage_ring(1);
    CHECK(y->pending); /* count0 (21) > 5 again */
    CHECK_EQ(gc_collect_pending(), 21);
    gc_set_threshold(0, 2, 3); /* threshold0 == 0: off, as in CPython */
    for (int i = 0; i < 20; i++)
        make_garbage_ring(1);
    CHECK(!y->pending);
    obj_decref(keep);
    finish();
}

/* Objects in generation g. */
static long gen_size(int g)
{
    int found;
    return scan_generation(g, NULL, &found);
}

/* gc_collect_generations: the oldest generation over its threshold, with the
 * 25 % rule holding full collections back. The test keeps CPython's model of
 * long_lived_pending/total beside the collector and checks every choice. */
static void test_generation_choice_and_long_lived_rule(void)
{
    start();
    struct obj_gc_young *y = obj_gc_young();
    const long threshold[3] = {1, 0, 0};
    gc_enable();
    gc_set_threshold(threshold[0], threshold[1], threshold[2]);
    obj_t *keep = new_list();
    for (int i = 0; i < 39; i++) {
        obj_t *l = new_list();
        append(keep, l);
        obj_decref(l);
    }
    gc_collect(2);
    long total = gen_size(2), pending = 0; /* total >= 40 */
    int held_back = 0, full = 0;
    for (int round = 0; round < 200 && !full; round++) {
        for (int i = 0; i < 2; i++) { /* two survivors: count0 = 2 > 1 */
            obj_t *l = new_list();
            append(keep, l);
            obj_decref(l);
        }
        CHECK(y->pending);
        long count[3], young01 = gen_size(0) + gen_size(1);
        gc_get_count(count);
        int want = -1;
        for (int i = 2; i >= 0 && want < 0; i--) {
            if (count[i] > threshold[i]) {
                if (i == 2 && pending < total / 4) {
                    held_back = 1;
                    continue;
                }
                want = i;
            }
        }
        struct gc_generation_stats before[3], after[3];
        gc_get_stats(before);
        CHECK_EQ(gc_collect_pending(), 0);
        gc_get_stats(after);
        int which = -1;
        for (int i = 0; i < 3; i++)
            if (after[i].collections != before[i].collections)
                which = i;
        CHECK_EQ(which, want);
        if (which == 1)
            pending += young01; /* no garbage: everything in 0 and 1 moved to 2 */
        if (which == 2) {
            full = 1;
            CHECK(pending >= total / 4);
            CHECK_EQ(gen_size(0) + gen_size(1), 0);
        }
    }
    CHECK(full && held_back);
    obj_decref(keep);
    finish();
}

/* ---- collections: counts, stats, callbacks, freeze ---------------------- */

static struct {
    char log[8][40];
    int n;
    int reenter;
} cb;

static void callback(const char *phase, int generation, size_t collected, size_t uncollectable)
{
    if (cb.n < 8)
        snprintf(cb.log[cb.n++], sizeof cb.log[0], "%s %d %lu %lu", phase, generation,
                 (unsigned long)collected, (unsigned long)uncollectable);
    if (cb.reenter) {
        /* A collection inside a collection does nothing; allocating is fine. */
        CHECK_EQ(gc_collect(2), 0);
        obj_decref(new_list());
    }
}

static void callback2(const char *phase, int generation, size_t collected, size_t uncollectable)
{
    (void)generation, (void)collected, (void)uncollectable;
    if (cb.n < 8)
        snprintf(cb.log[cb.n++], sizeof cb.log[0], "second %s", phase);
}

static void test_callbacks_and_stats(void)
{
    start();
    memset(&cb, 0, sizeof cb);
    struct gc_generation_stats before[3], after[3];
    gc_get_stats(before);
    CHECK_EQ(gc_callback_add(callback), 0);
    CHECK_EQ(gc_callback_add(callback2), 0);
    make_garbage_ring(2);
    CHECK_EQ(gc_collect(1), 2);
    CHECK_EQ(cb.n, 4);
    CHECK_STREQ(cb.log[0], "start 1 0 0");
    CHECK_STREQ(cb.log[1], "second start");
    CHECK_STREQ(cb.log[2], "stop 1 2 0");
    CHECK_STREQ(cb.log[3], "second stop");
    gc_get_stats(after);
    CHECK_EQ(after[1].collections, before[1].collections + 1);
    CHECK_EQ(after[1].collected, before[1].collected + 2);
    CHECK_EQ(after[1].uncollectable, 0);
    CHECK_EQ(after[0].collections, before[0].collections);

    CHECK_EQ(gc_callback_remove(callback2), 0);
    CHECK_EQ(gc_callback_remove(callback2), -1);
    cb.n = 0;
    cb.reenter = 1;
    make_garbage_ring(3);
    CHECK_EQ(gc_collect(0), 3);
    CHECK_EQ(cb.n, 2);
    CHECK_STREQ(cb.log[1], "stop 0 3 0");
    cb.reenter = 0;
    /* Called in registration order, as CPython's gc.callbacks list: a
     * removal closes its gap. */
    CHECK_EQ(gc_callback_add(callback2), 0);
    CHECK_EQ(gc_callback_remove(callback), 0);
    CHECK_EQ(gc_callback_add(callback), 0);
    cb.n = 0;
    CHECK_EQ(gc_collect(0), 0);
    CHECK_EQ(cb.n, 4);
    CHECK_STREQ(cb.log[0], "second start");
    CHECK_STREQ(cb.log[1], "start 0 0 0");
    for (int i = 0; i < GC_MAX_CALLBACKS - 2; i++)
        CHECK_EQ(gc_callback_add(callback2), 0);
    CHECK_EQ(gc_callback_add(callback2), -1);
    finish(); /* forgets the callbacks */
    gc_init();
    cb.n = 0;
    gc_collect(0);
    CHECK_EQ(cb.n, 0);
    gc_fini();
}

static void test_invalid_arguments(void)
{
    start();
    CHECK_EQ(gc_collect(3), -1);
    CHECK(obj_err_matches(&obj_exc_ValueError));
    obj_err_clear();
    CHECK_EQ(gc_collect(-1), -1);
    obj_err_clear();
    CHECK(gc_get_objects(3) == NULL && obj_err_matches(&obj_exc_ValueError));
    obj_err_clear();
    CHECK(gc_get_objects(-2) == NULL && obj_err_matches(&obj_exc_ValueError));
    obj_err_clear();
    obj_t *one = CHECK_OBJ(obj_int_from_ssize(1000));
    CHECK(!gc_is_tracked(one));
    CHECK(!gc_is_tracked(obj_none));
    CHECK(!gc_is_tracked(obj_tuple_new(0))); /* the immortal empty tuple */
    obj_decref(one);
    finish();
}

static void test_freeze(void)
{
    start();
    obj_t *keep = new_list();
    make_garbage_ring(4);
    CHECK_EQ(gc_get_freeze_count(), 0);
    obj_t *all = CHECK_OBJ(gc_get_objects(-1));
    size_t tracked = obj_list_size(all); /* keep, the ring, and whatever else lives */
    obj_decref(all);
    gc_freeze();
    long count[3];
    gc_get_count(count);
    CHECK(count[0] == 0 && count[1] == 0 && count[2] == 0);
    CHECK_EQ(gc_get_freeze_count(), tracked);
    CHECK_EQ(generation_of(keep), -1);
    CHECK(gc_is_tracked(keep));
    CHECK_EQ(gc_collect(2), 0); /* the frozen ring is not looked at */
    gc_unfreeze();
    CHECK_EQ(gc_get_freeze_count(), 0);
    CHECK_EQ(generation_of(keep), 2);
    CHECK_EQ(gc_collect(2), 4);
    obj_decref(keep);
    finish();
}

/* The collector keeps the caller's error, and discards its own. */
static void test_error_indicator_survives(void)
{
    start();
    make_garbage_ring(2);
    obj_err_format(&obj_exc_KeyError, "kept");
    CHECK_EQ(gc_collect(0), 2);
    CHECK(obj_err_occurred() == &obj_exc_KeyError);
    obj_err_clear();
    finish();
}

/* ---- the hooks (PEP 442, weakrefs) ------------------------------------------ */

static int has_finalizer(obj_t *o)
{
    return o->type == &node_type && ((node_t *)o)->finalizer != NODE_NO_FINALIZER;
}

static void run_finalizer(obj_t *o);

/* What the VM's deallocators will do: a node that dies by reference counting
 * with its finalizer not yet run runs it first, and survives if it
 * resurrected itself. 0 then, else 1 (free it). */
static int node_finalize_at_death(obj_t *o)
{
    if (!hk.on || !has_finalizer(o) || gc_is_finalized(o))
        return 1;
    hk.at_death++;
    gc_set_finalized(o);
    o->refcnt = 1;
    run_finalizer(o);
    return --o->refcnt == 0;
}

static void run_finalizer(obj_t *o)
{
    node_t *n = (node_t *)o;
    hk.calls++;
    if (hk.finalizer_at == 0)
        hk.finalizer_at = ++hk.sequence;
    CHECK(gc_is_finalized(o));
    switch (n->finalizer) {
    case NODE_RESURRECT: append(hk.rescue, o); break;
    case NODE_BREAK_CYCLE: node_clear(o); break;
    case NODE_EMPTY_RESCUE: hk.rescue->type->clear(hk.rescue); break;
    case NODE_MISBEHAVE:
        /* Allocates, collects, raises, and meets the pressure guard. */
        obj_decref(new_list());
        CHECK_EQ(gc_collect(2), 0);
        hk.got_memory = obj_mem_alloc((size_t)-1 / 4);
        CHECK(obj_err_matches(&obj_exc_MemoryError));
        obj_err_format(&obj_exc_ValueError, "from a finalizer");
        break;
    default: break;
    }
}

static int has_weakrefs(obj_t *o)
{
    return o->type == &node_type && ((node_t *)o)->weakly_referenced;
}

static size_t clear_weakrefs(const struct obj_gc_head *unreachable)
{
    hk.weakref_at = ++hk.sequence;
    for (obj_t *o = gc_list_first(unreachable); o; o = gc_list_next(unreachable, o)) {
        if (hk.nseen < 8)
            hk.seen[hk.nseen++] = o;
        hk.in_unreachable += gc_in_unreachable(o);
    }
    return hk.weakref_freed;
}

static void hooks_on(void)
{
    memset(&hk, 0, sizeof hk);
    hk.on = 1;
    hk.rescue = new_list();
    gc_set_finalizer_hook(has_finalizer, run_finalizer);
}

static void test_finalizers_run_once(void)
{
    start();
    hooks_on();
    /* A 2-cycle of nodes with finalizers: both run, both freed. */
    obj_t *a = node_new(NODE_FINALIZER), *b = node_new(NODE_FINALIZER);
    node_set(a, 0, b);
    node_set(b, 0, a);
    obj_decref(a);
    obj_decref(b);
    long live = live_objects();
    CHECK_EQ(gc_collect(0), 2);
    CHECK_EQ(hk.calls, 2);
    CHECK_EQ(live_objects(), live - 2);

    /* A finalizer that resurrects: nothing is freed, everything it reaches
     * goes to the older generation, finalized; next time the finalizers do
     * not run again and the cycle goes. */
    a = node_new(NODE_RESURRECT);
    b = node_new(NODE_FINALIZER);
    obj_t *c = node_new(NODE_NO_FINALIZER), *lone = node_new(NODE_FINALIZER);
    node_set(a, 0, b);
    node_set(b, 0, c);
    node_set(c, 0, a);
    node_set(lone, 0, lone);
    obj_decref(a), obj_decref(b), obj_decref(c), obj_decref(lone);
    hk.calls = 0;
    CHECK_EQ(gc_collect(0), 1); /* lone only */
    CHECK_EQ(hk.calls, 3);
    CHECK_EQ(obj_list_size(hk.rescue), 1);
    CHECK(obj_list_get(hk.rescue, 0) == a);
    CHECK(gc_is_finalized(a) && gc_is_finalized(b) && !gc_is_finalized(c));
    CHECK(((node_t *)a)->slot[0] == b && ((node_t *)b)->slot[0] == c); /* intact */
    CHECK_EQ(generation_of(a), 1);
    CHECK_EQ(generation_of(c), 1);
    CHECK_EQ(clear_container(hk.rescue), 0);
    hk.calls = 0;
    CHECK_EQ(gc_collect(1), 3);
    CHECK_EQ(hk.calls, 0);

    /* Finalized already (by a deallocator, as the VM's will mark them): the
     * collection does not run the finalizer again. */
    a = node_new(NODE_FINALIZER);
    node_set(a, 0, a);
    gc_set_finalized(a);
    obj_decref(a);
    CHECK_EQ(gc_collect(0), 1);
    CHECK_EQ(hk.calls, 0);

    /* A finalizer that breaks its own cycle: the objects go by reference
     * counting during finalization, and the collection reports none left. */
    a = node_new(NODE_BREAK_CYCLE);
    b = node_new(NODE_NO_FINALIZER);
    node_set(a, 0, b);
    node_set(b, 0, a);
    obj_decref(a), obj_decref(b);
    live = live_objects();
    CHECK_EQ(gc_collect(0), 0);
    CHECK_EQ(live_objects(), live - 2);
    obj_decref(hk.rescue);
    finish();
}

static void test_finalizer_may_misbehave(void)
{
    start();
    hooks_on();
    struct gc_generation_stats before[3], after[3];
    gc_get_stats(before);
    obj_t *a = node_new(NODE_MISBEHAVE);
    node_set(a, 0, a);
    obj_decref(a);
    obj_err_format(&obj_exc_KeyError, "the caller's");
    CHECK_EQ(gc_collect(2), 1);
    CHECK(obj_err_occurred() == &obj_exc_KeyError); /* the finalizer's ValueError is gone */
    obj_err_clear();
    CHECK(hk.got_memory == NULL);
    gc_get_stats(after);
    CHECK_EQ(after[2].collections, before[2].collections + 1); /* no nested collection */
    obj_decref(hk.rescue);
    finish();
}

static void test_weakref_hook_sees_the_garbage_first(void)
{
    start();
    hooks_on();
    gc_set_weakref_hook(has_weakrefs, clear_weakrefs);
    obj_t *live = new_list();
    obj_t *a = new_list(), *b = new_list(), *f = node_new(NODE_FINALIZER);
    append(a, b);
    append(b, a);
    append(b, live);
    node_set(f, 0, a);
    append(a, f);
    obj_decref(a), obj_decref(b), obj_decref(f);
    CHECK_EQ(gc_collect(0), 3);
    CHECK_EQ(hk.nseen, 3);
    CHECK_EQ(hk.in_unreachable, 3);
    int saw_live = 0;
    for (int i = 0; i < hk.nseen; i++)
        saw_live |= hk.seen[i] == live;
    CHECK(!saw_live);
    CHECK(hk.weakref_at == 1 && hk.finalizer_at == 2); /* weakrefs before finalizers */

    /* What its callbacks freed counts as collected; no garbage, no harm. */
    hk.weakref_freed = 2;
    hk.nseen = 0;
    CHECK_EQ(gc_collect(0), 2);
    CHECK_EQ(hk.nseen, 0);
    hk.weakref_freed = 0;
    obj_decref(live);
    obj_decref(hk.rescue);
    finish();
}

/* ---- memory ---------------------------------------------------------------- */

/* The largest block mm can hand out now (probed with mm itself, which never
 * calls the pressure hook). */
static size_t largest_allocatable(void)
{
    size_t lo = 0, hi = (size_t)1 << 30;
    while (lo + 8 < hi) {
        size_t mid = lo + (hi - lo) / 2;
        void *p = mm_alloc(mid);
        if (p)
            lo = mid;
        else
            hi = mid;
        mm_free(p);
    }
    return lo;
}

/* Append big bytes objects to holder until no free block larger than left
 * bytes remains. */
static void fill_heap(obj_t *holder, size_t left)
{
    size_t room;
    while ((room = largest_allocatable()) > left) {
        obj_t *big = CHECK_OBJ(obj_bytes_new(room - 1024));
        append(holder, big);
        obj_decref(big);
    }
}

/* Make a garbage cycle (one list) holding every big free block of the heap,
 * then a request that fits only once the cycle is gone, which must succeed.
 * The statistics before and after the request. */
static void allocate_past_garbage(struct gc_generation_stats before[3],
                                  struct gc_generation_stats after[3])
{
    obj_t *cycle = new_list();
    append(cycle, cycle);
    fill_heap(cycle, 256 * 1024);
    obj_decref(cycle);
    size_t room = largest_allocatable();
    gc_get_stats(before);
    void *p = obj_mem_alloc(room + 128 * 1024);
    CHECK(p != NULL);
    obj_mem_free(p);
    gc_get_stats(after);
}

/* mm cannot satisfy a request: the collector frees a garbage cycle holding
 * every big free block of the heap, and the retry succeeds. */
static void test_memory_pressure_collects(void)
{
    start();
    struct gc_generation_stats before[3], after[3];
    allocate_past_garbage(before, after);
    CHECK_EQ(after[2].collections, before[2].collections + 1);
    CHECK_EQ(after[2].collected, before[2].collected + 1);

    /* Nothing to free: MemoryError after one collection. */
    void *p = obj_mem_alloc(largest_allocatable() + 128 * 1024);
    CHECK(p == NULL && obj_err_matches(&obj_exc_MemoryError));
    obj_err_clear();
    gc_get_stats(before);
    CHECK_EQ(before[2].collections, after[2].collections + 1);
    finish();
}

/* Memory pressure with garbage that needs code run: the emergency collection
 * inside the allocation frees the rest and runs nothing (no finalizer, weakref
 * hook or callback); the next safe point runs it all. */
static void test_pressure_defers_what_needs_code(void)
{
    start();
    hooks_on();
    gc_set_weakref_hook(has_weakrefs, clear_weakrefs);
    memset(&cb, 0, sizeof cb);
    CHECK_EQ(gc_callback_add(callback), 0);
    /* a <-> p: a has a finalizer, which must find p intact. */
    obj_t *a = node_new(NODE_FINALIZER), *p = new_list();
    node_set(a, 0, p);
    append(p, a);
    /* x -> f: x a self-cycle with no finalizer, the only referrer of f, which
     * has one: clearing x must not free f. */
    obj_t *x = node_new(NODE_NO_FINALIZER), *f = node_new(NODE_FINALIZER);
    node_set(x, 0, x);
    node_set(x, 1, f);
    /* w: weakly referenced, a self-cycle. */
    obj_t *w = node_new(NODE_NO_FINALIZER);
    ((node_t *)w)->weakly_referenced = 1;
    node_set(w, 0, w);
    obj_decref(a), obj_decref(p), obj_decref(x), obj_decref(f), obj_decref(w);
    struct gc_generation_stats before[3], after[3];
    allocate_past_garbage(before, after);
    CHECK(hk.calls == 0 && hk.weakref_at == 0 && cb.n == 0);
    CHECK_EQ(after[2].collections, before[2].collections + 1);
    CHECK_EQ(after[2].collected, before[2].collected + 2); /* the cycle and x */
    /* Held, intact, each with one reference of the collector's. */
    CHECK(((node_t *)a)->slot[0] == p && obj_list_size(p) == 1 && obj_list_get(p, 0) == a);
    CHECK(a->refcnt == 2 && p->refcnt == 2 && w->refcnt == 2 && f->refcnt == 1);
    CHECK(gc_is_tracked(f) && generation_of(f) == -1);
    CHECK_EQ(gc_check(), 0);
    CHECK(obj_gc_young()->pending);

    /* The safe point: f dies by reference counting, finalized by its
     * deallocator; a, p and w are collected, weakrefs first, then a's
     * finalizer, with the callbacks. */
    CHECK_EQ(gc_collect_pending(), 3);
    CHECK_EQ(hk.at_death, 1);
    CHECK_EQ(hk.calls, 2);
    CHECK(hk.nseen == 3 && hk.in_unreachable == 3);
    CHECK_EQ(cb.n, 2);
    CHECK_STREQ(cb.log[1], "stop 0 3 0");
    CHECK(!obj_gc_young()->pending);

    /* Held at a soft reset: gc_fini gives it back, and it is garbage again. */
    a = node_new(NODE_NO_FINALIZER);
    ((node_t *)a)->weakly_referenced = 1;
    node_set(a, 0, a);
    obj_decref(a);
    CHECK(obj_mem_alloc((size_t)-1 / 4) == NULL); /* frees nothing, holds a */
    obj_err_clear();
    CHECK(a->refcnt == 2 && generation_of(a) == -1);
    gc_fini();
    gc_init();
    gc_disable();
    CHECK_EQ(generation_of(a), 0);
    CHECK_EQ(gc_collect(2), 1);
    obj_decref(hk.rescue);
    finish();
}

/* A finalizer that empties a live list, in garbage met while that list's
 * append grows its item array in a full heap: run inside the allocation, it
 * would free the array the retry then reallocates. It runs at the safe point. */
static void test_pressure_finalizer_waits_for_the_safe_point(void)
{
    start();
    hooks_on();
    obj_t *victim = hk.rescue;
    for (int i = 0; i < 20000; i++) /* an item array in a large block */
        append(victim, obj_none);
    obj_t *f = node_new(NODE_EMPTY_RESCUE);
    node_set(f, 0, f);
    obj_decref(f);
    obj_t *ballast = new_list();
    fill_heap(ballast, 4096);
    size_t n = obj_list_size(victim);
    while (obj_list_append(victim, obj_none) == 0) /* to its capacity; growing it fails */
        n++;
    CHECK(obj_err_matches(&obj_exc_MemoryError));
    obj_err_clear();
    CHECK_EQ(hk.calls, 0);
    CHECK_EQ(obj_list_size(victim), n);
    CHECK(obj_list_get(victim, n - 1) == obj_none);
    obj_decref(ballast);
    CHECK_EQ(gc_collect_pending(), 1);
    CHECK_EQ(hk.calls, 1);
    CHECK_EQ(obj_list_size(victim), 0);
    obj_decref(hk.rescue);
    finish();
}

/* DEBUG_SAVEALL allocates (gc.garbage and its growth): fail each allocation
 * in turn; the collection completes, unsaved objects stay alive, and a later
 * collection finds them again. */
static void test_saveall_survives_allocation_failure(void)
{
    start();
    for (long n = 0; n < 8; n++) {
        gc_set_debug(GC_DEBUG_SAVEALL);
        for (int i = 0; i < 3; i++)
            make_garbage_ring(1); /* independent: an unsaved one is garbage again */
        unit_fail_alloc_after(n);
        CHECK_EQ(gc_collect(0), 3);
        unit_fail_alloc_after(-1);
        CHECK_EQ(gc_check(), 0);
        obj_t *garbage = CHECK_OBJ(gc_garbage());
        size_t saved = obj_list_size(garbage);
        CHECK(saved <= 3);
        /* The unsaved ones were kept: a second collection saves them. */
        CHECK_EQ(gc_collect(1), (obj_ssize_t)(3 - saved));
        CHECK_EQ(obj_list_size(garbage), 3);
        gc_set_debug(0);
        CHECK_EQ(clear_container(garbage), 0);
        CHECK_EQ(gc_collect(2), 3);
        gc_fini(); /* drops gc.garbage itself */
        gc_init();
        gc_disable();
    }
    finish();
}

UNIT_SUITE(gc, UNIT_TEST(test_cpython_cases), UNIT_TEST(test_threshold_sets_pending_never_collects),
           UNIT_TEST(test_generation_choice_and_long_lived_rule),
           UNIT_TEST(test_callbacks_and_stats), UNIT_TEST(test_invalid_arguments),
           UNIT_TEST(test_freeze), UNIT_TEST(test_error_indicator_survives),
           UNIT_TEST(test_finalizers_run_once), UNIT_TEST(test_finalizer_may_misbehave),
           UNIT_TEST(test_weakref_hook_sees_the_garbage_first),
           UNIT_TEST(test_memory_pressure_collects),
           UNIT_TEST(test_pressure_defers_what_needs_code),
           UNIT_TEST(test_pressure_finalizer_waits_for_the_safe_point),
           UNIT_TEST(test_saveall_survives_allocation_failure));
