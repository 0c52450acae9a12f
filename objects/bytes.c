/* bytes: construction (the empty bytes is a static singleton), CPython's repr,
 * comparison, hash, the sequence and mapping slots (an index gives an int, a
 * slice gives bytes, `in` takes an int or a bytes), iteration, and the
 * methods decode, hex, startswith/endswith, find/index/count, join, split and
 * strip/lstrip/rstrip with CPython's semantics and messages.
 *
 * Searches are the simple O(n * m) scan: this runtime's bytes are small, and
 * the scan needs no tables. decode knows UTF-8, ASCII and Latin-1 with
 * errors='strict' (other handlers raise NotImplementedError).
 */
#define OBJ_INTERNAL
#include <string.h>

#include "objects/bytes.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/runtime.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"

#define BYTES_HEADER offsetof(obj_bytes_t, data)
#define MAX_SIZE     ((size_t)INTPTR_MAX - BYTES_HEADER - 1)

static const obj_bytes_t empty_bytes = {
    .base = {OBJ_HEAD_INIT(&obj_type_bytes), 0},
    .hash = -1,
    .data = "",
};
#define EMPTY ((obj_t *)&empty_bytes)

/* ---- construction ------------------------------------------------------- */

obj_t *obj_bytes_new(size_t n)
{
    if (n == 0)
        return EMPTY;
    if (n > MAX_SIZE)
        return obj_err_no_memory();
    obj_bytes_t *b = (obj_bytes_t *)obj_new(&obj_type_bytes, n + 1);
    if (b == NULL)
        return NULL;
    b->base.size = (obj_ssize_t)n;
    b->hash = -1;
    b->data[n] = '\0';
    return (obj_t *)b;
}

obj_t *obj_bytes_from(const void *data, size_t n)
{
    obj_t *b = obj_bytes_new(n);
    if (b && n)
        memcpy(obj_bytes_buffer(b), data, n);
    return b;
}

/* An int in 0..255 from an object with __index__; -1 with an error. */
static int byte_value(obj_t *o, const char *range_message)
{
    obj_ssize_t v = obj_number_as_ssize(o);
    if (v == -1 && obj_err_occurred()) {
        if (!obj_err_matches(&obj_exc_OverflowError))
            return -1;
        obj_err_clear();
    } else if (v >= 0 && v < 256) {
        return (int)v;
    }
    obj_err_format(&obj_exc_ValueError, "%s", range_message);
    return -1;
}

obj_t *obj_bytes_from_object(obj_t *o)
{
    if (obj_bytes_check(o))
        return obj_newref(o);
    if (obj_str_check(o))
        return obj_err_format(&obj_exc_TypeError, "string argument without an encoding");
    if (o->type->number && o->type->number->index) {
        obj_ssize_t n = obj_number_as_ssize(o);
        if (n == -1 && obj_err_occurred())
            return NULL;
        if (n < 0)
            return obj_err_format(&obj_exc_ValueError, "negative count");
        obj_t *b = obj_bytes_new((size_t)n);
        if (b && n)
            memset(obj_bytes_buffer(b), 0, (size_t)n);
        return b;
    }
    if (o->type->iter == NULL)
        return obj_err_format(&obj_exc_TypeError, "cannot convert '%s' object to bytes",
                              o->type->name);
    obj_t *it = obj_get_iter(o);
    if (it == NULL)
        return NULL;
    size_t n = 0, cap = 0;
    char *buf = NULL;
    obj_t *item, *result = NULL;
    while ((item = obj_iter_next(it)) != NULL) {
        int v = byte_value(item, "bytes must be in range(0, 256)");
        obj_decref(item);
        if (v < 0)
            break;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char *grown = buf ? obj_mem_realloc(buf, cap) : obj_mem_alloc(cap);
            if (grown == NULL)
                break;
            buf = grown;
        }
        buf[n++] = (char)v;
    }
    obj_decref(it);
    if (!obj_err_occurred())
        result = obj_bytes_from(buf, n);
    if (buf)
        obj_mem_free(buf);
    return result;
}

static void bytes_dealloc(obj_t *o)
{
    obj_free(o);
}

static size_t bytes_size_of(obj_t *o)
{
    return obj_is_immortal(o) ? sizeof empty_bytes + 1 : obj_mem_usable(o);
}

/* ---- repr, comparison, hash --------------------------------------------- */

/* CPython's bytes repr: b'...' (b"..." when the bytes hold ' and no "),
 * printable ASCII as is, \t \n \r \\ and the quote escaped, others \xhh. */
static obj_t *bytes_repr(obj_t *o)
{
    const unsigned char *p = (const unsigned char *)obj_bytes_data(o);
    size_t n = obj_bytes_size(o);
    char quote = memchr(p, '\'', n) && !memchr(p, '"', n) ? '"' : '\'';
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    obj_strbuf_append(&b, "b", 1);
    obj_strbuf_append(&b, &quote, 1);
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c == (unsigned)quote || c == '\\') {
            char esc[2] = {'\\', (char)c};
            obj_strbuf_append(&b, esc, 2);
        } else if (c == '\t') {
            obj_strbuf_append(&b, "\\t", 2);
        } else if (c == '\n') {
            obj_strbuf_append(&b, "\\n", 2);
        } else if (c == '\r') {
            obj_strbuf_append(&b, "\\r", 2);
        } else if (c < 0x20 || c >= 0x7F) {
            obj_strbuf_append_format(&b, "\\x%02x", c);
        } else {
            obj_strbuf_append(&b, (const char *)&p[i], 1);
        }
    }
    obj_strbuf_append(&b, &quote, 1);
    return obj_strbuf_finish(&b);
}

static obj_t *bytes_richcompare(obj_t *a, obj_t *b, int op)
{
    if (!obj_bytes_check(b))
        return obj_newref(obj_not_implemented);
    obj_bytes_t *x = (obj_bytes_t *)a, *y = (obj_bytes_t *)b;
    size_t nx = (size_t)x->base.size, ny = (size_t)y->base.size;
    if (op == OBJ_EQ || op == OBJ_NE) {
        int eq = nx == ny && (x->hash == -1 || y->hash == -1 || x->hash == y->hash) &&
                 memcmp(x->data, y->data, nx) == 0;
        return obj_bool_from(op == OBJ_EQ ? eq : !eq);
    }
    int c = memcmp(x->data, y->data, nx < ny ? nx : ny);
    if (c == 0)
        c = (nx > ny) - (nx < ny);
    switch (op) {
    case OBJ_LT: return obj_bool_from(c < 0);
    case OBJ_LE: return obj_bool_from(c <= 0);
    case OBJ_GT: return obj_bool_from(c > 0);
    default: return obj_bool_from(c >= 0);
    }
}

/* The same hash as a str of the same bytes: hash(b'abc') == hash('abc'). */
static obj_hash_t bytes_hash(obj_t *o)
{
    obj_bytes_t *b = (obj_bytes_t *)o;
    if (b->hash != -1)
        return b->hash;
    obj_hash_t h = obj_str_hash_bytes(b->data, (size_t)b->base.size);
    if (!obj_is_immortal(o))
        b->hash = h;
    return h;
}

/* ---- searching helpers ---------------------------------------------------- */

static const char *find_in(const char *h, size_t hn, const char *n, size_t nn)
{
    if (nn == 0)
        return h;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == n[0] && memcmp(h + i, n, nn) == 0)
            return h + i;
    return NULL;
}

/* A start/end argument: None keeps the default; ints beyond a word clip, as
 * CPython's _PyEval_SliceIndex. */
static int slice_bound(obj_t *o, obj_ssize_t *out)
{
    if (o == obj_none)
        return 0;
    obj_ssize_t v = obj_number_as_ssize(o);
    if (v == -1 && obj_err_occurred()) {
        if (!obj_err_matches(&obj_exc_OverflowError) || !obj_int_check(o)) {
            obj_err_clear();
            obj_err_format(&obj_exc_TypeError,
                           "slice indices must be integers or None or have an __index__ method");
            return -1;
        }
        obj_err_clear();
        v = obj_int_sign(o) < 0 ? INTPTR_MIN : INTPTR_MAX;
    }
    *out = v;
    return 0;
}

/* The [start:end] window of find/count/startswith (CPython's ADJUST_INDICES):
 * parses args[first] and args[first + 1] when present. */
static int window(obj_t *self, obj_t *const *args, size_t nargs, size_t first, obj_ssize_t *start,
                  obj_ssize_t *end)
{
    obj_ssize_t len = (obj_ssize_t)obj_bytes_size(self);
    *start = 0;
    *end = INTPTR_MAX;
    if ((nargs > first && slice_bound(args[first], start) < 0) ||
        (nargs > first + 1 && slice_bound(args[first + 1], end) < 0))
        return -1;
    if (*end > len) {
        *end = len;
    } else if (*end < 0) {
        *end += len;
        if (*end < 0)
            *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0)
            *start = 0;
    }
    return 0;
}

/* The needle of find/index/count: a bytes, or an int standing for one byte
 * (stored in *byte). */
static int needle(obj_t *o, const char **sub, size_t *n, char *byte)
{
    if (obj_bytes_check(o)) {
        *sub = obj_bytes_data(o);
        *n = obj_bytes_size(o);
        return 0;
    }
    if (!o->type->number || !o->type->number->index) {
        obj_err_format(&obj_exc_TypeError,
                       "argument should be integer or bytes-like object, not '%s'", o->type->name);
        return -1;
    }
    int v = byte_value(o, "byte must be in range(0, 256)");
    if (v < 0)
        return -1;
    *byte = (char)v;
    *sub = byte;
    *n = 1;
    return 0;
}

static obj_t *not_bytes(obj_t *o)
{
    return obj_err_format(&obj_exc_TypeError, "a bytes-like object is required, not '%s'",
                          o->type->name);
}

/* ---- sequence and mapping slots ------------------------------------------- */

static obj_ssize_t bytes_length(obj_t *o)
{
    return (obj_ssize_t)obj_bytes_size(o);
}

static obj_t *bytes_item(obj_t *o, obj_ssize_t i)
{
    return obj_int_from_ssize((unsigned char)obj_bytes_data(o)[i]);
}

static int bytes_contains(obj_t *o, obj_t *x)
{
    const char *data = obj_bytes_data(o);
    size_t n = obj_bytes_size(o);
    if (obj_bytes_check(x))
        return find_in(data, n, obj_bytes_data(x), obj_bytes_size(x)) != NULL;
    if (!x->type->number || !x->type->number->index) {
        not_bytes(x);
        return -1;
    }
    int v = byte_value(x, "byte must be in range(0, 256)");
    return v < 0 ? -1 : memchr(data, v, n) != NULL;
}

static obj_t *bytes_concat(obj_t *a, obj_t *b)
{
    if (!obj_bytes_check(b))
        return obj_err_format(&obj_exc_TypeError, "can't concat %s to %s", b->type->name,
                              a->type->name);
    size_t na = obj_bytes_size(a), nb = obj_bytes_size(b);
    if (na == 0)
        return obj_newref(b);
    if (nb == 0)
        return obj_newref(a);
    if (na > MAX_SIZE - nb)
        return obj_err_no_memory();
    obj_t *r = obj_bytes_new(na + nb);
    if (r) {
        memcpy(obj_bytes_buffer(r), obj_bytes_data(a), na);
        memcpy(obj_bytes_buffer(r) + na, obj_bytes_data(b), nb);
    }
    return r;
}

static obj_t *bytes_repeat(obj_t *o, obj_ssize_t count)
{
    size_t n = obj_bytes_size(o);
    if (count <= 0 || n == 0)
        return EMPTY;
    if (count == 1)
        return obj_newref(o);
    if ((size_t)count > MAX_SIZE / n)
        return obj_err_format(&obj_exc_OverflowError, "repeated bytes are too long");
    obj_t *r = obj_bytes_new(n * (size_t)count);
    if (r)
        for (obj_ssize_t i = 0; i < count; i++)
            memcpy(obj_bytes_buffer(r) + (size_t)i * n, obj_bytes_data(o), n);
    return r;
}

static obj_t *bytes_subscript(obj_t *o, obj_t *key)
{
    const char *data = obj_bytes_data(o);
    obj_ssize_t len = (obj_ssize_t)obj_bytes_size(o);
    if (obj_slice_check(key)) {
        obj_ssize_t start, stop, step, count;
        if (obj_slice_indices(key, len, &start, &stop, &step, &count) < 0)
            return NULL;
        if (step == 1)
            return count == len ? obj_newref(o) : obj_bytes_from(data + start, (size_t)count);
        obj_t *r = obj_bytes_new((size_t)count);
        if (r)
            for (obj_ssize_t k = 0; k < count; k++)
                obj_bytes_buffer(r)[k] = data[start + k * step];
        return r;
    }
    obj_ssize_t i = obj_number_as_ssize(key);
    if (i == -1 && obj_err_occurred()) {
        if (obj_err_matches(&obj_exc_TypeError))
            return obj_err_format(&obj_exc_TypeError,
                                  "byte indices must be integers or slices, not %s",
                                  key->type->name);
        if (!obj_err_matches(&obj_exc_OverflowError))
            return NULL;
        obj_err_clear();
        i = len; /* beyond any word: out of range */
    }
    if (i < 0)
        i += len;
    if (i < 0 || i >= len)
        return obj_err_format(&obj_exc_IndexError, "index out of range");
    return obj_int_from_ssize((unsigned char)data[i]);
}

/* ---- iterator ------------------------------------------------------------- */

static obj_t *bytes_iter(obj_t *o)
{
    return obj_seqiter_new(&obj_type_bytes_iterator, o);
}

OBJ_SEQITER_TYPE(obj_type_bytes_iterator, "bytes_iterator");

/* ---- methods -------------------------------------------------------------- */

#define ARITY(name, lo, hi)                                                                        \
    do {                                                                                           \
        if (obj_check_arity(name, nargs, lo, hi) < 0)                                              \
            return NULL;                                                                           \
    } while (0)

/* Lower-case ASCII copy of an encoding name with '_' and ' ' as '-', for
 * matching the aliases CPython's codec registry knows. */
static void normalize_encoding(const char *name, char *out, size_t size)
{
    size_t i = 0;
    for (; name[i] && i + 1 < size; i++) {
        char c = name[i];
        out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c == '_' || c == ' ' ? '-' : c;
    }
    out[i] = '\0';
}

static int name_in(const char *name, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(name, *names) == 0)
            return 1;
    return 0;
}

static obj_t *decode_ascii(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] >= 0x80)
            return obj_err_format(&obj_exc_UnicodeError,
                                  "'ascii' codec can't decode byte 0x%02x in position %lu: "
                                  "ordinal not in range(128)",
                                  p[i], (unsigned long)i);
    return obj_str_from_utf8((const char *)p, n);
}

/* Latin-1 is the first 256 code points: bytes from 0x80 take two UTF-8 bytes. */
static obj_t *decode_latin1(const unsigned char *p, size_t n)
{
    size_t high = 0;
    for (size_t i = 0; i < n; i++)
        high += p[i] >= 0x80;
    if (high == 0)
        return obj_str_from_utf8((const char *)p, n);
    char *utf8 = obj_mem_alloc(n + high);
    if (utf8 == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < 0x80) {
            utf8[k++] = (char)p[i];
        } else {
            utf8[k++] = (char)(0xC0 | (p[i] >> 6));
            utf8[k++] = (char)(0x80 | (p[i] & 0x3F));
        }
    }
    obj_t *s = obj_str_from_utf8(utf8, k);
    obj_mem_free(utf8);
    return s;
}

static obj_t *m_decode(obj_t *self, obj_t *const *args, size_t nargs)
{
    static const char *const utf8[] = {"utf-8", "utf8", "u8", "utf", "cp65001", NULL};
    static const char *const ascii[] = {"ascii", "us-ascii", "646", "us", NULL};
    static const char *const latin1[] = {"latin-1",   "latin1", "latin", "l1", "iso-8859-1",
                                         "iso8859-1", "8859",   "cp819", NULL};
    static const char *const params[] = {"encoding", "errors"};
    ARITY("decode", 0, 2);
    for (size_t i = 0; i < nargs; i++)
        if (!obj_str_check(args[i]))
            return obj_err_format(&obj_exc_TypeError, "decode() argument '%s' must be str, not %s",
                                  params[i], args[i]->type->name);
    char encoding[24] = "utf-8";
    if (nargs > 0)
        normalize_encoding(obj_str_utf8(args[0], NULL), encoding, sizeof encoding);
    if (nargs > 1 && !obj_str_equal_cstr(args[1], "strict"))
        return obj_err_format(&obj_exc_NotImplementedError,
                              "decode(): only errors='strict' is supported, not '%s'",
                              obj_str_utf8(args[1], NULL));
    const char *data = obj_bytes_data(self);
    size_t n = obj_bytes_size(self);
    if (name_in(encoding, utf8))
        return obj_str_from_utf8(data, n);
    if (name_in(encoding, ascii))
        return decode_ascii((const unsigned char *)data, n);
    if (name_in(encoding, latin1))
        return decode_latin1((const unsigned char *)data, n);
    return obj_err_format(&obj_exc_LookupError, "unknown encoding: %s",
                          obj_str_utf8(args[0], NULL));
}

/* hex([sep[, bytes_per_sep]]): sep every |bytes_per_sep| bytes, counted from
 * the right when positive, from the left when negative (CPython's rules). */
static obj_t *m_hex(obj_t *self, obj_t *const *args, size_t nargs)
{
    static const char digits[] = "0123456789abcdef";
    ARITY("hex", 0, 2);
    char sep = 0;
    obj_ssize_t per = 1;
    if (nargs > 0) {
        /* CPython's order of checks: length, type, ASCII. */
        obj_ssize_t len = obj_length(args[0]);
        if (len < 0)
            return NULL;
        if (len != 1)
            return obj_err_format(&obj_exc_ValueError, "sep must be length 1.");
        if (obj_str_check(args[0]))
            sep = obj_str_utf8(args[0], NULL)[0];
        else if (obj_bytes_check(args[0]))
            sep = obj_bytes_data(args[0])[0];
        else
            return obj_err_format(&obj_exc_TypeError, "sep must be str or bytes.");
        if ((unsigned char)sep >= 0x80)
            return obj_err_format(&obj_exc_ValueError, "sep must be ASCII.");
    }
    if (nargs > 1) {
        per = obj_number_as_ssize(args[1]);
        if (per == -1 && obj_err_occurred())
            return NULL;
    }
    const unsigned char *p = (const unsigned char *)obj_bytes_data(self);
    size_t n = obj_bytes_size(self);
    size_t group = per < 0 ? 0 - (size_t)per : (size_t)per;
    if (nargs == 0 || group == 0 || n == 0)
        group = n ? n : 1; /* one group: no separator */
    size_t seps = (n + group - 1) / group - (n ? 1 : 0);
    if (n > (MAX_SIZE - seps) / 2)
        return obj_err_no_memory();
    char *out = obj_mem_alloc(2 * n + seps + 1);
    if (out == NULL)
        return NULL;
    /* Bytes before the first separator: a short first group when counting
     * from the right. */
    size_t first = per > 0 && n % group ? n % group : group, k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && (i == first || (i > first && (i - first) % group == 0)))
            out[k++] = sep;
        out[k++] = digits[p[i] >> 4];
        out[k++] = digits[p[i] & 15];
    }
    obj_t *s = obj_str_from_utf8(out, k);
    obj_mem_free(out);
    return s;
}

/* CPython's tailmatch: does sub occur at the start (or end) of data[start:end]? */
static int tailmatch(obj_t *self, obj_t *sub, obj_ssize_t start, obj_ssize_t end, int at_end)
{
    if (!obj_bytes_check(sub)) {
        not_bytes(sub);
        return -1;
    }
    obj_ssize_t len = (obj_ssize_t)obj_bytes_size(self), slen = (obj_ssize_t)obj_bytes_size(sub);
    if (!at_end) {
        if (start > len - slen)
            return 0;
    } else {
        if (end - start < slen || start > len)
            return 0;
        if (end - slen > start)
            start = end - slen;
    }
    if (end - start < slen)
        return 0;
    return memcmp(obj_bytes_data(self) + start, obj_bytes_data(sub), (size_t)slen) == 0;
}

static obj_t *affix_match(obj_t *self, obj_t *const *args, size_t nargs, int at_end)
{
    const char *name = at_end ? "endswith" : "startswith";
    ARITY(name, 1, 3);
    obj_ssize_t start, end;
    if (window(self, args, nargs, 1, &start, &end) < 0)
        return NULL;
    obj_t *affix = args[0];
    if (obj_tuple_check(affix)) {
        for (size_t i = 0; i < obj_tuple_size(affix); i++) {
            int r = tailmatch(self, obj_tuple_get(affix, i), start, end, at_end);
            if (r != 0)
                return r < 0 ? NULL : obj_newref(obj_true);
        }
        return obj_newref(obj_false);
    }
    if (!obj_bytes_check(affix))
        return obj_err_format(&obj_exc_TypeError,
                              "%s first arg must be bytes or a tuple of bytes, not %s", name,
                              affix->type->name);
    return obj_bool_from(tailmatch(self, affix, start, end, at_end));
}

static obj_t *m_startswith(obj_t *self, obj_t *const *args, size_t nargs)
{
    return affix_match(self, args, nargs, 0);
}

static obj_t *m_endswith(obj_t *self, obj_t *const *args, size_t nargs)
{
    return affix_match(self, args, nargs, 1);
}

/* find(sub[, start[, end]]): the lowest index, -1 when absent; -2 with an error. */
static obj_ssize_t find(obj_t *self, const char *name, obj_t *const *args, size_t nargs)
{
    if (obj_check_arity(name, nargs, 1, 3) < 0)
        return -2;
    const char *sub;
    size_t n;
    char byte;
    obj_ssize_t start, end;
    if (needle(args[0], &sub, &n, &byte) < 0 || window(self, args, nargs, 1, &start, &end) < 0)
        return -2;
    if (end - start < (obj_ssize_t)n)
        return -1;
    const char *data = obj_bytes_data(self);
    const char *at = find_in(data + start, (size_t)(end - start), sub, n);
    return at ? at - data : -1;
}

static obj_t *m_find(obj_t *self, obj_t *const *args, size_t nargs)
{
    obj_ssize_t i = find(self, "find", args, nargs);
    return i == -2 ? NULL : obj_int_from_ssize(i);
}

static obj_t *m_index(obj_t *self, obj_t *const *args, size_t nargs)
{
    obj_ssize_t i = find(self, "index", args, nargs);
    if (i == -1)
        return obj_err_format(&obj_exc_ValueError, "subsection not found");
    return i == -2 ? NULL : obj_int_from_ssize(i);
}

/* count(sub[, start[, end]]): non-overlapping occurrences. */
static obj_t *m_count(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("count", 1, 3);
    const char *sub;
    size_t n;
    char byte;
    obj_ssize_t start, end;
    if (needle(args[0], &sub, &n, &byte) < 0 || window(self, args, nargs, 1, &start, &end) < 0)
        return NULL;
    if (end - start < (obj_ssize_t)n)
        return obj_int_from_ssize(0);
    if (n == 0)
        return obj_int_from_ssize(end - start + 1);
    const char *p = obj_bytes_data(self) + start, *stop = obj_bytes_data(self) + end;
    obj_ssize_t count = 0;
    while ((p = find_in(p, (size_t)(stop - p), sub, n)) != NULL) {
        count++;
        p += n;
    }
    return obj_int_from_ssize(count);
}

static obj_t *m_join(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("bytes.join", 1, 1);
    obj_t *seq = obj_tuple_check(args[0]) ? obj_newref(args[0]) : obj_list_from_iterable(args[0]);
    if (seq == NULL)
        return NULL;
    int is_tuple = obj_tuple_check(seq);
    size_t count = is_tuple ? obj_tuple_size(seq) : obj_list_size(seq);
    size_t sep = obj_bytes_size(self), total = 0;
    obj_t *result = NULL;
    for (size_t i = 0; i < count; i++) {
        obj_t *item = is_tuple ? obj_tuple_get(seq, i) : obj_list_get(seq, i);
        if (!obj_bytes_check(item)) {
            obj_err_format(&obj_exc_TypeError,
                           "sequence item %lu: expected a bytes-like object, %s found",
                           (unsigned long)i, item->type->name);
            goto done;
        }
        size_t add = obj_bytes_size(item) + (i ? sep : 0);
        if (add > MAX_SIZE - total) {
            obj_err_no_memory();
            goto done;
        }
        total += add;
    }
    if (count == 1) {
        result = obj_newref(is_tuple ? obj_tuple_get(seq, 0) : obj_list_get(seq, 0));
        goto done;
    }
    result = obj_bytes_new(total);
    if (result) {
        char *out = total ? obj_bytes_buffer(result) : NULL;
        for (size_t i = 0; i < count; i++) {
            obj_t *item = is_tuple ? obj_tuple_get(seq, i) : obj_list_get(seq, i);
            if (i && sep) {
                memcpy(out, obj_bytes_data(self), sep);
                out += sep;
            }
            if (obj_bytes_size(item)) {
                memcpy(out, obj_bytes_data(item), obj_bytes_size(item));
                out += obj_bytes_size(item);
            }
        }
    }
done:
    obj_decref(seq);
    return result;
}

/* ASCII whitespace, as CPython's Py_ISSPACE. */
static int is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Append self[i:j] to the list (self itself when that is all of it). */
static int add_piece(obj_t *list, obj_t *self, size_t i, size_t j)
{
    obj_t *piece = i == 0 && j == obj_bytes_size(self)
                       ? obj_newref(self)
                       : obj_bytes_from(obj_bytes_data(self) + i, j - i);
    if (piece == NULL)
        return -1;
    int r = obj_list_append(list, piece);
    obj_decref(piece);
    return r;
}

/* split(sep=None, maxsplit=-1), CPython's algorithm: runs of whitespace
 * separate when sep is None (leading and trailing ones give no pieces). */
static obj_t *m_split(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("split", 0, 2);
    obj_t *sepobj = nargs > 0 ? args[0] : obj_none;
    obj_ssize_t maxsplit = -1;
    if (nargs > 1) {
        maxsplit = obj_number_as_ssize(args[1]);
        if (maxsplit == -1 && obj_err_occurred())
            return NULL;
    }
    if (maxsplit < 0)
        maxsplit = INTPTR_MAX;
    if (sepobj != obj_none && !obj_bytes_check(sepobj))
        return not_bytes(sepobj);
    if (sepobj != obj_none && obj_bytes_size(sepobj) == 0)
        return obj_err_format(&obj_exc_ValueError, "empty separator");
    obj_t *list = obj_list_new(0);
    if (list == NULL)
        return NULL;
    const unsigned char *p = (const unsigned char *)obj_bytes_data(self);
    size_t len = obj_bytes_size(self), i = 0;
    int r = 0;
    if (sepobj == obj_none) {
        while (r == 0 && maxsplit-- > 0) {
            while (i < len && is_space(p[i]))
                i++;
            if (i == len)
                break;
            size_t j = i++;
            while (i < len && !is_space(p[i]))
                i++;
            r = add_piece(list, self, j, i);
        }
        if (r == 0 && i < len) { /* maxsplit reached: the rest, less leading whitespace */
            while (i < len && is_space(p[i]))
                i++;
            if (i != len)
                r = add_piece(list, self, i, len);
        }
    } else {
        const char *sep = obj_bytes_data(sepobj);
        size_t n = obj_bytes_size(sepobj);
        const char *at;
        while (r == 0 && maxsplit-- > 0 &&
               (at = find_in((const char *)p + i, len - i, sep, n)) != NULL) {
            size_t j = (size_t)(at - (const char *)p);
            r = add_piece(list, self, i, j);
            i = j + n;
        }
        if (r == 0)
            r = add_piece(list, self, i, len);
    }
    if (r < 0) {
        obj_decref(list);
        return NULL;
    }
    return list;
}

/* strip/lstrip/rstrip([chars]): chars None or absent means ASCII whitespace. */
static obj_t *strip(obj_t *self, obj_t *const *args, size_t nargs, int left, int right,
                    const char *name)
{
    ARITY(name, 0, 1);
    obj_t *chars = nargs ? args[0] : obj_none;
    if (chars != obj_none && !obj_bytes_check(chars))
        return not_bytes(chars);
    const unsigned char *p = (const unsigned char *)obj_bytes_data(self);
    const char *set = chars == obj_none ? NULL : obj_bytes_data(chars);
    size_t nset = chars == obj_none ? 0 : obj_bytes_size(chars);
    size_t i = 0, j = obj_bytes_size(self);
#define STRIPPED(c) (set ? nset && memchr(set, (c), nset) != NULL : is_space(c))
    while (left && i < j && STRIPPED(p[i]))
        i++;
    while (right && j > i && STRIPPED(p[j - 1]))
        j--;
#undef STRIPPED
    if (i == 0 && j == obj_bytes_size(self))
        return obj_newref(self);
    return obj_bytes_from(p + i, j - i);
}

static obj_t *m_strip(obj_t *self, obj_t *const *args, size_t nargs)
{
    return strip(self, args, nargs, 1, 1, "strip");
}

static obj_t *m_lstrip(obj_t *self, obj_t *const *args, size_t nargs)
{
    return strip(self, args, nargs, 1, 0, "lstrip");
}

static obj_t *m_rstrip(obj_t *self, obj_t *const *args, size_t nargs)
{
    return strip(self, args, nargs, 0, 1, "rstrip");
}

static const struct obj_method bytes_methods[] = {
    {"count", m_count},
    {"decode", m_decode},
    {"endswith", m_endswith},
    {"find", m_find},
    {"hex", m_hex},
    {"index", m_index},
    {"join", m_join},
    {"lstrip", m_lstrip},
    {"rstrip", m_rstrip},
    {"split", m_split},
    {"startswith", m_startswith},
    {"strip", m_strip},
    {0, 0},
};

static const struct obj_sequence_methods bytes_sequence = {
    .length = bytes_length,
    .concat = bytes_concat,
    .repeat = bytes_repeat,
    .item = bytes_item,
    .contains = bytes_contains,
};

static const struct obj_mapping_methods bytes_mapping = {
    .length = bytes_length,
    .subscript = bytes_subscript,
};

const obj_type_t obj_type_bytes = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "bytes",
    .basicsize = BYTES_HEADER,
    .itemsize = 1,
    .dealloc = bytes_dealloc,
    .repr = bytes_repr,
    .hash = bytes_hash,
    .richcompare = bytes_richcompare,
    .iter = bytes_iter,
    .size_of = bytes_size_of,
    .sequence = &bytes_sequence,
    .mapping = &bytes_mapping,
    .methods = bytes_methods,
};
