/* Core object tests: reference counting and immortals, errors, str and
 * interning, tuple, list, dict, slices, the trashcan and out-of-memory
 * behaviour of the containers. Runs on the host (cmocka) and in QEMU. */
#include <stdlib.h>
#include <string.h>

#include "objects/dict.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

static obj_t *num(long v)
{
    return CHECK_OBJ(obj_int_from_ssize(v));
}

static obj_t *text(const char *s)
{
    return CHECK_OBJ(obj_str_from_cstr(s));
}

/* repr(o) compared with an expected C string; consumes nothing. */
static void check_repr(obj_t *o, const char *want)
{
    obj_t *r = CHECK_OBJ(obj_repr(o));
    CHECK_STREQ(obj_str_utf8(r, NULL), want);
    obj_decref(r);
}

/* ---- counting and singletons --------------------------------------------- */

static void test_refcount_and_immortals(void)
{
    obj_t *s = text("hello");
    CHECK_EQ(s->refcnt, 1);
    obj_incref(s);
    CHECK_EQ(s->refcnt, 2);
    obj_decref(s);
    CHECK_EQ(s->refcnt, 1);
    obj_decref(s);

    uint32_t before = obj_none->refcnt;
    for (int i = 0; i < 1000; i++)
        obj_incref(obj_none);
    obj_decref(obj_none);
    CHECK_EQ(obj_none->refcnt, before);
    CHECK(obj_is_immortal(obj_true) && obj_is_immortal(obj_false));
    CHECK(obj_is_immortal(obj_ellipsis) && obj_is_immortal(obj_not_implemented));
    CHECK(obj_is_immortal((obj_t *)&obj_type_list));
    check_repr(obj_none, "None");
    check_repr(obj_true, "True");
    check_repr(obj_false, "False");
    check_repr(obj_ellipsis, "Ellipsis");
    check_repr((obj_t *)&obj_type_dict, "<class 'dict'>");
}

static void test_errors(void)
{
    CHECK(obj_err_occurred() == NULL);
    CHECK(obj_err_format(&obj_exc_ZeroDivisionError, "division by %s", "zero") == NULL);
    CHECK(obj_err_matches(&obj_exc_ArithmeticError));
    CHECK(obj_err_matches(&obj_exc_Exception));
    CHECK(!obj_err_matches(&obj_exc_LookupError));
    CHECK_STREQ(obj_str_utf8(obj_err_value(), NULL), "division by zero");
    obj_err_no_memory();
    CHECK(obj_err_occurred() == &obj_exc_MemoryError);
    obj_err_clear();
    CHECK(obj_err_occurred() == NULL);
}

/* ---- str ----------------------------------------------------------------- */

static void test_str_basics(void)
{
    obj_t *s = text("h\xc3\xa9llo \xe2\x82\xac");
    CHECK_EQ(obj_str_length(s), 7);
    CHECK_EQ(obj_length(s), 7);
    obj_t *i = num(6);
    obj_t *c = CHECK_OBJ(obj_getitem(s, i));
    CHECK_STREQ(obj_str_utf8(c, NULL), "\xe2\x82\xac");
    obj_decref(c);
    obj_decref(i);
    check_repr(s, "'h\xc3\xa9llo \xe2\x82\xac'");
    obj_decref(s);

    s = text("it's \"q\"\n\t\x01");
    check_repr(s, "'it\\'s \"q\"\\n\\t\\x01'");
    obj_decref(s);
    s = text("it's");
    check_repr(s, "\"it's\"");
    obj_t *t = text("it's");
    CHECK(obj_hash(s) == obj_hash(t));
    CHECK_EQ(obj_richcompare_bool(s, t, OBJ_EQ), 1);
    obj_t *u = CHECK_OBJ(obj_number_add(s, t));
    CHECK_STREQ(obj_str_utf8(u, NULL), "it'sit's");
    CHECK_EQ(obj_contains(u, t), 1);
    obj_decref(u);
    obj_decref(t);
    obj_decref(s);

    CHECK(obj_str_from_utf8("\xff", 1) == NULL);
    CHECK(obj_err_matches(&obj_exc_UnicodeError));
    obj_err_clear();
    CHECK(obj_str_from_utf8("\xed\xa0\x80", 3) == NULL); /* a surrogate */
    obj_err_clear();
    CHECK(obj_str_from_utf8("\xc3", 1) == NULL); /* truncated */
    obj_err_clear();
}

static void test_str_ordering(void)
{
    obj_t *a = text("abc"), *b = text("abd"), *c = text("ab"), *e = text("\xc3\xa9");
    CHECK_EQ(obj_richcompare_bool(a, b, OBJ_LT), 1);
    CHECK_EQ(obj_richcompare_bool(c, a, OBJ_LT), 1);
    CHECK_EQ(obj_richcompare_bool(e, a, OBJ_GT), 1);
    CHECK_EQ(obj_richcompare_bool(a, a, OBJ_GE), 1);
    obj_decref(a);
    obj_decref(b);
    obj_decref(c);
    obj_decref(e);
}

static void test_interning(void)
{
    size_t before = obj_str_interned_count();
    obj_t *a = CHECK_OBJ(obj_str_intern_cstr("spam_and_eggs"));
    obj_t *b = CHECK_OBJ(obj_str_intern(text("spam_and_eggs")));
    CHECK(a == b);
    CHECK_EQ(obj_str_interned_count(), before + 1);
    obj_t *c = text("spam_and_eggs");
    CHECK(c != a);
    obj_decref(c);
    obj_decref(a);
    CHECK_EQ(obj_str_interned_count(), before + 1);
    obj_decref(b); /* last reference: it leaves the table */
    CHECK_EQ(obj_str_interned_count(), before);

    /* Many interned strings: the table grows, then empties completely. */
    obj_t *kept[300];
    for (int i = 0; i < 300; i++)
        kept[i] = CHECK_OBJ(obj_str_intern(CHECK_OBJ(obj_str_from_format("name_%d", i))));
    for (int i = 0; i < 300; i++) {
        obj_t *again = CHECK_OBJ(obj_str_intern(CHECK_OBJ(obj_str_from_format("name_%d", i))));
        CHECK(again == kept[i]);
        obj_decref(again);
    }
    for (int i = 0; i < 300; i++)
        obj_decref(kept[i]);
    CHECK_EQ(obj_str_interned_count(), before);
}

/* ---- tuple --------------------------------------------------------------- */

static void test_tuple(void)
{
    obj_t *one = num(1), *two = num(2), *s = text("x");
    obj_t *t = CHECK_OBJ(obj_tuple_pack(3, one, two, s));
    check_repr(t, "(1, 2, 'x')");
    obj_t *t1 = CHECK_OBJ(obj_tuple_pack(1, one));
    check_repr(t1, "(1,)");
    obj_t *t0 = CHECK_OBJ(obj_tuple_new(0));
    check_repr(t0, "()");
    CHECK(obj_is_immortal(t0));
    obj_t *t2 = CHECK_OBJ(obj_tuple_pack(3, one, two, s));
    CHECK(obj_hash(t) == obj_hash(t2));
    CHECK_EQ(obj_richcompare_bool(t, t2, OBJ_EQ), 1);
    CHECK_EQ(obj_richcompare_bool(t1, t, OBJ_LT), 1);
    CHECK_EQ(obj_contains(t, s), 1);

    obj_t *minus_one = num(-1);
    obj_t *sl = CHECK_OBJ(obj_slice_new(NULL, NULL, minus_one));
    obj_decref(minus_one);
    obj_t *rev = CHECK_OBJ(obj_getitem(t, sl));
    check_repr(rev, "('x', 2, 1)");
    obj_decref(rev);
    obj_decref(sl);

    /* Hash of (1, 2) as CPython computes it on this word size. */
    obj_t *p = CHECK_OBJ(obj_tuple_pack(2, one, two));
    if (sizeof(void *) == 8)
        CHECK_EQ(obj_hash(p), -3550055125485641917LL);
    else
        CHECK_EQ(obj_hash(p), 994727857L);
    obj_decref(p);

    obj_decref(t0);
    obj_decref(t1);
    obj_decref(t2);
    obj_decref(t);
    obj_decref(one);
    obj_decref(two);
    obj_decref(s);
}

/* ---- list ---------------------------------------------------------------- */

static obj_t *list_of(int n)
{
    obj_t *l = CHECK_OBJ(obj_list_new(0));
    for (int i = 0; i < n; i++) {
        obj_t *v = num(i);
        CHECK_EQ(obj_list_append(l, v), 0);
        obj_decref(v);
    }
    return l;
}

static void test_list_basics(void)
{
    obj_t *l = list_of(5);
    check_repr(l, "[0, 1, 2, 3, 4]");
    obj_t *v = num(99);
    CHECK_EQ(obj_list_insert(l, -2, v), 0);
    check_repr(l, "[0, 1, 2, 99, 3, 4]");
    obj_t *r = CHECK_OBJ(obj_call_method(l, "pop", NULL, 0));
    check_repr(r, "4");
    obj_decref(r);
    r = CHECK_OBJ(obj_call_method(l, "remove", &v, 1));
    obj_decref(r);
    check_repr(l, "[0, 1, 2, 3]");
    CHECK(obj_call_method(l, "remove", &v, 1) == NULL);
    CHECK(obj_err_matches(&obj_exc_ValueError));
    obj_err_clear();
    CHECK(obj_call_method(l, "append", NULL, 0) == NULL);
    CHECK_STREQ(obj_str_utf8(obj_err_value(), NULL),
                "list.append() takes exactly one argument (0 given)");
    obj_err_clear();
    obj_decref(v);

    obj_t *big = num(10);
    CHECK(obj_getitem(l, big) == NULL);
    CHECK(obj_err_matches(&obj_exc_IndexError));
    obj_err_clear();
    obj_decref(big);

    /* Self-reference: repr prints [...] and nothing leaks once cleared. */
    CHECK_EQ(obj_list_append(l, l), 0);
    check_repr(l, "[0, 1, 2, 3, [...]]");
    obj_t *m = CHECK_OBJ(obj_call_method(l, "clear", NULL, 0));
    obj_decref(m);
    obj_decref(l);
}

static void test_list_slices(void)
{
    obj_t *l = list_of(10);
    obj_t *a = num(2), *b = num(8), *st = num(3);
    obj_t *sl = CHECK_OBJ(obj_slice_new(a, b, st));
    obj_t *part = CHECK_OBJ(obj_getitem(l, sl));
    check_repr(part, "[2, 5]");
    CHECK_EQ(obj_setitem(l, sl, part), 0); /* same length: fine */
    obj_t *three = list_of(3);
    CHECK_EQ(obj_setitem(l, sl, three), -1); /* extended slice, wrong length */
    CHECK_STREQ(obj_str_utf8(obj_err_value(), NULL),
                "attempt to assign sequence of size 3 to extended slice of size 2");
    obj_err_clear();
    CHECK_EQ(obj_delitem(l, sl), 0);
    check_repr(l, "[0, 1, 3, 4, 6, 7, 8, 9]");
    obj_decref(sl);

    sl = CHECK_OBJ(obj_slice_new(a, b, NULL));
    CHECK_EQ(obj_setitem(l, sl, three), 0);
    check_repr(l, "[0, 1, 0, 1, 2]");
    CHECK_EQ(obj_setitem(l, sl, l), 0); /* l[2:8] = l, a snapshot of itself */
    check_repr(l, "[0, 1, 0, 1, 0, 1, 2]");
    obj_decref(sl);

    obj_decref(three);
    obj_decref(part);
    obj_decref(a);
    obj_decref(b);
    obj_decref(st);
    obj_decref(l);
}

static void test_list_sort(void)
{
    obj_t *l = CHECK_OBJ(obj_list_new(0));
    unsigned x = 12345;
    for (int i = 0; i < 200; i++) {
        x = x * 1103515245u + 12345u;
        /* (random key, index) pairs: all distinct, so the order is total. */
        obj_t *key = num((long)(x >> 20) % 10), *index = num(i);
        obj_t *t = CHECK_OBJ(obj_tuple_pack(2, key, index));
        obj_decref(key);
        obj_decref(index);
        CHECK_EQ(obj_list_append(l, t), 0);
        obj_decref(t);
    }
    CHECK_EQ(obj_list_sort(l, 0), 0);
    for (size_t i = 1; i < obj_list_size(l); i++)
        CHECK_EQ(obj_richcompare_bool(obj_list_get(l, i - 1), obj_list_get(l, i), OBJ_LT), 1);
    CHECK_EQ(obj_list_sort(l, 1), 0);
    for (size_t i = 1; i < obj_list_size(l); i++)
        CHECK_EQ(obj_richcompare_bool(obj_list_get(l, i - 1), obj_list_get(l, i), OBJ_GT), 1);
    /* Mixed types cannot be ordered: TypeError, every item still there once. */
    obj_t *s = text("s");
    CHECK_EQ(obj_list_append(l, s), 0);
    obj_decref(s);
    CHECK_EQ(obj_list_sort(l, 0), -1);
    CHECK(obj_err_matches(&obj_exc_TypeError));
    obj_err_clear();
    CHECK_EQ(obj_list_size(l), 201);
    obj_decref(l);
}

/* ---- dict ---------------------------------------------------------------- */

static void test_dict_basics(void)
{
    obj_t *d = CHECK_OBJ(obj_dict_new());
    check_repr(d, "{}");
    CHECK(!obj_gc_is_tracked(d)); /* CPython: a new dict is untracked */
    for (int i = 0; i < 100; i++) {
        obj_t *k = CHECK_OBJ(obj_str_from_format("k%d", i)), *v = num(i);
        CHECK_EQ(obj_dict_setitem(d, k, v), 0);
        obj_decref(k);
        obj_decref(v);
    }
    CHECK_EQ(obj_dict_size(d), 100);
    CHECK(!obj_gc_is_tracked(d)); /* only atomic keys and values */
    for (int i = 0; i < 100; i += 2) {
        obj_t *k = CHECK_OBJ(obj_str_from_format("k%d", i));
        CHECK_EQ(obj_dict_delitem(d, k), 0);
        obj_decref(k);
    }
    obj_t *k = text("k1"), *missing = text("k0");
    obj_t *v = obj_dict_getitem(d, k);
    CHECK(v != NULL);
    check_repr(v, "1");
    CHECK(obj_dict_getitem(d, missing) == NULL && obj_err_occurred() == NULL);
    CHECK(obj_getitem(d, missing) == NULL);
    CHECK(obj_err_matches(&obj_exc_KeyError));
    obj_err_clear();
    /* Re-inserting a deleted key puts it at the end (insertion order). */
    CHECK_EQ(obj_dict_setitem(d, missing, k), 0);
    size_t pos = 0;
    obj_t *key, *value, *last = NULL;
    long n = 0;
    while (obj_dict_next(d, &pos, &key, &value)) {
        last = key;
        n++;
    }
    CHECK_EQ(n, 51);
    CHECK(last != NULL && obj_str_equal(last, missing));

    obj_t *l = CHECK_OBJ(obj_list_new(0));
    CHECK_EQ(obj_dict_setitem(d, k, l), 0);
    CHECK(obj_gc_is_tracked(d)); /* now it holds a container */
    obj_decref(l);
    obj_decref(k);
    obj_decref(missing);
    obj_decref(d);
}

static void test_dict_methods_and_views(void)
{
    obj_t *d = CHECK_OBJ(obj_dict_new());
    obj_t *a = text("a"), *b = text("b"), *one = num(1), *two = num(2);
    CHECK_EQ(obj_dict_setitem(d, a, one), 0);
    CHECK_EQ(obj_dict_setitem(d, b, two), 0);
    check_repr(d, "{'a': 1, 'b': 2}");
    obj_t *ks = CHECK_OBJ(obj_call_method(d, "keys", NULL, 0));
    check_repr(ks, "dict_keys(['a', 'b'])");
    CHECK_EQ(obj_contains(ks, b), 1);
    CHECK_EQ(obj_length(ks), 2);
    obj_t *items = CHECK_OBJ(obj_call_method(d, "items", NULL, 0));
    check_repr(items, "dict_items([('a', 1), ('b', 2)])");
    obj_t *r = CHECK_OBJ(obj_call_method(d, "popitem", NULL, 0));
    check_repr(r, "('b', 2)");
    obj_decref(r);
    obj_t *args[2] = {b, two};
    r = CHECK_OBJ(obj_call_method(d, "get", args, 2));
    CHECK(r == two);
    obj_decref(r);
    r = CHECK_OBJ(obj_call_method(d, "setdefault", args, 2));
    obj_decref(r);
    obj_t *c = CHECK_OBJ(obj_dict_copy(d));
    CHECK_EQ(obj_richcompare_bool(c, d, OBJ_EQ), 1);
    r = CHECK_OBJ(obj_call_method(c, "pop", &a, 1));
    obj_decref(r);
    CHECK_EQ(obj_richcompare_bool(c, d, OBJ_NE), 1);

    /* Changing size while iterating is an error, as in CPython. */
    obj_t *it = CHECK_OBJ(obj_get_iter(d));
    obj_t *first = CHECK_OBJ(obj_iter_next(it));
    obj_decref(first);
    CHECK_EQ(obj_dict_delitem(d, a), 0);
    CHECK(obj_iter_next(it) == NULL);
    CHECK(obj_err_matches(&obj_exc_RuntimeError));
    obj_err_clear();
    obj_decref(it);

    /* Unhashable keys. */
    obj_t *l = CHECK_OBJ(obj_list_new(0));
    CHECK_EQ(obj_dict_setitem(d, l, one), -1);
    CHECK_STREQ(obj_str_utf8(obj_err_value(), NULL), "unhashable type: 'list'");
    obj_err_clear();
    obj_decref(l);

    obj_decref(items);
    obj_decref(ks);
    obj_decref(c);
    obj_decref(a);
    obj_decref(b);
    obj_decref(one);
    obj_decref(two);
    obj_decref(d);
}

/* Random inserts, overwrites and deletes over a small key space, checked
 * against a plain array model after every step: contents, size and order
 * (a dict iterates in first-insertion order of its live keys). */
static void test_dict_random_against_model(void)
{
    enum { KEYS = 40, STEPS = 4000 };
    long value[KEYS];    /* -1: absent */
    long inserted[KEYS]; /* insertion stamp of a live key */
    long stamp = 0;
    for (int i = 0; i < KEYS; i++)
        value[i] = -1;
    obj_t *d = CHECK_OBJ(obj_dict_new());
    unsigned x = 99;
    for (int step = 0; step < STEPS; step++) {
        x = x * 1103515245u + 12345u;
        int k = (int)((x >> 16) % KEYS), op = (int)((x >> 8) % 3);
        obj_t *key = CHECK_OBJ(k % 2 ? obj_str_from_format("key%d", k) : obj_int_from_ssize(k));
        if (op < 2) {
            obj_t *v = num(step);
            CHECK_EQ(obj_dict_setitem(d, key, v), 0);
            obj_decref(v);
            if (value[k] < 0)
                inserted[k] = stamp++;
            value[k] = step;
        } else {
            int r = obj_dict_delitem(d, key);
            CHECK_EQ(r, value[k] < 0 ? -1 : 0);
            if (r < 0) {
                CHECK(obj_err_matches(&obj_exc_KeyError));
                obj_err_clear();
            }
            value[k] = -1;
        }
        obj_decref(key);
        size_t live = 0;
        long last_stamp = -1;
        size_t pos = 0;
        obj_t *dk, *dv;
        for (int i = 0; i < KEYS; i++)
            live += value[i] >= 0;
        CHECK_EQ(obj_dict_size(d), live);
        while (obj_dict_next(d, &pos, &dk, &dv)) {
            int i =
                obj_str_check(dk) ? atoi(obj_str_utf8(dk, NULL) + 3) : (int)obj_int_as_ssize(dk);
            CHECK(value[i] >= 0);
            CHECK_EQ(obj_int_as_ssize(dv), value[i]);
            CHECK(inserted[i] > last_stamp);
            last_stamp = inserted[i];
        }
    }
    obj_decref(d);
}

/* ---- trashcan ------------------------------------------------------------ */

enum { CHAIN_LIST, CHAIN_TUPLE, CHAIN_DICT };

/* Build a chain of `depth` nested containers, then drop it with one decref.
 * Without the trashcan this recurses `depth` deep in C. */
static void free_chain(int kind, long depth)
{
    obj_t *inner = CHECK_OBJ(obj_list_new(0));
    obj_t *key = text("next");
    for (long i = 0; i < depth; i++) {
        obj_t *outer;
        if (kind == CHAIN_LIST) {
            outer = obj_list_new(0);
            if (outer && obj_list_append(outer, inner) < 0)
                obj_clear_ref(&outer);
        } else if (kind == CHAIN_TUPLE) {
            outer = obj_tuple_pack(1, inner);
        } else {
            outer = obj_dict_new();
            if (outer && obj_dict_setitem(outer, key, inner) < 0)
                obj_clear_ref(&outer);
        }
        obj_decref(inner);
        inner = CHECK_OBJ(outer);
    }
    obj_decref(key);
    struct obj_stats before, after;
    obj_get_stats(&before);
    obj_decref(inner);
    obj_get_stats(&after);
    CHECK(after.trashcan_deferred > before.trashcan_deferred);
}

static void test_trashcan_deep_chains(void)
{
    long depth = 100000 / (long)unit_scale();
    free_chain(CHAIN_LIST, depth);
    free_chain(CHAIN_TUPLE, depth);
    free_chain(CHAIN_DICT, depth);
}

/* ---- out of memory ------------------------------------------------------- */

static int op_build_containers(void *arg)
{
    (void)arg;
    obj_t *d = obj_dict_new(), *l = obj_list_new(0), *t = NULL, *s = NULL;
    int r = -1;
    if (d == NULL || l == NULL)
        goto out;
    for (int i = 0; i < 40; i++) {
        obj_t *k = obj_str_from_format("key%d", i);
        if (k == NULL)
            goto out;
        int bad = obj_dict_setitem(d, k, l) < 0 || obj_list_append(l, k) < 0;
        obj_decref(k);
        if (bad)
            goto out;
    }
    t = obj_list_as_tuple(l);
    if (t == NULL)
        goto out;
    s = obj_repr(d);
    if (s == NULL)
        goto out;
    r = 0;
out:
    obj_xdecref(s);
    obj_xdecref(t);
    if (l)
        obj_list_sort(l, 0); /* harmless; exercises the sort's own allocation */
    if (d)
        obj_dict_clear(d); /* d holds l: break that before dropping both */
    obj_xdecref(l);
    obj_xdecref(d);
    return r;
}

static int op_str_work(void *arg)
{
    (void)arg;
    obj_t *a = obj_str_from_format("%0300d", 7);
    if (a == NULL)
        return -1;
    obj_t *b = obj_str_concat(a, a);
    obj_decref(a);
    if (b == NULL)
        return -1;
    obj_t *i = obj_str_intern(b);
    obj_decref(i);
    return 0;
}

static void test_out_of_memory(void)
{
    CHECK(UNIT_EACH_FAILURE(op_build_containers, NULL) > 40);
    CHECK(UNIT_EACH_FAILURE(op_str_work, NULL) >= 3);
}

/* The error set now is RecursionError with this message; clears it. */
static void check_recursion_error(const char *message)
{
    CHECK(obj_err_matches(&obj_exc_RecursionError));
    CHECK_STREQ(obj_str_utf8(obj_err_value(), NULL), message);
    obj_err_clear();
}

/* Nests 10 000 deep: repr, == and hash raise RecursionError (the stack check,
 * objects/stack.h) instead of running off the stack; shallow ones still work. */
static void test_recursion_bounded_by_stack(void)
{
    obj_t *a = CHECK_OBJ(obj_list_new(0)), *b = CHECK_OBJ(obj_list_new(0));
    obj_t *t = CHECK_OBJ(obj_tuple_new(0));
    for (int depth = 1; depth <= 10000; depth++) {
        obj_t *nests[3] = {a, b, t};
        for (int k = 0; k < 3; k++) {
            obj_t *outer = k < 2 ? CHECK_OBJ(obj_list_new(0)) : CHECK_OBJ(obj_tuple_pack(1, t));
            if (k < 2)
                CHECK(obj_list_append(outer, nests[k]) == 0);
            obj_decref(nests[k]);
            nests[k] = outer;
        }
        a = nests[0], b = nests[1], t = nests[2];
        if (depth == 3) {
            check_repr(a, "[[[[]]]]");
            check_repr(t, "((((),),),)");
            CHECK_EQ(obj_richcompare_bool(a, b, OBJ_EQ), 1);
            CHECK(obj_hash(t) != -1);
        }
    }
    CHECK(obj_repr(a) == NULL);
    check_recursion_error("maximum recursion depth exceeded while getting the repr of an object");
    CHECK(obj_repr(t) == NULL);
    check_recursion_error("maximum recursion depth exceeded while getting the repr of an object");
    CHECK_EQ(obj_richcompare_bool(a, b, OBJ_EQ), -1);
    check_recursion_error("maximum recursion depth exceeded in comparison");
    CHECK_EQ(obj_hash(t), -1);
    check_recursion_error("maximum recursion depth exceeded while getting the hash of an object");
    obj_decref(a);
    obj_decref(b);
    obj_decref(t);
}

UNIT_SUITE(core, UNIT_TEST(test_refcount_and_immortals), UNIT_TEST(test_errors),
           UNIT_TEST(test_str_basics), UNIT_TEST(test_str_ordering), UNIT_TEST(test_interning),
           UNIT_TEST(test_tuple), UNIT_TEST(test_list_basics), UNIT_TEST(test_list_slices),
           UNIT_TEST(test_list_sort), UNIT_TEST(test_dict_basics),
           UNIT_TEST(test_dict_methods_and_views), UNIT_TEST(test_dict_random_against_model),
           UNIT_TEST(test_trashcan_deep_chains), UNIT_TEST(test_out_of_memory),
           UNIT_TEST(test_recursion_bounded_by_stack));
