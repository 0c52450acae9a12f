/* range tests: construction and the builtin's argument handling, len,
 * indexing and slicing (CPython's results, computed by CPython 3.12),
 * membership, count/index, iteration, equality and hash, repr, the limits of
 * word-sized bounds, and allocation failures. Runs on the host (cmocka) and
 * in QEMU.
 */
#include <limits.h>
#include <string.h>

#include "objects/int.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/range.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

void unit_fail_alloc_after(long n);

static obj_t *num(long v)
{
    return CHECK_OBJ(obj_int_from_ssize(v));
}

static obj_t *range(long start, long stop, long step)
{
    return CHECK_OBJ(obj_range_new(start, stop, step));
}

static void check_repr(obj_t *o, const char *want)
{
    obj_t *r = CHECK_OBJ(obj_repr(o));
    CHECK_STREQ(obj_str_utf8(r, NULL), want);
    obj_decref(r);
}

/* Takes o. */
static void check_repr_of(obj_t *o, const char *want)
{
    CHECK_OBJ(o);
    check_repr(o, want);
    obj_decref(o);
}

static void check_error(obj_t *r, const obj_type_t *type, const char *message)
{
    CHECK(r == NULL);
    CHECK(obj_err_occurred() == type);
    obj_t *v = obj_err_value();
    CHECK(v != NULL && obj_str_check(v));
    CHECK_STREQ(obj_str_utf8(v, NULL), message);
    obj_err_clear();
}

/* An int result equal to want; takes r. */
static void check_int(obj_t *r, long want)
{
    CHECK_OBJ(r);
    CHECK(obj_int_check(r));
    CHECK_EQ(obj_int_as_ssize(r), want);
    obj_decref(r);
}

static obj_t *call1(obj_t *self, const char *name, obj_t *arg)
{
    return obj_call_method(self, name, &arg, 1);
}

/* r[start:stop:step] with None for the LONG_MIN arguments. */
static obj_t *slice_of(obj_t *r, long start, long stop, long step)
{
    obj_t *a = start == LONG_MIN ? NULL : num(start), *b = stop == LONG_MIN ? NULL : num(stop),
          *c = step == LONG_MIN ? NULL : num(step);
    obj_t *s = CHECK_OBJ(obj_slice_new(a, b, c));
    obj_t *res = obj_getitem(r, s);
    obj_xdecref(a);
    obj_xdecref(b);
    obj_xdecref(c);
    obj_decref(s);
    return res;
}

#define NONE LONG_MIN

/* ---- construction, repr, len ----------------------------------------------- */

static void test_construction(void)
{
    obj_t *r = range(0, 5, 1);
    CHECK(obj_range_check(r));
    check_repr(r, "range(0, 5)");
    CHECK_EQ(obj_length(r), 5);
    CHECK_EQ(obj_is_true(r), 1);
    obj_decref(r);
    check_repr_of(obj_range_new(0, 5, 2), "range(0, 5, 2)");
    check_repr_of(obj_range_new(0, -3, 1), "range(0, -3)");
    check_error(obj_range_new(1, 2, 0), &obj_exc_ValueError, "range() arg 3 must not be zero");
    r = range(10, 0, -3);
    CHECK_EQ(obj_length(r), 4);
    obj_decref(r);
    r = range(5, 5, 1);
    CHECK_EQ(obj_length(r), 0);
    CHECK_EQ(obj_is_true(r), 0);
    obj_decref(r);

    /* the builtin's arguments */
    obj_t *args[4] = {num(7), num(2), num(-1), num(1)};
    check_repr_of(obj_range_from_args(args, 1), "range(0, 7)");
    check_repr_of(obj_range_from_args(args, 2), "range(7, 2)");
    check_repr_of(obj_range_from_args(args, 3), "range(7, 2, -1)");
    check_error(obj_range_from_args(args, 0), &obj_exc_TypeError,
                "range expected at least 1 argument, got 0");
    check_error(obj_range_from_args(args, 4), &obj_exc_TypeError,
                "range expected at most 3 arguments, got 4");
    obj_t *f = CHECK_OBJ(obj_str_from_cstr("x"));
    check_error(obj_range_from_args(&f, 1), &obj_exc_TypeError,
                "'str' object cannot be interpreted as an integer");
    obj_decref(f);
    const char *huge = "1000000000000000000000000000000";
    obj_t *h = CHECK_OBJ(obj_int_from_string(huge, strlen(huge), 10));
    check_error(obj_range_from_args(&h, 1), &obj_exc_OverflowError,
                "Python int too large to convert to C ssize_t");
    check_repr_of(obj_range_from_args((obj_t *[]){obj_true}, 1), "range(0, 1)");
    obj_decref(h);
    for (int i = 0; i < 4; i++)
        obj_decref(args[i]);
}

/* ---- indexing and slicing ----------------------------------------------------- */

static void test_indexing(void)
{
    obj_t *r = range(0, 10, 3); /* 0 3 6 9 */
    obj_t *i = num(-1);
    check_int(obj_getitem(r, i), 9);
    obj_decref(i);
    i = num(1);
    check_int(obj_getitem(r, i), 3);
    obj_decref(i);
    i = num(4);
    check_error(obj_getitem(r, i), &obj_exc_IndexError, "range object index out of range");
    obj_decref(i);
    i = num(-5);
    check_error(obj_getitem(r, i), &obj_exc_IndexError, "range object index out of range");
    obj_decref(i);
    const char *huge = "1000000000000000000000000000000";
    i = CHECK_OBJ(obj_int_from_string(huge, strlen(huge), 10));
    check_error(obj_getitem(r, i), &obj_exc_IndexError, "range object index out of range");
    obj_decref(i);
    i = CHECK_OBJ(obj_str_from_cstr("a"));
    check_error(obj_getitem(r, i), &obj_exc_TypeError,
                "range indices must be integers or slices, not str");
    obj_decref(i);
    check_int(obj_getitem(r, obj_true), 3);

    /* slices are ranges, with CPython's bounds */
    check_repr_of(slice_of(r, NONE, NONE, 1), "range(0, 12, 3)");
    check_repr_of(slice_of(r, NONE, NONE, -1), "range(9, -3, -3)");
    check_repr_of(slice_of(r, 1, NONE, NONE), "range(3, 12, 3)");
    check_repr_of(slice_of(r, NONE, NONE, 2), "range(0, 12, 6)");
    check_repr_of(slice_of(r, 5, 1, -2), "range(9, 3, -6)");
    obj_decref(r);
    r = range(0, 10, 1);
    check_repr_of(slice_of(r, NONE, NONE, -1), "range(9, -1, -1)");
    obj_decref(r);
    r = range(10, 0, -3);
    check_repr_of(slice_of(r, 1, NONE, 2), "range(7, -2, -6)");
    obj_decref(r);
    r = range(0, 5, 1);
    check_repr_of(slice_of(r, 10, NONE, NONE), "range(5, 5)");
    check_int(obj_getitem(r, obj_false), 0);
    obj_decref(r);
    r = range(0, -10, -1);
    check_repr_of(slice_of(r, 2, 5, NONE), "range(-2, -5, -1)");
    check_error(slice_of(r, NONE, NONE, 0), &obj_exc_ValueError, "slice step cannot be zero");
    obj_decref(r);
}

/* ---- membership, count, index ---------------------------------------------------- */

static void test_membership(void)
{
    obj_t *r = range(0, 20, 3);
    obj_t *nine = num(9), *ten = num(10), *neg = num(-3), *twenty = num(20), *eighteen = num(18);
    CHECK_EQ(obj_contains(r, nine), 1);
    CHECK_EQ(obj_contains(r, ten), 0);
    CHECK_EQ(obj_contains(r, neg), 0);
    CHECK_EQ(obj_contains(r, twenty), 0);
    CHECK_EQ(obj_contains(r, eighteen), 1);
    CHECK_EQ(obj_contains(r, obj_false), 1);
    check_int(call1(r, "index", nine), 3);
    check_int(call1(r, "count", nine), 1);
    check_int(call1(r, "count", ten), 0);
    check_error(call1(r, "index", ten), &obj_exc_ValueError, "10 is not in range");
    obj_t *a = CHECK_OBJ(obj_str_from_cstr("a"));
    CHECK_EQ(obj_contains(r, a), 0);
    check_int(call1(r, "count", a), 0);
    check_error(call1(r, "index", a), &obj_exc_ValueError, "sequence.index(x): x not in sequence");
    check_error(obj_call_method(r, "count", NULL, 0), &obj_exc_TypeError,
                "range.count() takes exactly one argument (0 given)");
    obj_decref(r);
    /* negative steps */
    r = range(10, -10, -4); /* 10 6 2 -2 -6 */
    CHECK_EQ(obj_contains(r, neg), 0);
    obj_t *m6 = num(-6), *m10 = num(-10);
    CHECK_EQ(obj_contains(r, m6), 1);
    CHECK_EQ(obj_contains(r, m10), 0);
    check_int(call1(r, "index", m6), 4);
    obj_decref(m6);
    obj_decref(m10);
    obj_decref(r);
    /* ints beyond a word are never elements */
    const char *huge = "-1000000000000000000000000000000";
    obj_t *h = CHECK_OBJ(obj_int_from_string(huge, strlen(huge), 10));
    r = range(INTPTR_MIN, INTPTR_MAX, 1);
    CHECK_EQ(obj_contains(r, h), 0);
    CHECK(obj_err_occurred() == NULL);
    obj_decref(r);
    obj_decref(h);
    obj_decref(a);
    obj_decref(nine);
    obj_decref(ten);
    obj_decref(neg);
    obj_decref(twenty);
    obj_decref(eighteen);
}

/* ---- iteration, equality, hash ---------------------------------------------------- */

static void test_iteration(void)
{
    obj_t *r = range(10, 0, -3);
    obj_t *l = CHECK_OBJ(obj_list_from_iterable(r));
    check_repr(l, "[10, 7, 4, 1]");
    obj_decref(l);
    obj_decref(r);
    r = range(0, 0, 1);
    obj_t *it = CHECK_OBJ(obj_get_iter(r));
    CHECK(obj_type(it) == &obj_type_range_iterator);
    CHECK(obj_iter_next(it) == NULL && obj_err_occurred() == NULL);
    obj_decref(it);
    obj_decref(r);
    /* the last elements of a range at the end of the word range */
    r = range(INTPTR_MAX - 4, INTPTR_MAX, 2);
    it = CHECK_OBJ(obj_get_iter(r));
    check_int(obj_iter_next(it), INTPTR_MAX - 4);
    check_int(obj_iter_next(it), INTPTR_MAX - 2);
    CHECK(obj_iter_next(it) == NULL && obj_err_occurred() == NULL);
    obj_decref(it);
    obj_decref(r);
}

static void test_equality_and_hash(void)
{
    struct {
        long a[3], b[3];
        int eq;
    } cases[] = {
        {{0, 0, 1}, {5, 5, 1}, 1},   {{0, 3, 2}, {0, 4, 2}, 1}, {{1, 2, 5}, {1, 3, 10}, 1},
        {{0, 10, 1}, {0, 10, 2}, 0}, {{0, 3, 1}, {1, 4, 1}, 0}, {{3, 0, -1}, {3, 0, -1}, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        obj_t *a = range(cases[i].a[0], cases[i].a[1], cases[i].a[2]);
        obj_t *b = range(cases[i].b[0], cases[i].b[1], cases[i].b[2]);
        CHECK_EQ(obj_richcompare_bool(a, b, OBJ_EQ), cases[i].eq);
        CHECK_EQ(obj_richcompare_bool(a, b, OBJ_NE), !cases[i].eq);
        if (cases[i].eq)
            CHECK_EQ(obj_hash(a), obj_hash(b));
        obj_decref(a);
        obj_decref(b);
    }
    /* hash(range(0, 3)) == hash((3, 0, 1)), as CPython's range_hash */
    obj_t *r = range(0, 3, 1), *three = num(3), *zero = num(0), *one = num(1);
    obj_t *t = CHECK_OBJ(obj_tuple_pack(3, three, zero, one));
    CHECK_EQ(obj_hash(r), obj_hash(t));
    /* ordering is not defined */
    check_error(obj_richcompare(r, r, OBJ_LT), &obj_exc_TypeError,
                "'<' not supported between instances of 'range' and 'range'");
    CHECK_EQ(obj_richcompare_bool(r, t, OBJ_EQ), 0);
    obj_decref(t);
    obj_decref(three);
    obj_decref(zero);
    obj_decref(one);
    obj_decref(r);
}

/* ---- word-sized bounds ---------------------------------------------------------- */

static void test_limits(void)
{
    /* longer than the largest obj_ssize_t: len() fails, the rest works */
    obj_t *r = range(INTPTR_MIN, INTPTR_MAX, 1);
    CHECK_EQ(obj_range_length(r), (size_t)-1);
    CHECK_EQ(obj_length(r), -1);
    check_error(NULL, &obj_exc_OverflowError, "Python int too large to convert to C ssize_t");
    CHECK_EQ(obj_is_true(r), 1);
    obj_t *i = num(-1);
    check_int(obj_getitem(r, i), INTPTR_MAX - 1);
    obj_decref(i);
    i = num(INTPTR_MAX);
    check_int(obj_getitem(r, i), -1);
    obj_decref(i);
    obj_t *m = num(INTPTR_MIN);
    check_int(call1(r, "index", m), 0);
    obj_decref(m);
    check_error(slice_of(r, 1, 3, NONE), &obj_exc_OverflowError,
                "Python int too large to convert to C ssize_t");
    obj_decref(r);
    /* a slice whose bound CPython would give as a big int */
    r = range(0, INTPTR_MAX, INTPTR_MAX / 2 + 1);
    CHECK_EQ(obj_length(r), 2);
    check_error(slice_of(r, NONE, NONE, NONE), &obj_exc_OverflowError,
                "Python int too large to convert to C ssize_t");
    obj_decref(r);
    r = range(INTPTR_MAX, INTPTR_MIN, INTPTR_MIN);
    CHECK_EQ(obj_length(r), 2);
    check_int(obj_getitem(r, obj_true), -1);
    obj_decref(r);
}

static void test_allocation_failures(void)
{
    obj_t *r = range(0, 1000, 7), *sl = CHECK_OBJ(obj_slice_new(NULL, NULL, obj_true));
    for (int op = 0; op < 5; op++) {
        long n;
        for (n = 0;; n++) {
            unit_fail_alloc_after(n);
            obj_t *x = op == 0   ? obj_range_new(1, 2, 3)
                       : op == 1 ? obj_get_iter(r)
                       : op == 2 ? obj_getitem(r, sl)
                       : op == 3 ? obj_repr(r)
                                 : obj_getitem(r, obj_true);
            unit_fail_alloc_after(-1);
            if (x) {
                obj_decref(x);
                break;
            }
            CHECK(obj_err_matches(&obj_exc_MemoryError));
            obj_err_clear();
            CHECK(n < 100);
        }
        CHECK(n > 0 || op == 4); /* r[1] is 7, a cached int */
    }
    /* hash builds a tuple: a failure is MemoryError, not a bogus hash */
    unit_fail_alloc_after(0);
    obj_hash_t h = obj_hash(r);
    unit_fail_alloc_after(-1);
    CHECK_EQ(h, -1);
    CHECK(obj_err_matches(&obj_exc_MemoryError));
    obj_err_clear();
    obj_decref(sl);
    obj_decref(r);
}

UNIT_SUITE(range, UNIT_TEST(test_construction), UNIT_TEST(test_indexing),
           UNIT_TEST(test_membership), UNIT_TEST(test_iteration), UNIT_TEST(test_equality_and_hash),
           UNIT_TEST(test_limits), UNIT_TEST(test_allocation_failures));
