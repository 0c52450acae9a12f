/* int: arbitrary-precision integers (the layout is drawn in int.h).
 *
 * This file holds, in order: the small-int cache and the one function that
 * normalises every result (int_finish); the magnitude primitives on digit
 * arrays; conversions from and to C numbers, doubles and text; the number
 * slots; and the type object.
 *
 * Algorithms and their bounds (n, m = digit counts of the operands):
 *   add/sub            schoolbook, O(n + m)
 *   multiply           schoolbook, O(n m)
 *   divide             Knuth, TAOCP vol. 2, 4.3.1, Algorithm D, O(m (n - m + 1))
 *   true divide        exact integer quotient of 55-56 bits, then one rounding
 *                      (the method of CPython's long_true_divide): correctly rounded
 *   power              left-to-right binary exponentiation; modular powers reduce
 *                      after every product; negative exponents with a modulus use
 *                      the inverse from the extended Euclidean algorithm
 *   to/from decimal    chunks of 9 digits (10^9 < 2^30), O(n^2)
 *   power-of-two bases bit packing, O(n)
 * Operands of at most two digits (|v| < 2^60) take int64_t paths first, with
 * no digit loops and no temporaries. Larger operations use scratch digits on
 * the stack up to SCRATCH_DIGITS, and from obj_mem beyond.
 *
 * Every allocation may fail: the functions return NULL (or -1) with the error
 * set, free whatever they allocated, and never modify their operands.
 */
#define OBJ_INTERNAL
#include "objects/int.h"
#include "objects/runtime.h"

#include <float.h>
#include <string.h>

#include "objects/float.h"
#include "objects/str.h"
#include "objects/tuple.h"

typedef obj_int_digit_t digit;
typedef uint64_t twodigits; /* a digit product plus carries */

#define SHIFT OBJ_INT_SHIFT
#define MASK  OBJ_INT_MASK

/* Most digits an int may have: its byte size must fit an obj_ssize_t
 * (CPython's MAX_LONG_DIGITS). More raises OverflowError. */
#define MAX_DIGITS (((size_t)INTPTR_MAX - sizeof(obj_int_t)) / sizeof(digit))

_Static_assert(offsetof(obj_int_t, digit) == sizeof(obj_var_t), "digits follow the var header");
_Static_assert(sizeof(digit) * 8 >= SHIFT + 2, "a digit holds a sum of two digits and a carry");
_Static_assert(2 * SHIFT + 3 <= 64, "twodigits holds a digit product plus carries");
_Static_assert(DBL_MANT_DIG == 53 && DBL_MAX_EXP == 1024 && DBL_MIN_EXP == -1021 &&
                   sizeof(double) == 8,
               "doubles are IEEE binary64");

#define MAX_STR_DIGITS_THRESHOLD 640

/* ---- the small-int cache ----------------------------------------------------
 * -5..256 as const objects (flash on the target). Every result is made by
 * int_finish or int_from_mag64 (or is a constant small_int()), and both return
 * these for small values. */

#define S1(v) OBJ_INT_STATIC(&obj_type_int, v)
#define S10(v)                                                                                     \
    S1(v), S1(v + 1), S1(v + 2), S1(v + 3), S1(v + 4), S1(v + 5), S1(v + 6), S1(v + 7), S1(v + 8), \
        S1(v + 9)
#define S100(v)                                                                                    \
    S10(v), S10(v + 10), S10(v + 20), S10(v + 30), S10(v + 40), S10(v + 50), S10(v + 60),          \
        S10(v + 70), S10(v + 80), S10(v + 90)

static const obj_int_t small_ints[] = {
    S1(-5),   S1(-4),   S1(-3),  S1(-2),  S1(-1),  S100(0), S100(100), S10(200), S10(210), S10(220),
    S10(230), S10(240), S1(250), S1(251), S1(252), S1(253), S1(254),   S1(255),  S1(256),
};
_Static_assert(sizeof small_ints / sizeof small_ints[0] ==
                   OBJ_INT_SMALL_MAX - OBJ_INT_SMALL_MIN + 1,
               "one cached object per small int");

static inline obj_t *small_int(int v)
{
    return (obj_t *)&small_ints[v - OBJ_INT_SMALL_MIN];
}

/* ---- sizes, allocation, normalisation ---------------------------------------- */

#define INT(o) ((obj_int_t *)(o))

static inline size_t ndigits(const obj_int_t *a)
{
    return (size_t)(a->base.size < 0 ? -a->base.size : a->base.size);
}

static inline int is_negative(const obj_int_t *a)
{
    return a->base.size < 0;
}

/* At most two digits: the value fits an int64_t with room to add or shift. */
static inline int is_medium(const obj_int_t *a)
{
    return a->base.size >= -2 && a->base.size <= 2;
}

static inline int64_t medium_value(const obj_int_t *a)
{
    size_t n = ndigits(a);
    uint64_t m = n ? a->digit[0] : 0;
    if (n == 2)
        m |= (uint64_t)a->digit[1] << SHIFT;
    return is_negative(a) ? -(int64_t)m : (int64_t)m;
}

static inline unsigned bits_in_digit(digit d)
{
    return d ? 32u - (unsigned)__builtin_clz(d) : 0u;
}

static inline unsigned bits_in_u64(uint64_t m)
{
    return m ? 64u - (unsigned)__builtin_clzll(m) : 0u;
}

static size_t bit_length(const obj_int_t *a)
{
    size_t n = ndigits(a);
    return n ? (n - 1) * SHIFT + bits_in_digit(a->digit[n - 1]) : 0;
}

static obj_t *too_many_digits(void)
{
    return obj_err_format(&obj_exc_OverflowError, "too many digits in integer");
}

/* A new int with room for n digits (not initialised; size = n). */
static obj_int_t *int_alloc(size_t n)
{
    if (n > MAX_DIGITS)
        return (obj_int_t *)too_many_digits();
    obj_int_t *z = (obj_int_t *)obj_new(&obj_type_int, n * sizeof(digit));
    if (z)
        z->base.size = (obj_ssize_t)n;
    return z;
}

/* The end of every computation that fills a fresh int: drops leading zero
 * digits of z (whose size holds the digit count, unsigned), gives it the sign,
 * and returns the cached object instead when the value is small. Steals z. */
static obj_t *int_finish(obj_int_t *z, int negative)
{
    size_t n = (size_t)z->base.size;
    while (n > 0 && z->digit[n - 1] == 0)
        n--;
    if (n <= 1) {
        int v =
            n ? (z->digit[0] <= OBJ_INT_SMALL_MAX ? (int)z->digit[0] : OBJ_INT_SMALL_MAX + 1) : 0;
        if (negative)
            v = -v;
        if (v >= OBJ_INT_SMALL_MIN && v <= OBJ_INT_SMALL_MAX) {
            obj_decref(&z->base.base);
            return small_int(v);
        }
    }
    z->base.size = negative ? -(obj_ssize_t)n : (obj_ssize_t)n;
    return &z->base.base;
}

/* The int sign * m; the fast paths end here. */
static obj_t *int_from_mag64(uint64_t m, int negative)
{
    if (m <= (negative ? (uint64_t)-OBJ_INT_SMALL_MIN : (uint64_t)OBJ_INT_SMALL_MAX))
        return small_int(negative ? -(int)m : (int)m);
    size_t n = m >> (2 * SHIFT) ? 3 : m >> SHIFT ? 2 : 1;
    obj_int_t *z = int_alloc(n);
    if (z == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++, m >>= SHIFT)
        z->digit[i] = (digit)(m & MASK);
    z->base.size = negative ? -(obj_ssize_t)n : (obj_ssize_t)n;
    return &z->base.base;
}

/* |a| as a uint64_t: 0, or -1 when it does not fit. */
static int mag_to_u64(const obj_int_t *a, uint64_t *m)
{
    size_t n = ndigits(a);
    if (n > 3 || (n == 3 && a->digit[2] >> (64 - 2 * SHIFT)))
        return -1;
    *m = 0;
    for (size_t i = n; i-- > 0;)
        *m = (*m << SHIFT) | a->digit[i];
    return 0;
}

/* A copy of a's magnitude with the given sign. */
static obj_t *int_copy(const obj_int_t *a, int negative)
{
    size_t n = ndigits(a);
    obj_int_t *z = int_alloc(n);
    if (z == NULL)
        return NULL;
    memcpy(z->digit, a->digit, n * sizeof(digit));
    return int_finish(z, negative);
}

/* ---- scratch digits ------------------------------------------------------------ */

#define SCRATCH_DIGITS 32 /* kept on the stack before scratch comes from obj_mem */

struct scratch {
    void *p;
    digit local[SCRATCH_DIGITS];
};

/* NULL with MemoryError; otherwise release with scratch_free. */
static void *scratch_alloc(struct scratch *s, size_t bytes)
{
    s->p = bytes <= sizeof s->local ? (void *)s->local : obj_mem_alloc(bytes);
    return s->p;
}

static void scratch_free(struct scratch *s)
{
    if (s->p != (void *)s->local)
        obj_mem_free(s->p);
}

/* ---- magnitude primitives ----------------------------------------------------------
 * Digit arrays, least significant first. Outputs may alias inputs where said. */

static int mag_cmp(const digit *a, size_t na, const digit *b, size_t nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    for (size_t i = na; i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* z[0..na] = a + b, na >= nb. */
static void mag_add(digit *z, const digit *a, size_t na, const digit *b, size_t nb)
{
    digit carry = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        carry += a[i] + b[i];
        z[i] = carry & MASK;
        carry >>= SHIFT;
    }
    for (; i < na; i++) {
        carry += a[i];
        z[i] = carry & MASK;
        carry >>= SHIFT;
    }
    z[na] = carry;
}

/* z[0..na) = a - b, with a >= b (so na >= nb). z may alias a or b. */
static void mag_sub(digit *z, const digit *a, size_t na, const digit *b, size_t nb)
{
    digit borrow = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        digit t = a[i] - b[i] - borrow;
        z[i] = t & MASK;
        borrow = (t >> SHIFT) & 1;
    }
    for (; i < na; i++) {
        digit t = a[i] - borrow;
        z[i] = t & MASK;
        borrow = (t >> SHIFT) & 1;
    }
}

/* z += 1; the caller guarantees room for the carry. */
static void mag_incr(digit *z)
{
    for (size_t i = 0;; i++) {
        if (++z[i] <= MASK)
            return;
        z[i] = 0;
    }
}

/* z[0..na+nb) = a * b; z must not alias a or b. */
static void mag_mul(digit *z, const digit *a, size_t na, const digit *b, size_t nb)
{
    memset(z, 0, (na + nb) * sizeof(digit));
    for (size_t i = 0; i < na; i++) {
        twodigits carry = 0, ai = a[i];
        for (size_t j = 0; j < nb; j++) {
            carry += z[i + j] + ai * b[j];
            z[i + j] = (digit)(carry & MASK);
            carry >>= SHIFT;
        }
        z[i + nb] = (digit)carry;
    }
}

/* z[0..*len) = z * m + add, with m, add < 2^30; the carry digit, if any, is
 * appended (the caller sized z for it). */
static void mag_muladd1(digit *z, size_t *len, digit m, digit add)
{
    twodigits carry = add;
    for (size_t i = 0; i < *len; i++) {
        carry += (twodigits)z[i] * m;
        z[i] = (digit)(carry & MASK);
        carry >>= SHIFT;
    }
    if (carry)
        z[(*len)++] = (digit)carry;
}

/* z[0..n) = a << s, 0 <= s < SHIFT; returns the bits shifted out of the top.
 * z may alias a. */
static digit mag_lshift(digit *z, const digit *a, size_t n, unsigned s)
{
    digit carry = 0;
    for (size_t i = 0; i < n; i++) {
        twodigits acc = ((twodigits)a[i] << s) | carry;
        z[i] = (digit)(acc & MASK);
        carry = (digit)(acc >> SHIFT);
    }
    return carry;
}

/* z[0..n) = a >> s, 0 <= s < SHIFT; returns the bits shifted out of the bottom
 * (nonzero when any was set). z may alias a. */
static digit mag_rshift(digit *z, const digit *a, size_t n, unsigned s)
{
    digit low = (digit)((1u << s) - 1), carry = 0;
    for (size_t i = n; i-- > 0;) {
        twodigits acc = ((twodigits)carry << SHIFT) | a[i];
        carry = a[i] & low;
        z[i] = (digit)((acc >> s) & MASK);
    }
    return carry;
}

/* q[0..n) = a / d (q may be NULL, or alias a); returns a % d. d != 0. */
static digit mag_divrem1(digit *q, const digit *a, size_t n, digit d)
{
    twodigits rem = 0;
    for (size_t i = n; i-- > 0;) {
        twodigits t = (rem << SHIFT) | a[i];
        if (q)
            q[i] = (digit)(t / d);
        rem = t % d;
    }
    return (digit)rem;
}

/* Algorithm D. u has nu + 1 digits, v has nv >= 2 digits with the top bit of
 * v[nv - 1] at bit SHIFT - 1 (normalised), nu >= nv, and u[nu] < v[nv - 1] (so
 * every quotient digit is below 2^SHIFT). Afterwards q[0..nu - nv] holds the
 * quotient (q may be NULL) and u[0..nv) the remainder. */
static void knuth_divrem(digit *q, digit *u, size_t nu, const digit *v, size_t nv)
{
    digit vtop = v[nv - 1], vnext = v[nv - 2];
    for (size_t k = nu - nv + 1; k-- > 0;) {
        digit *w = u + k; /* the window w[0..nv] */
        /* Estimate the quotient digit from the top two window digits; the
         * test against vnext leaves it at most one too large. */
        twodigits num = ((twodigits)w[nv] << SHIFT) | w[nv - 1];
        twodigits qhat = num / vtop, rhat = num % vtop;
        while (qhat * vnext > ((rhat << SHIFT) | w[nv - 2])) {
            qhat--;
            rhat += vtop;
            if (rhat > MASK)
                break;
        }
        /* w -= qhat * v */
        twodigits carry = 0;
        int64_t t = 0;
        for (size_t i = 0; i < nv; i++) {
            carry += qhat * v[i];
            t += (int64_t)w[i] - (int64_t)(carry & MASK);
            carry >>= SHIFT;
            w[i] = (digit)t & MASK;
            t = t < 0 ? -1 : 0;
        }
        t += (int64_t)w[nv] - (int64_t)carry;
        w[nv] = (digit)t & MASK;
        if (t < 0) { /* one too large: add v back */
            qhat--;
            digit c = 0;
            for (size_t i = 0; i < nv; i++) {
                c += w[i] + v[i];
                w[i] = c & MASK;
                c >>= SHIFT;
            }
            w[nv] = (w[nv] + c) & MASK;
        }
        if (q)
            q[k] = (digit)qhat;
    }
}

/* q[0..na - nb] = a / b and r[0..nb) = a % b (either may be NULL), for
 * nb >= 2 and na >= nb. work: na + 1 + nb scratch digits. Returns nonzero when
 * the remainder is nonzero. */
static int mag_divrem(digit *q, digit *r, const digit *a, size_t na, const digit *b, size_t nb,
                      digit *work)
{
    digit *u = work, *v = work + na + 1;
    unsigned s = SHIFT - bits_in_digit(b[nb - 1]);
    mag_lshift(v, b, nb, s);
    u[na] = mag_lshift(u, a, na, s);
    knuth_divrem(q, u, na, v, nb);
    digit nonzero = 0;
    for (size_t i = 0; i < nb; i++)
        nonzero |= u[i];
    if (r)
        mag_rshift(r, u, nb, s);
    return nonzero != 0;
}

/* ---- doubles -------------------------------------------------------------------- */

/* 2^e for DBL_MIN_EXP - 1 <= e < DBL_MAX_EXP. */
static double pow2(int e)
{
    uint64_t bits = (uint64_t)(e + 1023) << 52;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

/* x * 2^e for x >= 1 when the result is representable (then it is exact). */
static double scale2(double x, int64_t e)
{
    for (; e > 1023; e -= 1023)
        x *= pow2(1023);
    for (; e < -1022; e += 1022)
        x *= pow2(-1022);
    return x * pow2((int)e);
}

double obj_int_frexp(obj_t *o, int64_t *exp)
{
    const obj_int_t *a = INT(o);
    size_t n = ndigits(a), bits = bit_length(a);
    if (n == 0) {
        *exp = 0;
        return 0.0;
    }
    uint64_t top; /* the top min(bits, 63) bits, anything below folded into bit 0 */
    int scale;
    if (bits <= 63) {
        mag_to_u64(a, &top);
        scale = -(int)bits;
    } else {
        size_t shift = bits - 63, ws = shift / SHIFT;
        unsigned bs = shift % SHIFT, pos = SHIFT - bs;
        top = a->digit[ws] >> bs;
        for (size_t i = ws + 1; i < n; i++, pos += SHIFT)
            top |= (uint64_t)a->digit[i] << pos;
        digit sticky = a->digit[ws] & ((1u << bs) - 1);
        for (size_t i = 0; i < ws; i++)
            sticky |= a->digit[i];
        top |= sticky != 0;
        scale = -63;
    }
    /* The conversion rounds to 53 bits, half to even; the sticky bit sits
     * below the rounding position, so ties are only the real ones. */
    double m = (double)top * pow2(scale);
    if (m == 1.0) { /* rounded up to the next power of two */
        m = 0.5;
        bits++;
    }
    *exp = (int64_t)bits;
    return is_negative(a) ? -m : m;
}

double obj_int_as_double(obj_t *o)
{
    if (is_medium(INT(o)))
        return (double)medium_value(INT(o)); /* rounds half to even */
    int64_t e;
    double m = obj_int_frexp(o, &e);
    if (e > DBL_MAX_EXP) {
        obj_err_format(&obj_exc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return m < 0 ? -scale2(-m, e) : scale2(m, e);
}

obj_t *obj_int_from_double(double d)
{
    if (d != d)
        return obj_err_format(&obj_exc_ValueError, "cannot convert float NaN to integer");
    if (d - d != 0.0)
        return obj_err_format(&obj_exc_OverflowError, "cannot convert float infinity to integer");
    if (d > -0x1p63 && d < 0x1p63)
        return obj_int_from_i64((int64_t)d);
    /* |d| = mant * 2^e with e >= 11: an integer already. */
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    unsigned e = (unsigned)((bits >> 52) & 0x7FF) - 1075;
    uint64_t mant = (bits & (((uint64_t)1 << 52) - 1)) | ((uint64_t)1 << 52);
    size_t ws = e / SHIFT;
    unsigned bs = e % SHIFT;
    obj_int_t *z = int_alloc(ws + 3);
    if (z == NULL)
        return NULL;
    memset(z->digit, 0, ws * sizeof(digit));
    uint64_t rest = mant >> (SHIFT - bs);
    z->digit[ws] = (digit)((mant << bs) & MASK);
    z->digit[ws + 1] = (digit)(rest & MASK);
    z->digit[ws + 2] = (digit)(rest >> SHIFT);
    return int_finish(z, d < 0);
}

/* ---- making and reading ints from C ----------------------------------------------- */

obj_t *obj_int_from_i64(int64_t v)
{
    return v < 0 ? int_from_mag64(-(uint64_t)v, 1) : int_from_mag64((uint64_t)v, 0);
}

obj_t *obj_int_from_u64(uint64_t v)
{
    return int_from_mag64(v, 0);
}

obj_t *obj_int_from_ssize(obj_ssize_t v)
{
    return obj_int_from_i64(v);
}

/* The value when it lies in [-max - 1, max]: 0, else -1 (no error set). */
static int int_to_i64(const obj_int_t *a, uint64_t max, int64_t *out)
{
    uint64_t m;
    if (mag_to_u64(a, &m) < 0 || m > max + is_negative(a))
        return -1;
    *out = is_negative(a) && m ? -(int64_t)(m - 1) - 1 : (int64_t)m;
    return 0;
}

int obj_int_as_i64(obj_t *o, int64_t *out)
{
    if (int_to_i64(INT(o), INT64_MAX, out) == 0)
        return 0;
    obj_err_format(&obj_exc_OverflowError, "int too big to convert");
    return -1;
}

obj_ssize_t obj_int_as_ssize(obj_t *o)
{
    int64_t v;
    if (int_to_i64(INT(o), INTPTR_MAX, &v) == 0)
        return (obj_ssize_t)v;
    obj_err_format(&obj_exc_OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
}

int obj_int_compare(obj_t *a, obj_t *b)
{
    obj_ssize_t sa = INT(a)->base.size, sb = INT(b)->base.size;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    int c = mag_cmp(INT(a)->digit, ndigits(INT(a)), INT(b)->digit, ndigits(INT(b)));
    return sa < 0 ? -c : c;
}

int obj_int_sign(obj_t *o)
{
    obj_ssize_t s = INT(o)->base.size;
    return (s > 0) - (s < 0);
}

size_t obj_int_bit_length(obj_t *o)
{
    return bit_length(INT(o));
}

/* ---- addition, subtraction, multiplication ------------------------------------------- */

static inline int both_ints(obj_t *a, obj_t *b)
{
    return obj_int_check(a) && obj_int_check(b);
}

/* sign * (|a| + |b|) */
static obj_t *add_mags(const digit *a, size_t na, const digit *b, size_t nb, int negative)
{
    if (na < nb) {
        const digit *t = a;
        a = b, b = t;
        size_t tn = na;
        na = nb, nb = tn;
    }
    obj_int_t *z = int_alloc(na + 1);
    if (z == NULL)
        return NULL;
    mag_add(z->digit, a, na, b, nb);
    return int_finish(z, negative);
}

/* sign * (|a| - |b|) */
static obj_t *sub_mags(const digit *a, size_t na, const digit *b, size_t nb, int negative)
{
    int c = mag_cmp(a, na, b, nb);
    if (c == 0)
        return small_int(0);
    if (c < 0) {
        const digit *t = a;
        a = b, b = t;
        size_t tn = na;
        na = nb, nb = tn;
        negative = !negative;
    }
    obj_int_t *z = int_alloc(na);
    if (z == NULL)
        return NULL;
    mag_sub(z->digit, a, na, b, nb);
    return int_finish(z, negative);
}

/* a + b, or a - b when subtract. */
static obj_t *add_ints(const obj_int_t *a, const obj_int_t *b, int subtract)
{
    if (is_medium(a) && is_medium(b)) {
        int64_t x = medium_value(a), y = medium_value(b);
        return obj_int_from_i64(subtract ? x - y : x + y);
    }
    int neg_a = is_negative(a), neg_b = is_negative(b) != subtract;
    if (neg_a == neg_b)
        return add_mags(a->digit, ndigits(a), b->digit, ndigits(b), neg_a);
    return sub_mags(a->digit, ndigits(a), b->digit, ndigits(b), neg_a);
}

static obj_t *mul_ints(const obj_int_t *a, const obj_int_t *b)
{
    if (is_medium(a) && is_medium(b)) {
        int64_t x = medium_value(a), y = medium_value(b);
        uint64_t mx = x < 0 ? -(uint64_t)x : (uint64_t)x, my = y < 0 ? -(uint64_t)y : (uint64_t)y;
        if (bits_in_u64(mx) + bits_in_u64(my) <= 63)
            return int_from_mag64(mx * my, (x < 0) != (y < 0));
    }
    size_t na = ndigits(a), nb = ndigits(b);
    if (na == 0 || nb == 0)
        return small_int(0);
    obj_int_t *z = int_alloc(na + nb);
    if (z == NULL)
        return NULL;
    mag_mul(z->digit, a->digit, na, b->digit, nb);
    return int_finish(z, is_negative(a) != is_negative(b));
}

obj_t *obj_int_add(obj_t *a, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    return add_ints(INT(a), INT(b), 0);
}

obj_t *obj_int_subtract(obj_t *a, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    return add_ints(INT(a), INT(b), 1);
}

obj_t *obj_int_multiply(obj_t *a, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    return mul_ints(INT(a), INT(b));
}

/* ---- division --------------------------------------------------------------------- */

static int set_medium_pair(obj_t **pq, int64_t q, obj_t **pr, int64_t r)
{
    obj_t *qo = NULL;
    if (pq && (qo = obj_int_from_i64(q)) == NULL)
        return -1;
    if (pr && (*pr = obj_int_from_i64(r)) == NULL) {
        obj_xdecref(qo);
        return -1;
    }
    if (pq)
        *pq = qo;
    return 0;
}

/* Floor division: *pq = a // b and *pr = a % b, new references, each only when
 * its pointer is not NULL. 0, or -1 with ZeroDivisionError (zero_msg) or
 * MemoryError.
 *
 * The magnitudes are divided (truncating), then, when the signs differ and
 * the remainder is not zero, |q| + 1 and |b| - |r| turn truncation into
 * flooring; the remainder takes b's sign. */
static int divmod_ints(const obj_int_t *a, const obj_int_t *b, obj_t **pq, obj_t **pr,
                       const char *zero_msg)
{
    size_t na = ndigits(a), nb = ndigits(b);
    if (nb == 0) {
        obj_err_format(&obj_exc_ZeroDivisionError, "%s", zero_msg);
        return -1;
    }
    if (is_medium(a) && is_medium(b)) {
        int64_t x = medium_value(a), y = medium_value(b), q = x / y, r = x % y;
        if (r != 0 && (r < 0) != (y < 0)) {
            q--;
            r += y;
        }
        return set_medium_pair(pq, q, pr, r);
    }
    int knuth = nb >= 2 && na >= nb, neg_q = is_negative(a) != is_negative(b);
    size_t qn = na >= nb ? na - nb + 1 : 0; /* quotient digits, before the floor's + 1 */
    struct scratch s;
    digit *work = scratch_alloc(&s, ((knuth ? na + 1 + nb : 0) + (pr ? 0 : nb)) * sizeof(digit));
    if (work == NULL)
        return -1;
    obj_int_t *qo = NULL, *ro = NULL;
    if ((pq && (qo = int_alloc(qn + 1)) == NULL) || (pr && (ro = int_alloc(nb)) == NULL)) {
        if (qo)
            obj_decref(&qo->base.base);
        scratch_free(&s);
        return -1;
    }
    digit *qd = qo ? qo->digit : NULL;
    digit *rd = ro ? ro->digit : work + (knuth ? na + 1 + nb : 0);
    if (qd)
        qd[qn] = 0;
    int rem_nonzero;
    if (na < nb) { /* q = 0, r = a */
        if (qd)
            qd[0] = 0;
        memcpy(rd, a->digit, na * sizeof(digit));
        memset(rd + na, 0, (nb - na) * sizeof(digit));
        rem_nonzero = na != 0;
    } else if (nb == 1) {
        rd[0] = mag_divrem1(qd, a->digit, na, b->digit[0]);
        rem_nonzero = rd[0] != 0;
    } else {
        rem_nonzero = mag_divrem(qd, rd, a->digit, na, b->digit, nb, work);
    }
    if (neg_q && rem_nonzero) {
        if (qd)
            mag_incr(qd);
        mag_sub(rd, b->digit, nb, rd, nb);
    }
    scratch_free(&s);
    if (pq)
        *pq = int_finish(qo, neg_q);
    if (pr)
        *pr = int_finish(ro, is_negative(b));
    return 0;
}

obj_t *obj_int_floor_divide(obj_t *a, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    obj_t *q;
    if (divmod_ints(INT(a), INT(b), &q, NULL, "integer division or modulo by zero") < 0)
        return NULL;
    return q;
}

obj_t *obj_int_remainder(obj_t *a, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    obj_t *r;
    if (divmod_ints(INT(a), INT(b), NULL, &r, "integer modulo by zero") < 0)
        return NULL;
    return r;
}

obj_t *obj_int_divmod(obj_t *a, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    obj_t *q, *r;
    if (divmod_ints(INT(a), INT(b), &q, &r, "integer division or modulo by zero") < 0)
        return NULL;
    obj_t *t = obj_tuple_pack(2, q, r);
    obj_decref(q);
    obj_decref(r);
    return t;
}

/* a / b correctly rounded. Beyond the case where both are exact doubles, the
 * quotient is computed as an integer q = |a| * 2^-shift // |b| of 55 or 56
 * bits (fewer when the result is subnormal), with a sticky bit for the
 * remainder and the bits shifted out; q is rounded once, half to even, to the
 * precision the result has, and scaled by 2^shift exactly. */
static int true_divide(const obj_int_t *a, const obj_int_t *b, double *out)
{
    size_t na = ndigits(a), nb = ndigits(b);
    if (nb == 0) {
        obj_err_format(&obj_exc_ZeroDivisionError, "division by zero");
        return -1;
    }
    int negative = is_negative(a) != is_negative(b);
    uint64_t ma, mb;
    double result;
    if (na == 0) {
        result = 0.0;
    } else if (mag_to_u64(a, &ma) == 0 && mag_to_u64(b, &mb) == 0 &&
               ma <= (uint64_t)1 << DBL_MANT_DIG && mb <= (uint64_t)1 << DBL_MANT_DIG) {
        result = (double)ma / (double)mb;
    } else {
        /* 2^(diff - 1) < |a / b| < 2^(diff + 1) */
        int64_t diff = (int64_t)bit_length(a) - (int64_t)bit_length(b);
        if (diff > DBL_MAX_EXP)
            goto overflow;
        if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) {
            result = 0.0;
            goto done;
        }
        int64_t shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;
        size_t ws = (size_t)((shift < 0 ? -shift : shift) / SHIFT);
        unsigned bs = (unsigned)((shift < 0 ? -shift : shift) % SHIFT);
        size_t nx = shift <= 0 ? na + ws + 1 : na - ws;
        /* scratch: x (nx), then quotient (nx) and Algorithm D's work (nx + 1 + nb) */
        struct scratch s;
        digit *x = scratch_alloc(&s, (3 * nx + 1 + nb) * sizeof(digit));
        if (x == NULL)
            return -1;
        digit *qd = x + nx, *work = qd + nx;
        int inexact = 0;
        if (shift <= 0) {
            memset(x, 0, ws * sizeof(digit));
            x[na + ws] = mag_lshift(x + ws, a->digit, na, bs);
        } else {
            inexact = mag_rshift(x, a->digit + ws, nx, bs) != 0;
            for (size_t i = 0; i < ws && !inexact; i++)
                inexact = a->digit[i] != 0;
        }
        while (x[nx - 1] == 0)
            nx--;
        size_t nq;
        if (nb == 1) {
            inexact |= mag_divrem1(qd, x, nx, b->digit[0]) != 0;
            nq = nx;
        } else {
            inexact |= mag_divrem(qd, NULL, x, nx, b->digit, nb, work);
            nq = nx - nb + 1;
        }
        uint64_t q = 0; /* < 2^56 */
        for (size_t i = nq; i-- > 0;)
            q = (q << SHIFT) | qd[i];
        scratch_free(&s);
        int64_t qbits = bits_in_u64(q);
        int64_t extra = (qbits > DBL_MIN_EXP - shift ? qbits : DBL_MIN_EXP - shift) - DBL_MANT_DIG;
        uint64_t half = (uint64_t)1 << (extra - 1), low = q & (2 * half - 1);
        q -= low;
        if ((low & half) && ((low & (half - 1)) || inexact || (q & (2 * half))))
            q += 2 * half;
        if (shift + (int64_t)bits_in_u64(q) > DBL_MAX_EXP)
            goto overflow;
        result = q ? scale2((double)q, shift) : 0.0;
    }
done:
    *out = negative ? -result : result;
    return 0;
overflow:
    obj_err_format(&obj_exc_OverflowError, "integer division result too large for a float");
    return -1;
}

obj_t *obj_int_true_divide(obj_t *a, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    double d;
    if (true_divide(INT(a), INT(b), &d) < 0)
        return NULL;
    return obj_float_from_double(d);
}

/* ---- powers ------------------------------------------------------------------------ */

/* a ** e for e >= 0. */
static obj_t *pow_u64(const obj_int_t *a, uint64_t e)
{
    size_t na = ndigits(a);
    if (e == 0)
        return small_int(1);
    if (na == 0)
        return small_int(0);
    if (na == 1 && a->digit[0] == 1)
        return small_int(is_negative(a) && (e & 1) ? -1 : 1);
    /* |a| >= 2: the result has more than (bits(a) - 1) * e bits. */
    uint64_t bits = bit_length(a);
    uint64_t max_bits = MAX_DIGITS < UINT64_MAX / SHIFT ? (uint64_t)MAX_DIGITS * SHIFT : UINT64_MAX;
    if (bits - 1 > max_bits / e)
        return too_many_digits();
    if (is_medium(a) && e <= 62 && bits * e <= 62) {
        int64_t base = medium_value(a), r = 1;
        for (;;) {
            if (e & 1)
                r *= base;
            if ((e >>= 1) == 0)
                break;
            base *= base;
        }
        return obj_int_from_i64(r);
    }
    obj_t *z = obj_int_positive((obj_t *)a);
    if (z == NULL)
        return NULL;
    for (int i = (int)bits_in_u64(e) - 2; i >= 0; i--) {
        obj_t *t = mul_ints(INT(z), INT(z));
        obj_decref(z);
        if (t != NULL && (e >> i) & 1) {
            z = t;
            t = mul_ints(INT(z), a);
            obj_decref(z);
        }
        if ((z = t) == NULL)
            return NULL;
    }
    return z;
}

/* x * y % m, m > 0 (so the result is in [0, m)). */
static obj_t *mulmod(const obj_int_t *x, const obj_int_t *y, const obj_int_t *m)
{
    obj_t *t = mul_ints(x, y), *r = NULL;
    if (t == NULL)
        return NULL;
    divmod_ints(INT(t), m, NULL, &r, "");
    obj_decref(t);
    return r;
}

static int is_one(const obj_int_t *a)
{
    return a->base.size == 1 && a->digit[0] == 1;
}

/* The inverse of a modulo m > 0, in [0, m): the extended Euclidean algorithm,
 * keeping only the coefficient of a (x * b == gcd (mod m) throughout). */
static obj_t *invmod(const obj_int_t *a, const obj_int_t *m)
{
    obj_t *x = obj_newref((obj_t *)a), *n = obj_newref((obj_t *)m);
    obj_t *b = small_int(1), *c = small_int(0), *result = NULL;
    while (INT(n)->base.size != 0) {
        obj_t *q, *r, *qc, *t;
        if (divmod_ints(INT(x), INT(n), &q, &r, "") < 0)
            goto out;
        qc = mul_ints(INT(q), INT(c));
        obj_decref(q);
        t = qc ? add_ints(INT(b), INT(qc), 1) : NULL;
        obj_xdecref(qc);
        if (t == NULL) {
            obj_decref(r);
            goto out;
        }
        obj_decref(x);
        x = n, n = r;
        obj_decref(b);
        b = c, c = t;
    }
    if (!is_one(INT(x)))
        obj_err_format(&obj_exc_ValueError, "base is not invertible for the given modulus");
    else
        divmod_ints(INT(b), m, NULL, &result, "");
out:
    obj_decref(x);
    obj_decref(n);
    obj_decref(b);
    obj_decref(c);
    return result;
}

/* pow(a, e, m) with a in [0, m) and the bits of |e|. */
static obj_t *powmod(const obj_int_t *a, const obj_int_t *e, const obj_int_t *m)
{
    size_t bits = bit_length(e);
    if (ndigits(m) == 1) { /* products fit twodigits */
        twodigits md = m->digit[0], base = ndigits(a) ? a->digit[0] : 0, r = 1 % md;
        for (size_t i = bits; i-- > 0;) {
            r = r * r % md;
            if ((e->digit[i / SHIFT] >> (i % SHIFT)) & 1)
                r = r * base % md;
        }
        return int_from_mag64(r, 0);
    }
    obj_t *z = small_int(1);
    for (size_t i = bits; i-- > 0;) {
        obj_t *t = mulmod(INT(z), INT(z), m);
        obj_decref(z);
        if (t != NULL && (e->digit[i / SHIFT] >> (i % SHIFT)) & 1) {
            z = t;
            t = mulmod(INT(z), a, m);
            obj_decref(z);
        }
        if ((z = t) == NULL)
            return NULL;
    }
    return z;
}

/* pow(a, b, c), c != 0: CPython 3.8+ rules (a negative b uses the inverse; the
 * result has c's sign). */
static obj_t *pow_modulo(const obj_int_t *a, const obj_int_t *b, const obj_int_t *c)
{
    obj_t *m = obj_int_absolute((obj_t *)c), *base, *z;
    if (m == NULL)
        return NULL;
    if (is_one(INT(m))) {
        obj_decref(m);
        return small_int(0);
    }
    if (is_negative(b))
        base = invmod(a, INT(m));
    else if (divmod_ints(a, INT(m), NULL, &base, "") < 0)
        base = NULL;
    z = base ? powmod(INT(base), b, INT(m)) : NULL;
    obj_xdecref(base);
    if (z != NULL && is_negative(c) && INT(z)->base.size != 0) {
        obj_t *t = add_ints(INT(z), INT(m), 1);
        obj_decref(z);
        z = t;
    }
    obj_decref(m);
    return z;
}

/* a ** b for b < 0 without modulus: CPython converts both to float and calls
 * pow(). The result is 1 / x^n for the integer-valued doubles x = float(a) and
 * n = -float(b); it is computed exactly and rounded once (1 / x^n underflows
 * to zero as soon as x^n >= 2^1075). */
static obj_t *pow_negative(const obj_int_t *a, const obj_int_t *b)
{
    double x = obj_int_as_double((obj_t *)a), n = -obj_int_as_double((obj_t *)b);
    if ((x == -1.0 || n == 1.0) && obj_err_occurred())
        return NULL;
    if (x == 0.0)
        return obj_err_format(&obj_exc_ZeroDivisionError,
                              "0.0 cannot be raised to a negative power");
    int negative = x < 0 && n < 0x1p53 && ((uint64_t)n & 1);
    double ax = x < 0 ? -x : x, result;
    uint64_t xbits;
    memcpy(&xbits, &ax, sizeof xbits);
    double floor_log2 = (double)((xbits >> 52) & 0x7FF) - 1023; /* ax >= 2^floor_log2 */
    if (ax == 1.0) {
        result = 1.0;
    } else if (n * floor_log2 >= -(DBL_MIN_EXP - DBL_MANT_DIG - 1)) {
        result = 0.0;
    } else {
        obj_t *xi = obj_int_from_double(ax), *p;
        if (xi == NULL)
            return NULL;
        p = pow_u64(INT(xi), (uint64_t)n);
        obj_decref(xi);
        if (p == NULL)
            return NULL;
        int err = true_divide(INT(small_int(1)), INT(p), &result);
        obj_decref(p);
        if (err < 0)
            return NULL;
    }
    return obj_float_from_double(negative ? -result : result);
}

obj_t *obj_int_power(obj_t *a, obj_t *b, obj_t *m)
{
    if (!both_ints(a, b) || (m != obj_none && !obj_int_check(m)))
        return obj_newref(obj_not_implemented);
    if (m != obj_none) {
        if (INT(m)->base.size == 0)
            return obj_err_format(&obj_exc_ValueError, "pow() 3rd argument cannot be 0");
        return pow_modulo(INT(a), INT(b), INT(m));
    }
    if (is_negative(INT(b)))
        return pow_negative(INT(a), INT(b));
    uint64_t e;
    if (mag_to_u64(INT(b), &e) < 0) {
        /* Only the powers of 0 and +-1 are not too large: keep the parity. */
        if (ndigits(INT(a)) > 1 || INT(a)->digit[0] > 1)
            return too_many_digits();
        e = 2 | (INT(b)->digit[0] & 1);
    }
    return pow_u64(INT(a), e);
}

/* ---- shifts and bitwise operations ----------------------------------------------------- */

static obj_t *negative_shift(void)
{
    return obj_err_format(&obj_exc_ValueError, "negative shift count");
}

/* A shift count >= 0 as whole digits and bits; counts beyond any possible int
 * become MAX_DIGITS + 1 digits. */
static void shift_split(const obj_int_t *b, size_t *ws, unsigned *bs)
{
    uint64_t s;
    if (mag_to_u64(b, &s) == 0 && s / SHIFT <= MAX_DIGITS) {
        *ws = (size_t)(s / SHIFT);
        *bs = (unsigned)(s % SHIFT);
    } else {
        *ws = MAX_DIGITS + 1;
        *bs = 0;
    }
}

obj_t *obj_int_lshift(obj_t *a, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    const obj_int_t *x = INT(a), *y = INT(b);
    if (is_negative(y))
        return negative_shift();
    size_t na = ndigits(x), ws;
    unsigned bs;
    if (na == 0)
        return small_int(0);
    if (is_medium(x) && is_medium(y)) {
        int64_t v = medium_value(x), s = medium_value(y);
        uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
        if (bits_in_u64(m) + s <= 63)
            return int_from_mag64(m << s, v < 0);
    }
    shift_split(y, &ws, &bs);
    obj_int_t *z = int_alloc(na + ws + 1);
    if (z == NULL)
        return NULL;
    memset(z->digit, 0, ws * sizeof(digit));
    z->digit[na + ws] = mag_lshift(z->digit + ws, x->digit, na, bs);
    return int_finish(z, is_negative(x));
}

/* Floors: -m >> s == -ceil(m / 2^s). */
obj_t *obj_int_rshift(obj_t *a, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    const obj_int_t *x = INT(a), *y = INT(b);
    if (is_negative(y))
        return negative_shift();
    int neg = is_negative(x);
    if (is_medium(x) && is_medium(y)) {
        int64_t v = medium_value(x), s = medium_value(y);
        if (s >= 63)
            return small_int(neg ? -1 : 0);
        return obj_int_from_i64(neg ? ~(~v >> s) : v >> s);
    }
    size_t na = ndigits(x), ws;
    unsigned bs;
    shift_split(y, &ws, &bs);
    if (ws >= na)
        return small_int(neg ? -1 : 0);
    size_t nz = na - ws;
    obj_int_t *z = int_alloc(nz + 1);
    if (z == NULL)
        return NULL;
    digit lost = mag_rshift(z->digit, x->digit + ws, nz, bs);
    z->digit[nz] = 0;
    if (neg) {
        for (size_t i = 0; i < ws; i++)
            lost |= x->digit[i];
        if (lost)
            mag_incr(z->digit);
    }
    return int_finish(z, neg);
}

/* The digits of the infinite two's-complement form, computed on the fly:
 * a negative operand is ~(|a| - 1), i.e. (~|a| + 1) with the carry
 * propagating upwards; above its digits it continues with MASK (or 0). */
struct twos {
    const digit *d;
    size_t n;
    int negative;
    digit carry;
};

static digit twos_next(struct twos *t, size_t i)
{
    digit d = i < t->n ? t->d[i] : 0;
    if (!t->negative)
        return d;
    d = (~d & MASK) + t->carry;
    t->carry = d >> SHIFT;
    return d & MASK;
}

static obj_t *bitwise(obj_t *a, char op, obj_t *b)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    const obj_int_t *x = INT(a), *y = INT(b);
    if (is_medium(x) && is_medium(y)) {
        int64_t u = medium_value(x), v = medium_value(y);
        return obj_int_from_i64(op == '&' ? u & v : op == '|' ? u | v : u ^ v);
    }
    struct twos tx = {x->digit, ndigits(x), is_negative(x), 1};
    struct twos ty = {y->digit, ndigits(y), is_negative(y), 1};
    int neg = op == '&'   ? tx.negative & ty.negative
              : op == '|' ? tx.negative | ty.negative
                          : tx.negative ^ ty.negative;
    /* One digit beyond the longer operand holds the sign extension (and, for
     * a negative result, the magnitude's carry). */
    size_t n = (tx.n > ty.n ? tx.n : ty.n) + 1;
    obj_int_t *z = int_alloc(n);
    if (z == NULL)
        return NULL;
    struct twos tz = {z->digit, n, neg, 1};
    for (size_t i = 0; i < n; i++) {
        digit u = twos_next(&tx, i), v = twos_next(&ty, i);
        z->digit[i] = op == '&' ? u & v : op == '|' ? u | v : u ^ v;
        z->digit[i] = twos_next(&tz, i); /* back to a magnitude */
    }
    return int_finish(z, neg);
}

obj_t *obj_int_and(obj_t *a, obj_t *b)
{
    return bitwise(a, '&', b);
}

obj_t *obj_int_xor(obj_t *a, obj_t *b)
{
    return bitwise(a, '^', b);
}

obj_t *obj_int_or(obj_t *a, obj_t *b)
{
    return bitwise(a, '|', b);
}

/* ---- unary operations ------------------------------------------------------------ */

obj_t *obj_int_negative(obj_t *a)
{
    if (is_medium(INT(a)))
        return obj_int_from_i64(-medium_value(INT(a)));
    return int_copy(INT(a), !is_negative(INT(a)));
}

obj_t *obj_int_positive(obj_t *a)
{
    if (obj_int_check_exact(a))
        return obj_newref(a);
    if (is_medium(INT(a)))
        return obj_int_from_i64(medium_value(INT(a)));
    return int_copy(INT(a), is_negative(INT(a)));
}

obj_t *obj_int_absolute(obj_t *a)
{
    if (obj_int_check_exact(a) && !is_negative(INT(a)))
        return obj_newref(a);
    if (is_medium(INT(a))) {
        int64_t v = medium_value(INT(a));
        return obj_int_from_i64(v < 0 ? -v : v);
    }
    return int_copy(INT(a), 0);
}

/* ~a == -(a + 1) */
obj_t *obj_int_invert(obj_t *a)
{
    static const digit one = 1;
    const obj_int_t *x = INT(a);
    if (is_medium(x))
        return obj_int_from_i64(~medium_value(x));
    if (is_negative(x))
        return sub_mags(x->digit, ndigits(x), &one, 1, 0);
    return add_mags(x->digit, ndigits(x), &one, 1, 1);
}

int obj_int_bool(obj_t *a)
{
    return INT(a)->base.size != 0;
}

obj_t *obj_int_float(obj_t *a)
{
    double d = obj_int_as_double(a);
    if (d == -1.0 && obj_err_occurred())
        return NULL;
    return obj_float_from_double(d);
}

/* ---- text ---------------------------------------------------------------------- */

int obj_int_get_max_str_digits(void)
{
    return obj_rt.int_max_str_digits;
}

int obj_int_set_max_str_digits(int maxdigits)
{
    if (maxdigits != 0 && maxdigits < MAX_STR_DIGITS_THRESHOLD) {
        obj_err_format(&obj_exc_ValueError, "maxdigits must be 0 or larger than %d",
                       MAX_STR_DIGITS_THRESHOLD);
        return -1;
    }
    obj_rt.int_max_str_digits = maxdigits;
    return 0;
}

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* The largest power of base (not a power of two) that is below 2^30: chunks of
 * *per characters are converted with one digit operation. */
static digit chunk_power(unsigned base, unsigned *per)
{
    digit p = base;
    *per = 1;
    while ((twodigits)p * base < OBJ_INT_BASE) {
        p *= base;
        ++*per;
    }
    return p;
}

obj_t *obj_int_to_string(obj_t *o, int base)
{
    if (base < 2 || base > 36)
        return obj_err_format(&obj_exc_ValueError, "int base must be >= 2 and <= 36");
    const obj_int_t *a = INT(o);
    size_t na = ndigits(a);
    int neg = is_negative(a);
    const char *prefix = base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : "";
    size_t head = neg + strlen(prefix); /* characters before the digits */
    uint64_t m;
    if (mag_to_u64(a, &m) == 0) { /* up to 64 digits: on the stack */
        char buf[72], *p = buf + sizeof buf;
        do {
            *--p = digit_chars[m % (unsigned)base];
            m /= (unsigned)base;
        } while (m);
        p -= head - neg;
        memcpy(p, prefix, head - neg);
        if (neg)
            *--p = '-';
        return obj_str_from_utf8(p, (size_t)(buf + sizeof buf - p));
    }
    struct scratch s;
    size_t nchars;
    char *text, *end;
    if ((base & (base - 1)) == 0) {
        /* Power of two: k bits per character, least significant first. */
        unsigned k = (unsigned)__builtin_ctz((unsigned)base);
        nchars = (bit_length(a) + k - 1) / k;
        if ((text = scratch_alloc(&s, head + nchars)) == NULL)
            return NULL;
        end = text + head + nchars;
        char *p = end;
        twodigits acc = 0;
        unsigned accbits = 0;
        for (size_t i = 0; i < na; i++) {
            acc |= (twodigits)a->digit[i] << accbits;
            for (accbits += SHIFT; accbits >= k && p > text + head; accbits -= k, acc >>= k)
                *--p = digit_chars[acc & (unsigned)(base - 1)];
        }
        if (p > text + head)
            *--p = digit_chars[acc];
    } else {
        if (base == 10 && obj_rt.int_max_str_digits > 0) {
            /* At least floor((bits - 1) log10(2)) + 1 digits: refuse early. */
            uint64_t least = ((uint64_t)bit_length(a) - 1) * 30102 / 100000 + 1;
            if (least > (uint64_t)obj_rt.int_max_str_digits)
                goto too_long;
        }
        /* Convert to base P = base^per chunks (the multiply-by-2^30-and-add
         * method over the binary digits, most significant first), then print
         * each chunk as per characters. */
        unsigned per;
        digit p_chunk = chunk_power((unsigned)base, &per);
        size_t max_chunks = na * SHIFT / (bits_in_digit(p_chunk) - 1) + 1;
        digit *chunk = scratch_alloc(&s, max_chunks * (sizeof(digit) + per) + head);
        if (chunk == NULL)
            return NULL;
        size_t nchunks = 0;
        for (size_t i = na; i-- > 0;) {
            twodigits carry = a->digit[i];
            for (size_t j = 0; j < nchunks; j++) {
                twodigits t = ((twodigits)chunk[j] << SHIFT) | carry;
                chunk[j] = (digit)(t % p_chunk);
                carry = t / p_chunk;
            }
            for (; carry; carry /= p_chunk)
                chunk[nchunks++] = (digit)(carry % p_chunk);
        }
        nchars = (nchunks - 1) * per;
        for (digit top = chunk[nchunks - 1]; top; top /= (unsigned)base)
            nchars++;
        if (base == 10 && obj_rt.int_max_str_digits > 0 &&
            nchars > (size_t)obj_rt.int_max_str_digits) {
            scratch_free(&s);
            goto too_long;
        }
        text = (char *)(chunk + max_chunks);
        end = text + head + nchars;
        char *p = end;
        for (size_t j = 0; j < nchunks; j++) {
            digit c = chunk[j];
            for (unsigned i = 0; i < per && (j + 1 < nchunks || c); i++, c /= (unsigned)base)
                *--p = digit_chars[c % (unsigned)base];
        }
    }
    if (neg)
        text[0] = '-';
    memcpy(text + neg, prefix, head - neg);
    obj_t *str = obj_str_from_utf8(text, (size_t)(end - text));
    scratch_free(&s);
    return str;
too_long:
    return obj_err_format(&obj_exc_ValueError,
                          "Exceeds the limit (%d digits) for integer string conversion; "
                          "use sys.set_int_max_str_digits() to increase the limit",
                          obj_rt.int_max_str_digits);
}

obj_t *obj_int_repr(obj_t *a)
{
    return obj_int_to_string(a, 10);
}

/* The value of an ASCII digit in bases up to 36; 36 for anything else. */
static unsigned digit_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20; /* lower case */
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    return 36;
}

/* Bytes of the whitespace character starting at p (CPython strips what
 * str.isspace() accepts, except the ASCII separators 0x1c..0x1f), or 0. */
static size_t space_len(const unsigned char *p, const unsigned char *end)
{
    if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
        return 1;
    uint32_t c;
    size_t n;
    if (*p >= 0xC2 && *p < 0xE0 && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
        c = ((uint32_t)(*p & 0x1F) << 6) | (p[1] & 0x3F);
        n = 2;
    } else if (*p >= 0xE0 && *p < 0xF0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
               (p[2] & 0xC0) == 0x80) {
        c = ((uint32_t)(*p & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        n = 3;
    } else {
        return 0;
    }
    int space = c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
                c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    return space ? n : 0;
}

/* Bytes of the whitespace character ending at end, or 0. */
static size_t space_len_before(const unsigned char *begin, const unsigned char *end)
{
    for (size_t n = 1; n <= 3 && n <= (size_t)(end - begin); n++)
        if (space_len(end - n, end) == n)
            return n;
    return 0;
}

/* The value of validated digits (underscores skipped), ndigits of them. */
static obj_t *digits_to_int(const unsigned char *p, const unsigned char *end, size_t ndigits,
                            unsigned base, int negative)
{
    obj_int_t *z;
    if ((base & (base - 1)) == 0) {
        unsigned k = (unsigned)__builtin_ctz(base);
        uint64_t bits = (uint64_t)ndigits * k;
        if (bits <= 64) {
            uint64_t v = 0;
            for (; p < end; p++)
                if (*p != '_')
                    v = (v << k) | digit_value(*p);
            return int_from_mag64(v, negative);
        }
        if (bits / SHIFT >= MAX_DIGITS)
            return too_many_digits();
        if ((z = int_alloc((size_t)((bits + SHIFT - 1) / SHIFT))) == NULL)
            return NULL;
        /* Least significant character first. */
        size_t i = 0;
        twodigits acc = 0;
        unsigned accbits = 0;
        while (end > p) {
            if (*--end == '_')
                continue;
            acc |= (twodigits)digit_value(*end) << accbits;
            if ((accbits += k) >= SHIFT) {
                z->digit[i++] = (digit)(acc & MASK);
                acc >>= SHIFT;
                accbits -= SHIFT;
            }
        }
        if (accbits)
            z->digit[i++] = (digit)acc;
        z->base.size = (obj_ssize_t)i;
        return int_finish(z, negative);
    }
    /* Other bases: z = z * base^per + chunk, for chunks of per characters. An
     * upper bound of the bits: each full chunk is below P, the rest below
     * base^rest. */
    unsigned per;
    digit p_chunk = chunk_power(base, &per), p_rest = 1;
    for (size_t i = 0; i < ndigits % per; i++)
        p_rest *= base;
    uint64_t bits =
        (uint64_t)(ndigits / per) * bits_in_digit(p_chunk - 1) + bits_in_digit(p_rest - 1);
    if (bits <= 64) {
        uint64_t v = 0;
        for (; p < end; p++)
            if (*p != '_')
                v = v * base + digit_value(*p);
        return int_from_mag64(v, negative);
    }
    if (bits / SHIFT >= MAX_DIGITS)
        return too_many_digits();
    if ((z = int_alloc((size_t)((bits + SHIFT - 1) / SHIFT))) == NULL)
        return NULL;
    size_t len = 0;
    digit chunk = 0, scale = 1;
    for (; p < end; p++) {
        if (*p == '_')
            continue;
        chunk = chunk * base + digit_value(*p);
        scale *= base;
        if (scale == p_chunk) {
            mag_muladd1(z->digit, &len, scale, chunk);
            chunk = 0;
            scale = 1;
        }
    }
    if (scale > 1)
        mag_muladd1(z->digit, &len, scale, chunk);
    z->base.size = (obj_ssize_t)len;
    return int_finish(z, negative);
}

/* ValueError: invalid literal for int() with base B: repr(text)[:200] */
static obj_t *invalid_literal(const char *text, size_t n, int base)
{
    obj_t *s = obj_str_from_utf8(text, n), *r;
    if (s == NULL)
        return NULL;
    r = obj_repr(s);
    obj_decref(s);
    if (r == NULL)
        return NULL;
    size_t nbytes, cut = 0;
    const char *rs = obj_str_utf8(r, &nbytes);
    for (size_t chars = 0; cut < nbytes && chars < 200; chars++)
        for (cut++; cut < nbytes && ((unsigned char)rs[cut] & 0xC0) == 0x80; cut++)
            ;
    obj_err_format(&obj_exc_ValueError, "invalid literal for int() with base %d: %.*s", base,
                   (int)cut, rs);
    obj_decref(r);
    return NULL;
}

obj_t *obj_int_from_string(const char *text, size_t n, int base)
{
    if ((base != 0 && base < 2) || base > 36)
        return obj_err_format(&obj_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    size_t k;
    while (p < end && (k = space_len(p, end)) != 0)
        p += k;
    while (end > p && (k = space_len_before(p, end)) != 0)
        end -= k;
    int negative = 0, zero_only = 0;
    if (p < end && (*p == '+' || *p == '-'))
        negative = *p++ == '-';
    unsigned b = (unsigned)base;
    unsigned char next = end - p >= 2 ? p[1] | 0x20 : 0; /* a prefix letter, lower case */
    if (b == 0) {
        if (p == end || *p != '0')
            b = 10;
        else if (next == 'x')
            b = 16;
        else if (next == 'o')
            b = 8;
        else if (next == 'b')
            b = 2;
        else
            b = 10, zero_only = 1; /* an old-style octal literal: only 0 is valid */
    }
    if (p < end && *p == '0' &&
        ((b == 16 && next == 'x') || (b == 8 && next == 'o') || (b == 2 && next == 'b'))) {
        p += 2;
        if (p < end && *p == '_') /* one underscore may follow a prefix */
            p++;
    }
    /* Digits, with single underscores between them. */
    size_t ndigits = 0;
    int after_digit = 0, nonzero = 0;
    for (const unsigned char *q = p; q < end; q++) {
        if (*q == '_') {
            if (!after_digit)
                return invalid_literal(text, n, base);
            after_digit = 0;
        } else if (digit_value(*q) < b) {
            ndigits++;
            after_digit = 1;
            nonzero |= *q != '0';
        } else {
            return invalid_literal(text, n, base);
        }
    }
    if (!after_digit)
        return invalid_literal(text, n, base);
    if ((b & (b - 1)) != 0 && ndigits > MAX_STR_DIGITS_THRESHOLD && obj_rt.int_max_str_digits > 0 &&
        ndigits > (size_t)obj_rt.int_max_str_digits)
        return obj_err_format(&obj_exc_ValueError,
                              "Exceeds the limit (%d digits) for integer string conversion: "
                              "value has %zu digits; use sys.set_int_max_str_digits() to "
                              "increase the limit",
                              obj_rt.int_max_str_digits, ndigits);
    if (zero_only && nonzero)
        return invalid_literal(text, n, base);
    return digits_to_int(p, end, ndigits, b, negative);
}

/* ---- the type ------------------------------------------------------------------- */

obj_t *obj_int_richcompare(obj_t *a, obj_t *b, int op)
{
    if (!both_ints(a, b))
        return obj_newref(obj_not_implemented);
    int c = obj_int_compare(a, b);
    switch (op) {
    case OBJ_LT: return obj_bool_from(c < 0);
    case OBJ_LE: return obj_bool_from(c <= 0);
    case OBJ_EQ: return obj_bool_from(c == 0);
    case OBJ_NE: return obj_bool_from(c != 0);
    case OBJ_GT: return obj_bool_from(c > 0);
    default: return obj_bool_from(c >= 0);
    }
}

/* |a| mod 2^B - 1 (B = OBJ_HASH_BITS), digit by digit from the top: shifting
 * left by SHIFT is a rotation of B bits modulo 2^B - 1. */
obj_hash_t obj_int_hash(obj_t *a)
{
    const obj_int_t *x = INT(a);
    size_t h = 0;
    for (size_t i = ndigits(x); i-- > 0;) {
        h = ((h << SHIFT) & OBJ_HASH_MODULUS) | (h >> (OBJ_HASH_BITS - SHIFT));
        h += x->digit[i];
        if (h >= OBJ_HASH_MODULUS)
            h -= OBJ_HASH_MODULUS;
    }
    obj_hash_t r = is_negative(x) ? -(obj_hash_t)h : (obj_hash_t)h;
    return r == -1 ? -2 : r;
}

size_t obj_int_size_of(obj_t *a)
{
    return obj_is_immortal(a) ? sizeof(obj_int_t) : obj_mem_usable(a);
}

static void int_dealloc(obj_t *o)
{
    obj_free(o);
}

static obj_t *int_bit_length(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    if (obj_check_arity("int.bit_length", nargs, 0, 0) < 0)
        return NULL;
    return obj_int_from_u64(bit_length(INT(self)));
}

static obj_t *int_bit_count(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    if (obj_check_arity("int.bit_count", nargs, 0, 0) < 0)
        return NULL;
    uint64_t count = 0;
    for (size_t i = 0; i < ndigits(INT(self)); i++)
        count += (unsigned)__builtin_popcount(INT(self)->digit[i]);
    return obj_int_from_u64(count);
}

static obj_t *int_conjugate(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    if (obj_check_arity("int.conjugate", nargs, 0, 0) < 0)
        return NULL;
    return obj_int_positive(self);
}

static obj_t *int_is_integer(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)self, (void)args;
    if (obj_check_arity("int.is_integer", nargs, 0, 0) < 0)
        return NULL;
    return obj_true;
}

const struct obj_method obj_int_methods[] = {
    {"bit_length", int_bit_length},
    {"bit_count", int_bit_count},
    {"conjugate", int_conjugate},
    {"is_integer", int_is_integer},
    {NULL, NULL},
};

const struct obj_number_methods obj_int_number_methods = {
    .add = obj_int_add,
    .subtract = obj_int_subtract,
    .multiply = obj_int_multiply,
    .remainder = obj_int_remainder,
    .divmod = obj_int_divmod,
    .floor_divide = obj_int_floor_divide,
    .true_divide = obj_int_true_divide,
    .power = obj_int_power,
    .lshift = obj_int_lshift,
    .rshift = obj_int_rshift,
    .and_ = obj_int_and,
    .xor_ = obj_int_xor,
    .or_ = obj_int_or,
    .negative = obj_int_negative,
    .positive = obj_int_positive,
    .absolute = obj_int_absolute,
    .invert = obj_int_invert,
    .bool_ = obj_int_bool,
    .int_ = obj_int_positive,
    .float_ = obj_int_float,
    .index = obj_int_positive,
};

const obj_type_t obj_type_int = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "int",
    .flags = OBJ_TYPE_INT_SUBCLASS,
    .basicsize = offsetof(obj_int_t, digit),
    .itemsize = sizeof(digit),
    .dealloc = int_dealloc,
    .repr = obj_int_repr,
    .hash = obj_int_hash,
    .richcompare = obj_int_richcompare,
    .size_of = obj_int_size_of,
    .number = &obj_int_number_methods,
    .methods = obj_int_methods,
};
