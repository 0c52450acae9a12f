/* int tests: the small-int cache, bool operands, edge cases and CPython's
 * error messages, hashes, sizes, conversions, the CPython-generated vectors of
 * tests/data/int_cases.txt (tools/gen_int_cases.py), and every allocation
 * failure of the multi-digit operations. Runs on the host (cmocka) and in QEMU.
 */
#include <stdio.h>
#include <string.h>

#include "objects/float.h"
#include "objects/int.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

/* Provided by the runners: test data (a file on the host, an embedded copy on
 * the board), and allocation-failure injection (n-th allocation from now; -1
 * disables). */
const char *unit_data(const char *name, size_t *len);
void unit_fail_alloc_after(long n);

/* ---- helpers ------------------------------------------------------------- */

static obj_t *num(int64_t v)
{
    return CHECK_OBJ(obj_int_from_i64(v));
}

static obj_t *parse(const char *text, int base)
{
    return CHECK_OBJ(obj_int_from_string(text, strlen(text), base));
}

/* 2^k + d */
static obj_t *pow2_plus(unsigned k, int64_t d)
{
    obj_t *one = num(1), *kk = num(k), *p = CHECK_OBJ(obj_int_lshift(one, kk)), *dd = num(d);
    obj_t *r = CHECK_OBJ(obj_int_add(p, dd));
    obj_decref(kk);
    obj_decref(p);
    obj_decref(dd);
    return r;
}

/* str(o) == want; takes o. */
static void check_dec(obj_t *o, const char *want)
{
    CHECK_OBJ(o);
    CHECK(obj_int_check_exact(o));
    obj_t *s = CHECK_OBJ(obj_int_to_string(o, 10));
    CHECK_STREQ(obj_str_utf8(s, NULL), want);
    obj_decref(s);
    obj_decref(o);
}

static void check_text(obj_t *o, int base, const char *want)
{
    obj_t *s = CHECK_OBJ(obj_int_to_string(o, base));
    CHECK_STREQ(obj_str_utf8(s, NULL), want);
    obj_decref(s);
}

/* r failed with exactly this error and message; clears it. */
static void check_error(obj_t *r, const obj_type_t *type, const char *message)
{
    CHECK(r == NULL);
    CHECK(obj_err_occurred() == type);
    obj_t *v = obj_err_value();
    CHECK(v != NULL);
    CHECK_STREQ(obj_str_utf8(v, NULL), message);
    obj_err_clear();
}

static uint64_t double_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* A float result with exactly this value (sign of zero included); takes r. */
static void check_float(obj_t *r, double want)
{
    CHECK_OBJ(r);
    CHECK(obj_float_check(r));
    CHECK(double_bits(obj_float_value(r)) == double_bits(want));
    obj_decref(r);
}

static obj_t *power(obj_t *a, obj_t *b)
{
    return obj_int_power(a, b, obj_none);
}

static obj_t *binary(obj_binary_fn fn, int64_t a, int64_t b)
{
    obj_t *x = num(a), *y = num(b), *r = fn(x, y);
    obj_decref(x);
    obj_decref(y);
    return r;
}

/* ---- the small-int cache ------------------------------------------------- */

/* r is the cached object c (takes r). */
static void check_cached(obj_t *r, obj_t *c)
{
    CHECK_OBJ(r);
    CHECK(r == c);
    obj_decref(r);
}

static void test_small_int_cache(void)
{
    obj_t *big = pow2_plus(100, 0), *neg_big = CHECK_OBJ(obj_int_negative(big));
    obj_t *one = num(1), *forty = num(40), *hundred = num(100);
    for (int v = -5; v <= 256; v++) {
        obj_t *c = obj_int_from_i64(v);
        CHECK(c != NULL && obj_is_immortal(c) && obj_type(c) == &obj_type_int);
        CHECK_EQ(c->refcnt, OBJ_IMMORTAL);
        check_cached(obj_int_from_ssize(v), c);
        if (v >= 0)
            check_cached(obj_int_from_u64((uint64_t)v), c);
        check_cached(obj_int_from_double(v + (v < 0 ? -0.75 : 0.75)), c);

        char text[64];
        size_t n = (size_t)snprintf(text, sizeof text, " %d ", v);
        check_cached(obj_int_from_string(text, n, 10), c);
        n = (size_t)snprintf(text, sizeof text, "%s0x%x", v < 0 ? "-" : "",
                             (unsigned)(v < 0 ? -v : v));
        check_cached(obj_int_from_string(text, n, 0), c);
        /* many digits: the multi-digit parsing paths */
        n = (size_t)snprintf(text, sizeof text, "%s00000000000000000000000000000000%d",
                             v < 0 ? "-" : "", v < 0 ? -v : v);
        check_cached(obj_int_from_string(text, n, 10), c);
        n = (size_t)snprintf(text, sizeof text, "%s0000000000000000000000000000000000%x",
                             v < 0 ? "-" : "", (unsigned)(v < 0 ? -v : v));
        check_cached(obj_int_from_string(text, n, 16), c);

        /* arithmetic, on medium and on multi-digit operands */
        obj_t *t = CHECK_OBJ(obj_int_add(big, c));
        check_cached(obj_int_subtract(t, big), c);
        check_cached(obj_int_add(c, obj_int_from_i64(0)), c);
        obj_t *m = CHECK_OBJ(obj_int_multiply(big, c));
        check_cached(obj_int_floor_divide(m, big), c);
        obj_t *q, *r;
        obj_t *dm = CHECK_OBJ(obj_int_divmod(t, big));
        q = obj_tuple_get(dm, 0), r = obj_tuple_get(dm, 1);
        CHECK(q == obj_int_from_i64(v < 0 ? 0 : 1) && r == (v < 0 ? r : c));
        obj_decref(dm);
        if (v >= 0)
            check_cached(obj_int_remainder(c, big), c);
        check_cached(obj_int_multiply(c, one), c);
        obj_t *s = CHECK_OBJ(obj_int_lshift(c, forty));
        check_cached(obj_int_rshift(s, forty), c);
        obj_decref(s);
        s = CHECK_OBJ(obj_int_lshift(c, hundred));
        check_cached(obj_int_rshift(s, hundred), c);
        obj_decref(s);
        check_cached(obj_int_rshift(m, hundred), c);
        obj_t *nc = CHECK_OBJ(obj_int_negative(c));
        check_cached(obj_int_negative(nc), c);
        if (v >= 0)
            check_cached(obj_int_absolute(nc), c);
        obj_decref(nc);
        nc = CHECK_OBJ(obj_int_invert(c));
        check_cached(obj_int_invert(nc), c);
        obj_decref(nc);
        if (v >= 0) {
            check_cached(obj_int_xor(big, t), c);
            check_cached(obj_int_and(t, obj_int_from_i64(v == 256 ? 256 : 255)), c);
        } else {
            check_cached(obj_int_or(neg_big, c), c);
        }
        check_cached(obj_int_power(c, one, obj_none), c);
        check_cached(obj_int_power(t, one, v < 0 ? neg_big : big), c);
        check_cached(obj_int_positive(c), c);
        obj_decref(t);
        obj_decref(m);
    }
    obj_decref(big);
    obj_decref(neg_big);
    obj_decref(forty);
    obj_decref(hundred);

    /* 257 and -6 are new objects every time. */
    obj_t *a = num(257), *b = num(257), *c = num(-6), *d = num(-6);
    CHECK(a != b && c != d && !obj_is_immortal(a) && !obj_is_immortal(c));
    CHECK_EQ(a->refcnt, 1);
    CHECK_EQ(obj_int_compare(a, b), 0);
    obj_t *e = CHECK_OBJ(obj_int_add(a, one));
    CHECK(!obj_is_immortal(e));
    obj_decref(e);
    obj_decref(a);
    obj_decref(b);
    obj_decref(c);
    obj_decref(d);
}

static void test_immortal_refcounts(void)
{
    obj_t *seven = num(7);
    for (int i = 0; i < 1000; i++)
        obj_incref(seven);
    for (int i = 0; i < 1000; i++)
        obj_decref(seven);
    obj_decref(seven);
    CHECK_EQ(seven->refcnt, OBJ_IMMORTAL);
    obj_t *r = binary(obj_int_add, 3, 4);
    CHECK(r == seven && r->refcnt == OBJ_IMMORTAL);
    obj_decref(r);
    CHECK_EQ(seven->refcnt, OBJ_IMMORTAL);
    CHECK_EQ(obj_true->refcnt, OBJ_IMMORTAL);
}

/* ---- bool is an int ------------------------------------------------------ */

static void test_bool_operands(void)
{
    obj_t *t = obj_true, *f = obj_false, *one = num(1), *two = num(2), *r;
    CHECK(obj_int_check(t) && !obj_int_check_exact(t));
    r = CHECK_OBJ(obj_int_add(t, one));
    CHECK(r == two && obj_type(r) == &obj_type_int);
    check_cached(obj_int_add(t, t), two);
    check_cached(obj_int_multiply(t, two), two);
    check_cached(obj_int_positive(t), one);
    check_cached(obj_type_int.number->int_(t), one);
    check_cached(obj_type_int.number->index(t), one);
    check_cached(obj_int_absolute(t), one);
    check_cached(obj_int_and(t, one), one);
    check_cached(obj_int_or(f, t), one);
    check_cached(obj_int_lshift(t, two), obj_int_from_i64(4));
    check_dec(obj_int_negative(t), "-1");
    check_dec(obj_int_invert(t), "-2");
    check_dec(obj_int_subtract(f, t), "-1");
    obj_t *thousand = num(1000);
    check_dec(obj_int_power(t, thousand, obj_none), "1");
    obj_decref(thousand);
    check_float(obj_int_true_divide(t, two), 0.5);
    check_float(obj_int_power(two, obj_int_negative(t), obj_none), 0.5);
    r = CHECK_OBJ(obj_int_divmod(t, two));
    CHECK(obj_tuple_get(r, 0) == obj_int_from_i64(0) && obj_tuple_get(r, 1) == one);
    obj_decref(r);
    CHECK(obj_int_richcompare(t, one, OBJ_EQ) == obj_true);
    CHECK(obj_int_richcompare(f, one, OBJ_LT) == obj_true);
    CHECK_EQ(obj_int_hash(t), 1);
    CHECK_EQ(obj_int_hash(f), 0);
    CHECK(obj_int_bool(t) == 1 && obj_int_bool(f) == 0);
    int64_t v = 7;
    CHECK(obj_int_as_i64(t, &v) == 0 && v == 1);
    CHECK(obj_int_as_double(t) == 1.0);
    CHECK(obj_int_from_i64(1) != t && obj_int_from_i64(0) != f);
    check_text(t, 10, "1");
    CHECK_EQ(obj_int_size_of(t), sizeof(obj_int_t));
}

/* ---- edges, against values CPython printed ---------------------------------- */

static void test_arithmetic_edges(void)
{
    check_dec(num(INT64_MIN), "-9223372036854775808");
    check_dec(num(INT64_MAX), "9223372036854775807");
    check_dec(obj_int_from_u64(UINT64_MAX), "18446744073709551615");
    check_dec(binary(obj_int_add, (1 << 30) - 1, 1), "1073741824");
    check_dec(binary(obj_int_add, ((int64_t)1 << 60) - 1, 1), "1152921504606846976");
    check_dec(binary(obj_int_subtract, -((int64_t)1 << 60), 1), "-1152921504606846977");
    check_dec(binary(obj_int_multiply, 1 << 30, 1 << 30), "1152921504606846976");
    check_dec(binary(obj_int_multiply, INT64_MAX, INT64_MAX),
              "85070591730234615847396907784232501249");
    check_dec(binary(obj_int_multiply, -((int64_t)1 << 31), (int64_t)1 << 32),
              "-9223372036854775808");
    check_dec(binary(obj_int_multiply, (int64_t)1 << 62, 2), "9223372036854775808");
    check_dec(binary(obj_int_floor_divide, -7, 2), "-4");
    check_dec(binary(obj_int_floor_divide, 7, -2), "-4");
    check_dec(binary(obj_int_remainder, -7, 2), "1");
    check_dec(binary(obj_int_remainder, 7, -2), "-1");
    check_dec(binary(obj_int_floor_divide, INT64_MIN, -1), "9223372036854775808");
    check_dec(binary(obj_int_rshift, -1, 1), "-1");
    check_dec(binary(obj_int_rshift, -5, 1), "-3");
    check_dec(binary(obj_int_lshift, -1, 63), "-9223372036854775808");
    check_dec(binary(obj_int_lshift, 3, 62), "13835058055282163712");
    check_dec(binary(obj_int_and, -1, 12345), "12345");
    check_dec(binary(obj_int_xor, INT64_MIN, -1), "9223372036854775807");

    obj_t *big = pow2_plus(100, 1), *negbig = CHECK_OBJ(obj_int_negative(big));
    obj_t *k100 = num(100), *k50 = num(50), *huge = pow2_plus(100, 0), *zero = num(0);
    check_dec(obj_int_rshift(negbig, k100), "-2");
    check_dec(obj_int_rshift(negbig, huge), "-1");
    check_dec(obj_int_rshift(big, huge), "0");
    check_dec(obj_int_lshift(zero, huge), "0");
    check_error(obj_int_lshift(big, huge), &obj_exc_OverflowError, "too many digits in integer");
    check_dec(obj_int_floor_divide(negbig, k50), "-25353012004564588029934064108");
    check_dec(obj_int_remainder(negbig, k50), "23");
    check_dec(obj_int_floor_divide(big, negbig), "-1");
    check_dec(obj_int_remainder(big, negbig), "0");
    check_dec(obj_int_floor_divide(k50, negbig), "-1");
    check_dec(obj_int_remainder(k50, negbig), "-1267650600228229401496703205327");
    check_dec(obj_int_invert(negbig), "1267650600228229401496703205376");
    check_dec(obj_int_invert(big), "-1267650600228229401496703205378");
    check_dec(obj_int_and(negbig, big), "1");
    check_dec(obj_int_or(negbig, k50), "-1267650600228229401496703205377");
    check_dec(obj_int_absolute(negbig), "1267650600228229401496703205377");

    /* powers */
    check_dec(binary(power, 0, 0), "1");
    check_dec(binary(power, 3, 40), "12157665459056928801");
    check_dec(binary(power, -2, 63), "-9223372036854775808");
    check_dec(obj_int_power(k50, k50, obj_none),
              "8881784197001252323389053344726562500000000000000000000000000000000000000000000"
              "000000");
    check_dec(obj_int_power(num(-1), huge, obj_none), "1");
    check_dec(obj_int_power(num(-1), big, obj_none), "-1");
    check_dec(obj_int_power(zero, big, obj_none), "0");
    check_error(obj_int_power(num(2), huge, obj_none), &obj_exc_OverflowError,
                "too many digits in integer");
    check_float(binary(power, 2, -1), 0.5);
    check_float(binary(power, -2, -3), -0.125);
    check_float(binary(power, 10, -400), 0.0);
    check_float(binary(power, 2, -1074), 0x1p-1074);
    check_float(binary(power, 2, -1075), 0.0);
    check_float(binary(power, -2, -1075), -0.0);
    check_float(binary(power, 3, -2), 1.0 / 9.0);
    check_float(obj_int_power(num(-3), negbig, obj_none), 0.0); /* -(2^100+1) is even as a float */
    check_error(binary(power, 0, -1), &obj_exc_ZeroDivisionError,
                "0.0 cannot be raised to a negative power");
    obj_t *p2000 = pow2_plus(2000, 0), *m1 = num(-1), *m3 = num(-3);
    check_error(obj_int_power(p2000, m1, obj_none), &obj_exc_OverflowError,
                "int too large to convert to float");
    obj_t *np2000 = CHECK_OBJ(obj_int_negative(p2000));
    check_error(obj_int_power(num(2), np2000, obj_none), &obj_exc_OverflowError,
                "int too large to convert to float");
    obj_t *three = num(3), *seven = num(7), *mseven = num(-7), *one = num(1), *four = num(4);
    check_dec(obj_int_power(three, m1, seven), "5");
    check_dec(obj_int_power(three, m1, mseven), "-2");
    check_dec(obj_int_power(m3, num(5), mseven), "-5");
    check_dec(obj_int_power(num(2), m1, one), "0");
    check_dec(obj_int_power(zero, m1, one), "0");
    check_dec(obj_int_power(three, huge, seven), "4");
    check_dec(obj_int_power(three, m3, big), "46950022230675163018396415014");
    check_error(obj_int_power(num(2), m1, four), &obj_exc_ValueError,
                "base is not invertible for the given modulus");
    check_error(obj_int_power(num(2), three, zero), &obj_exc_ValueError,
                "pow() 3rd argument cannot be 0");
    check_error(obj_int_lshift(one, m1), &obj_exc_ValueError, "negative shift count");
    check_error(obj_int_rshift(big, m1), &obj_exc_ValueError, "negative shift count");

    /* division by zero, and true division */
    check_error(obj_int_floor_divide(big, zero), &obj_exc_ZeroDivisionError,
                "integer division or modulo by zero");
    check_error(obj_int_divmod(one, zero), &obj_exc_ZeroDivisionError,
                "integer division or modulo by zero");
    check_error(obj_int_remainder(big, zero), &obj_exc_ZeroDivisionError, "integer modulo by zero");
    check_error(obj_int_true_divide(one, zero), &obj_exc_ZeroDivisionError, "division by zero");
    check_float(binary(obj_int_true_divide, 0, -5), -0.0);
    check_float(binary(obj_int_true_divide, 1, 3), 1.0 / 3.0);
    check_float(binary(obj_int_true_divide, -7, 2), -3.5);
    check_float(obj_int_true_divide(big, negbig), -1.0);
    check_float(obj_int_true_divide(one, p2000), 0.0);
    obj_t *p1024 = pow2_plus(1024, 0), *p1074 = pow2_plus(1074, 0), *p1075 = pow2_plus(1075, 0);
    check_error(obj_int_true_divide(p1024, one), &obj_exc_OverflowError,
                "integer division result too large for a float");
    check_float(obj_int_true_divide(p1024, num(2)), 0x1p1023);
    check_float(obj_int_true_divide(one, p1074), 0x1p-1074);
    check_float(obj_int_true_divide(one, p1075), 0.0);         /* a tie: to even */
    check_float(obj_int_true_divide(three, p1075), 0x1p-1073); /* 1.5 ulp: to even */
    check_float(obj_int_true_divide(mseven, p1075), -0x1p-1072);

    obj_t *objs[] = {big, negbig, k100,  k50,    huge, zero, p2000, np2000, m1,
                     m3,  three,  seven, mseven, one,  four, p1024, p1074,  p1075};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_decref(objs[i]);
}

/* ---- conversions ---------------------------------------------------------- */

static void test_conversions(void)
{
    int64_t v;
    obj_t *o = pow2_plus(63, -1);
    CHECK(obj_int_as_i64(o, &v) == 0 && v == INT64_MAX);
    obj_decref(o);
    o = pow2_plus(63, 0);
    CHECK(obj_int_as_i64(o, &v) == -1);
    check_error(NULL, &obj_exc_OverflowError, "int too big to convert");
    obj_t *neg = CHECK_OBJ(obj_int_negative(o));
    CHECK(obj_int_as_i64(neg, &v) == 0 && v == INT64_MIN);
    obj_decref(neg);
    obj_decref(o);
    o = pow2_plus(64, 0), neg = CHECK_OBJ(obj_int_negative(o));
    CHECK(obj_int_as_i64(neg, &v) == -1);
    obj_err_clear();
    obj_decref(o);
    obj_decref(neg);

    unsigned bits = sizeof(obj_ssize_t) * 8 - 1;
    o = pow2_plus(bits, -1);
    CHECK(obj_int_as_ssize(o) == INTPTR_MAX && !obj_err_occurred());
    obj_decref(o);
    o = pow2_plus(bits, 0);
    CHECK(obj_int_as_ssize(o) == -1);
    check_error(NULL, &obj_exc_OverflowError, "Python int too large to convert to C ssize_t");
    neg = CHECK_OBJ(obj_int_negative(o));
    CHECK(obj_int_as_ssize(neg) == INTPTR_MIN);
    obj_decref(o);
    obj_decref(neg);

    /* float(int): correctly rounded, half to even */
    o = pow2_plus(53, 1);
    CHECK(obj_int_as_double(o) == 0x1p53);
    obj_decref(o);
    o = pow2_plus(53, 3);
    CHECK(obj_int_as_double(o) == 0x1p53 + 4);
    obj_decref(o);
    o = pow2_plus(200, 0);
    obj_t *half = pow2_plus(147, 0), *t = CHECK_OBJ(obj_int_add(o, half)); /* a tie: even */
    CHECK(obj_int_as_double(t) == 0x1p200);
    obj_t *t1 = CHECK_OBJ(obj_int_add(t, obj_int_from_i64(1))); /* just above: up */
    CHECK(obj_int_as_double(t1) == 0x1p200 + 0x1p148);
    int64_t e;
    CHECK(obj_int_frexp(t1, &e) == 0.5 + 0x1p-53 && e == 201);
    obj_decref(t1);
    obj_decref(t);
    obj_decref(half);
    obj_decref(o);
    o = pow2_plus(54, -1);
    CHECK(obj_int_frexp(o, &e) == 0.5 && e == 55);
    neg = CHECK_OBJ(obj_int_negative(o));
    CHECK(obj_int_frexp(neg, &e) == -0.5 && e == 55);
    CHECK(obj_int_as_double(neg) == -0x1p54);
    obj_decref(neg);
    obj_decref(o);
    CHECK(obj_int_frexp(obj_int_from_i64(0), &e) == 0.0 && e == 0);
    o = pow2_plus(1024, 0);
    CHECK(obj_int_as_double(o) == -1.0);
    check_error(NULL, &obj_exc_OverflowError, "int too large to convert to float");
    check_error(obj_int_float(o), &obj_exc_OverflowError, "int too large to convert to float");
    obj_decref(o);
    o = num(-3);
    check_float(obj_int_float(o), -3.0);
    obj_decref(o);

    /* int(float): truncation */
    check_dec(obj_int_from_double(1e300),
              "1000000000000000052504760255204420248704468581108159154915854115511802457988908195"
              "786371375080447864043704443832883878176942523235360430575644792184786706982848387"
              "200926575803737830233794788090059368953234970799945081119038967640880074652742780"
              "142494579258788820056842838115669472196386865459400540160");
    check_dec(obj_int_from_double(-0x1p63), "-9223372036854775808");
    check_dec(obj_int_from_double(0x1p64), "18446744073709551616");
    check_dec(obj_int_from_double(-2.9), "-2");
    CHECK(obj_int_from_double(-0.0) == obj_int_from_i64(0));
    CHECK(obj_int_from_double(0.999) == obj_int_from_i64(0));
    double inf = 1e308 * 10, nan = inf - inf;
    check_error(obj_int_from_double(inf), &obj_exc_OverflowError,
                "cannot convert float infinity to integer");
    check_error(obj_int_from_double(-inf), &obj_exc_OverflowError,
                "cannot convert float infinity to integer");
    check_error(obj_int_from_double(nan), &obj_exc_ValueError,
                "cannot convert float NaN to integer");

    /* compare, sign, bit length */
    o = pow2_plus(100, 0), neg = CHECK_OBJ(obj_int_negative(o));
    CHECK(obj_int_compare(o, neg) == 1 && obj_int_compare(neg, o) == -1);
    CHECK(obj_int_compare(o, o) == 0 && obj_int_compare(neg, obj_int_from_i64(-1)) == -1);
    CHECK(obj_int_sign(neg) == -1 && obj_int_sign(o) == 1 &&
          obj_int_sign(obj_int_from_i64(0)) == 0);
    CHECK(obj_int_bit_length(neg) == 101 && obj_int_bit_length(obj_int_from_i64(0)) == 0);
    CHECK(obj_int_richcompare(o, neg, OBJ_GE) == obj_true);
    obj_t *s = CHECK_OBJ(obj_str_from_cstr("1"));
    CHECK(obj_int_richcompare(o, s, OBJ_EQ) == obj_not_implemented);
    CHECK(obj_int_add(o, s) == obj_not_implemented);
    CHECK(obj_int_power(o, o, s) == obj_not_implemented);
    obj_t *f = CHECK_OBJ(obj_float_from_double(1.5));
    CHECK(obj_int_multiply(f, o) == obj_not_implemented);
    CHECK(obj_int_true_divide(o, f) == obj_not_implemented);
    CHECK(obj_int_lshift(o, f) == obj_not_implemented);
    obj_decref(f);
    obj_decref(s);
    obj_decref(o);
    obj_decref(neg);
}

static void test_text(void)
{
    obj_t *o = num(-255);
    check_text(o, 16, "-0xff");
    check_text(o, 8, "-0o377");
    check_text(o, 2, "-0b11111111");
    check_text(o, 36, "-73");
    check_text(o, 10, "-255");
    obj_decref(o);
    check_text(obj_int_from_i64(0), 16, "0x0");
    check_text(obj_int_from_i64(0), 7, "0");
    o = obj_int_repr(obj_int_from_i64(-5));
    CHECK_STREQ(obj_str_utf8(o, NULL), "-5");
    obj_decref(o);
    o = parse("-0x_DEAD_beef", 0);
    check_text(o, 10, "-3735928559");
    obj_decref(o);

    /* syntax */
    check_dec(parse("\t +1_000_000 \n", 10), "1000000");
    check_dec(parse("0_0", 0), "0");
    check_dec(parse("00", 0), "0");
    check_dec(parse("0b101", 16), "45313");
    check_dec(parse("0O17", 0), "15");
    check_dec(parse("\xe3\x80\x80 5\xc2\x85", 10), "5"); /* U+3000, U+0085 */
    check_dec(parse("zz", 36), "1295");
    static const struct {
        const char *text;
        int base;
        const char *message;
    } bad[] = {
        {"abc", 10, "invalid literal for int() with base 10: 'abc'"},
        {"abc", 0, "invalid literal for int() with base 0: 'abc'"},
        {"012", 0, "invalid literal for int() with base 0: '012'"},
        {"0_7", 0, "invalid literal for int() with base 0: '0_7'"},
        {"0x", 16, "invalid literal for int() with base 16: '0x'"},
        {"0x__1f", 0, "invalid literal for int() with base 0: '0x__1f'"},
        {"1__0", 10, "invalid literal for int() with base 10: '1__0'"},
        {"_1", 10, "invalid literal for int() with base 10: '_1'"},
        {"1_", 10, "invalid literal for int() with base 10: '1_'"},
        {"- 1", 10, "invalid literal for int() with base 10: '- 1'"},
        {"+_1", 10, "invalid literal for int() with base 10: '+_1'"},
        {"", 10, "invalid literal for int() with base 10: ''"},
        {" ", 7, "invalid literal for int() with base 7: ' '"},
        {"\x1c"
         "5",
         10, "invalid literal for int() with base 10: '\\x1c5'"},
        {"it's", 10, "invalid literal for int() with base 10: \"it's\""},
        {"12", 2, "invalid literal for int() with base 2: '12'"},
        {"1", 1, "int() base must be >= 2 and <= 36, or 0"},
        {"1", 37, "int() base must be >= 2 and <= 36, or 0"},
        {"1", -1, "int() base must be >= 2 and <= 36, or 0"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_error(obj_int_from_string(bad[i].text, strlen(bad[i].text), bad[i].base),
                    &obj_exc_ValueError, bad[i].message);
    check_error(obj_int_from_string("1\0"
                                    "2",
                                    3, 10),
                &obj_exc_ValueError, "invalid literal for int() with base 10: '1\\x002'");
    /* the repr in the message is cut to 200 characters */
    char text[301], want[300];
    memset(text, 'x', 300);
    text[300] = '\0';
    snprintf(want, sizeof want, "invalid literal for int() with base 10: '%.199s", text);
    check_error(obj_int_from_string(text, 300, 10), &obj_exc_ValueError, want);
}

/* The 4300-digit limit of CPython 3.12, both directions. */
static void test_str_digit_limit(void)
{
    static const char to_int[] =
        "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; "
        "use sys.set_int_max_str_digits() to increase the limit";
    static const char to_str[] = "Exceeds the limit (4300 digits) for integer string conversion; "
                                 "use sys.set_int_max_str_digits() to increase the limit";
    CHECK_EQ(obj_int_get_max_str_digits(), 4300);
    obj_t *ten = num(10), *k = num(4300), *big = CHECK_OBJ(obj_int_power(ten, k, obj_none));
    obj_t *below = CHECK_OBJ(obj_int_subtract(big, obj_int_from_i64(1)));
    obj_t *s = CHECK_OBJ(obj_int_to_string(below, 10));
    size_t n;
    const char *digits = obj_str_utf8(s, &n);
    CHECK(n == 4300 && digits[0] == '9' && digits[4299] == '9');
    obj_t *back = CHECK_OBJ(obj_int_from_string(digits, n, 10));
    CHECK(obj_int_compare(back, below) == 0);
    obj_decref(back);
    obj_decref(s);
    check_error(obj_int_to_string(big, 10), &obj_exc_ValueError, to_str);
    obj_t *neg = CHECK_OBJ(obj_int_negative(big));
    check_error(obj_int_repr(neg), &obj_exc_ValueError, to_str);
    obj_t *huge = CHECK_OBJ(obj_int_lshift(big, k)); /* rejected before converting */
    check_error(obj_int_to_string(huge, 10), &obj_exc_ValueError, to_str);
    s = CHECK_OBJ(obj_int_to_string(big, 16)); /* powers of two are not limited */
    obj_decref(s);

    static char text[4302];
    memset(text, '0', 4301);
    text[4301] = '\0';
    check_error(obj_int_from_string(text, 4301, 10), &obj_exc_ValueError, to_int);
    check_error(obj_int_from_string(text, 4301, 36), &obj_exc_ValueError, to_int);
    CHECK(obj_int_from_string(text, 4301, 32) == obj_int_from_i64(0));
    text[4300] = '_'; /* invalid: reported as such whatever the length */
    char want[300];
    snprintf(want, sizeof want, "invalid literal for int() with base 10: '%.199s", text);
    check_error(obj_int_from_string(text, 4301, 10), &obj_exc_ValueError, want);
    CHECK(obj_int_from_string(text, 4300, 10) == obj_int_from_i64(0));
    text[4300] = '0';

    check_error(obj_int_set_max_str_digits(639) < 0 ? NULL : obj_none, &obj_exc_ValueError,
                "maxdigits must be 0 or larger than 640");
    CHECK(obj_int_set_max_str_digits(0) == 0);
    s = CHECK_OBJ(obj_int_to_string(huge, 10));
    CHECK(obj_str_utf8(s, &n)[0] == '2' && n == 5595);
    obj_decref(s);
    back = CHECK_OBJ(obj_int_from_string(text, 4301, 10));
    obj_decref(back);
    CHECK(obj_int_set_max_str_digits(640) == 0);
    check_error(obj_int_to_string(below, 10), &obj_exc_ValueError,
                "Exceeds the limit (640 digits) for integer string conversion; "
                "use sys.set_int_max_str_digits() to increase the limit");
    CHECK(obj_int_set_max_str_digits(4300) == 0);
    obj_t *objs[] = {ten, k, big, below, neg, huge};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_decref(objs[i]);
}

/* ---- hash, size, methods -------------------------------------------------- */

static void test_hash(void)
{
    CHECK_EQ(obj_int_hash(obj_int_from_i64(-1)), -2);
    CHECK_EQ(obj_int_hash(obj_int_from_i64(-2)), -2);
    CHECK_EQ(obj_int_hash(obj_int_from_i64(0)), 0);
    obj_t *m = pow2_plus(OBJ_HASH_BITS, -1), *m1 = pow2_plus(OBJ_HASH_BITS, 0);
    obj_t *neg = CHECK_OBJ(obj_int_negative(m1));
    CHECK_EQ(obj_int_hash(m), 0);
    CHECK_EQ(obj_int_hash(m1), 1);
    CHECK_EQ(obj_int_hash(neg), -2);
    CHECK_EQ(obj_hash(m1), 1);
    obj_decref(m);
    obj_decref(m1);
    obj_decref(neg);
    /* and the vectors' h lines, in test_vectors */
}

static size_t round8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static void test_sizes(void)
{
    size_t head = offsetof(obj_int_t, digit);
    obj_t *a = parse("0x40000001", 0), *b = parse("0x80000000000000000000000000000000000000"
                                                  "0000000000000000000000000000000003039",
                                                  0);
    CHECK_EQ(obj_int_size_of(a), round8(head + 2 * sizeof(obj_int_digit_t)));
    CHECK_EQ(obj_int_size_of(b), round8(head + 10 * sizeof(obj_int_digit_t)));
    CHECK_EQ(obj_sizeof(b), obj_int_size_of(b));
    CHECK_EQ(obj_int_bit_length(b), 300);
    if (sizeof(void *) == 4) { /* the target's promise, even with a spare digit from a sum */
        CHECK(obj_int_size_of(a) <= 32);
        CHECK(obj_int_size_of(b) <= 64);
        obj_t *a2 = pow2_plus(30, 1), *b2 = pow2_plus(299, 12345);
        CHECK(obj_int_size_of(a2) <= 32);
        CHECK(obj_int_size_of(b2) <= 64);
        obj_decref(a2);
        obj_decref(b2);
    }
    CHECK_EQ(obj_int_size_of(obj_int_from_i64(100)), sizeof(obj_int_t));
    unit_log("int sizes: 2^30+1 %u bytes, 300-bit %u bytes\n", (unsigned)obj_int_size_of(a),
             (unsigned)obj_int_size_of(b));
    obj_decref(a);
    obj_decref(b);
}

static obj_t *call(const char *name, obj_t *self, size_t nargs)
{
    for (const struct obj_method *m = obj_int_methods; m->name; m++)
        if (strcmp(m->name, name) == 0)
            return m->fn(self, &self, nargs);
    CHECK(!"method not found");
    return NULL;
}

static void test_methods(void)
{
    obj_t *o = pow2_plus(100, 7), *neg = CHECK_OBJ(obj_int_negative(o));
    check_dec(call("bit_length", neg, 0), "101");
    check_dec(call("bit_count", neg, 0), "4");
    check_dec(call("conjugate", obj_true, 0), "1");
    CHECK(call("is_integer", o, 0) == obj_true);
    check_error(call("bit_length", o, 1), &obj_exc_TypeError,
                "int.bit_length() takes no arguments (1 given)");
    CHECK(obj_type_int.methods == obj_int_methods &&
          obj_type_int.number == &obj_int_number_methods);
    obj_decref(o);
    obj_decref(neg);
}

/* ---- the CPython vectors -------------------------------------------------- */

struct cursor {
    const char *p, *end;
    long line;
    long failures;
};

/* The next space-separated field of the current line. */
static size_t field(struct cursor *c, const char **start)
{
    *start = c->p;
    while (c->p < c->end && *c->p != ' ' && *c->p != '\n')
        c->p++;
    size_t n = (size_t)(c->p - *start);
    if (c->p < c->end && *c->p == ' ')
        c->p++;
    return n;
}

static obj_t *hex_field(struct cursor *c)
{
    const char *s;
    size_t n = field(c, &s);
    return CHECK_OBJ(obj_int_from_string(s, n, 16));
}

static int field_is(const char *s, size_t n, const char *want)
{
    return strlen(want) == n && memcmp(s, want, n) == 0;
}

static void mismatch(struct cursor *c, const char *want, size_t n, const char *got)
{
    if (c->failures++ < 20)
        unit_log("int_cases.txt:%ld: want %.*s, got %s\n", c->line, (int)(n > 80 ? 80 : n), want,
                 got);
}

/* r against want (an int in hex, #float bits, or an error name); takes r and
 * clears any error. */
static void expect_value(struct cursor *c, const char *want, size_t n, obj_t *r)
{
    char got[96];
    if (r == NULL) {
        const obj_type_t *t = obj_err_occurred();
        snprintf(got, sizeof got, "%s", t ? t->name : "NULL without an error");
        if (!field_is(want, n, got))
            mismatch(c, want, n, got);
        obj_err_clear();
        return;
    }
    if (want[0] == '#') {
        uint64_t bits = obj_float_check(r) ? double_bits(obj_float_value(r)) : 0;
        snprintf(got, sizeof got, "#%016llx", (unsigned long long)bits);
        if (!obj_float_check(r) || !field_is(want, n, got))
            mismatch(c, want, n, obj_float_check(r) ? got : obj_type(r)->name);
    } else {
        obj_t *s = obj_int_check_exact(r) ? obj_int_to_string(r, 16) : NULL;
        size_t len;
        const char *text = s ? obj_str_utf8(s, &len) : "(not an int)";
        int neg = text[0] == '-';
        int ok = s && (size_t)neg + 2 <= len && neg == (want[0] == '-') &&
                 field_is(want + neg, n - (size_t)neg, text + neg + 2);
        if (!ok)
            mismatch(c, want, n, text);
        obj_xdecref(s);
    }
    obj_decref(r);
}

/* r against the next field. */
static void expect(struct cursor *c, obj_t *r)
{
    const char *want;
    size_t n = field(c, &want);
    expect_value(c, want, n, r);
}

/* A small decimal field (a base). */
static int int_field(struct cursor *c)
{
    const char *s;
    size_t n = field(c, &s);
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static void expect_text(struct cursor *c, obj_t *s)
{
    const char *want;
    size_t n = field(c, &want);
    if (s == NULL || !field_is(want, n, obj_str_utf8(s, NULL)))
        mismatch(c, want, n, s ? obj_str_utf8(s, NULL) : "NULL");
    obj_xdecref(s);
    obj_err_clear();
}

static const struct {
    const char *op;
    obj_binary_fn fn;
} binary_ops[] = {
    {"+", obj_int_add},          {"-", obj_int_subtract},     {"*", obj_int_multiply},
    {"/", obj_int_floor_divide}, {"%", obj_int_remainder},    {"<<", obj_int_lshift},
    {">>", obj_int_rshift},      {"&", obj_int_and},          {"|", obj_int_or},
    {"^", obj_int_xor},          {"td", obj_int_true_divide},
};

static const struct {
    const char *op;
    obj_unary_fn fn;
} unary_ops[] = {{"~", obj_int_invert}, {"neg", obj_int_negative}, {"abs", obj_int_absolute}};

static void run_case(struct cursor *c, const char *op, size_t opn)
{
    for (size_t i = 0; i < sizeof binary_ops / sizeof binary_ops[0]; i++) {
        if (field_is(op, opn, binary_ops[i].op)) {
            obj_t *a = hex_field(c), *b = hex_field(c);
            expect(c, binary_ops[i].fn(a, b));
            obj_decref(a);
            obj_decref(b);
            return;
        }
    }
    for (size_t i = 0; i < sizeof unary_ops / sizeof unary_ops[0]; i++) {
        if (field_is(op, opn, unary_ops[i].op)) {
            obj_t *a = hex_field(c);
            expect(c, unary_ops[i].fn(a));
            obj_decref(a);
            return;
        }
    }
    if (field_is(op, opn, "d")) {
        obj_t *a = hex_field(c), *b = hex_field(c), *t = obj_int_divmod(a, b);
        if (t == NULL) {
            expect(c, NULL);
        } else {
            expect(c, obj_newref(obj_tuple_get(t, 0)));
            expect(c, obj_newref(obj_tuple_get(t, 1)));
            obj_decref(t);
        }
        obj_decref(a);
        obj_decref(b);
    } else if (field_is(op, opn, "**") || field_is(op, opn, "pm")) {
        obj_t *a = hex_field(c), *b = hex_field(c), *m = op[0] == 'p' ? hex_field(c) : obj_none;
        expect(c, obj_int_power(a, b, m));
        obj_decref(a);
        obj_decref(b);
        obj_decref(m);
    } else if (field_is(op, opn, "c")) {
        obj_t *a = hex_field(c), *b = hex_field(c);
        const char *want;
        field(c, &want);
        int r = obj_int_compare(a, b), w = want[0] == '-' ? -1 : want[0] - '0';
        int ok = r == w;
        for (int cmp = OBJ_LT; cmp <= OBJ_GE; cmp++) {
            static const int truth[6][3] = {{1, 0, 0}, {1, 1, 0}, {0, 1, 0},
                                            {1, 0, 1}, {0, 0, 1}, {0, 1, 1}};
            ok &= obj_int_richcompare(a, b, cmp) == obj_bool_from(truth[cmp][w + 1]);
        }
        if (!ok)
            mismatch(c, want, 2, "a different comparison");
        obj_decref(a);
        obj_decref(b);
    } else if (field_is(op, opn, "f")) {
        obj_t *a = hex_field(c);
        double d = obj_int_as_double(a);
        expect(c, d == -1.0 && obj_err_occurred() ? NULL : CHECK_OBJ(obj_float_from_double(d)));
        obj_decref(a);
    } else if (field_is(op, opn, "s")) {
        obj_t *a = hex_field(c);
        expect_text(c, obj_int_to_string(a, 10));
        obj_decref(a);
    } else if (field_is(op, opn, "b")) {
        int base = int_field(c);
        obj_t *a = hex_field(c);
        expect_text(c, obj_int_to_string(a, base));
        obj_decref(a);
    } else if (field_is(op, opn, "h")) {
        obj_t *a = hex_field(c), *h64 = hex_field(c), *h32 = hex_field(c);
        int64_t want;
        CHECK(obj_int_as_i64(sizeof(void *) == 8 ? h64 : h32, &want) == 0);
        if (obj_int_hash(a) != want)
            mismatch(c, "(hash)", 6, "a different hash");
        obj_decref(a);
        obj_decref(h64);
        obj_decref(h32);
    } else if (field_is(op, opn, "i")) {
        int base = int_field(c);
        const char *want, *text = NULL;
        size_t wn = field(c, &want);
        for (text = c->p; c->p < c->end && *c->p != '\n';)
            c->p++;
        expect_value(c, want, wn, obj_int_from_string(text, (size_t)(c->p - text), base));
    } else {
        mismatch(c, "a known operation", 17, "an unknown one");
    }
}

static void test_vectors(void)
{
    size_t len;
    const char *data = unit_data("int_cases.txt", &len);
    CHECK(data != NULL);
    struct cursor c = {data, data + len, 0, 0};
    long cases = 0;
    while (c.p < c.end) {
        c.line++;
        if (*c.p != '#' && *c.p != '\n') {
            const char *op;
            size_t opn = field(&c, &op);
            run_case(&c, op, opn);
            cases++;
        }
        while (c.p < c.end && *c.p != '\n')
            c.p++;
        c.p++;
    }
    unit_log("int vectors: %ld cases, %ld failed\n", cases, c.failures);
    CHECK(cases > 0);
    CHECK_EQ(c.failures, 0);
}

/* ---- out of memory -------------------------------------------------------- */

static obj_t *oom_a, *oom_b, *oom_m; /* multi-digit operands */

static int oom_result(obj_t *r)
{
    if (r == NULL)
        return -1;
    obj_decref(r);
    return 0;
}

static int op_add(void)
{
    return oom_result(obj_int_add(oom_a, oom_b));
}
static int op_mul(void)
{
    return oom_result(obj_int_multiply(oom_a, oom_b));
}
static int op_divmod(void)
{
    return oom_result(obj_int_divmod(oom_a, oom_b));
}
static int op_floordiv(void)
{
    return oom_result(obj_int_floor_divide(oom_a, oom_m));
}
static int op_mod(void)
{
    return oom_result(obj_int_remainder(oom_b, oom_m));
}
static int op_truediv(void)
{
    return oom_result(obj_int_true_divide(oom_m, oom_a));
}
static int op_pow(void)
{
    obj_t *e = obj_int_from_i64(5);
    return oom_result(obj_int_power(oom_a, e, obj_none));
}
static int op_powmod(void)
{
    return oom_result(obj_int_power(oom_a, oom_b, oom_m));
}
static int op_powmod_inverse(void)
{
    obj_t *e = obj_int_from_i64(-3);
    return oom_result(obj_int_power(oom_b, e, oom_m));
}
static int op_pow_negative(void)
{
    obj_t *e = obj_int_from_i64(-3); /* cached: no allocation */
    return oom_result(obj_int_power(obj_int_from_i64(7), e, obj_none));
}
static int op_shifts(void)
{
    obj_t *k = obj_int_from_i64(77), *l = obj_int_lshift(oom_a, k), *r;
    if (l == NULL)
        return -1;
    r = obj_int_rshift(l, obj_int_from_i64(201));
    obj_decref(l);
    return oom_result(r);
}
static int op_bits(void)
{
    obj_t *x = obj_int_xor(oom_a, oom_b), *y;
    if (x == NULL)
        return -1;
    y = obj_int_and(x, oom_m);
    obj_decref(x);
    return oom_result(y);
}
static int op_unary(void)
{
    obj_t *x = obj_int_invert(oom_b), *y;
    if (x == NULL)
        return -1;
    y = obj_int_negative(x);
    obj_decref(x);
    return oom_result(y);
}
static int op_str(void)
{
    return oom_result(obj_int_to_string(oom_b, 10));
}
static int op_hex(void)
{
    return oom_result(obj_int_to_string(oom_b, 16));
}
static int op_parse(void)
{
    static const char text[] = "-123456789012345678901234567890123456789012345678901234567890";
    return oom_result(obj_int_from_string(text, sizeof text - 1, 10));
}
static int op_parse_error(void)
{
    obj_t *r = obj_int_from_string("12x", 3, 10);
    if (r == NULL && obj_err_matches(&obj_exc_ValueError)) {
        obj_err_clear();
        return 0;
    }
    return oom_result(r);
}
static int op_float(void)
{
    obj_t *f = obj_int_from_double(1e300), *g;
    if (f == NULL)
        return -1;
    g = obj_int_float(f);
    obj_decref(f);
    return oom_result(g);
}

static void test_allocation_failures(void)
{
    oom_a = CHECK_OBJ(parse("-0x1234567890abcdef1234567890abcdef1234567890abcdef", 0));
    oom_b = CHECK_OBJ(parse("0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba98765", 0));
    oom_m = CHECK_OBJ(parse("1000000000000000000000000000000000000000007", 0));
    int (*const ops[])(void) = {
        op_add,          op_mul,         op_divmod,
        op_floordiv,     op_mod,         op_truediv,
        op_pow,          op_powmod,      op_powmod_inverse,
        op_pow_negative, op_shifts,      op_bits,
        op_unary,        op_str,         op_hex,
        op_parse,        op_parse_error, op_float,
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        long n = 0;
        for (;; n++) {
            unit_fail_alloc_after(n);
            int r = ops[i]();
            unit_fail_alloc_after(-1);
            if (r == 0)
                break;
            CHECK(obj_err_matches(&obj_exc_MemoryError));
            obj_err_clear();
            CHECK(n < 100000);
        }
        CHECK(n > 0); /* every operation allocates: its failure was seen */
    }
    obj_decref(oom_a);
    obj_decref(oom_b);
    obj_decref(oom_m);
}

UNIT_SUITE(int, UNIT_TEST(test_small_int_cache), UNIT_TEST(test_immortal_refcounts),
           UNIT_TEST(test_bool_operands), UNIT_TEST(test_arithmetic_edges),
           UNIT_TEST(test_conversions), UNIT_TEST(test_text), UNIT_TEST(test_str_digit_limit),
           UNIT_TEST(test_hash), UNIT_TEST(test_sizes), UNIT_TEST(test_methods),
           UNIT_TEST(test_vectors), UNIT_TEST(test_allocation_failures));
