/* float: the object, its free list, decimal conversions both ways, arithmetic
 * and comparison with CPython 3.12's results, hashing, and its methods.
 *
 * The conversions use exact integer arithmetic on small multi-precision
 * naturals (bn_t below), never the C library's printf/strtod, so they give the
 * same strings and bits on every board whatever its libc does:
 *
 *  - repr: the shortest digit string that reads back to the same double
 *    (Steele & White's free-format algorithm, "FPP²"/Dragon4, with the
 *    boundaries set up as in Burger & Dybvig 1996 and the digit choice of
 *    Gay's dtoa mode 0, which CPython uses: among the shortest strings, the
 *    one nearest the exact value, ties to an even last digit). Exact, so
 *    correct for every double, subnormals and the asymmetric gaps at powers
 *    of two included. Numbers stay below 2^1090 (REPR_WORDS).
 *  - parsing: the decimal D × 10^E is reduced to a 55-56-bit quotient of two
 *    exact integers plus a sticky remainder, then rounded half-even once
 *    (Clinger 1990's AlgorithmM, with the quotient two bits wider so that
 *    one division settles the rounding). Correct for any input length:
 *    a halfway point between doubles has at most 768 significant digits, so
 *    digits past the 768th only matter through a sticky nonzero flag.
 *    Numbers stay below 2^2620 (PARSE_WORDS).
 *
 * Free list (layer 3): a dead float of the exact type goes on free list
 * OBJ_FL_FLOAT (objects/freelist.h), at most OBJ_FREELIST_FLOAT of them.
 */
#define OBJ_INTERNAL
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "objects/float.h"
#include "objects/int.h"
#include "objects/runtime.h"
#include "objects/str.h"
#include "objects/tuple.h"

_Static_assert(sizeof(double) == 8 && sizeof(uint64_t) == 8, "IEEE 754 binary64 expected");
_Static_assert(sizeof(obj_float_t) == sizeof(obj_t) + sizeof(double), "float layout");
_Static_assert(_Alignof(obj_float_t) == 8, "floats are 8-byte aligned");

/* ---- the bits of a double ------------------------------------------------ */

#define FRAC_BITS 52
#define FRAC_MASK ((UINT64_C(1) << FRAC_BITS) - 1)
#define EXP_MASK  0x7ff
#define SIGN_BIT  (UINT64_C(1) << 63)
#define INF_BITS  (UINT64_C(0x7ff) << FRAC_BITS)
#define NAN_BITS  (UINT64_C(0x7ff8) << 48) /* the quiet NaN CPython makes */
#define EXP_MIN   (-1074)                  /* exponent of the least significant bit, subnormals */

static uint64_t bits_of(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static double double_of(uint64_t b)
{
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

static int bitlen64(uint64_t v)
{
    int n = 0;
    for (; v; v >>= 1)
        n++;
    return n;
}

/* A finite double's magnitude as f × 2^e with f < 2^53 (f == 0 for zeros). */
static void decompose(uint64_t bits, uint64_t *f, int *e)
{
    unsigned field = (unsigned)(bits >> FRAC_BITS) & EXP_MASK;
    *f = bits & FRAC_MASK;
    *e = EXP_MIN;
    if (field) {
        *f |= UINT64_C(1) << FRAC_BITS;
        *e = (int)field - 1075;
    }
}

/* ---- naturals of bounded size --------------------------------------------
 * Little-endian 32-bit words, n of them in use, w[n-1] != 0 (zero is n == 0).
 * Storage belongs to the caller, sized by a bound stated at each use; no
 * operation checks capacity. */

typedef struct {
    uint32_t *w;
    int n;
} bn_t;

#define REPR_WORDS  36 /* 1152 bits: repr's numbers stay below 2^1090 */
#define PARSE_WORDS 84 /* 2688 bits: parsing's stay below 2^2620 */

static void bn_trim(bn_t *a)
{
    while (a->n > 0 && a->w[a->n - 1] == 0)
        a->n--;
}

static void bn_set(bn_t *a, uint64_t v)
{
    a->w[0] = (uint32_t)v;
    a->w[1] = (uint32_t)(v >> 32);
    a->n = 2;
    bn_trim(a);
}

/* a = a * m + add */
static void bn_mul_add(bn_t *a, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < a->n; i++) {
        carry += (uint64_t)a->w[i] * m;
        a->w[i] = (uint32_t)carry;
        carry >>= 32;
    }
    if (carry)
        a->w[a->n++] = (uint32_t)carry;
}

static void bn_mul_pow5(bn_t *a, int k)
{
    for (; k >= 13; k -= 13)
        bn_mul_add(a, 1220703125u, 0); /* 5^13, the largest power of 5 below 2^32 */
    uint32_t m = 1;
    while (k-- > 0)
        m *= 5;
    bn_mul_add(a, m, 0);
}

static void bn_shl(bn_t *a, int bits)
{
    if (a->n == 0 || bits == 0)
        return;
    int words = bits / 32, s = bits % 32;
    a->w[a->n + words] = 0;
    for (int i = a->n - 1; i >= 0; i--) {
        if (s) {
            a->w[i + words + 1] |= a->w[i] >> (32 - s);
            a->w[i + words] = a->w[i] << s;
        } else {
            a->w[i + words] = a->w[i];
        }
    }
    for (int i = 0; i < words; i++)
        a->w[i] = 0;
    a->n += words + 1;
    bn_trim(a);
}

static void bn_mul_pow10(bn_t *a, int k)
{
    bn_mul_pow5(a, k);
    bn_shl(a, k);
}

static void bn_shr1(bn_t *a)
{
    for (int i = 0; i < a->n; i++)
        a->w[i] = (a->w[i] >> 1) | (i + 1 < a->n ? a->w[i + 1] << 31 : 0);
    bn_trim(a);
}

static int bn_cmp(const bn_t *a, const bn_t *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static void bn_add(bn_t *a, const bn_t *b)
{
    uint64_t carry = 0;
    int i;
    for (i = a->n; i < b->n; i++)
        a->w[i] = 0;
    if (a->n < b->n)
        a->n = b->n;
    for (i = 0; i < a->n; i++) {
        carry += (uint64_t)a->w[i] + (i < b->n ? b->w[i] : 0);
        a->w[i] = (uint32_t)carry;
        carry >>= 32;
    }
    if (carry)
        a->w[a->n++] = (uint32_t)carry;
}

/* a -= b, for a >= b */
static void bn_sub(bn_t *a, const bn_t *b)
{
    uint32_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t d = (uint64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        a->w[i] = (uint32_t)d;
        borrow = (uint32_t)(d >> 63);
    }
    bn_trim(a);
}

static int bn_bitlen(const bn_t *a)
{
    if (a->n == 0)
        return 0;
    int bits = 32 * (a->n - 1);
    for (uint32_t top = a->w[a->n - 1]; top; top >>= 1)
        bits++;
    return bits;
}

/* q = a / b, a = a % b (b != 0; b is shifted and restored). Restoring binary
 * long division: one compare-and-subtract per quotient bit. */
static void bn_divmod(bn_t *a, bn_t *b, bn_t *q)
{
    int shift = bn_bitlen(a) - bn_bitlen(b);
    q->n = 0;
    if (shift < 0)
        return;
    q->n = shift / 32 + 1;
    memset(q->w, 0, (size_t)q->n * sizeof q->w[0]);
    bn_shl(b, shift);
    for (int i = shift;; i--) {
        if (bn_cmp(a, b) >= 0) {
            bn_sub(a, b);
            q->w[i / 32] |= UINT32_C(1) << (i % 32);
        }
        if (i == 0)
            break;
        bn_shr1(b);
    }
    bn_trim(q);
}

/* ---- decimal to binary ------------------------------------------------------ */

/* The bits of the double nearest to d × 10^e10 (ties to even), for d > 0 below
 * 2^2560. d and m (PARSE_WORDS each) are clobbered.
 *
 * With value = N/M × 2^e10 (N = d·5^e10, M = 1, or N = d, M = 5^-e10), shift
 * one side so that q = floor(N/M / 2^t) has 55 or 56 bits; then q, the
 * remainder's being nonzero, and the exponent t + e10 determine the rounding
 * exactly, subnormal results and overflow included. Size bound: the cut-offs
 * below (log2(10) > 850/256) leave M < 5^1093 < 2^2540 and N < 2^2560, and the
 * shift adds at most 56 bits to the smaller side. */
static uint64_t decimal_to_bits(bn_t *d, bn_t *m, int64_t e10)
{
    int dbits = bn_bitlen(d);
    bn_set(m, 1);
    if (e10 >= 0) {
        if (e10 > 400 || dbits - 1 + ((e10 * 850) >> 8) >= 1024)
            return INF_BITS; /* >= 2^1024 */
        bn_mul_pow5(d, (int)e10);
    } else {
        if (e10 < -2000 || dbits - ((-e10 * 850) >> 8) <= -1076)
            return 0; /* < 2^-1076, under half the least subnormal */
        bn_mul_pow5(m, (int)-e10);
    }
    int t = bn_bitlen(d) - bn_bitlen(m) - 55;
    if (t > 0)
        bn_shl(m, t);
    else
        bn_shl(d, -t);
    uint32_t qw[2];
    bn_t qb = {qw, 0};
    bn_divmod(d, m, &qb);
    uint64_t q = qb.n ? qw[0] : 0;
    if (qb.n > 1)
        q |= (uint64_t)qw[1] << 32;
    int inexact = d->n != 0;

    int64_t lsb = (int64_t)t + e10;      /* q's unit is 2^lsb */
    int64_t top = bitlen64(q) - 1 + lsb; /* 2^top <= value < 2^(top+1) */
    if (top >= 1024)
        return INF_BITS;
    int64_t ulp = top - FRAC_BITS > EXP_MIN ? top - FRAC_BITS : EXP_MIN;
    int64_t drop = ulp - lsb; /* >= 2: bits of q below the result's last place */
    if (drop > 57)
        return 0; /* value < 2^(ulp-2): under half the least subnormal */
    uint64_t mant = q >> drop, half = UINT64_C(1) << (drop - 1), rest = q & (2 * half - 1);
    if (rest > half || (rest == half && (inexact || (mant & 1))))
        mant++;
    if (mant == UINT64_C(1) << 53) {
        mant >>= 1;
        ulp++;
    }
    if (ulp > 971)
        return INF_BITS;
    /* subnormals: ulp == EXP_MIN and mant < 2^52, the exponent field is 0 */
    return ((uint64_t)(ulp - EXP_MIN) << FRAC_BITS) + mant;
}

/* ---- the float() grammar --------------------------------------------------
 * float() first maps every non-ASCII whitespace character to ' ' and every
 * non-ASCII decimal digit (Unicode category Nd) to its ASCII digit, then parses
 *   [ws] [sign] (digitpart ["." [digitpart]] | "." digitpart) [exponent] [ws]
 *   [ws] [sign] ("inf" | "infinity" | "nan") [ws]      (any case)
 * with digitpart = digit (["_"] digit)* and exponent = ("e"|"E") [sign] digitpart. */

/* The zero of every run of ten decimal digits above ASCII (Unicode 15.0, as
 * CPython 3.12). */
static const uint32_t nd_zeros[] = {
    0x660,   0x6f0,   0x7c0,   0x966,   0x9e6,   0xa66,   0xae6,   0xb66,   0xbe6,   0xc66,
    0xce6,   0xd66,   0xde6,   0xe50,   0xed0,   0xf20,   0x1040,  0x1090,  0x17e0,  0x1810,
    0x1946,  0x19d0,  0x1a80,  0x1a90,  0x1b50,  0x1bb0,  0x1c40,  0x1c50,  0xa620,  0xa8d0,
    0xa900,  0xa9d0,  0xa9f0,  0xaa50,  0xabf0,  0xff10,  0x104a0, 0x10d30, 0x11066, 0x110f0,
    0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950,
    0x11c50, 0x11d50, 0x11da0, 0x11f50, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2,
    0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e4f0, 0x1e950, 0x1fbf0,
};

#define SCAN_END   (-1)
#define SCAN_OTHER 0x80 /* any character that cannot appear in a float */

struct scan {
    const unsigned char *p, *end;
};

static int is_unicode_space(uint32_t cp)
{
    return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* The next character as float() sees it (see above), SCAN_END at the end. */
static int scan_next(struct scan *sc)
{
    if (sc->p == sc->end)
        return SCAN_END;
    unsigned c = *sc->p++;
    if (c < 0x80)
        return (int)c;
    int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
    if (more < 0 || sc->end - sc->p < more)
        return SCAN_OTHER;
    uint32_t cp = c & (0x3fu >> more);
    while (more-- > 0)
        cp = (cp << 6) | (*sc->p++ & 0x3fu);
    if (is_unicode_space(cp))
        return ' ';
    size_t lo = 0, hi = sizeof nd_zeros / sizeof nd_zeros[0];
    while (hi - lo > 1) { /* the last run starting at or below cp */
        size_t mid = (lo + hi) / 2;
        if (nd_zeros[mid] <= cp)
            lo = mid;
        else
            hi = mid;
    }
    if (cp >= nd_zeros[lo] && cp - nd_zeros[lo] < 10)
        return '0' + (int)(cp - nd_zeros[lo]);
    return SCAN_OTHER;
}

static int is_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* The significant digits read so far: D holds the first ones (at most
 * SIG_DIGITS, trailing zeros not yet added), and sticky records a nonzero
 * digit past them. With value = 0.d1d2d3... × 10^point, d1 != 0. */
#define SIG_DIGITS 768

struct mantissa {
    bn_t d;
    uint32_t chunk; /* digits not yet multiplied into d */
    int chunk_len;
    int64_t kept;  /* digits in d and chunk */
    int64_t zeros; /* zeros read after the last nonzero digit kept */
    int64_t point;
    int started, sticky;
};

static void mantissa_flush(struct mantissa *m)
{
    uint32_t scale = 1;
    for (int i = 0; i < m->chunk_len; i++)
        scale *= 10;
    bn_mul_add(&m->d, scale, m->chunk);
    m->chunk = 0;
    m->chunk_len = 0;
}

static void mantissa_push(struct mantissa *m, uint32_t digit)
{
    m->chunk = m->chunk * 10 + digit;
    m->kept++;
    if (++m->chunk_len == 9)
        mantissa_flush(m);
}

static void mantissa_digit(struct mantissa *m, int digit, int after_point)
{
    if (!m->started) {
        if (digit == 0) {
            m->point -= after_point; /* a leading zero only moves the point */
            return;
        }
        m->started = 1;
    }
    m->point += !after_point;
    if (digit == 0 || m->sticky) {
        m->zeros += digit == 0;
        m->sticky |= digit != 0;
        return;
    }
    if (m->kept + m->zeros + 1 > SIG_DIGITS) { /* past the digits that can matter */
        while (m->kept < SIG_DIGITS)
            mantissa_push(m, 0);
        m->sticky = 1;
        return;
    }
    for (; m->zeros > 0; m->zeros--)
        mantissa_push(m, 0);
    mantissa_push(m, (uint32_t)digit);
}

/* Reads digit (["_"] digit)* from *c on, feeding the digits to the mantissa m
 * or, when m is NULL, to *exponent; 0, or -1 on a misplaced underscore. */
static int scan_digitpart(struct scan *sc, int *c, struct mantissa *m, int after_point,
                          int64_t *exponent)
{
    while (is_digit(*c)) {
        if (m)
            mantissa_digit(m, *c - '0', after_point);
        else if (*exponent < 1000000000)
            *exponent = *exponent * 10 + (*c - '0'); /* saturates: far past any double */
        *c = scan_next(sc);
        if (*c == '_') {
            *c = scan_next(sc);
            if (!is_digit(*c))
                return -1;
        }
    }
    return 0;
}

/* Parses text with the grammar above into *bits: 0, or -1 if malformed. */
static int parse_bits(const char *text, size_t n, uint64_t *bits)
{
    struct scan sc = {(const unsigned char *)text, (const unsigned char *)text + n};
    int c = scan_next(&sc);
    while (is_space(c))
        c = scan_next(&sc);
    uint64_t sign = 0;
    if (c == '+' || c == '-') {
        sign = c == '-' ? SIGN_BIT : 0;
        c = scan_next(&sc);
    }

    if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
        char word[9];
        size_t len = 0;
        for (; c >= 'A' && c <= 'z' && len < sizeof word - 1; c = scan_next(&sc))
            word[len++] = (char)(c | 0x20);
        word[len] = '\0';
        while (is_space(c))
            c = scan_next(&sc);
        if (c != SCAN_END)
            return -1;
        if (strcmp(word, "inf") == 0 || strcmp(word, "infinity") == 0)
            *bits = sign | INF_BITS;
        else if (strcmp(word, "nan") == 0)
            *bits = sign | NAN_BITS;
        else
            return -1;
        return 0;
    }

    uint32_t dw[PARSE_WORDS], mw[PARSE_WORDS];
    struct mantissa m = {.d = {dw, 0}};
    int64_t exponent = 0;
    int any_digit = is_digit(c);
    if (scan_digitpart(&sc, &c, &m, 0, NULL) < 0)
        return -1;
    if (c == '.') {
        c = scan_next(&sc);
        any_digit |= is_digit(c);
        if (scan_digitpart(&sc, &c, &m, 1, NULL) < 0)
            return -1;
    }
    if (!any_digit)
        return -1;
    if (c == 'e' || c == 'E') {
        c = scan_next(&sc);
        int negative = c == '-';
        if (c == '+' || c == '-')
            c = scan_next(&sc);
        if (!is_digit(c) || scan_digitpart(&sc, &c, NULL, 0, &exponent) < 0)
            return -1;
        if (negative)
            exponent = -exponent;
    }
    while (is_space(c))
        c = scan_next(&sc);
    if (c != SCAN_END)
        return -1;

    if (!m.started) {
        *bits = sign; /* a zero, whatever its exponent */
        return 0;
    }
    mantissa_flush(&m);
    int64_t e10 = m.point + exponent - m.kept;
    if (m.sticky) {
        bn_mul_add(&m.d, 10, 1); /* stands for the nonzero digits dropped */
        e10--;
    }
    bn_t scratch = {mw, 0};
    *bits = sign | decimal_to_bits(&m.d, &scratch, e10);
    return 0;
}

double obj_float_parse(const char *text, size_t n, int *ok)
{
    uint64_t bits = 0;
    *ok = parse_bits(text, n, &bits) == 0;
    return double_of(bits);
}

/* ---- binary to shortest decimal ------------------------------------------- */

/* The shortest digits of a finite double > 0 (bits without the sign): stores
 * them (0..9, at most 17, the last nonzero) in digits, returns how many, and
 * sets *exp10 so that value ~ d1.d2d3... × 10^exp10.
 *
 * Invariant of the loop: r/s is the part of value/10^exp10 not yet written,
 * scaled so the next digit is floor(r/s), and mlo/s, mhi/s are the distances
 * from value to the halfway points below and above it at the same scale. The
 * digits written so far, ended by d or d + 1, read back as value exactly when
 * they land strictly inside those bounds, or on them when f is even (reading
 * rounds ties to even). Of the one or two candidates that do, the choice is
 * dtoa mode 0's: the nearer to value, a tie going to the even digit. */
static int shortest_digits(uint64_t bits, unsigned char *digits, int *exp10)
{
    uint64_t f;
    int e;
    decompose(bits, &f, &e);
    int even = (f & 1) == 0;
    /* At a power of two (above the least normal) the gap below is half the gap above. */
    int asym = f == (UINT64_C(1) << FRAC_BITS) && e > EXP_MIN;
    int shift = asym ? 2 : 1;

    /* value = r/s, mlo/s = half the gap below, mhi = mlo << (shift - 1).
     * Bound: s <= 2^1076 (value < 1) or 4·10^309 (value >= 1); r < 10·s; and
     * mlo < 10·s, since the loop ends once mlo + mhi > s: all below 2^1090. */
    uint32_t rw[REPR_WORDS], sw[REPR_WORDS], mw[REPR_WORDS];
    bn_t r = {rw, 0}, s = {sw, 0}, mlo = {mw, 0};
    int up_exp = e > 0 ? e : 0;
    bn_set(&r, f);
    bn_shl(&r, up_exp + shift);
    bn_set(&s, 1);
    bn_shl(&s, (e < 0 ? -e : 0) + shift);
    bn_set(&mlo, 1);
    bn_shl(&mlo, up_exp);

    /* 2^p <= value < 2^(p+1), so floor(log10(value)) is k or k + 1 for
     * k = floor(p·log10(2)); 78913/2^18 gives that floor exactly for |p| <= 1650
     * (the approximation Ryu uses). */
    int p = e + bitlen64(f) - 1;
    int k =
        p >= 0 ? (int)(((uint32_t)p * 78913u) >> 18) : -(int)(((uint32_t)-p * 78913u) >> 18) - 1;
    if (k + 1 >= 0) {
        bn_mul_pow10(&s, k + 1);
    } else {
        bn_mul_pow10(&r, -(k + 1));
        bn_mul_pow10(&mlo, -(k + 1));
    }
    if (bn_cmp(&r, &s) < 0) {
        bn_mul_add(&r, 10, 0);
        bn_mul_add(&mlo, 10, 0);
    } else {
        k++;
    }
    /* now 1 <= r/s < 10 and value = r/s × 10^k */

    int n = 0, up;
    for (;;) {
        int d = 0;
        while (bn_cmp(&r, &s) >= 0) {
            bn_sub(&r, &s);
            d++;
        }
        int low = bn_cmp(&r, &mlo); /* d reads back if < 0 (or == 0 and even) */
        bn_add(&r, &mlo);
        if (asym)
            bn_add(&r, &mlo);
        int high = bn_cmp(&r, &s); /* d + 1 reads back if > 0 (or == 0 and even) */
        bn_sub(&r, &mlo);
        if (asym)
            bn_sub(&r, &mlo);
        digits[n++] = (unsigned char)d;
        if (high == 0 && even) {
            up = d == 9 || low > 0;
            break;
        }
        if (low < 0 || (low == 0 && even)) {
            up = 0;
            if (high > 0) {
                bn_shl(&r, 1);
                int c = bn_cmp(&r, &s);
                up = c > 0 || (c == 0 && (d & 1));
            }
            break;
        }
        if (high > 0) {
            up = 1;
            break;
        }
        bn_mul_add(&r, 10, 0);
        bn_mul_add(&mlo, 10, 0);
    }
    if (up) { /* add one to the last digit, carrying through nines */
        while (n > 0 && digits[n - 1] == 9)
            n--;
        if (n == 0) {
            digits[n++] = 1;
            k++;
        } else {
            digits[n - 1]++;
        }
    }
    *exp10 = k;
    return n;
}

size_t obj_float_format_repr(double value, char *buf)
{
    uint64_t bits = bits_of(value);
    char *p = buf;
    if (((bits >> FRAC_BITS) & EXP_MASK) == EXP_MASK) {
        const char *word = (bits & FRAC_MASK) ? "nan" : (bits & SIGN_BIT) ? "-inf" : "inf";
        size_t len = strlen(word);
        memcpy(buf, word, len + 1);
        return len;
    }
    if (bits & SIGN_BIT)
        *p++ = '-';
    bits &= ~SIGN_BIT;
    unsigned char digits[20] = {0};
    int n = 1, k = 0;
    if (bits)
        n = shortest_digits(bits, digits, &k);

    /* CPython's repr ('r' format): scientific when the exponent is < -4 or >= 16. */
    if (k < -4 || k >= 16) {
        *p++ = (char)('0' + digits[0]);
        if (n > 1)
            *p++ = '.';
        for (int i = 1; i < n; i++)
            *p++ = (char)('0' + digits[i]);
        *p++ = 'e';
        *p++ = k < 0 ? '-' : '+';
        int x = k < 0 ? -k : k;
        if (x >= 100)
            *p++ = (char)('0' + x / 100);
        *p++ = (char)('0' + x / 10 % 10);
        *p++ = (char)('0' + x % 10);
    } else if (k < 0) {
        *p++ = '0';
        *p++ = '.';
        for (int i = -1; i > k; i--)
            *p++ = '0';
        for (int i = 0; i < n; i++)
            *p++ = (char)('0' + digits[i]);
    } else {
        for (int i = 0; i <= k; i++)
            *p++ = (char)('0' + (i < n ? digits[i] : 0));
        *p++ = '.';
        *p++ = (char)('0' + (k + 1 < n ? digits[k + 1] : 0));
        for (int i = k + 2; i < n; i++)
            *p++ = (char)('0' + digits[i]);
    }
    *p = '\0';
    return (size_t)(p - buf);
}

/* ---- rounding to a decimal place ---------------------------------------- */

/* round(x, nd) for finite x != 0 and -308 <= nd <= 323: the double nearest to
 * the multiple of 10^-nd nearest to x (ties to even), as CPython computes it
 * (dtoa mode 3, then reading the digits back). Numbers: |x|·10^nd < 2^1130 and
 * the divisor < 2^2100, so PARSE_WORDS holds them. */
static double round_to_digits(double x, int nd)
{
    uint64_t bits = bits_of(x), f;
    int e;
    decompose(bits & ~SIGN_BIT, &f, &e);
    if (nd >= 0 && e + nd >= 0)
        return x; /* x·10^nd is an integer: nothing to round */
    uint32_t aw[PARSE_WORDS], bw[PARSE_WORDS], qw[PARSE_WORDS];
    bn_t a = {aw, 0}, b = {bw, 0}, q = {qw, 0};
    bn_set(&a, f);
    bn_set(&b, 1);
    if (e >= 0)
        bn_shl(&a, e);
    else
        bn_shl(&b, -e);
    if (nd >= 0)
        bn_mul_pow10(&a, nd);
    else
        bn_mul_pow10(&b, -nd);
    bn_divmod(&a, &b, &q); /* q = floor(|x|·10^nd), a = what is left */
    bn_shl(&a, 1);
    int c = bn_cmp(&a, &b);
    if (c > 0 || (c == 0 && q.n && (q.w[0] & 1)))
        bn_mul_add(&q, 1, 1);
    uint64_t magnitude = q.n ? decimal_to_bits(&q, &a, -nd) : 0;
    return double_of((bits & SIGN_BIT) | magnitude);
}

/* The integer nearest to x, ties to even (round(x) without ndigits). */
static double round_half_even(double x)
{
    double r = floor(x), diff = x - r;
    if (diff > 0.5 || (diff == 0.5 && fmod(r, 2.0) != 0.0))
        r += 1.0;
    return r;
}

/* ---- the object and its free list -------------------------------------------- */

OBJ_FREELIST_FITS(obj_float_t);

obj_t *obj_float_from_double(double value)
{
    obj_float_t *f = (obj_float_t *)obj_freelist_pop(OBJ_FL_FLOAT);
    if (f == NULL) {
        f = (obj_float_t *)obj_new(&obj_type_float, 0);
        if (f == NULL)
            return NULL;
    }
    f->value = value;
    return &f->base;
}

static void float_dealloc(obj_t *o)
{
    if (o->type != &obj_type_float || !obj_freelist_push(OBJ_FL_FLOAT, o))
        obj_free(o);
}

obj_t *obj_float_from_string(const char *text, size_t n)
{
    uint64_t bits;
    if (parse_bits(text, n, &bits) == 0)
        return obj_float_from_double(double_of(bits));
    obj_t *s = obj_str_from_utf8(text, n);
    if (s == NULL)
        return NULL;
    obj_t *r = obj_repr(s);
    obj_decref(s);
    if (r == NULL)
        return NULL;
    obj_err_format(&obj_exc_ValueError, "could not convert string to float: %s",
                   obj_str_utf8(r, NULL));
    obj_decref(r);
    return NULL;
}

static obj_t *float_repr(obj_t *o)
{
    char buf[OBJ_FLOAT_REPR_SIZE];
    size_t n = obj_float_format_repr(obj_float_value(o), buf);
    return obj_str_from_utf8(buf, n);
}

/* CPython's numeric hash: |x| = f·2^e reduced modulo P = 2^OBJ_HASH_BITS - 1,
 * where 2^e is a rotation of OBJ_HASH_BITS bits since 2^OBJ_HASH_BITS = 1 (mod P);
 * then the sign. Equal ints and floats hash alike. NaNs hash by identity (3.10+). */
static obj_hash_t float_hash(obj_t *o)
{
    uint64_t bits = bits_of(obj_float_value(o)), f;
    if (((bits >> FRAC_BITS) & EXP_MASK) == EXP_MASK) {
        if (bits & FRAC_MASK)
            return obj_hash_identity(o);
        return (bits & SIGN_BIT) ? -OBJ_HASH_INF : OBJ_HASH_INF;
    }
    int e;
    decompose(bits & ~SIGN_BIT, &f, &e);
    const int width = OBJ_HASH_BITS;
    const uint64_t modulus = OBJ_HASH_MODULUS;
    uint64_t x = f % modulus;
    int rot = e % width;
    if (rot < 0)
        rot += width;
    x = ((x << rot) & modulus) | (x >> (width - rot));
    obj_hash_t h = (bits & SIGN_BIT) ? -(obj_hash_t)x : (obj_hash_t)x;
    return h == -1 ? -2 : h;
}

/* ---- comparison ------------------------------------------------------------- */

/* x compared with the int w, exactly (CPython's float_richcompare): -1, 0 or 1
 * as x <, ==, > w; or 2 with an error. x finite. Signs decide first; an int of
 * at most 48 bits converts exactly; otherwise the number of bits before the
 * point decides, and only with as many bits as w is the integer part of x made
 * an int and compared, its fraction breaking a tie. */
static int compare_with_int(double x, obj_t *w)
{
    int xsign = (x > 0) - (x < 0), wsign = obj_int_sign(w);
    if (xsign != wsign)
        return xsign > wsign ? 1 : -1;
    if (wsign == 0)
        return 0;
    size_t nbits = obj_int_bit_length(w);
    if (nbits <= 48) {
        double y = obj_int_as_double(w);
        return (x > y) - (x < y);
    }
    int exponent; /* |x| < 2^exponent, with exponent bits before the point */
    frexp(x, &exponent);
    if (exponent < 0 || (size_t)exponent != nbits)
        return exponent > 0 && (size_t)exponent > nbits ? xsign : -xsign;
    double whole = trunc(x);
    obj_t *iv = obj_int_from_double(whole);
    if (iv == NULL)
        return 2;
    int c = obj_int_compare(iv, w);
    obj_decref(iv);
    if (c == 0 && x != whole)
        return xsign; /* x = whole + a fraction of x's sign */
    return (c > 0) - (c < 0);
}

static obj_t *float_richcompare(obj_t *a, obj_t *b, int op)
{
    double x = obj_float_value(a), y;
    if (obj_float_check(b)) {
        y = obj_float_value(b);
    } else if (!obj_int_check(b)) {
        return obj_newref(obj_not_implemented);
    } else if (!isfinite(x)) {
        y = 0.0; /* an infinity or a NaN compares with any int as with 0 */
    } else {
        int c = compare_with_int(x, b);
        if (c == 2)
            return NULL;
        x = c;
        y = 0.0;
    }
    int r;
    switch (op) {
    case OBJ_LT: r = x < y; break;
    case OBJ_LE: r = x <= y; break;
    case OBJ_EQ: r = x == y; break;
    case OBJ_NE: r = x != y; break;
    case OBJ_GT: r = x > y; break;
    default: r = x >= y; break;
    }
    return obj_bool_from(r);
}

/* ---- arithmetic ------------------------------------------------------------ */

/* o as a double: 1; 0 if o is neither float nor int; -1 with OverflowError for
 * an int too large. */
static int to_double(obj_t *o, double *out)
{
    if (obj_float_check(o)) {
        *out = obj_float_value(o);
        return 1;
    }
    if (!obj_int_check(o))
        return 0;
    *out = obj_int_as_double(o);
    return *out == -1.0 && obj_err_occurred() ? -1 : 1;
}

/* Both operands, left first (so an error from the left int wins): 1, 0 or -1 as
 * to_double. */
static int operands(obj_t *a, obj_t *b, double *x, double *y)
{
    int r = to_double(a, x);
    return r <= 0 ? r : to_double(b, y);
}

/* The result of a binary slot whose operands did not convert. */
static obj_t *not_converted(int r)
{
    return r < 0 ? NULL : obj_newref(obj_not_implemented);
}

static obj_t *float_add(obj_t *a, obj_t *b)
{
    double x, y;
    int r = operands(a, b, &x, &y);
    return r <= 0 ? not_converted(r) : obj_float_from_double(x + y);
}

static obj_t *float_subtract(obj_t *a, obj_t *b)
{
    double x, y;
    int r = operands(a, b, &x, &y);
    return r <= 0 ? not_converted(r) : obj_float_from_double(x - y);
}

static obj_t *float_multiply(obj_t *a, obj_t *b)
{
    double x, y;
    int r = operands(a, b, &x, &y);
    return r <= 0 ? not_converted(r) : obj_float_from_double(x * y);
}

static obj_t *float_true_divide(obj_t *a, obj_t *b)
{
    double x, y;
    int r = operands(a, b, &x, &y);
    if (r <= 0)
        return not_converted(r);
    if (y == 0.0)
        return obj_err_format(&obj_exc_ZeroDivisionError, "float division by zero");
    return obj_float_from_double(x / y);
}

/* x mod y with the sign of y (y != 0); a zero remainder takes y's sign too,
 * whatever the libm's fmod gives it. */
static double python_mod(double x, double y)
{
    double mod = fmod(x, y);
    if (mod == 0.0)
        return copysign(0.0, y);
    if ((y < 0) != (mod < 0))
        mod += y;
    return mod;
}

/* CPython's divmod for floats (y != 0): the remainder as python_mod, the
 * quotient (x - mod)/y, which fmod's exactness makes nearly integral, snapped
 * to the nearest integer; a zero quotient takes the sign of x/y. */
static double python_floordiv(double x, double y, double *mod_out)
{
    double mod = fmod(x, y), div = (x - mod) / y;
    if (mod != 0.0) {
        if ((y < 0) != (mod < 0)) {
            mod += y;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, y);
    }
    double floordiv;
    if (div != 0.0) {
        floordiv = floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    } else {
        floordiv = copysign(0.0, x / y);
    }
    *mod_out = mod;
    return floordiv;
}

static obj_t *float_remainder(obj_t *a, obj_t *b)
{
    double x, y;
    int r = operands(a, b, &x, &y);
    if (r <= 0)
        return not_converted(r);
    if (y == 0.0)
        return obj_err_format(&obj_exc_ZeroDivisionError, "float modulo");
    return obj_float_from_double(python_mod(x, y));
}

static obj_t *float_floor_divide(obj_t *a, obj_t *b)
{
    double x, y, mod;
    int r = operands(a, b, &x, &y);
    if (r <= 0)
        return not_converted(r);
    if (y == 0.0)
        return obj_err_format(&obj_exc_ZeroDivisionError, "float floor division by zero");
    return obj_float_from_double(python_floordiv(x, y, &mod));
}

static obj_t *float_divmod(obj_t *a, obj_t *b)
{
    double x, y, mod;
    int r = operands(a, b, &x, &y);
    if (r <= 0)
        return not_converted(r);
    if (y == 0.0)
        return obj_err_format(&obj_exc_ZeroDivisionError, "float divmod()");
    obj_t *q = obj_float_from_double(python_floordiv(x, y, &mod));
    if (q == NULL)
        return NULL;
    obj_t *m = obj_float_from_double(mod);
    if (m == NULL) {
        obj_decref(q);
        return NULL;
    }
    obj_t *pair = obj_tuple_pack(2, q, m);
    obj_decref(q);
    obj_decref(m);
    return pair;
}

static int is_odd_integer(double x)
{
    return fmod(fabs(x), 2.0) == 1.0;
}

/* x ** y with CPython's special cases (C99 Annex F's, decided here rather than
 * trusted to the libm), then the libm's pow for finite x > 0, x != 1, y != 0.
 * Difference from CPython: a negative x with a non-integral y raises ValueError
 * (CPython returns a complex; there is no complex type). */
static obj_t *float_power(obj_t *a, obj_t *b, obj_t *modulus)
{
    if (modulus != obj_none)
        return obj_err_format(&obj_exc_TypeError,
                              "pow() 3rd argument not allowed unless all arguments are integers");
    double x, y;
    int r = operands(a, b, &x, &y);
    if (r <= 0)
        return not_converted(r);
    if (y == 0.0)
        return obj_float_from_double(1.0); /* even 0**0 and nan**0 */
    if (isnan(x))
        return obj_float_from_double(x);
    if (isnan(y))
        return obj_float_from_double(x == 1.0 ? 1.0 : y);
    if (isinf(y)) {
        double ax = fabs(x);
        if (ax == 1.0)
            return obj_float_from_double(1.0);
        return obj_float_from_double((y > 0.0) == (ax > 1.0) ? INFINITY : 0.0);
    }
    if (isinf(x)) {
        int odd = is_odd_integer(y);
        if (y > 0.0)
            return obj_float_from_double(odd ? x : fabs(x));
        return obj_float_from_double(odd ? copysign(0.0, x) : 0.0);
    }
    if (x == 0.0) {
        if (y < 0.0)
            return obj_err_format(&obj_exc_ZeroDivisionError,
                                  "0.0 cannot be raised to a negative power");
        return obj_float_from_double(is_odd_integer(y) ? x : 0.0);
    }
    int negate = 0;
    if (x < 0.0) {
        if (y != floor(y))
            return obj_err_format(&obj_exc_ValueError,
                                  "negative number cannot be raised to a fractional power");
        x = -x;
        negate = is_odd_integer(y);
    }
    if (x == 1.0)
        return obj_float_from_double(negate ? -1.0 : 1.0);
    double result = pow(x, y);
    if (isinf(result))
        return obj_err_format(&obj_exc_OverflowError, "(34, 'Numerical result out of range')");
    return obj_float_from_double(negate ? -result : result);
}

static obj_t *float_negative(obj_t *a)
{
    return obj_float_from_double(-obj_float_value(a));
}

/* float(x): x itself when exactly a float, else a float of its value. */
static obj_t *float_float(obj_t *a)
{
    if (a->type == &obj_type_float)
        return obj_newref(a);
    return obj_float_from_double(obj_float_value(a));
}

static obj_t *float_absolute(obj_t *a)
{
    return obj_float_from_double(fabs(obj_float_value(a)));
}

static int float_bool(obj_t *a)
{
    return obj_float_value(a) != 0.0;
}

/* int(x): truncation; OverflowError/ValueError for infinities and NaNs. */
static obj_t *float_int(obj_t *a)
{
    return obj_int_from_double(trunc(obj_float_value(a)));
}

static size_t float_size_of(obj_t *o)
{
    return o->type->basicsize;
}

/* ---- methods ------------------------------------------------------------- */

static obj_t *float_is_integer(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    if (obj_check_arity("float.is_integer", nargs, 0, 0) < 0)
        return NULL;
    double x = obj_float_value(self);
    return obj_bool_from(isfinite(x) && floor(x) == x);
}

/* (n, d) with n/d == x, d > 0 a power of two and the fraction in lowest terms. */
static obj_t *float_as_integer_ratio(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    if (obj_check_arity("float.as_integer_ratio", nargs, 0, 0) < 0)
        return NULL;
    double x = obj_float_value(self);
    if (isinf(x))
        return obj_err_format(&obj_exc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(x))
        return obj_err_format(&obj_exc_ValueError, "cannot convert NaN to integer ratio");
    uint64_t f;
    int e;
    decompose(bits_of(x) & ~SIGN_BIT, &f, &e);
    while (e < 0 && f && !(f & 1)) {
        f >>= 1;
        e++;
    }
    if (f == 0 || e > 0)
        e = 0; /* x is an integer: x / 1 */
    obj_t *num =
        e < 0 ? obj_int_from_i64(x < 0 ? -(int64_t)f : (int64_t)f) : obj_int_from_double(x);
    obj_t *shift = obj_int_from_ssize(-e), *den = NULL, *pair = NULL;
    if (num && shift && (den = obj_int_lshift(obj_int_from_i64(1), shift)) != NULL)
        pair = obj_tuple_pack(2, num, den);
    obj_xdecref(num);
    obj_xdecref(shift);
    obj_xdecref(den);
    return pair;
}

/* x.hex(): [-]0x<1 or 0>.<13 hex digits>p<exponent>, as CPython's float.hex. */
static obj_t *float_hex(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    if (obj_check_arity("float.hex", nargs, 0, 0) < 0)
        return NULL;
    double x = obj_float_value(self);
    uint64_t bits = bits_of(x);
    unsigned field = (unsigned)(bits >> FRAC_BITS) & EXP_MASK;
    if (field == EXP_MASK)
        return float_repr(self);
    const char *sign = (bits & SIGN_BIT) ? "-" : "";
    uint64_t frac = bits & FRAC_MASK;
    if (field == 0 && frac == 0)
        return obj_str_from_format("%s0x0.0p+0", sign);
    int exponent = field ? (int)field - 1023 : -1022;
    return obj_str_from_format("%s0x%d.%013llxp%+d", sign, field != 0, (unsigned long long)frac,
                               exponent);
}

/* round(x) -> int (ties to even); round(x, n) -> float rounded to n decimal
 * places, n of any size (CPython clamps it). */
static obj_t *float_round(obj_t *self, obj_t *const *args, size_t nargs)
{
    if (obj_check_arity("__round__", nargs, 0, 1) < 0)
        return NULL;
    double x = obj_float_value(self);
    if (nargs == 0 || args[0] == obj_none)
        return obj_int_from_double(round_half_even(x));
    obj_ssize_t nd = obj_number_as_ssize(args[0]);
    if (nd == -1 && obj_err_occurred()) {
        if (!obj_err_matches(&obj_exc_OverflowError))
            return NULL;
        obj_err_clear(); /* a huge ndigits acts as a very large or very small one */
        nd = obj_int_sign(args[0]) > 0 ? 100000 : -100000;
    }
    /* Past these every x rounds to itself or to a zero (CPython's NDIGITS_MAX/MIN). */
    if (!isfinite(x) || x == 0.0 || nd > 323)
        return obj_float_from_double(x);
    if (nd < -308)
        return obj_float_from_double(0.0 * x);
    double rounded = round_to_digits(x, (int)nd);
    if (isinf(rounded))
        return obj_err_format(&obj_exc_OverflowError, "rounded value too large to represent");
    return obj_float_from_double(rounded);
}

static obj_t *float_trunc(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    if (obj_check_arity("float.__trunc__", nargs, 0, 0) < 0)
        return NULL;
    return float_int(self);
}

static obj_t *float_floor(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    if (obj_check_arity("float.__floor__", nargs, 0, 0) < 0)
        return NULL;
    return obj_int_from_double(floor(obj_float_value(self)));
}

static obj_t *float_ceil(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    if (obj_check_arity("float.__ceil__", nargs, 0, 0) < 0)
        return NULL;
    return obj_int_from_double(ceil(obj_float_value(self)));
}

static const struct obj_method float_methods[] = {
    {"is_integer", float_is_integer},
    {"as_integer_ratio", float_as_integer_ratio},
    {"hex", float_hex},
    {"__round__", float_round},
    {"__trunc__", float_trunc},
    {"__floor__", float_floor},
    {"__ceil__", float_ceil},
    {NULL, NULL},
};

static const struct obj_number_methods float_number = {
    .add = float_add,
    .subtract = float_subtract,
    .multiply = float_multiply,
    .remainder = float_remainder,
    .divmod = float_divmod,
    .floor_divide = float_floor_divide,
    .true_divide = float_true_divide,
    .power = float_power,
    .negative = float_negative,
    .positive = float_float,
    .absolute = float_absolute,
    .bool_ = float_bool,
    .int_ = float_int,
    .float_ = float_float,
};

const obj_type_t obj_type_float = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "float",
    .basicsize = sizeof(obj_float_t),
    .dealloc = float_dealloc,
    .repr = float_repr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .size_of = float_size_of,
    .number = &float_number,
    .methods = float_methods,
};
