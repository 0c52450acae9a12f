/* float tests: the CPython-generated vectors of tests/data/float_cases.txt
 * (tools/gen_float_cases.py: repr, hash, parsing and its errors, arithmetic and
 * comparison with floats and ints, round, hex), then edge cases and CPython's
 * error messages, methods, sizes (its free list: test_freelist.c), and every allocation failure.
 * Runs on the host (cmocka) and in QEMU.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

static uint64_t bits_of(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static obj_t *fl(double d)
{
    return CHECK_OBJ(obj_float_from_double(d));
}

static obj_t *num(int64_t v)
{
    return CHECK_OBJ(obj_int_from_i64(v));
}

/* 2^k + d as an int. */
static obj_t *pow2_plus(unsigned k, int64_t d)
{
    obj_t *one = num(1), *kk = num(k), *p = CHECK_OBJ(obj_int_lshift(one, kk)), *dd = num(d);
    obj_t *r = CHECK_OBJ(obj_int_add(p, dd));
    obj_decref(kk);
    obj_decref(p);
    obj_decref(dd);
    return r;
}

/* repr(o) == want; consumes nothing. */
static void check_repr(obj_t *o, const char *want)
{
    obj_t *r = CHECK_OBJ(obj_repr(o));
    CHECK_STREQ(obj_str_utf8(r, NULL), want);
    obj_decref(r);
    r = CHECK_OBJ(obj_str(o));
    CHECK_STREQ(obj_str_utf8(r, NULL), want);
    obj_decref(r);
}

/* r is a float with exactly these bits (any NaN for a NaN); takes r. */
static void check_float(obj_t *r, double want)
{
    CHECK_OBJ(r);
    CHECK(obj_float_check(r));
    double got = obj_float_value(r);
    if (isnan(want))
        CHECK(isnan(got));
    else if (bits_of(got) != bits_of(want))
        unit_fail(__FILE__, __LINE__, "float %016llx, want %016llx",
                  (unsigned long long)bits_of(got), (unsigned long long)bits_of(want));
    obj_decref(r);
}

/* r is an int equal to want; takes r. */
static void check_int(obj_t *r, int64_t want)
{
    CHECK_OBJ(r);
    CHECK(obj_int_check(r));
    int64_t got;
    CHECK(obj_int_as_i64(r, &got) == 0);
    CHECK_EQ(got, want);
    obj_decref(r);
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

static obj_t *call0(obj_t *self, const char *name)
{
    return obj_call_method(self, name, NULL, 0);
}

/* ---- the vectors ---------------------------------------------------------- */

struct cursor {
    const char *p, *end;
    long line, failures;
    char text[2048], want[2048]; /* unescaped fields */
};

/* The next space-separated field of the line: its length, *start set. */
static size_t field(struct cursor *c, const char **start)
{
    if (c->p < c->end && *c->p == ' ')
        c->p++;
    *start = c->p;
    while (c->p < c->end && *c->p != ' ' && *c->p != '\n')
        c->p++;
    return (size_t)(c->p - *start);
}

static int field_is(const char *f, size_t n, const char *s)
{
    return strlen(s) == n && memcmp(f, s, n) == 0;
}

static uint64_t hex_value(const char *f, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 16 + (uint64_t)(f[i] <= '9' ? f[i] - '0' : (f[i] | 0x20) - 'a' + 10);
    return v;
}

static double double_field(struct cursor *c)
{
    const char *f;
    size_t n = field(c, &f);
    return from_bits(hex_value(f, n));
}

/* A field with \xHH escapes, unescaped into buf (NUL-terminated); its length. */
static size_t text_field(struct cursor *c, char *buf)
{
    const char *f;
    size_t n = field(c, &f), len = 0;
    for (size_t i = 0; i < n; len++) {
        if (f[i] == '\\' && i + 3 < n && f[i + 1] == 'x') {
            buf[len] = (char)hex_value(f + i + 2, 2);
            i += 4;
        } else {
            buf[len] = f[i++];
        }
    }
    buf[len] = '\0';
    return len;
}

static void mismatch(struct cursor *c, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
static void mismatch(struct cursor *c, const char *format, ...)
{
    if (c->failures++ < 10) {
        char text[200];
        va_list args;
        va_start(args, format);
        vsnprintf(text, sizeof text, format, args);
        va_end(args);
        unit_log("float_cases.txt:%ld: %s\n", c->line, text);
    }
    obj_err_clear();
}

/* An operand: a double, or i<signed hex>[p<shift>] for an int. New reference. */
static obj_t *operand_field(struct cursor *c)
{
    const char *f;
    size_t n = field(c, &f);
    if (f[0] != 'i')
        return fl(from_bits(hex_value(f, n)));
    const char *p = memchr(f, 'p', n);
    size_t digits = p ? (size_t)(p - f) - 1 : n - 1;
    obj_t *v = CHECK_OBJ(obj_int_from_string(f + 1, digits, 16));
    if (p) {
        int64_t k = 0;
        for (const char *q = p + 1; q < f + n; q++)
            k = k * 10 + (*q - '0');
        obj_t *shift = num(k), *shifted = CHECK_OBJ(obj_int_lshift(v, shift));
        obj_decref(shift);
        obj_decref(v);
        v = shifted;
    }
    return v;
}

static const obj_type_t *error_named(const char *f, size_t n)
{
    static const obj_type_t *const types[] = {&obj_exc_ZeroDivisionError, &obj_exc_OverflowError,
                                              &obj_exc_ValueError, &obj_exc_TypeError};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (field_is(f, n, types[i]->name))
            return types[i];
    return NULL;
}

/* Compare a result (taken) with the next field: a double, T/F, i<hex>, or an
 * exception name. With inexact_ulp, a double may be one unit in the last place
 * off: x ** y comes from the board's libm (glibc's pow, CPython's on Linux, is
 * correctly rounded here; picolibc's is within one ulp). */
static void expect(struct cursor *c, obj_t *r, int inexact_ulp)
{
    const char *f;
    size_t n = field(c, &f);
    const obj_type_t *error = error_named(f, n);
    if (error || r == NULL) {
        if (r != NULL || !error || obj_err_occurred() != error)
            mismatch(c, "want %.*s, got %s", (int)n, f,
                     r                    ? "a result"
                     : obj_err_occurred() ? obj_err_occurred()->name
                                          : "NULL and no error");
        obj_xdecref(r);
        obj_err_clear();
        return;
    }
    int ok;
    if (field_is(f, n, "T") || field_is(f, n, "F")) {
        ok = r == obj_bool_from(f[0] == 'T');
    } else if (f[0] == 'i') {
        const char *save = c->p;
        c->p = f;
        obj_t *want = operand_field(c);
        c->p = save;
        ok = obj_int_check_exact(r) && obj_int_compare(r, want) == 0;
        obj_decref(want);
    } else {
        double want = from_bits(hex_value(f, n));
        uint64_t got = obj_float_check(r) ? bits_of(obj_float_value(r)) : 0;
        ok = obj_float_check(r) &&
             (isnan(want) ? isnan(obj_float_value(r))
                          : got == bits_of(want) || (inexact_ulp && isfinite(want) &&
                                                     (got >> 63) == (bits_of(want) >> 63) &&
                                                     got - bits_of(want) + 1 <= 2));
    }
    if (!ok) {
        obj_t *s = obj_repr(r);
        mismatch(c, "want %.*s, got %s", (int)n, f, s ? obj_str_utf8(s, NULL) : "?");
        obj_xdecref(s);
    }
    obj_decref(r);
}

static obj_t *arith(const char *op, size_t n, obj_t *a, obj_t *b)
{
    static const struct {
        const char *name;
        obj_binary_fn fn;
    } binary[] = {
        {"+", obj_number_add},         {"-", obj_number_subtract},  {"*", obj_number_multiply},
        {"/", obj_number_true_divide}, {"%", obj_number_remainder}, {"//", obj_number_floor_divide},
        {"divmod", obj_number_divmod},
    };
    static const char *const compare[] = {"<", "<=", "==", "!=", ">", ">="};
    for (size_t i = 0; i < sizeof binary / sizeof binary[0]; i++)
        if (field_is(op, n, binary[i].name))
            return binary[i].fn(a, b);
    for (int i = 0; i < 6; i++)
        if (field_is(op, n, compare[i]))
            return obj_richcompare(a, b, OBJ_LT + i);
    return obj_number_power(a, b, obj_none);
}

static void run_repr_case(struct cursor *c)
{
    double x = double_field(c);
    size_t wn = text_field(c, c->want);
    const char *h64, *h32;
    field(c, &h64);
    field(c, &h32);
    obj_t *f = fl(x), *s = CHECK_OBJ(obj_repr(f));
    size_t sn;
    const char *got = obj_str_utf8(s, &sn);
    if (sn != wn || memcmp(got, c->want, wn) != 0)
        mismatch(c, "repr %s, want %s", got, c->want);
    int ok;
    double back = obj_float_parse(got, sn, &ok);
    if (!ok || (isnan(x) ? !isnan(back) : bits_of(back) != bits_of(x)))
        mismatch(c, "%s does not read back", got);
    if (!isnan(x)) {
        long long want = strtoll(sizeof(void *) == 8 ? h64 : h32, NULL, 10);
        if (obj_hash(f) != (obj_hash_t)want)
            mismatch(c, "hash %lld, want %lld", (long long)obj_hash(f), want);
    }
    obj_decref(s);
    obj_decref(f);
}

static void run_parse_case(struct cursor *c, int valid)
{
    double want = valid ? double_field(c) : 0.0;
    size_t n = text_field(c, c->text);
    int ok;
    double got = obj_float_parse(c->text, n, &ok);
    obj_t *r = obj_float_from_string(c->text, n);
    if (valid) {
        if (!ok || bits_of(got) != bits_of(want))
            mismatch(c, "parsed %d %016llx, want %016llx", ok, (unsigned long long)bits_of(got),
                     (unsigned long long)bits_of(want));
        if (r == NULL || bits_of(obj_float_value(r)) != bits_of(want))
            mismatch(c, "obj_float_from_string differs");
    } else {
        size_t rn = text_field(c, c->want);
        static const char prefix[] = "could not convert string to float: ";
        obj_t *m = r == NULL && obj_err_occurred() == &obj_exc_ValueError ? obj_err_value() : NULL;
        size_t mn = 0;
        const char *mt = m ? obj_str_utf8(m, &mn) : "";
        if (ok)
            mismatch(c, "parsed, want an error");
        else if (m == NULL || mn != sizeof prefix - 1 + rn ||
                 memcmp(mt, prefix, sizeof prefix - 1) != 0 ||
                 memcmp(mt + sizeof prefix - 1, c->want, rn) != 0)
            mismatch(c, "message %s", mt);
        obj_err_clear();
    }
    obj_xdecref(r);
}

static void run_case(struct cursor *c, const char *kind, size_t kn)
{
    if (field_is(kind, kn, "r")) {
        run_repr_case(c);
    } else if (field_is(kind, kn, "p") || field_is(kind, kn, "x")) {
        run_parse_case(c, kind[0] == 'p');
    } else if (field_is(kind, kn, "a")) {
        const char *op;
        size_t n = field(c, &op);
        obj_t *a = operand_field(c), *b = operand_field(c), *r = arith(op, n, a, b);
        if (field_is(op, n, "divmod") && r != NULL) {
            expect(c, obj_newref(obj_tuple_get(r, 0)), 0);
            expect(c, obj_newref(obj_tuple_get(r, 1)), 0);
            obj_decref(r);
        } else {
            expect(c, r, field_is(op, n, "**"));
        }
        obj_decref(a);
        obj_decref(b);
    } else if (field_is(kind, kn, "R")) {
        obj_t *x = fl(double_field(c)), *nd = NULL;
        const char *f;
        size_t n = field(c, &f);
        if (!field_is(f, n, "-"))
            nd = num(strtol(f, NULL, 10));
        expect(c, obj_call_method(x, "__round__", &nd, nd ? 1 : 0), 0);
        obj_xdecref(nd);
        obj_decref(x);
    } else if (field_is(kind, kn, "h")) {
        obj_t *x = fl(double_field(c)), *s = CHECK_OBJ(call0(x, "hex"));
        text_field(c, c->want);
        if (strcmp(obj_str_utf8(s, NULL), c->want) != 0)
            mismatch(c, "hex %s, want %s", obj_str_utf8(s, NULL), c->want);
        obj_decref(s);
        obj_decref(x);
    } else {
        mismatch(c, "unknown case %.*s", (int)kn, kind);
    }
}

/* Every case of tests/data/float_cases.txt; in QEMU only every unit_scale()-th
 * of the random ones. */
static void test_vectors(void)
{
    size_t len;
    const char *data = unit_data("float_cases.txt", &len);
    CHECK(data != NULL);
    static struct cursor c;
    c.p = data;
    c.end = data + len;
    c.line = c.failures = 0;
    long cases = 0;
    int random = 0;
    while (c.p < c.end) {
        c.line++;
        if (*c.p == '#') {
            random |= c.end - c.p > 8 && memcmp(c.p, "# random", 8) == 0;
        } else if (*c.p != '\n' && (!random || c.line % (long)unit_scale() == 0)) {
            const char *kind;
            size_t kn = field(&c, &kind);
            run_case(&c, kind, kn);
            cases++;
        }
        while (c.p < c.end && *c.p != '\n')
            c.p++;
        c.p++;
    }
    unit_log("float vectors: %ld cases, %ld failed\n", cases, c.failures);
    CHECK(cases > 0);
    CHECK_EQ(c.failures, 0);
}

/* ---- repr and parsing ------------------------------------------------------ */

static void test_repr(void)
{
    static const struct {
        double x;
        const char *repr;
    } cases[] = {
        {0.0, "0.0"},
        {-0.0, "-0.0"},
        {1.0, "1.0"},
        {0.1, "0.1"},
        {0.1 + 0.2, "0.30000000000000004"},
        {1e16, "1e+16"},
        {1e15, "1000000000000000.0"},
        {123456789012345678.0, "1.2345678901234568e+17"},
        {1e-4, "0.0001"},
        {1.5e-5, "1.5e-05"},
        {1e-300, "1e-300"},
        {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {2.2250738585072014e-308, "2.2250738585072014e-308"},
        {9007199254740993.0, "9007199254740992.0"},
        {-123.456, "-123.456"},
        {INFINITY, "inf"},
        {-INFINITY, "-inf"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        obj_t *f = fl(cases[i].x);
        check_repr(f, cases[i].repr);
        char buf[OBJ_FLOAT_REPR_SIZE];
        CHECK_EQ(obj_float_format_repr(cases[i].x, buf), strlen(cases[i].repr));
        CHECK_STREQ(buf, cases[i].repr);
        obj_decref(f);
    }
    obj_t *f = fl(NAN);
    check_repr(f, "nan");
    obj_decref(f);
    f = fl(-NAN);
    check_repr(f, "nan");
    obj_decref(f);
}

static void test_parse(void)
{
    int ok;
    CHECK(obj_float_parse("1_000.5", 7, &ok) == 1000.5 && ok);
    CHECK(obj_float_parse(" -1e-3 ", 7, &ok) == -1e-3 && ok);
    CHECK(bits_of(obj_float_parse("-0", 2, &ok)) == bits_of(-0.0) && ok);
    CHECK(isinf(obj_float_parse("-Infinity", 9, &ok)) && ok);
    CHECK(isnan(obj_float_parse("nan", 3, &ok)) && ok);
    obj_float_parse("1_", 2, &ok);
    CHECK(!ok);
    obj_float_parse("1\0", 2, &ok); /* an embedded NUL is not whitespace */
    CHECK(!ok);
    CHECK(obj_float_parse("12", 1, &ok) == 1.0 && ok); /* n bytes, not up to a NUL */

    check_float(obj_float_from_string("\xd9\xa1\xd9\xa2.5", 6), 12.5); /* Arabic-Indic digits */
    check_error(obj_float_from_string("abc", 3), &obj_exc_ValueError,
                "could not convert string to float: 'abc'");
    check_error(obj_float_from_string("", 0), &obj_exc_ValueError,
                "could not convert string to float: ''");
    check_error(obj_float_from_string("1\0", 2), &obj_exc_ValueError,
                "could not convert string to float: '1\\x00'");
    check_error(obj_float_from_string("'", 1), &obj_exc_ValueError,
                "could not convert string to float: \"'\"");
}

/* ---- arithmetic and comparison --------------------------------------------- */

static void test_arithmetic_errors(void)
{
    obj_t *one = fl(1.0), *zero = fl(0.0), *izero = num(0), *big = pow2_plus(1100, 0);
    const char *const div0[] = {"float division by zero", "float modulo",
                                "float floor division by zero", "float divmod()"};
    obj_binary_fn ops[] = {obj_number_true_divide, obj_number_remainder, obj_number_floor_divide,
                           obj_number_divmod};
    for (int i = 0; i < 4; i++) {
        check_error(ops[i](one, zero), &obj_exc_ZeroDivisionError, div0[i]);
        check_error(ops[i](one, izero), &obj_exc_ZeroDivisionError, div0[i]);
    }
    check_error(obj_number_add(one, big), &obj_exc_OverflowError,
                "int too large to convert to float");
    check_error(obj_number_multiply(big, one), &obj_exc_OverflowError,
                "int too large to convert to float");
    obj_t *minus = fl(-1.0);
    check_error(obj_number_power(zero, minus, obj_none), &obj_exc_ZeroDivisionError,
                "0.0 cannot be raised to a negative power");
    obj_decref(minus);
    obj_t *two = fl(2.0), *k = fl(2000.0), *third = fl(1.0 / 3), *m8 = fl(-8.0), *five = num(5);
    check_error(obj_number_power(two, k, obj_none), &obj_exc_OverflowError,
                "(34, 'Numerical result out of range')");
    check_error(obj_number_power(m8, third, obj_none), &obj_exc_ValueError,
                "negative number cannot be raised to a fractional power");
    check_error(obj_number_power(two, k, five), &obj_exc_TypeError,
                "pow() 3rd argument not allowed unless all arguments are integers");
    obj_t *s = CHECK_OBJ(obj_str_from_cstr("x"));
    CHECK(obj_number_add(one, s) == NULL && obj_err_matches(&obj_exc_TypeError));
    obj_err_clear();
    CHECK(obj_richcompare(one, s, OBJ_LT) == NULL && obj_err_matches(&obj_exc_TypeError));
    obj_err_clear();
    obj_t *eq = CHECK_OBJ(obj_richcompare(one, s, OBJ_EQ));
    CHECK(eq == obj_false);
    obj_t *e308 = fl(1e308), *ten = num(10);
    check_float(obj_number_multiply(e308, ten), INFINITY); /* no error, as CPython */
    obj_decref(e308);
    obj_decref(ten);
    obj_decref(s);
    obj_decref(two);
    obj_decref(k);
    obj_decref(third);
    obj_decref(m8);
    obj_decref(five);
    obj_decref(one);
    obj_decref(zero);
    obj_decref(izero);
    obj_decref(big);
}

static void test_unary(void)
{
    obj_t *f = fl(-2.5);
    check_float(obj_number_negative(f), 2.5);
    check_float(obj_number_absolute(f), 2.5);
    obj_t *p = CHECK_OBJ(obj_number_positive(f));
    CHECK(p == f); /* an exact float is its own +x and float(x) */
    obj_decref(p);
    p = CHECK_OBJ(obj_type_float.number->float_(f));
    CHECK(p == f);
    obj_decref(p);
    CHECK_EQ(obj_is_true(f), 1);
    obj_decref(f);
    f = fl(-0.0);
    check_float(obj_number_negative(f), 0.0);
    CHECK_EQ(obj_is_true(f), 0);
    obj_decref(f);
    f = fl(NAN);
    CHECK_EQ(obj_is_true(f), 1);
    check_error(obj_type_float.number->int_(f), &obj_exc_ValueError,
                "cannot convert float NaN to integer");
    obj_decref(f);
    f = fl(-INFINITY);
    check_error(obj_type_float.number->int_(f), &obj_exc_OverflowError,
                "cannot convert float infinity to integer");
    obj_decref(f);
    f = fl(-1e20);
    obj_t *i = CHECK_OBJ(obj_type_float.number->int_(f));
    obj_t *want = CHECK_OBJ(obj_int_from_string("-100000000000000000000", 22, 10));
    CHECK_EQ(obj_int_compare(i, want), 0);
    obj_decref(want);
    obj_decref(i);
    obj_decref(f);
    f = fl(-2.7);
    check_int(obj_type_float.number->int_(f), -2);
    obj_decref(f);
}

/* Float against int exactly, never through a lossy conversion (2^53 + 1 is not
 * float(2^53 + 1)). */
static void test_compare_with_ints(void)
{
    obj_t *f53 = fl(9007199254740992.0), *i53 = pow2_plus(53, 0), *i53p1 = pow2_plus(53, 1);
    CHECK(obj_richcompare_bool(f53, i53, OBJ_EQ) == 1);
    CHECK(obj_richcompare_bool(f53, i53p1, OBJ_EQ) == 0);
    CHECK(obj_richcompare_bool(f53, i53p1, OBJ_LT) == 1);
    CHECK(obj_richcompare_bool(i53p1, f53, OBJ_GT) == 1); /* reflected */
    obj_t *half = fl(562949953421312.5), *i49 = pow2_plus(49, 0), *i49p1 = pow2_plus(49, 1);
    CHECK(obj_richcompare_bool(half, i49, OBJ_GT) == 1);
    CHECK(obj_richcompare_bool(half, i49p1, OBJ_LT) == 1);
    CHECK(obj_richcompare_bool(half, i49, OBJ_EQ) == 0);
    obj_t *nhalf = fl(-562949953421312.5), *n49 = CHECK_OBJ(obj_number_negative(i49));
    CHECK(obj_richcompare_bool(nhalf, n49, OBJ_LT) == 1);
    obj_t *huge = pow2_plus(1100, 1), *max = fl(1.7976931348623157e308), *inf = fl(INFINITY);
    CHECK(obj_richcompare_bool(max, huge, OBJ_LT) == 1);
    CHECK(obj_richcompare_bool(inf, huge, OBJ_GT) == 1);
    obj_t *nan = fl(NAN), *zero = num(0), *nz = fl(-0.0);
    CHECK(obj_richcompare_bool(nan, huge, OBJ_NE) == 1);
    CHECK(obj_richcompare_bool(nan, zero, OBJ_EQ) == 0);
    CHECK(obj_richcompare_bool(nan, nan, OBJ_EQ) == 1); /* identity, as CPython's containers */
    obj_t *r = CHECK_OBJ(obj_richcompare(nan, nan, OBJ_EQ));
    CHECK(r == obj_false);
    CHECK(obj_richcompare_bool(nz, zero, OBJ_EQ) == 1);
    CHECK(obj_richcompare_bool(nz, obj_false, OBJ_EQ) == 1);
    CHECK(obj_richcompare_bool(obj_true, nz, OBJ_GT) == 1);
    obj_t *e300 = fl(1e300), *i300 = CHECK_OBJ(obj_int_from_double(1e300));
    CHECK(obj_richcompare_bool(e300, i300, OBJ_EQ) == 1);
    CHECK(obj_hash(e300) == obj_hash(i300));
    obj_t *one = num(1), *i300p1 = CHECK_OBJ(obj_int_add(i300, one));
    CHECK(obj_richcompare_bool(e300, i300p1, OBJ_LT) == 1);
    CHECK(obj_richcompare_bool(e300, i300p1, OBJ_GE) == 0);
    obj_t *objs[] = {f53, i53, i53p1, half, i49, i49p1, nhalf, n49, huge,
                     max, inf, nan,   zero, nz,  e300,  i300,  one, i300p1};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_decref(objs[i]);
}

static void test_hash(void)
{
    const int wide = sizeof(void *) == 8;
    obj_t *one = fl(1.0), *ione = num(1), *half = fl(0.5), *m1 = fl(-1.0);
    CHECK(obj_hash(one) == 1 && obj_hash(ione) == 1);
    CHECK(obj_hash(half) == (obj_hash_t)1 << (wide ? 60 : 30));
    CHECK(obj_hash(m1) == -2);
    obj_t *inf = fl(INFINITY), *ninf = fl(-INFINITY), *nan = fl(NAN), *z = fl(-0.0);
    CHECK(obj_hash(inf) == 314159 && obj_hash(ninf) == -314159);
    CHECK(obj_hash(nan) == obj_hash_identity(nan)); /* CPython 3.10+: NaNs hash by identity */
    CHECK(obj_hash(z) == 0);
    obj_t *p100 = fl(1267650600228229401496703205376.0), *i100 = pow2_plus(100, 0);
    CHECK(obj_hash(p100) == obj_hash(i100));
    obj_t *objs[] = {one, ione, half, m1, inf, ninf, nan, z, p100, i100};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_decref(objs[i]);
}

/* ---- methods ----------------------------------------------------------------- */

static void check_ratio(double x, obj_t *num_want, obj_t *den_want)
{
    obj_t *f = fl(x), *t = CHECK_OBJ(call0(f, "as_integer_ratio"));
    CHECK(obj_tuple_check(t) && obj_tuple_size(t) == 2);
    CHECK_EQ(obj_int_compare(obj_tuple_get(t, 0), num_want), 0);
    CHECK_EQ(obj_int_compare(obj_tuple_get(t, 1), den_want), 0);
    obj_decref(t);
    obj_decref(f);
    obj_decref(num_want);
    obj_decref(den_want);
}

static void test_methods(void)
{
    obj_t *f = fl(3.0), *g = fl(3.5), *inf = fl(INFINITY), *nan = fl(NAN);
    CHECK(call0(f, "is_integer") == obj_true);
    CHECK(call0(g, "is_integer") == obj_false);
    CHECK(call0(inf, "is_integer") == obj_false);
    obj_t *arg = num(1);
    check_error(obj_call_method(f, "is_integer", &arg, 1), &obj_exc_TypeError,
                "float.is_integer() takes no arguments (1 given)");
    obj_t *args[2] = {arg, arg};
    check_error(obj_call_method(f, "__round__", args, 2), &obj_exc_TypeError,
                "__round__ expected at most 1 argument, got 2");

    check_ratio(0.75, num(3), num(4));
    check_ratio(-2.5, num(-5), num(2));
    check_ratio(0.0, num(0), num(1));
    check_ratio(1e16, num(10000000000000000), num(1));
    check_ratio(5e-324, num(1), pow2_plus(1074, 0));
    check_ratio(1.7976931348623157e308, CHECK_OBJ(obj_int_from_double(1.7976931348623157e308)),
                num(1));
    check_error(call0(inf, "as_integer_ratio"), &obj_exc_OverflowError,
                "cannot convert Infinity to integer ratio");
    check_error(call0(nan, "as_integer_ratio"), &obj_exc_ValueError,
                "cannot convert NaN to integer ratio");

    check_int(call0(g, "__trunc__"), 3);
    check_int(call0(g, "__floor__"), 3);
    check_int(call0(g, "__ceil__"), 4);
    obj_t *ng = fl(-3.5);
    check_int(call0(ng, "__trunc__"), -3);
    check_int(call0(ng, "__floor__"), -4);
    check_int(call0(ng, "__ceil__"), -3);
    check_int(call0(ng, "__round__"), -4);
    check_error(call0(nan, "__round__"), &obj_exc_ValueError,
                "cannot convert float NaN to integer");
    obj_t *big = pow2_plus(100, 0), *small = CHECK_OBJ(obj_number_negative(big)), *r;
    r = CHECK_OBJ(obj_call_method(g, "__round__", &big, 1)); /* huge ndigits: itself */
    check_float(r, 3.5);
    r = CHECK_OBJ(obj_call_method(g, "__round__", &small, 1)); /* hugely negative: a zero */
    check_float(r, 0.0);
    r = CHECK_OBJ(obj_call_method(ng, "__round__", &small, 1));
    check_float(r, -0.0);
    obj_t *s = CHECK_OBJ(obj_str_from_cstr("2"));
    CHECK(obj_call_method(g, "__round__", &s, 1) == NULL && obj_err_matches(&obj_exc_TypeError));
    obj_err_clear();
    obj_t *max = fl(1.7976931348623157e308), *m308 = num(-308);
    check_error(obj_call_method(max, "__round__", &m308, 1), &obj_exc_OverflowError,
                "rounded value too large to represent");
    obj_t *objs[] = {f, g, inf, nan, arg, ng, big, small, s, max, m308};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_decref(objs[i]);
}

/* ---- sizes ------------------------------------------------------------------- */

static void test_sizes(void)
{
    CHECK_EQ(sizeof(obj_float_t), sizeof(void *) == 8 ? 24 : 16);
    CHECK_EQ(_Alignof(obj_float_t), 8);
    CHECK_EQ(obj_type_float.basicsize, sizeof(obj_float_t));
    obj_t *f = fl(1.0);
    CHECK_EQ(obj_sizeof(f), sizeof(obj_float_t));
    CHECK(!(obj_type_float.flags & OBJ_TYPE_GC));
    obj_decref(f);
}

/* ---- out of memory ------------------------------------------------------------ */

/* Each returns 0 on success or -1 with an error, releasing what it made. */
static int op_from_double(void)
{
    obj_t *f = obj_float_from_double(1.5);
    obj_xdecref(f);
    return f ? 0 : -1;
}

static int op_from_string(void)
{
    obj_t *f = obj_float_from_string("  2.5e-3  ", 10);
    obj_xdecref(f);
    return f ? 0 : -1;
}

static int op_bad_string(void)
{
    obj_t *f = obj_float_from_string("2.5x", 4);
    if (f != NULL || !obj_err_matches(&obj_exc_ValueError))
        return -1;
    obj_err_clear();
    return 0;
}

static int op_repr_and_hex(void)
{
    obj_t *f = obj_float_from_double(0.1), *r = f ? obj_repr(f) : NULL;
    obj_t *h = r ? call0(f, "hex") : NULL;
    obj_xdecref(f);
    obj_xdecref(r);
    obj_xdecref(h);
    return h ? 0 : -1;
}

static int op_arithmetic(void)
{
    obj_t *a = obj_float_from_double(7.5), *b = a ? obj_int_from_i64(2) : NULL;
    obj_t *s = b ? obj_number_add(a, b) : NULL, *d = s ? obj_number_divmod(s, a) : NULL;
    obj_t *p = d ? obj_number_power(a, b, obj_none) : NULL;
    obj_t *objs[] = {a, b, s, d, p};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_xdecref(objs[i]);
    return p ? 0 : -1;
}

static int op_compare_big(void)
{
    obj_t *f = obj_float_from_double(1e300), *i = f ? obj_int_from_double(1e300) : NULL;
    obj_t *r = i ? obj_richcompare(f, i, OBJ_LE) : NULL;
    obj_xdecref(f);
    obj_xdecref(i);
    obj_xdecref(r);
    return r ? 0 : -1;
}

static int op_methods(void)
{
    obj_t *f = obj_float_from_double(5e-324), *t = f ? call0(f, "as_integer_ratio") : NULL;
    obj_t *nd = t ? obj_int_from_i64(2) : NULL, *g = nd ? obj_float_from_double(2.675) : NULL;
    obj_t *r = g ? obj_call_method(g, "__round__", &nd, 1) : NULL;
    obj_t *objs[] = {f, t, nd, g, r};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        obj_xdecref(objs[i]);
    return r ? 0 : -1;
}

/* Every allocation of every operation fails once in turn: NULL with MemoryError
 * each time, and the runner checks nothing leaked. */
static void test_out_of_memory(void)
{
    int (*const ops[])(void) = {op_from_double, op_from_string, op_bad_string, op_repr_and_hex,
                                op_arithmetic,  op_compare_big, op_methods};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        for (long n = 0;; n++) {
            obj_freelists_clear(); /* so that new floats allocate */
            unit_fail_alloc_after(n);
            int r = ops[i]();
            unit_fail_alloc_after(-1);
            if (r == 0)
                break;
            CHECK(obj_err_matches(&obj_exc_MemoryError));
            obj_err_clear();
            CHECK(n < 1000);
        }
    }
}

UNIT_SUITE(float, UNIT_TEST(test_vectors), UNIT_TEST(test_repr), UNIT_TEST(test_parse),
           UNIT_TEST(test_arithmetic_errors), UNIT_TEST(test_unary),
           UNIT_TEST(test_compare_with_ints), UNIT_TEST(test_hash), UNIT_TEST(test_methods),
           UNIT_TEST(test_sizes), UNIT_TEST(test_out_of_memory));
