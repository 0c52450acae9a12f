/* set and frozenset tests: the C API, repr, comparisons, hashing, iteration,
 * errors and messages, sizes, the GC slots, comparisons that mutate the set,
 * deep nesting (the trashcan), every allocation failure of construction and
 * the set algebra, and the replay of tests/data/set_cases.txt: scenarios run
 * under CPython 3.12 (tools/gen_set_cases.py) whose iteration orders, popped
 * elements and frozenset hashes must come out identical here. Runs on the
 * host (cmocka) and in QEMU.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/dict.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/range.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

/* Provided by the runners: test data (a file on the host, an embedded copy on
 * the board), and allocation-failure injection (n-th allocation from now; -1
 * disables). */
const char *unit_data(const char *name, size_t *len);
void unit_fail_alloc_after(long n);

/* ---- helpers ------------------------------------------------------------- */

static obj_t *num(long v)
{
    return CHECK_OBJ(obj_int_from_ssize(v));
}

/* A list of the n ints in v. */
static obj_t *list_of(const long *v, size_t n)
{
    obj_t *l = CHECK_OBJ(obj_list_new(0));
    for (size_t i = 0; i < n; i++) {
        obj_t *x = num(v[i]);
        CHECK(obj_list_append(l, x) == 0);
        obj_decref(x);
    }
    return l;
}

static obj_t *set_of(const long *v, size_t n)
{
    obj_t *l = list_of(v, n), *s = CHECK_OBJ(obj_set_new(l));
    obj_decref(l);
    return s;
}

static obj_t *frozenset_of(const long *v, size_t n)
{
    obj_t *l = list_of(v, n), *s = CHECK_OBJ(obj_frozenset_new(l));
    obj_decref(l);
    return s;
}

static void check_repr(obj_t *o, const char *want)
{
    obj_t *r = CHECK_OBJ(obj_repr(o));
    CHECK_STREQ(obj_str_utf8(r, NULL), want);
    obj_decref(r);
}

/* r failed with exactly this error and message; clears it. */
static void check_error(obj_t *r, const obj_type_t *type, const char *message)
{
    CHECK(r == NULL);
    CHECK(obj_err_occurred() == type);
    obj_t *v = obj_err_value();
    CHECK(v != NULL && obj_str_check(v));
    CHECK_STREQ(obj_str_utf8(v, NULL), message);
    obj_err_clear();
}

/* self.name(args...). New reference or NULL. */
static obj_t *call(obj_t *self, const char *name, size_t nargs, ...)
{
    obj_t *args[4] = {0};
    va_list ap;
    va_start(ap, nargs);
    for (size_t i = 0; i < nargs; i++)
        args[i] = va_arg(ap, obj_t *);
    va_end(ap);
    return obj_call_method(self, name, args, nargs);
}

/* A method returning None succeeded. */
static void check_none(obj_t *r)
{
    CHECK_OBJ(r);
    CHECK(r == obj_none);
}

/* list(s) equals the ints want[0..n), in that order. */
static void check_order(obj_t *s, const long *want, size_t n)
{
    CHECK_EQ(obj_set_size(s), n);
    obj_t *it = CHECK_OBJ(obj_get_iter(s)), *x;
    size_t i = 0;
    while ((x = obj_iter_next(it)) != NULL) {
        CHECK(i < n);
        CHECK_EQ(obj_int_as_ssize(x), want[i]);
        obj_decref(x);
        i++;
    }
    CHECK(obj_err_occurred() == NULL);
    CHECK_EQ(i, n);
    obj_decref(it);
}

/* The table invariants of a set or frozenset, and that every element is found. */
static void check_valid(obj_t *s)
{
    obj_set_t *so = (obj_set_t *)s;
    CHECK(so->used <= so->fill);
    CHECK(((so->mask + 1) & so->mask) == 0 && so->mask >= 7);
    if (so->table == NULL) {
        CHECK(so->fill == 0 && so->mask == 7);
        return;
    }
    CHECK(so->fill * 5 < so->mask * 3);
    size_t pos = 0, n = 0;
    obj_t *key;
    obj_hash_t hash;
    while (obj_set_next(s, &pos, &key, &hash)) {
        CHECK_EQ(obj_hash(key), hash);
        CHECK_EQ(obj_set_contains(s, key), 1);
        n++;
    }
    CHECK_EQ(n, so->used);
}

/* ---- basics -------------------------------------------------------------- */

static void test_add_discard_contains(void)
{
    obj_t *s = CHECK_OBJ(obj_set_new(NULL));
    CHECK(obj_set_check(s) && obj_anyset_check(s) && !obj_frozenset_check(s));
    CHECK_EQ(obj_set_size(s), 0);
    CHECK_EQ(obj_is_true(s), 0);
    CHECK(((obj_set_t *)s)->table == NULL);
    obj_t *one = num(1), *big = num(1000000), *neg = num(-7);
    CHECK(obj_set_add(s, one) == 0);
    CHECK(obj_set_add(s, big) == 0);
    CHECK(obj_set_add(s, big) == 0);
    CHECK(obj_set_add(s, obj_true) == 0); /* True == 1: already there */
    CHECK_EQ(obj_set_size(s), 2);
    CHECK_EQ(obj_length(s), 2);
    CHECK_EQ(obj_is_true(s), 1);
    CHECK_EQ(obj_set_contains(s, one), 1);
    CHECK_EQ(obj_set_contains(s, obj_true), 1);
    CHECK_EQ(obj_contains(s, big), 1);
    CHECK_EQ(obj_contains(s, neg), 0);
    CHECK_EQ(obj_set_discard(s, neg), 0);
    CHECK_EQ(obj_set_discard(s, one), 1);
    CHECK_EQ(obj_set_discard(s, one), 0);
    CHECK_EQ(obj_set_size(s), 1);
    check_valid(s);
    obj_set_clear(s);
    CHECK_EQ(obj_set_size(s), 0);
    CHECK(((obj_set_t *)s)->table == NULL);
    CHECK(obj_set_add(s, neg) == 0);
    check_repr(s, "{-7}");
    obj_t *p = CHECK_OBJ(obj_set_pop(s));
    CHECK(p == neg);
    obj_decref(p);
    check_error(obj_set_pop(s), &obj_exc_KeyError, "pop from an empty set");
    obj_decref(one);
    obj_decref(big);
    obj_decref(neg);
    obj_decref(s);
}

static void test_methods_and_errors(void)
{
    long v[] = {3, 1, 2};
    obj_t *s = set_of(v, 3), *five = num(5), *two = num(2), *nine = num(9);
    check_none(call(s, "add", 1, five));
    check_error(call(s, "add", 0), &obj_exc_TypeError,
                "set.add() takes exactly one argument (0 given)");
    check_error(call(s, "pop", 1, two), &obj_exc_TypeError,
                "set.pop() takes no arguments (1 given)");
    check_error(call(s, "symmetric_difference", 2, two, two), &obj_exc_TypeError,
                "set.symmetric_difference() takes exactly one argument (2 given)");
    /* remove: KeyError carrying the key itself */
    CHECK(call(s, "remove", 1, nine) == NULL);
    CHECK(obj_err_occurred() == &obj_exc_KeyError && obj_err_value() == nine);
    obj_err_clear();
    check_none(call(s, "remove", 1, two));
    check_none(call(s, "discard", 1, two));
    long after[] = {1, 3, 5};
    check_order(s, after, 3);
    /* unhashable elements and arguments */
    obj_t *l = CHECK_OBJ(obj_list_new(0));
    check_error(call(s, "add", 1, l), &obj_exc_TypeError, "unhashable type: 'list'");
    check_error(call(s, "add", 1, s), &obj_exc_TypeError, "unhashable type: 'set'");
    CHECK(obj_list_append(l, l) == 0); /* [[...]]: its elements are unhashable too */
    check_error(obj_set_new(l), &obj_exc_TypeError, "unhashable type: 'list'");
    obj_list_set(l, 0, num(4));
    check_error(obj_set_new(five), &obj_exc_TypeError, "'int' object is not iterable");
    /* a frozenset has no mutators */
    obj_t *f = CHECK_OBJ(obj_frozenset_new(s));
    check_error(call(f, "add", 1, two), &obj_exc_AttributeError,
                "'frozenset' object has no attribute 'add'");
    check_error(call(f, "isdisjoint", 0), &obj_exc_TypeError,
                "frozenset.isdisjoint() takes exactly one argument (0 given)");
    /* copies: a frozenset's is itself, a set's is new */
    obj_t *c = CHECK_OBJ(call(f, "copy", 0));
    CHECK(c == f);
    obj_decref(c);
    CHECK(obj_frozenset_new(f) == f);
    obj_decref(f);
    c = CHECK_OBJ(call(s, "copy", 0));
    CHECK(c != s && obj_set_check(c));
    CHECK_EQ(obj_richcompare_bool(c, s, OBJ_EQ), 1);
    obj_decref(c);
    /* clear via the method */
    check_none(call(s, "clear", 0));
    CHECK_EQ(obj_set_size(s), 0);
    obj_decref(l);
    obj_decref(nine);
    obj_decref(five);
    obj_decref(two);
    obj_decref(f);
    obj_decref(s);
}

static void test_repr(void)
{
    obj_t *s = CHECK_OBJ(obj_set_new(NULL)), *f = CHECK_OBJ(obj_frozenset_new(NULL));
    check_repr(s, "set()");
    check_repr(f, "frozenset()");
    CHECK(obj_set_add(s, f) == 0);
    check_repr(s, "{frozenset()}");
    obj_decref(f);
    long v[] = {1, 2, 3};
    f = frozenset_of(v, 3);
    check_repr(f, "frozenset({1, 2, 3})");
    obj_set_clear(s);
    obj_t *a = CHECK_OBJ(obj_str_from_cstr("a")), *q = CHECK_OBJ(obj_str_from_cstr("it's"));
    CHECK(obj_set_add(s, a) == 0);
    check_repr(s, "{'a'}");
    CHECK(obj_set_discard(s, a) == 1);
    CHECK(obj_set_add(s, q) == 0);
    CHECK(obj_set_add(s, f) == 0);
    obj_t *r = CHECK_OBJ(obj_repr(s));
    const char *text = obj_str_utf8(r, NULL);
    CHECK(strcmp(text, "{\"it's\", frozenset({1, 2, 3})}") == 0 ||
          strcmp(text, "{frozenset({1, 2, 3}), \"it's\"}") == 0);
    obj_decref(r);
    long neg[] = {-1, -2, 100000, 7};
    obj_t *n = set_of(neg, 4);
    /* CPython 3.12's orders: -1 and -2 both hash to -2, and the probe for the
     * second walks perturb = (size_t)-2 >> 5 ..., which depends on the width. */
    check_repr(n, sizeof(void *) == 8 ? "{100000, 7, -1, -2}" : "{100000, -2, -1, 7}");
    obj_decref(n);
    obj_decref(a);
    obj_decref(q);
    obj_decref(f);
    obj_decref(s);
}

/* ---- comparison and hashing ---------------------------------------------- */

static void test_compare(void)
{
    long v12[] = {1, 2}, v123[] = {1, 2, 3}, v3[] = {3};
    obj_t *a = set_of(v12, 2), *b = set_of(v123, 3), *fa = frozenset_of(v12, 2), *c = set_of(v3, 1);
    struct {
        obj_t *x, *y;
        const char *want; /* <, <=, ==, !=, >, >= */
    } cases[] = {
        {a, b, "110100"}, {b, a, "000111"},  {a, fa, "011001"}, {fa, a, "011001"},
        {a, c, "000100"}, {fa, b, "110100"}, {b, b, "011001"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int op = OBJ_LT; op <= OBJ_GE; op++)
            CHECK_EQ(obj_richcompare_bool(cases[i].x, cases[i].y, op), cases[i].want[op] - '0');
    /* against other types: == is identity, ordering is a TypeError */
    obj_t *l = list_of(v12, 2);
    CHECK_EQ(obj_richcompare_bool(a, l, OBJ_EQ), 0);
    CHECK_EQ(obj_richcompare_bool(a, l, OBJ_NE), 1);
    check_error(obj_richcompare(a, l, OBJ_LT), &obj_exc_TypeError,
                "'<' not supported between instances of 'set' and 'list'");
    /* subset methods accept any iterable */
    obj_t *r = CHECK_OBJ(call(a, "issubset", 1, l));
    CHECK(r == obj_true);
    r = CHECK_OBJ(call(b, "issuperset", 1, l));
    CHECK(r == obj_true);
    r = CHECK_OBJ(call(c, "isdisjoint", 1, l));
    CHECK(r == obj_true);
    r = CHECK_OBJ(call(b, "isdisjoint", 1, a));
    CHECK(r == obj_false);
    r = CHECK_OBJ(call(a, "isdisjoint", 1, a));
    CHECK(r == obj_false);
    obj_decref(l);
    obj_decref(a);
    obj_decref(b);
    obj_decref(fa);
    obj_decref(c);
}

static void test_frozenset_hash(void)
{
    /* Equal frozensets hash alike whatever their history (dummies, size). */
    long v[] = {5, 9, 13, 1000, -3};
    obj_t *f = frozenset_of(v, 5);
    obj_t *s = set_of(v, 5), *extra = num(77);
    CHECK(obj_set_add(s, extra) == 0);
    for (int i = 0; i < 40; i++) {
        obj_t *x = num(1000 + 8 * i);
        CHECK(obj_set_add(s, x) == 0);
        obj_decref(x);
    }
    for (int i = 1; i < 40; i++) {
        obj_t *x = num(1000 + 8 * i);
        CHECK(obj_set_discard(s, x) == 1);
        obj_decref(x);
    }
    CHECK(obj_set_discard(s, extra) == 1);
    obj_t *g = CHECK_OBJ(obj_frozenset_new(s));
    CHECK_EQ(obj_hash(f), obj_hash(g));
    CHECK_EQ(obj_richcompare_bool(f, g, OBJ_EQ), 1);
    /* CPython 3.12's values: hash(frozenset()) and hash(frozenset({1, 2, 3})) */
    obj_t *e = CHECK_OBJ(obj_frozenset_new(NULL));
    long v123[] = {1, 2, 3};
    obj_t *h = frozenset_of(v123, 3);
    if (sizeof(void *) == 8) {
        CHECK_EQ(obj_hash(e), 133146708735736LL);
        CHECK_EQ(obj_hash(h), -272375401224217160LL);
    }
    /* a set is unhashable, but looked up as a frozenset */
    CHECK_EQ(obj_hash(s), -1);
    check_error(NULL, &obj_exc_TypeError, "unhashable type: 'set'");
    obj_t *outer = CHECK_OBJ(obj_set_new(NULL));
    CHECK(obj_set_add(outer, f) == 0);
    CHECK_EQ(obj_set_contains(outer, s), 1);
    CHECK_EQ(obj_contains(outer, s), 1);
    check_none(call(outer, "remove", 1, s));
    CHECK_EQ(obj_set_size(outer), 0);
    CHECK(obj_set_add(outer, f) == 0);
    check_none(call(outer, "discard", 1, s));
    CHECK_EQ(obj_set_size(outer), 0);
    obj_decref(outer);
    obj_decref(e);
    obj_decref(h);
    obj_decref(extra);
    obj_decref(f);
    obj_decref(g);
    obj_decref(s);
}

/* ---- iteration ----------------------------------------------------------- */

static void test_iteration(void)
{
    long v[] = {10, 20, 30};
    obj_t *s = set_of(v, 3);
    obj_t *it = CHECK_OBJ(obj_get_iter(s));
    CHECK(obj_type(it) == &obj_type_set_iterator);
    obj_t *x = CHECK_OBJ(obj_iter_next(it));
    obj_t *y = num(40);
    CHECK(obj_set_add(s, y) == 0);
    check_error(obj_iter_next(it), &obj_exc_RuntimeError, "Set changed size during iteration");
    CHECK(obj_set_discard(s, y) == 1); /* back to the old size: the error stays */
    check_error(obj_iter_next(it), &obj_exc_RuntimeError, "Set changed size during iteration");
    obj_decref(it);
    obj_decref(x);
    obj_decref(y);
    /* run to the end, then stay exhausted */
    it = CHECK_OBJ(obj_get_iter(s));
    for (int i = 0; i < 3; i++)
        obj_decref(CHECK_OBJ(obj_iter_next(it)));
    CHECK(obj_iter_next(it) == NULL && obj_err_occurred() == NULL);
    CHECK(obj_iter_next(it) == NULL && obj_err_occurred() == NULL);
    obj_decref(it);
    /* obj_set_next walks the table order */
    size_t pos = 0, n = 0;
    obj_t *key;
    obj_hash_t hash;
    while (obj_set_next(s, &pos, &key, &hash)) {
        CHECK_EQ(obj_int_as_ssize(key), v[n]);
        CHECK_EQ(hash, v[n]);
        n++;
    }
    CHECK_EQ(n, 3);
    obj_decref(s);
}

/* ---- the set algebra: types, self-arguments, orders ------------------------ */

static void test_algebra(void)
{
    long va[] = {1, 2, 3, 4}, vb[] = {3, 4, 5};
    obj_t *a = set_of(va, 4), *b = set_of(vb, 3), *fb = frozenset_of(vb, 3);
    obj_t *r = CHECK_OBJ(obj_number_or(a, b));
    long u[] = {1, 2, 3, 4, 5};
    check_order(r, u, 5);
    obj_decref(r);
    r = CHECK_OBJ(obj_number_and(fb, a)); /* the left operand's type */
    CHECK(obj_frozenset_check(r));
    long i34[] = {3, 4};
    check_order(r, i34, 2);
    obj_decref(r);
    r = CHECK_OBJ(obj_number_subtract(a, fb));
    CHECK(obj_set_check(r));
    long d12[] = {1, 2};
    check_order(r, d12, 2);
    obj_decref(r);
    r = CHECK_OBJ(obj_number_xor(a, b));
    long x[] = {1, 2, 5};
    check_order(r, x, 3);
    obj_decref(r);
    /* with self */
    r = CHECK_OBJ(obj_number_subtract(a, a));
    CHECK_EQ(obj_set_size(r), 0);
    obj_decref(r);
    r = CHECK_OBJ(obj_number_xor(a, a));
    CHECK_EQ(obj_set_size(r), 0);
    obj_decref(r);
    r = CHECK_OBJ(call(a, "union", 2, a, b));
    check_order(r, u, 5);
    obj_decref(r);
    r = CHECK_OBJ(call(a, "intersection", 0));
    check_order(r, va, 4);
    obj_decref(r);
    /* unsupported operands */
    obj_t *l = list_of(vb, 3);
    check_error(obj_number_or(a, l), &obj_exc_TypeError,
                "unsupported operand type(s) for |: 'set' and 'list'");
    check_error(obj_number_subtract(l, a), &obj_exc_TypeError,
                "unsupported operand type(s) for -: 'list' and 'set'");
    r = CHECK_OBJ(obj_set_inplace_or(a, l));
    CHECK(r == obj_not_implemented);
    /* ... but the methods take any iterable */
    r = CHECK_OBJ(call(a, "union", 1, l));
    check_order(r, u, 5);
    obj_decref(r);
    r = CHECK_OBJ(call(a, "symmetric_difference", 1, l));
    check_order(r, x, 3);
    obj_decref(r);
    /* in-place forms return the same object */
    r = CHECK_OBJ(obj_set_inplace_and(a, fb));
    CHECK(r == a);
    obj_decref(r);
    check_order(a, i34, 2);
    r = CHECK_OBJ(obj_set_inplace_xor(a, b));
    CHECK(r == a);
    obj_decref(r);
    long five[] = {5};
    check_order(a, five, 1);
    r = CHECK_OBJ(obj_set_inplace_sub(a, a));
    obj_decref(r);
    CHECK_EQ(obj_set_size(a), 0);
    r = CHECK_OBJ(obj_set_inplace_or(a, fb));
    obj_decref(r);
    check_order(a, vb, 3);
    /* update from a dict takes its keys; from a range its ints */
    obj_t *d = CHECK_OBJ(obj_dict_new()), *k = num(-9);
    CHECK(obj_dict_setitem(d, k, obj_none) == 0);
    CHECK(obj_set_update(a, d) == 0);
    obj_t *rg = CHECK_OBJ(obj_range_new(0, 3, 1));
    CHECK(obj_set_update(a, rg) == 0);
    long all[] = {0, 1, 2, 3, 4, 5, -9};
    check_order(a, all, 7);
    obj_decref(rg);
    obj_decref(k);
    obj_decref(d);
    obj_decref(l);
    obj_decref(a);
    obj_decref(b);
    obj_decref(fb);
}

/* pop's finger survives clear(), as in CPython (list(s) after pop shows it). */
static void test_pop_finger(void)
{
    long v[] = {1, 2, 3};
    obj_t *s = set_of(v, 3);
    obj_t *p = CHECK_OBJ(obj_set_pop(s));
    CHECK_EQ(obj_int_as_ssize(p), 1);
    obj_decref(p);
    obj_set_clear(s);
    long w[] = {0, 1, 2, 3};
    obj_t *l = list_of(w, 4);
    CHECK(obj_set_update(s, l) == 0);
    p = CHECK_OBJ(obj_set_pop(s)); /* CPython 3.12: 2, the scan resumes at slot 2 */
    CHECK_EQ(obj_int_as_ssize(p), 2);
    obj_decref(p);
    obj_decref(l);
    obj_decref(s);
}

/* ---- sizes, GC slots, trashcan --------------------------------------------- */

static int count_visit(obj_t *o, void *arg)
{
    (void)o;
    ++*(int *)arg;
    return 0;
}

static void test_sizes_and_gc(void)
{
    obj_t *s = CHECK_OBJ(obj_set_new(NULL));
    size_t empty = obj_sizeof(s);
    long v[] = {1, 2, 3};
    obj_t *three = set_of(v, 3);
    size_t small = obj_sizeof(three);
    unit_log("set sizes: empty %lu bytes, 3 elements %lu bytes\n", (unsigned long)empty,
             (unsigned long)small);
    size_t object = (sizeof(obj_set_t) + sizeof(struct obj_gc_head) + 7) & ~(size_t)7;
    CHECK_EQ(empty, object);
    CHECK_EQ(small, object + 8 * sizeof(struct obj_set_entry));
    if (sizeof(void *) == 4) {
        CHECK_EQ(empty, 40);
        CHECK_EQ(small, 104);
    }
    CHECK(obj_gc_is_tracked(s) && obj_gc_is_tracked(three));
    int visits = 0;
    CHECK(obj_type(three)->traverse(three, count_visit, &visits) == 0);
    CHECK_EQ(visits, 3);
    CHECK(obj_type(three)->clear(three) == 0);
    CHECK_EQ(obj_set_size(three), 0);
    obj_t *f = frozenset_of(v, 3);
    visits = 0;
    CHECK(obj_type(f)->traverse(f, count_visit, &visits) == 0);
    CHECK_EQ(visits, 3);
    obj_decref(f);
    obj_decref(three);
    obj_decref(s);
}

/* A chain of frozensets each holding the next: freeing it goes through the
 * trashcan instead of recursing once per level. */
static void test_deep_nesting(void)
{
    size_t depth = 20000 / unit_scale();
    obj_t *inner = CHECK_OBJ(obj_frozenset_new(NULL));
    for (size_t i = 0; i < depth; i++) {
        obj_t *outer = CHECK_OBJ(obj_frozenset_new(NULL));
        CHECK(obj_set_add(outer, inner) == 0);
        obj_decref(inner);
        inner = outer;
    }
    struct obj_stats before, after;
    obj_get_stats(&before);
    obj_decref(inner);
    obj_get_stats(&after);
    CHECK(after.trashcan_deferred > before.trashcan_deferred);
}

/* ---- comparisons that change the set ---------------------------------------- */

/* Objects whose hash is constant and whose comparison empties `victim`. */
static obj_t *victim;

static obj_hash_t evil_hash(obj_t *o)
{
    (void)o;
    return 42;
}

static obj_t *evil_compare(obj_t *a, obj_t *b, int op)
{
    (void)a, (void)b, (void)op;
    if (victim) {
        obj_t *v = victim;
        victim = NULL;
        obj_set_clear(v);
    }
    return obj_newref(obj_false);
}

static const obj_type_t evil_type = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "evil",
    .basicsize = sizeof(obj_t),
    .hash = evil_hash,
    .richcompare = evil_compare,
};
static const obj_t evil_objects[3] = {OBJ_HEAD_INIT(&evil_type), OBJ_HEAD_INIT(&evil_type),
                                      OBJ_HEAD_INIT(&evil_type)};
#define EVIL(i) ((obj_t *)&evil_objects[i])

static void test_mutating_comparisons(void)
{
    obj_t *s = CHECK_OBJ(obj_set_new(NULL)), *one = num(1);
    CHECK(obj_set_add(s, EVIL(0)) == 0);
    CHECK(obj_set_add(s, one) == 0);
    victim = s; /* the comparison with EVIL(0) clears s: the insertion restarts */
    CHECK(obj_set_add(s, EVIL(1)) == 0);
    CHECK_EQ(obj_set_size(s), 1);
    CHECK_EQ(obj_set_contains(s, EVIL(1)), 1);
    check_valid(s);
    victim = s; /* a lookup restarts and finds nothing */
    CHECK_EQ(obj_set_contains(s, EVIL(2)), 0);
    CHECK_EQ(obj_set_size(s), 0);
    /* merging while the comparison empties the other set */
    obj_t *other = CHECK_OBJ(obj_set_new(NULL));
    CHECK(obj_set_add(other, EVIL(1)) == 0);
    CHECK(obj_set_add(other, EVIL(2)) == 0);
    CHECK(obj_set_add(s, EVIL(0)) == 0);
    CHECK(obj_set_add(s, one) == 0);
    victim = other;
    CHECK(obj_set_update(s, other) == 0);
    check_valid(s);
    check_valid(other);
    CHECK_EQ(obj_set_size(other), 0);
    victim = NULL;
    obj_decref(other);
    obj_decref(one);
    obj_decref(s);
}

/* ---- allocation failures ------------------------------------------------------ */

enum {
    OP_SET,
    OP_FROZENSET,
    OP_UPDATE_SET,
    OP_UPDATE_DICT,
    OP_UPDATE_LIST,
    OP_ADD_MANY,
    OP_OR,
    OP_AND,
    OP_SUB,
    OP_XOR,
    OP_IOR,
    OP_IAND,
    OP_ISUB,
    OP_IXOR,
    OP_UNION,
    OP_INTERSECTION,
    OP_DIFFERENCE,
    OP_DIFFERENCE_UPDATE,
    OP_SYMDIFF,
    OP_SYMDIFF_UPDATE,
    OP_COPY,
    OP_REPR,
    OP_ISSUBSET,
    OP_COUNT
};

/* Run operation op on a fresh copy `t` of a (for the mutating ones) with b as
 * the argument. New reference to the result (t itself for in-place
 * operations), or NULL. */
static obj_t *run_op(int op, obj_t *t, obj_t *a, obj_t *b, obj_t *list, obj_t *dict)
{
    obj_t *r;
    switch (op) {
    case OP_SET: return obj_set_new(list);
    case OP_FROZENSET: return obj_frozenset_new(list);
    case OP_UPDATE_SET: return obj_set_update(t, b) < 0 ? NULL : obj_newref(t);
    case OP_UPDATE_DICT: return obj_set_update(t, dict) < 0 ? NULL : obj_newref(t);
    case OP_UPDATE_LIST: return obj_set_update(t, list) < 0 ? NULL : obj_newref(t);
    case OP_ADD_MANY:
        for (size_t i = 0; i < obj_list_size(list); i++)
            if (obj_set_add(t, obj_list_get(list, i)) < 0)
                return NULL;
        return obj_newref(t);
    case OP_OR: return obj_number_or(a, b);
    case OP_AND: return obj_number_and(a, b);
    case OP_SUB: return obj_number_subtract(a, b);
    case OP_XOR: return obj_number_xor(a, b);
    case OP_IOR: return obj_set_inplace_or(t, b);
    case OP_IAND: return obj_set_inplace_and(t, b);
    case OP_ISUB: return obj_set_inplace_sub(t, b);
    case OP_IXOR: return obj_set_inplace_xor(t, b);
    case OP_UNION: return call(a, "union", 2, list, dict);
    case OP_INTERSECTION: return call(a, "intersection", 2, b, list);
    case OP_DIFFERENCE: return call(a, "difference", 2, list, b);
    case OP_DIFFERENCE_UPDATE:
        r = call(t, "difference_update", 1, list);
        return r ? (obj_decref(r), obj_newref(t)) : NULL;
    case OP_SYMDIFF: return call(a, "symmetric_difference", 1, list);
    case OP_SYMDIFF_UPDATE:
        r = call(t, "symmetric_difference_update", 1, dict);
        return r ? (obj_decref(r), obj_newref(t)) : NULL;
    case OP_COPY: return call(a, "copy", 0);
    case OP_REPR: return obj_repr(a);
    default: return call(a, "issubset", 1, list);
    }
}

static void test_allocation_failures(void)
{
    /* Elements and arguments are made before any failure is injected. */
    long va[60], vb[40];
    for (int i = 0; i < 60; i++)
        va[i] = (long)i * 37 - 500;
    for (int i = 0; i < 40; i++)
        vb[i] = (long)i * 91 - 300;
    obj_t *a = set_of(va, 60), *b = set_of(vb, 40), *list = list_of(vb, 40);
    obj_t *dict = CHECK_OBJ(obj_dict_new());
    for (size_t i = 0; i < 40; i++)
        CHECK(obj_dict_setitem(dict, obj_list_get(list, i), obj_none) == 0);
    for (int op = 0; op < OP_COUNT; op++) {
        /* the reference result, without failures */
        obj_t *t = CHECK_OBJ(obj_set_new(a));
        obj_t *want = CHECK_OBJ(run_op(op, t, a, b, list, dict));
        obj_decref(t);
        long n;
        for (n = 0;; n++) {
            t = CHECK_OBJ(obj_set_new(a));
            unit_fail_alloc_after(n);
            obj_t *r = run_op(op, t, a, b, list, dict);
            unit_fail_alloc_after(-1);
            if (r != NULL) {
                CHECK_EQ(obj_richcompare_bool(r, want, OBJ_EQ), 1);
                obj_decref(r);
                obj_decref(t);
                break;
            }
            CHECK(obj_err_matches(&obj_exc_MemoryError));
            obj_err_clear();
            check_valid(t); /* what a failed operation touched stays usable */
            check_valid(a);
            obj_decref(t);
            CHECK(n < 1000);
        }
        if (op != OP_ISUB) /* discarding needs no memory */
            CHECK(n > 0);  /* every other operation allocates: a failure was seen */
        obj_decref(want);
    }
    /* Compacting the dummies after difference_update is optional: without
     * memory the set keeps them and the operation still succeeds. */
    obj_t *most = set_of(va, 50), *t = CHECK_OBJ(obj_set_new(a));
    unit_fail_alloc_after(0);
    obj_t *r = obj_set_inplace_sub(t, most);
    unit_fail_alloc_after(-1);
    CHECK(r == t && obj_err_occurred() == NULL);
    obj_decref(r);
    CHECK_EQ(obj_set_size(t), 10);
    CHECK(((obj_set_t *)t)->fill == 60); /* not compacted */
    check_valid(t);
    r = CHECK_OBJ(obj_set_inplace_sub(t, b));
    obj_decref(r);
    CHECK(((obj_set_t *)t)->fill == obj_set_size(t)); /* compacted this time */
    obj_decref(t);
    obj_decref(most);
    /* An insertion that cannot grow the table leaves the set as it was. */
    obj_t *s = CHECK_OBJ(obj_set_new(NULL));
    for (long i = 0; i < 4; i++) {
        obj_t *x = num(i);
        CHECK(obj_set_add(s, x) == 0);
        obj_decref(x);
    }
    obj_t *x = num(4);
    unit_fail_alloc_after(0);
    CHECK(obj_set_add(s, x) == -1);
    unit_fail_alloc_after(-1);
    CHECK(obj_err_matches(&obj_exc_MemoryError));
    obj_err_clear();
    long four[] = {0, 1, 2, 3};
    check_order(s, four, 4);
    CHECK_EQ(obj_set_contains(s, x), 0);
    check_valid(s);
    CHECK(obj_set_add(s, x) == 0);
    obj_decref(x);
    obj_decref(s);
    obj_decref(a);
    obj_decref(b);
    obj_decref(list);
    obj_decref(dict);
}

/* ---- the CPython-generated scenarios ------------------------------------------ */

struct replay {
    const char *p;  /* the rest of the data */
    long line;      /* current line number */
    obj_t *reg[26]; /* registers a..z */
    obj_t *q;       /* (2^31 - 1) * (2^61 - 1) */
    int width;      /* 64 or 32: which width-specific expectations apply */
};

#define FAIL(rp, ...) unit_fail(__FILE__, __LINE__, "set_cases.txt:%ld: " __VA_ARGS__)
#define REPLAY_CHECK(rp, cond)                                                                     \
    do {                                                                                           \
        if (!(cond))                                                                               \
            unit_fail(__FILE__, __LINE__, "set_cases.txt:%ld: %s", (rp)->line, #cond);             \
    } while (0)

/* The next word of the current line into buf; 0 at the end of the line. */
static int word(struct replay *rp, char *buf, size_t size)
{
    while (*rp->p == ' ')
        rp->p++;
    size_t n = 0;
    while (*rp->p && *rp->p != ' ' && *rp->p != '\n') {
        if (n + 1 < size)
            buf[n++] = *rp->p;
        rp->p++;
    }
    buf[n] = '\0';
    return n > 0;
}

static void next_line(struct replay *rp)
{
    while (*rp->p && *rp->p != '\n')
        rp->p++;
    if (*rp->p == '\n')
        rp->p++;
    rp->line++;
}

static int is_register(const char *w)
{
    return w[0] >= 'a' && w[0] <= 'z' && w[1] == '\0';
}

static obj_t **reg(struct replay *rp, const char *w)
{
    if (!is_register(w))
        unit_fail(__FILE__, __LINE__, "set_cases.txt:%ld: bad register '%s'", rp->line, w);
    return &rp->reg[w[0] - 'a'];
}

/* An int token: decimal, or [-]Q<k>+<h> for +-(k * Q + h). New reference. */
static obj_t *int_token(struct replay *rp, const char *w)
{
    const char *q = strchr(w, 'Q');
    if (q == NULL)
        return CHECK_OBJ(obj_int_from_i64(strtoll(w, NULL, 10)));
    char *plus;
    long k = strtol(q + 1, &plus, 10), h = strtol(plus + 1, NULL, 10);
    obj_t *kk = num(k), *hh = num(h), *prod = CHECK_OBJ(obj_number_multiply(kk, rp->q));
    obj_t *v = CHECK_OBJ(obj_number_add(prod, hh));
    obj_decref(kk);
    obj_decref(hh);
    obj_decref(prod);
    if (w[0] == '-') {
        obj_t *neg = CHECK_OBJ(obj_number_negative(v));
        obj_decref(v);
        v = neg;
    }
    return v;
}

/* Replace register *slot by v (stolen). */
static void store(obj_t **slot, obj_t *v)
{
    obj_t *old = *slot;
    *slot = v;
    obj_xdecref(old);
}

static int width_applies(struct replay *rp, const char *cmd)
{
    return cmd[1] == '\0' || atoi(cmd + 1) == rp->width;
}

/* `= r type n ints...`: list(r) is exactly these. */
static void expect_order(struct replay *rp, const char *cmd)
{
    char w[64];
    word(rp, w, sizeof w);
    obj_t *s = *reg(rp, w);
    if (!width_applies(rp, cmd))
        return;
    word(rp, w, sizeof w);
    if (s == NULL || strcmp(obj_type(s)->name, w) != 0)
        FAIL(rp, "want a %s, have %s", rp->line, w, s ? obj_type(s)->name : "nothing");
    word(rp, w, sizeof w);
    size_t n = (size_t)atol(w);
    REPLAY_CHECK(rp, obj_set_size(s) == n);
    obj_t *it = CHECK_OBJ(obj_get_iter(s)), *x;
    size_t i = 0;
    while ((x = obj_iter_next(it)) != NULL) {
        if (!word(rp, w, sizeof w))
            FAIL(rp, "more elements than expected", rp->line);
        obj_t *want = int_token(rp, w);
        if (obj_richcompare_bool(x, want, OBJ_EQ) != 1) {
            obj_t *got = CHECK_OBJ(obj_repr(x));
            FAIL(rp, "element %lu is %s, want %s", rp->line, (unsigned long)i,
                 obj_str_utf8(got, NULL), w);
        }
        obj_decref(want);
        obj_decref(x);
        i++;
    }
    REPLAY_CHECK(rp, obj_err_occurred() == NULL && i == n);
    obj_decref(it);
}

/* `digest r type n d64 d32`: FNV-1a over the elements' hashes in order. */
static void expect_digest(struct replay *rp)
{
    char w[64];
    word(rp, w, sizeof w);
    obj_t *s = *reg(rp, w);
    word(rp, w, sizeof w);
    REPLAY_CHECK(rp, s && strcmp(obj_type(s)->name, w) == 0);
    word(rp, w, sizeof w);
    REPLAY_CHECK(rp, obj_set_size(s) == (size_t)atol(w));
    unsigned long want[2];
    for (int i = 0; i < 2; i++) {
        word(rp, w, sizeof w);
        want[i] = strtoul(w, NULL, 10);
    }
    uint32_t d = 2166136261u;
    size_t pos = 0;
    obj_hash_t hash;
    while (obj_set_next(s, &pos, NULL, &hash))
        d = (d ^ (uint32_t)hash) * 16777619u;
    if (d != want[rp->width == 64 ? 0 : 1])
        FAIL(rp, "order digest %lu, want %lu", rp->line, (unsigned long)d,
             want[rp->width == 64 ? 0 : 1]);
}

static obj_t *apply_op(struct replay *rp, obj_t *a, const char *name, obj_t *b)
{
    static const struct {
        const char *name;
        obj_binary_fn fn;
    } ops[] = {
        {"or", obj_number_or},         {"and", obj_number_and},       {"sub", obj_number_subtract},
        {"xor", obj_number_xor},       {"ior", obj_set_inplace_or},   {"iand", obj_set_inplace_and},
        {"isub", obj_set_inplace_sub}, {"ixor", obj_set_inplace_xor},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(ops[i].name, name) == 0)
            return ops[i].fn(a, b);
    unit_fail(__FILE__, __LINE__, "set_cases.txt:%ld: unknown op %s", rp->line, name);
}

/* One command line. Returns 1 at `end`. */
static int replay_line(struct replay *rp)
{
    char cmd[32], w[64];
    if (!word(rp, cmd, sizeof cmd) || cmd[0] == '#')
        return 0;
    if (strcmp(cmd, "case") == 0 || strcmp(cmd, "end") == 0) {
        for (int i = 0; i < 26; i++)
            obj_clear_ref(&rp->reg[i]);
        return cmd[0] == 'e';
    }
    if (strcmp(cmd, "list") == 0 || strcmp(cmd, "dict") == 0) {
        word(rp, w, sizeof w);
        obj_t **slot = reg(rp, w);
        int is_list = cmd[0] == 'l';
        obj_t *c = CHECK_OBJ(is_list ? obj_list_new(0) : obj_dict_new());
        while (word(rp, w, sizeof w)) {
            obj_t *x = int_token(rp, w);
            CHECK((is_list ? obj_list_append(c, x) : obj_dict_setitem(c, x, obj_none)) == 0);
            obj_decref(x);
        }
        store(slot, c);
    } else if (strcmp(cmd, "range") == 0) {
        word(rp, w, sizeof w);
        obj_t **slot = reg(rp, w);
        long v[3];
        for (int i = 0; i < 3; i++) {
            word(rp, w, sizeof w);
            v[i] = atol(w);
        }
        store(slot, CHECK_OBJ(obj_range_new(v[0], v[1], v[2])));
    } else if (strcmp(cmd, "set") == 0 || strcmp(cmd, "frozenset") == 0) {
        word(rp, w, sizeof w);
        obj_t **slot = reg(rp, w);
        word(rp, w, sizeof w);
        obj_t *src = strcmp(w, "-") == 0 ? NULL : *reg(rp, w);
        store(slot, CHECK_OBJ(cmd[0] == 's' ? obj_set_new(src) : obj_frozenset_new(src)));
    } else if (strcmp(cmd, "call") == 0) {
        char dst[8], method[40];
        word(rp, dst, sizeof dst);
        word(rp, w, sizeof w);
        obj_t *recv = *reg(rp, w);
        word(rp, method, sizeof method);
        obj_t *args[4];
        size_t nargs = 0;
        while (nargs < 4 && word(rp, w, sizeof w))
            args[nargs++] = is_register(w) ? obj_newref(*reg(rp, w)) : int_token(rp, w);
        obj_t *r = obj_call_method(recv, method, args, nargs);
        if (r == NULL) {
            obj_t *v = obj_err_value();
            FAIL(rp, "%s failed: %s %s", rp->line, method, obj_err_occurred()->name,
                 v ? obj_str_utf8(v, NULL) : "");
        }
        for (size_t i = 0; i < nargs; i++)
            obj_decref(args[i]);
        if (strcmp(dst, "-") == 0) {
            REPLAY_CHECK(rp, r == obj_none);
            obj_decref(r);
        } else {
            store(reg(rp, dst), r);
        }
    } else if (strcmp(cmd, "op") == 0) {
        char dst[8], a[8], name[8], b[8];
        word(rp, dst, sizeof dst);
        word(rp, a, sizeof a);
        word(rp, name, sizeof name);
        word(rp, b, sizeof b);
        obj_t *r = apply_op(rp, *reg(rp, a), name, *reg(rp, b));
        REPLAY_CHECK(rp, r != NULL && r != obj_not_implemented);
        store(reg(rp, dst), r);
    } else if (cmd[0] == '=') {
        expect_order(rp, cmd);
    } else if (strcmp(cmd, "digest") == 0) {
        expect_digest(rp);
    } else if (strcmp(cmd, "val") == 0) {
        word(rp, w, sizeof w);
        obj_t *v = *reg(rp, w);
        char tok[2][64];
        word(rp, tok[0], sizeof tok[0]);
        word(rp, tok[1], sizeof tok[1]);
        obj_t *want = int_token(rp, tok[rp->width == 64 ? 0 : 1]);
        REPLAY_CHECK(rp, obj_richcompare_bool(v, want, OBJ_EQ) == 1);
        obj_decref(want);
    } else if (strcmp(cmd, "bool") == 0) {
        word(rp, w, sizeof w);
        obj_t *v = *reg(rp, w);
        word(rp, w, sizeof w);
        REPLAY_CHECK(rp, v == obj_bool_from(w[0] == '1'));
    } else if (strcmp(cmd, "cmp") == 0) {
        char a[8], b[8];
        word(rp, a, sizeof a);
        word(rp, b, sizeof b);
        word(rp, w, sizeof w);
        for (int op = OBJ_LT; op <= OBJ_GE; op++)
            REPLAY_CHECK(rp, obj_richcompare_bool(*reg(rp, a), *reg(rp, b), op) == w[op] - '0');
    } else if (strcmp(cmd, "in") == 0) {
        word(rp, w, sizeof w);
        obj_t *s = *reg(rp, w);
        word(rp, w, sizeof w);
        obj_t *x = int_token(rp, w);
        word(rp, w, sizeof w);
        REPLAY_CHECK(rp, obj_contains(s, x) == w[0] - '0');
        obj_decref(x);
    } else if (strcmp(cmd, "hash") == 0) {
        word(rp, w, sizeof w);
        obj_t *f = CHECK_OBJ(obj_frozenset_new(*reg(rp, w)));
        long long want[2];
        for (int i = 0; i < 2; i++) {
            word(rp, w, sizeof w);
            want[i] = strtoll(w, NULL, 10);
        }
        REPLAY_CHECK(rp, (long long)obj_hash(f) == want[rp->width == 64 ? 0 : 1]);
        obj_decref(f);
    } else {
        FAIL(rp, "unknown command %s", rp->line, cmd);
    }
    return 0;
}

static void test_cpython_orders(void)
{
    size_t len;
    const char *data = unit_data("set_cases.txt", &len);
    CHECK(data != NULL);
    struct replay rp = {.p = data, .line = 1, .width = (int)(8 * sizeof(void *))};
    const char *qtext = "4951760154835678088235319297";
    rp.q = CHECK_OBJ(obj_int_from_string(qtext, strlen(qtext), 10));
    long cases = 0;
    while (*rp.p) {
        cases += replay_line(&rp);
        next_line(&rp);
    }
    for (int i = 0; i < 26; i++)
        obj_clear_ref(&rp.reg[i]);
    obj_decref(rp.q);
    unit_log("set: %ld CPython scenarios replayed\n", cases);
    CHECK(cases >= 300);
}

UNIT_SUITE(set, UNIT_TEST(test_add_discard_contains), UNIT_TEST(test_methods_and_errors),
           UNIT_TEST(test_repr), UNIT_TEST(test_compare), UNIT_TEST(test_frozenset_hash),
           UNIT_TEST(test_iteration), UNIT_TEST(test_algebra), UNIT_TEST(test_pop_finger),
           UNIT_TEST(test_sizes_and_gc), UNIT_TEST(test_deep_nesting),
           UNIT_TEST(test_mutating_comparisons), UNIT_TEST(test_allocation_failures),
           UNIT_TEST(test_cpython_orders));
