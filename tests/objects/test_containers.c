/* Container tests: the list, tuple and dict methods and operators that
 * test_core.c does not reach (sort, reverse, copy, count, index, insert,
 * extend, pop, concatenation and repetition, slice assignment and deletion,
 * tuple slicing, dict copy, update and values), each expected value from
 * CPython 3.12; then every allocation of list, tuple, dict, set and slice
 * work failed in turn from mm (UNIT_EACH_FAILURE). Runs on the host (cmocka)
 * and in QEMU.
 */
#include <stdarg.h>
#include <string.h>

#include "objects/dict.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/range.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

/* ---- helpers ------------------------------------------------------------- */

static obj_t *num(long v)
{
    return CHECK_OBJ(obj_int_from_ssize(v));
}

static obj_t *text(const char *s)
{
    return CHECK_OBJ(obj_str_from_cstr(s));
}

/* A list of n small ints. New reference. */
static obj_t *ints(size_t n, ...)
{
    obj_t *l = CHECK_OBJ(obj_list_new(n));
    va_list args;
    va_start(args, n);
    for (size_t i = 0; i < n; i++)
        obj_list_set_new(l, i, num(va_arg(args, int)));
    va_end(args);
    return l;
}

/* The list l as a tuple; consumes l. New reference. */
static obj_t *as_tuple(obj_t *l)
{
    obj_t *t = CHECK_OBJ(obj_list_as_tuple(l));
    obj_decref(l);
    return t;
}

/* repr(o) is `want`; consumes o. */
static void check_repr(obj_t *o, const char *want)
{
    CHECK_OBJ(o);
    obj_t *r = CHECK_OBJ(obj_repr(o));
    CHECK_STREQ(obj_str_utf8(r, NULL), want);
    obj_decref(r);
    obj_decref(o);
}

/* repr(o) is `want`; o stays. */
static void check_now(obj_t *o, const char *want)
{
    check_repr(obj_newref(o), want);
}

/* The error set is `type` with message `message`; clears it. */
static void check_error(const obj_type_t *type, const char *message)
{
    CHECK(obj_err_occurred() == type);
    obj_t *v = obj_err_value();
    CHECK_STREQ(v ? obj_str_utf8(v, NULL) : "", message);
    obj_err_clear();
}

/* self.name(args...) with up to two arguments. New reference. */
static obj_t *call(obj_t *self, const char *name, size_t nargs, obj_t *a, obj_t *b)
{
    obj_t *args[2] = {a, b};
    return obj_call_method(self, name, args, nargs);
}

/* self.name(args...) returning None. */
static void call_none(obj_t *self, const char *name, size_t nargs, obj_t *a, obj_t *b)
{
    CHECK(CHECK_OBJ(call(self, name, nargs, a, b)) == obj_none);
}

/* s[start:stop:step], each NULL for absent. New reference. */
static obj_t *slice_of(obj_t *s, obj_t *start, obj_t *stop, obj_t *step)
{
    obj_t *key = CHECK_OBJ(obj_slice_new(start, stop, step));
    obj_t *r = obj_getitem(s, key);
    obj_decref(key);
    return r;
}

static int set_slice(obj_t *s, obj_t *start, obj_t *stop, obj_t *step, obj_t *value)
{
    obj_t *key = CHECK_OBJ(obj_slice_new(start, stop, step));
    int r = value ? obj_setitem(s, key, value) : obj_delitem(s, key);
    obj_decref(key);
    return r;
}

/* ---- list ---------------------------------------------------------------- */

/* count and index of a list or tuple holding 3, 1, 2, 1; CPython's messages
 * for a missing item and a missing argument. */
static void check_count_index(obj_t *seq, const char *not_found, const char *no_argument)
{
    check_repr(call(seq, "count", 1, num(1), NULL), "2");
    check_repr(call(seq, "count", 1, num(9), NULL), "0");
    check_repr(call(seq, "index", 1, num(2), NULL), "2");
    CHECK(call(seq, "index", 1, num(9), NULL) == NULL);
    check_error(&obj_exc_ValueError, not_found);
    CHECK(call(seq, "count", 0, NULL, NULL) == NULL);
    check_error(&obj_exc_TypeError, no_argument);
}

static void test_list_methods(void)
{
    obj_t *l = ints(4, 3, 1, 2, 1);
    check_count_index(l, "9 is not in list", "list.count() takes exactly one argument (0 given)");
    CHECK(call(l, "reverse", 1, num(1), NULL) == NULL);
    check_error(&obj_exc_TypeError, "list.reverse() takes no arguments (1 given)");

    call_none(l, "insert", 2, num(0), num(0));
    check_now(l, "[0, 3, 1, 2, 1]");
    call_none(l, "insert", 2, num(-1), num(7));
    check_now(l, "[0, 3, 1, 2, 7, 1]");
    call_none(l, "insert", 2, num(100), num(8));
    obj_t *minus100 = num(-100); /* not a cached small int: a heap object */
    call_none(l, "insert", 2, minus100, num(9));
    obj_decref(minus100);
    check_now(l, "[9, 0, 3, 1, 2, 7, 1, 8]");
    call_none(l, "reverse", 0, NULL, NULL);
    check_now(l, "[8, 1, 7, 2, 1, 3, 0, 9]");
    obj_t *c = CHECK_OBJ(call(l, "copy", 0, NULL, NULL));
    CHECK(c != l);
    CHECK_EQ(obj_richcompare_bool(c, l, OBJ_EQ), 1);
    check_repr(c, "[8, 1, 7, 2, 1, 3, 0, 9]");
    obj_decref(l);

    l = ints(2, 1, 2);
    obj_t *one = ints(1, 3), *t = as_tuple(ints(2, 4, 5));
    call_none(l, "extend", 1, one, NULL);
    call_none(l, "extend", 1, t, NULL);
    call_none(l, "extend", 1, l, NULL);
    check_now(l, "[1, 2, 3, 4, 5, 1, 2, 3, 4, 5]");
    obj_decref(l);
    obj_decref(one);
    obj_decref(t);

    /* extend from iterators: a range's, a str's, a dict's (its keys). */
    l = ints(1, 1);
    obj_t *r = CHECK_OBJ(obj_range_new(2, 5, 1));
    obj_t *ab = text("ab"), *d = CHECK_OBJ(obj_dict_new());
    CHECK_EQ(obj_dict_setitem(d, num(7), num(0)), 0);
    call_none(l, "extend", 1, r, NULL);
    call_none(l, "extend", 1, ab, NULL);
    call_none(l, "extend", 1, d, NULL);
    check_now(l, "[1, 2, 3, 4, 'a', 'b', 7]");
    CHECK(call(l, "extend", 1, num(5), NULL) == NULL);
    check_error(&obj_exc_TypeError, "'int' object is not iterable");
    obj_decref(r);
    obj_decref(ab);
    obj_decref(d);
    obj_decref(l);

    l = ints(4, 5, 6, 7, 8);
    check_repr(call(l, "pop", 0, NULL, NULL), "8");
    check_repr(call(l, "pop", 1, num(0), NULL), "5");
    check_repr(call(l, "pop", 1, num(-1), NULL), "7");
    check_now(l, "[6]");
    CHECK(call(l, "pop", 1, num(9), NULL) == NULL);
    check_error(&obj_exc_IndexError, "pop index out of range");
    call_none(l, "clear", 0, NULL, NULL);
    CHECK(call(l, "pop", 0, NULL, NULL) == NULL);
    check_error(&obj_exc_IndexError, "pop from empty list");
    obj_decref(l);
}

static void test_list_sort(void)
{
    /* Stable, in both directions: 1, 1.0 and True are equal and keep their
     * order, as CPython's reverse sort keeps it. */
    for (int reverse = 0; reverse < 2; reverse++) {
        obj_t *l = CHECK_OBJ(obj_list_new(0));
        obj_t *items[] = {num(2), num(1), CHECK_OBJ(obj_float_from_double(1.0)), obj_true, num(0)};
        for (size_t i = 0; i < 5; i++) {
            CHECK_EQ(obj_list_append(l, items[i]), 0);
            obj_decref(items[i]);
        }
        call_none(l, "sort", reverse, obj_bool_from(reverse), NULL);
        check_repr(l, reverse ? "[2, 1, 1.0, True, 0]" : "[0, 1, 1.0, True, 2]");
    }
    /* A comparison that fails leaves the list whole, in its old order. */
    obj_t *l = ints(1, 3), *a = text("a");
    CHECK_EQ(obj_list_append(l, a), 0);
    CHECK_EQ(obj_list_append(l, num(1)), 0);
    CHECK(call(l, "sort", 0, NULL, NULL) == NULL);
    check_error(&obj_exc_TypeError, "'<' not supported between instances of 'str' and 'int'");
    check_repr(l, "[3, 'a', 1]");
    obj_decref(a);

    l = ints(7, 20, 17, 14, 11, 8, 5, 2);
    CHECK_EQ(obj_list_sort(l, 0), 0);
    check_now(l, "[2, 5, 8, 11, 14, 17, 20]");
    CHECK_EQ(obj_list_sort(l, 1), 0);
    check_repr(l, "[20, 17, 14, 11, 8, 5, 2]");
}

static void test_list_concat_repeat(void)
{
    obj_t *a = ints(2, 1, 2), *b = ints(1, 3), *t = as_tuple(ints(1, 2)), *e = ints(0);
    check_repr(obj_number_add(a, b), "[1, 2, 3]");
    CHECK(obj_number_add(b, t) == NULL);
    check_error(&obj_exc_TypeError, "can only concatenate list (not \"tuple\") to list");
    check_repr(obj_number_multiply(a, num(3)), "[1, 2, 1, 2, 1, 2]");
    check_repr(obj_number_multiply(num(3), a), "[1, 2, 1, 2, 1, 2]");
    check_repr(obj_number_multiply(b, num(0)), "[]");
    check_repr(obj_number_multiply(b, num(-1)), "[]");
    check_repr(obj_number_multiply(e, num(5)), "[]");
    obj_t *huge = CHECK_OBJ(obj_int_from_ssize((obj_ssize_t)1 << (sizeof(void *) * 8 - 2)));
    CHECK(obj_number_multiply(a, huge) == NULL);
    CHECK(obj_err_matches(&obj_exc_MemoryError));
    obj_err_clear();
    obj_decref(huge);
    obj_decref(a);
    obj_decref(b);
    obj_decref(t);
    obj_decref(e);
}

static void test_list_slice_assignment(void)
{
    obj_t *ten = CHECK_OBJ(obj_range_new(0, 10, 1));
    obj_t *l = CHECK_OBJ(obj_list_from_iterable(ten)), *empty = ints(0);
    CHECK_EQ(set_slice(l, num(2), num(5), NULL, empty), 0);
    check_now(l, "[0, 1, 5, 6, 7, 8, 9]");
    CHECK_EQ(set_slice(l, NULL, NULL, num(2), NULL), 0);
    check_now(l, "[1, 6, 8]");
    obj_decref(l);
    l = CHECK_OBJ(obj_list_from_iterable(ten));
    CHECK_EQ(set_slice(l, NULL, NULL, num(-3), NULL), 0);
    check_repr(l, "[1, 2, 4, 5, 7, 8]");

    l = ints(5, 0, 1, 2, 3, 4);
    obj_t *abc = text("abc");
    CHECK_EQ(set_slice(l, num(1), num(3), NULL, abc), 0);
    check_now(l, "[0, 'a', 'b', 'c', 3, 4]");
    CHECK_EQ(set_slice(l, num(0), num(0), NULL, l), 0);
    check_repr(l, "[0, 'a', 'b', 'c', 3, 4, 0, 'a', 'b', 'c', 3, 4]");

    l = ints(6, 0, 1, 2, 3, 4, 5);
    obj_t *three = ints(3, 10, 20, 30), *two = ints(2, 1, 2);
    CHECK_EQ(set_slice(l, NULL, NULL, num(2), three), 0);
    check_now(l, "[10, 1, 20, 3, 30, 5]");
    CHECK_EQ(set_slice(l, NULL, NULL, num(2), two), -1);
    check_error(&obj_exc_ValueError,
                "attempt to assign sequence of size 2 to extended slice of size 3");
    check_repr(l, "[10, 1, 20, 3, 30, 5]");

    l = ints(3, 1, 2, 3);
    obj_t *pair = as_tuple(ints(2, 9, 8)), *seven = ints(1, 7), *zero = ints(1, 0);
    obj_t *it = CHECK_OBJ(obj_get_iter(zero));
    CHECK_EQ(set_slice(l, num(1), num(1), NULL, pair), 0);
    check_now(l, "[1, 9, 8, 2, 3]");
    CHECK_EQ(set_slice(l, num(4), NULL, NULL, seven), 0);
    check_now(l, "[1, 9, 8, 2, 7]");
    CHECK_EQ(set_slice(l, num(-2), NULL, NULL, it), 0);
    check_now(l, "[1, 9, 8, 0]");
    CHECK_EQ(obj_delitem(l, num(0)), 0);
    check_now(l, "[9, 8, 0]");
    CHECK_EQ(obj_delitem(l, num(9)), -1);
    check_error(&obj_exc_IndexError, "list assignment index out of range");
    obj_t *minus9 = num(-9);
    CHECK_EQ(obj_setitem(l, minus9, num(1)), -1);
    obj_decref(minus9);
    check_error(&obj_exc_IndexError, "list assignment index out of range");
    CHECK(obj_getitem(l, abc) == NULL);
    check_error(&obj_exc_TypeError, "list indices must be integers or slices, not str");
    CHECK_EQ(obj_setitem(l, num(-1), abc), 0);
    check_now(l, "[9, 8, 'abc']");
    check_repr(obj_getitem(l, num(-3)), "9");
    CHECK(obj_getitem(l, num(3)) == NULL);
    check_error(&obj_exc_IndexError, "list index out of range");
    obj_decref(l);
    obj_decref(it);
    obj_decref(ten);
    obj_decref(empty);
    obj_decref(abc);
    obj_decref(three);
    obj_decref(two);
    obj_decref(pair);
    obj_decref(seven);
    obj_decref(zero);
}

/* ---- tuple --------------------------------------------------------------- */

static void test_tuple_slicing(void)
{
    obj_t *t = as_tuple(ints(5, 0, 1, 2, 3, 4));
    check_repr(slice_of(t, num(1), num(3), NULL), "(1, 2)");
    check_repr(slice_of(t, NULL, NULL, num(-1)), "(4, 3, 2, 1, 0)");
    check_repr(slice_of(t, NULL, NULL, num(2)), "(0, 2, 4)");
    obj_t *all = CHECK_OBJ(slice_of(t, NULL, NULL, NULL));
    CHECK(all == t);
    obj_decref(all);
    obj_t *none = CHECK_OBJ(slice_of(t, num(5), num(1), NULL));
    CHECK(obj_is_immortal(none)); /* the empty tuple */
    check_repr(none, "()");
    check_repr(slice_of(t, num(-2), NULL, NULL), "(3, 4)");
    check_repr(slice_of(t, num(1), num(4), num(2)), "(1, 3)");
    check_repr(slice_of(t, num(10), NULL, NULL), "()");
    obj_t *minus10 = num(-10);
    check_repr(slice_of(t, minus10, num(2), NULL), "(0, 1)");
    obj_decref(minus10);
    check_repr(obj_getitem(t, num(-1)), "4");
    CHECK(obj_getitem(t, num(9)) == NULL);
    check_error(&obj_exc_IndexError, "tuple index out of range");
    obj_t *a = text("a");
    CHECK(obj_getitem(t, a) == NULL);
    check_error(&obj_exc_TypeError, "tuple indices must be integers or slices, not str");
    obj_decref(a);
    obj_decref(t);
}

static void test_tuple_operations(void)
{
    obj_t *t = as_tuple(ints(5, 0, 1, 2, 3, 4)), *five = as_tuple(ints(1, 5)),
          *e = CHECK_OBJ(obj_tuple_new(0));
    check_repr(obj_number_add(t, five), "(0, 1, 2, 3, 4, 5)");
    obj_t *same = CHECK_OBJ(obj_number_add(t, e));
    CHECK(same == t);
    obj_decref(same);
    same = CHECK_OBJ(obj_number_add(e, t));
    CHECK(same == t);
    obj_decref(same);
    same = CHECK_OBJ(obj_number_multiply(t, num(1)));
    CHECK(same == t);
    obj_decref(same);
    check_repr(obj_number_multiply(t, num(0)), "()");
    obj_t *pair = as_tuple(ints(2, 1, 2)), *seven = as_tuple(ints(1, 7)), *l = ints(1, 1);
    check_repr(obj_number_multiply(pair, num(3)), "(1, 2, 1, 2, 1, 2)");
    check_repr(obj_number_multiply(num(2), seven), "(7, 7)");
    CHECK(obj_number_add(t, l) == NULL);
    check_error(&obj_exc_TypeError, "can only concatenate tuple (not \"list\") to tuple");

    obj_t *ones = as_tuple(ints(4, 3, 1, 2, 1));
    check_count_index(ones, "tuple.index(x): x not in tuple",
                      "tuple.count() takes exactly one argument (0 given)");

    /* hash((1, 2)) == hash((1, 2.0)); comparisons are lexicographic. */
    obj_t *pf = CHECK_OBJ(obj_tuple_new(2));
    obj_tuple_set_new(pf, 0, num(1));
    obj_tuple_set_new(pf, 1, CHECK_OBJ(obj_float_from_double(2.0)));
    CHECK_EQ(obj_hash(pair), obj_hash(pf));
    CHECK_EQ(obj_richcompare_bool(pair, pf, OBJ_EQ), 1);
    obj_t *p13 = as_tuple(ints(2, 1, 3)), *p120 = as_tuple(ints(3, 1, 2, 0)),
          *p2 = as_tuple(ints(1, 2)), *p15 = as_tuple(ints(2, 1, 5));
    CHECK_EQ(obj_richcompare_bool(pair, p13, OBJ_LT), 1);
    CHECK_EQ(obj_richcompare_bool(pair, p120, OBJ_LT), 1);
    CHECK_EQ(obj_richcompare_bool(p2, p15, OBJ_GT), 1);
    CHECK_EQ(obj_contains(t, num(3)), 1);
    CHECK_EQ(obj_contains(t, num(9)), 0);
    CHECK_EQ(obj_length(t), 5);
    obj_t *objs[] = {t, five, e, pair, seven, l, ones, pf, p13, p120, p2, p15};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_decref(objs[i]);
}

/* The comparisons test_tuple_operations leaves out: each operator, on
 * tuples that differ and on equal ones. */
static void test_tuple_comparisons(void)
{
    obj_t *p12 = as_tuple(ints(2, 1, 2)), *p13 = as_tuple(ints(2, 1, 3)),
          *p1 = as_tuple(ints(1, 1)), *p123 = as_tuple(ints(3, 1, 2, 3)),
          *again = as_tuple(ints(2, 1, 2));
    CHECK_EQ(obj_richcompare_bool(p12, p13, OBJ_NE), 1);
    CHECK_EQ(obj_richcompare_bool(p12, p13, OBJ_EQ), 0);
    CHECK_EQ(obj_richcompare_bool(p12, again, OBJ_LE), 1);
    CHECK_EQ(obj_richcompare_bool(p13, p12, OBJ_GE), 1);
    CHECK_EQ(obj_richcompare_bool(p13, p12, OBJ_GT), 1);
    CHECK_EQ(obj_richcompare_bool(p12, again, OBJ_NE), 0);
    CHECK_EQ(obj_richcompare_bool(p1, p12, OBJ_LE), 1);
    CHECK_EQ(obj_richcompare_bool(p123, p12, OBJ_GT), 1);
    obj_t *objs[] = {p12, p13, p1, p123, again};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_decref(objs[i]);
}

/* ---- slice --------------------------------------------------------------- */

static void test_slices(void)
{
    obj_t *s = CHECK_OBJ(obj_slice_new(num(1), NULL, num(2)));
    check_now(s, "slice(1, None, 2)");
    obj_t *s12 = CHECK_OBJ(obj_slice_new(num(1), num(2), NULL)),
          *s12b = CHECK_OBJ(obj_slice_new(num(1), num(2), NULL)),
          *s13 = CHECK_OBJ(obj_slice_new(num(1), num(3), NULL));
    CHECK_EQ(obj_richcompare_bool(s12, s12b, OBJ_EQ), 1);
    CHECK_EQ(obj_richcompare_bool(s12, s13, OBJ_LT), 1);
    CHECK_EQ(obj_richcompare_bool(s12, num(1), OBJ_EQ), 0);

    /* Bad indices and a zero step, with CPython's messages. */
    obj_t *l = ints(2, 1, 2), *a = text("a");
    CHECK(slice_of(l, a, NULL, NULL) == NULL);
    check_error(&obj_exc_TypeError,
                "slice indices must be integers or None or have an __index__ method");
    CHECK(slice_of(l, NULL, a, NULL) == NULL);
    check_error(&obj_exc_TypeError,
                "slice indices must be integers or None or have an __index__ method");
    CHECK(slice_of(l, NULL, NULL, a) == NULL);
    check_error(&obj_exc_TypeError,
                "slice indices must be integers or None or have an __index__ method");
    CHECK(slice_of(l, NULL, NULL, num(0)) == NULL);
    check_error(&obj_exc_ValueError, "slice step cannot be zero");
    /* Indices past the machine word saturate: [1, 2][10**30:] == []. */
    obj_t *big = CHECK_OBJ(obj_number_lshift(num(1), num(100)));
    obj_t *minus_big = CHECK_OBJ(obj_number_negative(big));
    check_repr(slice_of(l, big, NULL, NULL), "[]");
    check_repr(slice_of(l, minus_big, big, NULL), "[1, 2]");
    check_repr(slice_of(l, NULL, NULL, minus_big), "[2]");
    obj_t *objs[] = {s, s12, s12b, s13, l, a, big, minus_big};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_decref(objs[i]);
}

/* ---- dict ---------------------------------------------------------------- */

static void test_dict_copy_update_values(void)
{
    obj_t *a = text("a"), *b = text("b"), *c = text("c"), *z = text("z"), *q = text("q");
    obj_t *d = CHECK_OBJ(obj_dict_new());
    CHECK_EQ(obj_dict_setitem(d, a, num(1)), 0);
    CHECK_EQ(obj_dict_setitem(d, b, num(2)), 0);
    obj_t *copy = CHECK_OBJ(call(d, "copy", 0, NULL, NULL));
    CHECK(copy != d);
    CHECK_EQ(obj_dict_setitem(copy, c, num(3)), 0);
    check_now(d, "{'a': 1, 'b': 2}");
    check_repr(copy, "{'a': 1, 'b': 2, 'c': 3}");

    obj_t *other = CHECK_OBJ(obj_dict_new()), *empty = CHECK_OBJ(obj_dict_new());
    CHECK_EQ(obj_dict_setitem(other, b, num(20)), 0);
    CHECK_EQ(obj_dict_setitem(other, z, num(26)), 0);
    call_none(d, "update", 1, other, NULL);
    check_now(d, "{'a': 1, 'b': 20, 'z': 26}");
    call_none(d, "update", 1, empty, NULL);
    call_none(d, "update", 1, d, NULL);
    call_none(d, "update", 0, NULL, NULL);
    check_now(d, "{'a': 1, 'b': 20, 'z': 26}");
    CHECK(call(d, "update", 2, empty, empty) == NULL);
    check_error(&obj_exc_TypeError, "update expected at most 1 argument, got 2");
    CHECK(call(d, "copy", 1, empty, NULL) == NULL);
    check_error(&obj_exc_TypeError, "dict.copy() takes no arguments (1 given)");
    CHECK(call(d, "values", 1, empty, NULL) == NULL);
    check_error(&obj_exc_TypeError, "dict.values() takes no arguments (1 given)");

    /* A view is live: it sees later insertions and deletions. */
    obj_t *v = CHECK_OBJ(call(d, "values", 0, NULL, NULL));
    check_now(v, "dict_values([1, 20, 26])");
    CHECK_EQ(obj_length(v), 3);
    check_repr(obj_list_from_iterable(v), "[1, 20, 26]");
    CHECK_EQ(obj_dict_setitem(d, q, num(0)), 0);
    check_now(v, "dict_values([1, 20, 26, 0])");
    CHECK_EQ(obj_dict_delitem(d, a), 0);
    CHECK_EQ(obj_dict_setitem(d, a, num(5)), 0);
    check_now(d, "{'b': 20, 'z': 26, 'q': 0, 'a': 5}");
    check_repr(obj_list_from_iterable(v), "[20, 26, 0, 5]");
    check_repr(obj_list_from_iterable(d), "['b', 'z', 'q', 'a']");
    obj_t *items = CHECK_OBJ(call(d, "items", 0, NULL, NULL));
    check_repr(obj_list_from_iterable(items), "[('b', 20), ('z', 26), ('q', 0), ('a', 5)]");
    obj_decref(items);
    obj_decref(v);

    check_repr(call(empty, "copy", 0, NULL, NULL), "{}");
    v = CHECK_OBJ(call(empty, "values", 0, NULL, NULL));
    check_repr(obj_list_from_iterable(v), "[]");
    check_repr(v, "dict_values([])");

    /* Growing the dict while iterating its values is an error. */
    obj_t *g = CHECK_OBJ(obj_dict_new());
    CHECK_EQ(obj_dict_setitem(g, num(1), num(2)), 0);
    v = CHECK_OBJ(call(g, "values", 0, NULL, NULL));
    obj_t *it = CHECK_OBJ(obj_get_iter(v));
    check_repr(obj_iter_next(it), "2");
    CHECK_EQ(obj_dict_setitem(g, num(5), num(6)), 0);
    CHECK(obj_iter_next(it) == NULL);
    check_error(&obj_exc_RuntimeError, "dictionary changed size during iteration");
    obj_t *objs[] = {it, v, g, d, other, empty, a, b, c, z, q};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_decref(objs[i]);
}

/* ---- every allocation failed in turn --------------------------------------- */

/* The temporaries of one failing operation, released together. */
struct temps {
    obj_t *o[24];
    size_t n;
};

/* Keep o (may be NULL) for release; returns o. */
static obj_t *keep(struct temps *t, obj_t *o)
{
    if (o)
        t->o[t->n++] = o;
    return o;
}

static int release(struct temps *t, int status)
{
    while (t->n)
        obj_decref(t->o[--t->n]);
    return status;
}

#define KEEP(expr)                                                                                 \
    do {                                                                                           \
        if (keep(&t, (expr)) == NULL)                                                              \
            return release(&t, -1);                                                                \
    } while (0)
#define TRY(expr)                                                                                  \
    do {                                                                                           \
        if ((expr) < 0)                                                                            \
            return release(&t, -1);                                                                \
    } while (0)

/* Six ints as a tuple, a list from it (sized: one exact allocation), then
 * concatenation, repetition, slicing, slice assignment, extended deletion,
 * insertion, extension, copying and sorting. */
static int op_list_work(void *arg)
{
    (void)arg;
    struct temps t = {.n = 0};
    obj_t *src, *l, *s, *step2;
    KEEP(src = obj_tuple_new(6));
    for (size_t i = 0; i < 6; i++)
        obj_tuple_set_new(src, i, obj_int_from_ssize((obj_ssize_t)(6 - i)));
    KEEP(l = obj_list_from_iterable(src));
    KEEP(obj_number_add(l, l));
    KEEP(obj_number_multiply(l, obj_int_from_ssize(3)));
    KEEP(s = obj_slice_new(obj_int_from_ssize(1), obj_int_from_ssize(4), NULL));
    KEEP(obj_getitem(l, s));
    KEEP(obj_getitem(src, s));
    TRY(obj_setitem(l, s, src));
    KEEP(step2 = obj_slice_new(NULL, NULL, obj_int_from_ssize(2)));
    TRY(obj_delitem(l, step2));
    KEEP(obj_getitem(src, step2));
    TRY(obj_list_insert(l, 0, obj_int_from_ssize(9)));
    TRY(obj_list_extend(l, src));
    KEEP(obj_call_method(l, "copy", NULL, 0));
    TRY(obj_list_sort(l, 1));
    return release(&t, 0);
}

/* A dict, its iterator, its views and their iterators, a copy and a merge. */
static int op_dict_work(void *arg)
{
    (void)arg;
    struct temps t = {.n = 0};
    obj_t *d, *v, *k, *items, *it, *c, *x;
    KEEP(d = obj_dict_new());
    for (int i = 0; i < 12; i++)
        TRY(obj_dict_setitem(d, obj_int_from_ssize(i), obj_int_from_ssize(i * i)));
    KEEP(it = obj_get_iter(d));
    KEEP(x = obj_iter_next(it));
    KEEP(v = obj_call_method(d, "values", NULL, 0));
    KEEP(k = obj_call_method(d, "keys", NULL, 0));
    KEEP(items = obj_call_method(d, "items", NULL, 0));
    KEEP(obj_list_from_iterable(v));
    KEEP(obj_list_from_iterable(k));
    KEEP(obj_list_from_iterable(items));
    KEEP(c = obj_dict_copy(d));
    KEEP(x = obj_dict_new());
    TRY(obj_dict_merge(x, c));
    return release(&t, 0);
}

/* A set and a frozenset from a tuple, their iterators, a union. */
static int op_set_work(void *arg)
{
    (void)arg;
    struct temps t = {.n = 0};
    obj_t *src, *s, *f, *it;
    KEEP(src = obj_tuple_new(9));
    for (size_t i = 0; i < 9; i++)
        obj_tuple_set_new(src, i, obj_int_from_ssize((obj_ssize_t)(i * 7)));
    KEEP(s = obj_set_new(src));
    KEEP(f = obj_frozenset_new(src));
    KEEP(it = obj_get_iter(s));
    KEEP(obj_list_from_iterable(it));
    KEEP(obj_list_from_iterable(f));
    KEEP(obj_number_or(s, f));
    return release(&t, 0);
}

static void test_allocation_failures(void)
{
    CHECK(UNIT_EACH_FAILURE(op_list_work, NULL) >= 14);
    CHECK(UNIT_EACH_FAILURE(op_dict_work, NULL) >= 12);
    CHECK(UNIT_EACH_FAILURE(op_set_work, NULL) >= 7);
}

UNIT_SUITE(containers, UNIT_TEST(test_list_methods), UNIT_TEST(test_list_sort),
           UNIT_TEST(test_list_concat_repeat), UNIT_TEST(test_list_slice_assignment),
           UNIT_TEST(test_tuple_slicing), UNIT_TEST(test_tuple_operations),
           UNIT_TEST(test_tuple_comparisons), UNIT_TEST(test_slices),
           UNIT_TEST(test_dict_copy_update_values), UNIT_TEST(test_allocation_failures));
