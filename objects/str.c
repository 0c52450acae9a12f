/* str: construction, UTF-8 validation, hashing, comparison, repr, the
 * interned-string table, the string builder, indexing and slicing, and the
 * iterator. Methods are in str_methods.c.
 *
 * Interning looks first among the static strings (objects/str_ids.h: the
 * names, the Latin-1 characters, ''), then in the interned table: open
 * addressing with linear probing over a power-of-two array of borrowed
 * references, grown at 2/3 full, freed when it empties (so a soft reset or a
 * test can see the heap return to its baseline). Deleted entries are marked
 * with a tombstone and recycled on insert. A static string is never in the
 * table, so the two never hold equal strings.
 *
 * As in CPython, the empty string and a string of one code point below 256
 * made here (from UTF-8, by indexing, slicing or iterating) is the static
 * object, not a new one.
 */
#define OBJ_INTERNAL
#include <stdio.h>
#include <string.h>

#include "objects/runtime.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/str_ids.h"

#define STR_HEADER offsetof(obj_str_t, data)

static obj_t *const intern_dummy = (obj_t *)&obj_rt; /* tombstone: never a str */

/* ---- construction -------------------------------------------------------- */

/* A new, uninitialised str of nbytes bytes (NUL added) and `length` code points. */
static obj_str_t *str_alloc(size_t nbytes, obj_ssize_t length)
{
    obj_str_t *s = (obj_str_t *)obj_new(&obj_type_str, nbytes + 1);
    if (s == NULL)
        return NULL;
    s->base.size = (obj_ssize_t)nbytes;
    s->length = length;
    s->hash = -1;
    s->interned = 0;
    s->data[nbytes] = '\0';
    return s;
}

obj_t *obj_str_new(size_t nbytes, obj_ssize_t length)
{
    return (obj_t *)str_alloc(nbytes, length);
}

/* Count code points of valid UTF-8; -1 and *bad = offset of the first invalid
 * byte otherwise. Rejects overlong forms, surrogates and values past U+10FFFF,
 * as CPython's decoder does. */
static obj_ssize_t utf8_count(const unsigned char *p, size_t n, size_t *bad)
{
    obj_ssize_t count = 0;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t need;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            count++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else {
            *bad = i;
            return -1;
        }
        if (i + need >= n || p[i + 1] < lo || p[i + 1] > hi) {
            *bad = i;
            return -1;
        }
        for (size_t k = 2; k <= need; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                *bad = i;
                return -1;
            }
        }
        i += need + 1;
        count++;
    }
    return count;
}

/* Bytes of the UTF-8 sequence that starts with `lead`. */
static size_t char_size(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/* The one code point at `at` (its n bytes of UTF-8) as a str: the static one
 * when it is below 256. New reference. */
static obj_t *str_char(const char *at, size_t n)
{
    const char *p = at;
    uint32_t code = obj_str_decode(&p);
    if (code < 256)
        return obj_str_ids_char(code);
    obj_str_t *c = str_alloc(n, 1);
    if (c == NULL)
        return NULL;
    memcpy(c->data, at, n);
    return (obj_t *)c;
}

obj_t *obj_str_from_utf8(const char *text, size_t nbytes)
{
    size_t bad;
    obj_ssize_t length = utf8_count((const unsigned char *)text, nbytes, &bad);
    if (length < 0)
        return obj_err_format(&obj_exc_UnicodeError,
                              "'utf-8' codec can't decode byte 0x%02x in position %lu",
                              (unsigned char)text[bad], (unsigned long)bad);
    if (length <= 1)
        return length ? str_char(text, nbytes) : obj_str_ids_empty_str();
    obj_str_t *s = str_alloc(nbytes, length);
    if (s == NULL)
        return NULL;
    memcpy(s->data, text, nbytes);
    return (obj_t *)s;
}

obj_t *obj_str_from_cstr(const char *text)
{
    return obj_str_from_utf8(text, strlen(text));
}

obj_t *obj_str_from_vformat(const char *format, va_list args)
{
    char small[96];
    va_list again;
    va_copy(again, args);
    int n = vsnprintf(small, sizeof small, format, args);
    if (n < 0) {
        va_end(again);
        return obj_err_format(&obj_exc_SystemError, "bad format string");
    }
    obj_t *result;
    if ((size_t)n < sizeof small) {
        result = obj_str_from_utf8(small, (size_t)n);
    } else {
        char *big = obj_mem_alloc((size_t)n + 1);
        result = NULL;
        if (big) {
            vsnprintf(big, (size_t)n + 1, format, again);
            result = obj_str_from_utf8(big, (size_t)n);
            obj_mem_free(big);
        }
    }
    va_end(again);
    return result;
}

obj_t *obj_str_from_format(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    obj_t *s = obj_str_from_vformat(format, args);
    va_end(args);
    return s;
}

/* ---- comparison and hashing ---------------------------------------------- */

int obj_str_equal(obj_t *a, obj_t *b)
{
    if (a == b)
        return 1;
    obj_str_t *x = (obj_str_t *)a, *y = (obj_str_t *)b;
    if (x->base.size != y->base.size)
        return 0;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash)
        return 0;
    return memcmp(x->data, y->data, (size_t)x->base.size) == 0;
}

int obj_str_equal_cstr(obj_t *s, const char *text)
{
    obj_str_t *x = (obj_str_t *)s;
    size_t n = strlen(text);
    return (size_t)x->base.size == n && memcmp(x->data, text, n) == 0;
}

/* FNV-1a over the UTF-8 bytes. CPython randomises str hashes (SipHash with a
 * per-process key), so no program can depend on their values; FNV is cheap
 * on a Cortex-M and spreads identifiers well. */
obj_hash_t obj_str_hash_bytes(const char *data, size_t n)
{
    uintptr_t h = OBJ_STR_FNV_BASIS;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)data[i]) * OBJ_STR_FNV_PRIME;
    obj_hash_t result = (obj_hash_t)h;
    return result == -1 ? -2 : result;
}

static obj_hash_t str_hash(obj_t *o)
{
    obj_str_t *s = (obj_str_t *)o;
    if (s->hash != -1)
        return s->hash;
    obj_hash_t h = obj_str_hash_bytes(s->data, (size_t)s->base.size);
    if (!obj_is_immortal(o))
        s->hash = h;
    return h;
}

static obj_t *str_richcompare(obj_t *a, obj_t *b, int op)
{
    if (!obj_str_check(b))
        return obj_newref(obj_not_implemented);
    if (op == OBJ_EQ || op == OBJ_NE)
        return obj_bool_from(obj_str_equal(a, b) == (op == OBJ_EQ));
    obj_str_t *x = (obj_str_t *)a, *y = (obj_str_t *)b;
    size_t nx = (size_t)x->base.size, ny = (size_t)y->base.size;
    /* UTF-8 byte order is code-point order. */
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

/* ---- interning ----------------------------------------------------------- */

static size_t intern_probe_start(obj_hash_t h)
{
    return (size_t)h & obj_rt.intern_mask;
}

/* Find the slot holding a string equal to s, or the slot to insert it in. */
static obj_t **intern_lookup(obj_t *s, obj_hash_t h)
{
    obj_t **tomb = NULL;
    for (size_t i = intern_probe_start(h);; i = (i + 1) & obj_rt.intern_mask) {
        obj_t **slot = &obj_rt.intern_slots[i];
        if (*slot == NULL)
            return tomb ? tomb : slot;
        if (*slot == intern_dummy) {
            if (!tomb)
                tomb = slot;
        } else if (str_hash(*slot) == h && obj_str_equal(*slot, s)) {
            return slot;
        }
    }
}

static int intern_resize(size_t slots)
{
    obj_t **old = obj_rt.intern_slots;
    size_t old_slots = old ? obj_rt.intern_mask + 1 : 0;
    obj_t **fresh = obj_mem_alloc(slots * sizeof *fresh);
    if (fresh == NULL)
        return -1;
    memset(fresh, 0, slots * sizeof *fresh);
    obj_rt.intern_slots = fresh;
    obj_rt.intern_mask = slots - 1;
    obj_rt.intern_fill = obj_rt.intern_used;
    for (size_t i = 0; i < old_slots; i++)
        if (old[i] && old[i] != intern_dummy)
            *intern_lookup(old[i], str_hash(old[i])) = old[i];
    obj_mem_free(old);
    return 0;
}

obj_t *obj_str_intern(obj_t *s)
{
    obj_str_t *str = (obj_str_t *)s;
    if (str->interned || obj_is_immortal(s))
        return s;
    obj_t *id = obj_str_ids_find(str->data, (size_t)str->base.size);
    if (id) {
        obj_decref(s);
        return id;
    }
    if (obj_rt.intern_slots == NULL ||
        (obj_rt.intern_fill + 1) * 3 >= (obj_rt.intern_mask + 1) * 2) {
        size_t want = OBJ_INTERN_MIN_SLOTS;
        while (want * 2 <= (obj_rt.intern_used + 1) * 3)
            want *= 2;
        if (intern_resize(want) < 0) {
            obj_err_clear(); /* benign: the string simply stays un-interned */
            return s;
        }
    }
    obj_hash_t h = str_hash(s);
    obj_t **slot = intern_lookup(s, h);
    if (*slot && *slot != intern_dummy) {
        obj_t *existing = obj_newref(*slot);
        obj_decref(s);
        return existing;
    }
    if (*slot == NULL)
        obj_rt.intern_fill++;
    *slot = s;
    obj_rt.intern_used++;
    str->interned = 1;
    return s;
}

obj_t *obj_str_intern_cstr(const char *text)
{
    obj_t *id = obj_str_ids_find(text, strlen(text));
    if (id)
        return id;
    obj_t *s = obj_str_from_cstr(text);
    return s ? obj_str_intern(s) : NULL;
}

size_t obj_str_interned_count(void)
{
    return obj_rt.intern_used;
}

static void intern_remove(obj_t *s)
{
    obj_t **slot = intern_lookup(s, str_hash(s));
    *slot = intern_dummy;
    if (--obj_rt.intern_used == 0) {
        obj_mem_free(obj_rt.intern_slots);
        obj_rt.intern_slots = NULL;
        obj_rt.intern_mask = obj_rt.intern_fill = 0;
    }
}

static void str_dealloc(obj_t *o)
{
    if (((obj_str_t *)o)->interned)
        intern_remove(o);
    obj_free(o);
}

/* ---- repr ---------------------------------------------------------------- */

/* CPython's unicode_repr: single quotes unless the text has ' and no ".
 * Printable ASCII stays, \t \n \r \\ and the quote are escaped, other ASCII
 * controls become \xhh. A non-ASCII character stays when it is printable
 * (str.isprintable, from the Unicode tables) and becomes \xhh, \uhhhh or
 * \Uhhhhhhhh otherwise. */
static obj_t *str_repr(obj_t *o)
{
    obj_str_t *s = (obj_str_t *)o;
    const char *p = s->data, *end = s->data + s->base.size;
    size_t n = (size_t)s->base.size;
    char quote = memchr(p, '\'', n) && !memchr(p, '"', n) ? '"' : '\'';
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    obj_strbuf_append(&b, &quote, 1);
    while (p < end) {
        const char *at = p;
        uint32_t c = obj_str_decode(&p);
        if (c == (unsigned char)quote || c == '\\') {
            char esc[2] = {'\\', (char)c};
            obj_strbuf_append(&b, esc, 2);
        } else if (c == '\t') {
            obj_strbuf_append(&b, "\\t", 2);
        } else if (c == '\n') {
            obj_strbuf_append(&b, "\\n", 2);
        } else if (c == '\r') {
            obj_strbuf_append(&b, "\\r", 2);
        } else if (c < 0x20 || c == 0x7F) {
            obj_strbuf_append_format(&b, "\\x%02x", (unsigned)c);
        } else if (c < 0x7F || obj_str_isprintable_char(c)) {
            obj_strbuf_append(&b, at, (size_t)(p - at));
        } else if (c < 0x100) {
            obj_strbuf_append_format(&b, "\\x%02x", (unsigned)c);
        } else if (c < 0x10000) {
            obj_strbuf_append_format(&b, "\\u%04x", (unsigned)c);
        } else {
            obj_strbuf_append_format(&b, "\\U%08lx", (unsigned long)c);
        }
    }
    obj_strbuf_append(&b, &quote, 1);
    return obj_strbuf_finish(&b);
}

static obj_t *str_str(obj_t *o)
{
    return obj_newref(o);
}

static size_t str_size_of(obj_t *o)
{
    return obj_mem_usable(o);
}

obj_t *obj_str_concat(obj_t *a, obj_t *b)
{
    obj_str_t *x = (obj_str_t *)a, *y = (obj_str_t *)b;
    size_t nx = (size_t)x->base.size, ny = (size_t)y->base.size;
    obj_str_t *s = str_alloc(nx + ny, x->length + y->length);
    if (s == NULL)
        return NULL;
    memcpy(s->data, x->data, nx);
    memcpy(s->data + nx, y->data, ny);
    return (obj_t *)s;
}

/* ---- the string builder -------------------------------------------------- */

void obj_strbuf_init(struct obj_strbuf *b)
{
    b->data = b->inline_buf;
    b->len = 0;
    b->cap = sizeof b->inline_buf;
    b->failed = 0;
}

void obj_strbuf_append(struct obj_strbuf *b, const char *bytes, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap * 2;
        while (cap < b->len + n)
            cap *= 2;
        char *grown = obj_mem_alloc(cap);
        if (grown == NULL) {
            b->failed = 1;
            return;
        }
        memcpy(grown, b->data, b->len);
        if (b->data != b->inline_buf)
            obj_mem_free(b->data);
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
}

void obj_strbuf_append_cstr(struct obj_strbuf *b, const char *text)
{
    obj_strbuf_append(b, text, strlen(text));
}

void obj_strbuf_append_format(struct obj_strbuf *b, const char *format, ...)
{
    char text[64];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(text, sizeof text, format, args);
    va_end(args);
    if (n > 0)
        obj_strbuf_append(b, text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
}

static int strbuf_append_owned(struct obj_strbuf *b, obj_t *s)
{
    if (s == NULL) {
        b->failed = 1;
        return -1;
    }
    size_t n;
    const char *text = obj_str_utf8(s, &n);
    obj_strbuf_append(b, text, n);
    obj_decref(s);
    return b->failed ? -1 : 0;
}

int obj_strbuf_append_repr(struct obj_strbuf *b, obj_t *o)
{
    return b->failed ? -1 : strbuf_append_owned(b, obj_repr(o));
}

int obj_strbuf_append_str(struct obj_strbuf *b, obj_t *o)
{
    return b->failed ? -1 : strbuf_append_owned(b, obj_str(o));
}

void obj_strbuf_discard(struct obj_strbuf *b)
{
    if (b->data != b->inline_buf)
        obj_mem_free(b->data);
    obj_strbuf_init(b);
}

obj_t *obj_strbuf_finish(struct obj_strbuf *b)
{
    obj_t *s = b->failed ? NULL : obj_str_from_utf8(b->data, b->len);
    obj_strbuf_discard(b);
    return s;
}

/* ---- sequence and mapping slots ------------------------------------------ */

static obj_ssize_t str_length(obj_t *o)
{
    return ((obj_str_t *)o)->length;
}

size_t obj_str_offset(obj_t *o, obj_ssize_t i)
{
    obj_str_t *s = (obj_str_t *)o;
    if (s->length == s->base.size)
        return (size_t)i;
    size_t off = 0;
    for (; i > 0; i--)
        while (((unsigned char)s->data[++off] & 0xC0) == 0x80)
            ;
    return off;
}

static obj_t *str_item(obj_t *o, obj_ssize_t i)
{
    obj_str_t *s = (obj_str_t *)o;
    size_t start = obj_str_offset(o, i);
    return str_char(s->data + start, char_size((unsigned char)s->data[start]));
}

static int str_contains(obj_t *o, obj_t *needle)
{
    if (!obj_str_check(needle)) {
        obj_err_format(&obj_exc_TypeError, "'in <string>' requires string as left operand, not %s",
                       needle->type->name);
        return -1;
    }
    obj_str_t *h = (obj_str_t *)o, *n = (obj_str_t *)needle;
    size_t hn = (size_t)h->base.size, nn = (size_t)n->base.size;
    if (nn == 0)
        return 1;
    for (size_t i = 0; i + nn <= hn; i++)
        if (memcmp(h->data + i, n->data, nn) == 0)
            return 1;
    return 0;
}

static obj_t *str_concat_slot(obj_t *a, obj_t *b)
{
    if (!obj_str_check(b))
        return obj_err_format(&obj_exc_TypeError, "can only concatenate str (not \"%s\") to str",
                              b->type->name);
    return obj_str_concat(a, b);
}

static obj_t *str_repeat(obj_t *o, obj_ssize_t count)
{
    obj_str_t *s = (obj_str_t *)o;
    if (count <= 0 || s->base.size == 0)
        return obj_str_ids_empty_str();
    size_t n = (size_t)s->base.size;
    if ((size_t)count > ((size_t)-1 / 2) / n)
        return obj_err_no_memory();
    obj_str_t *r = str_alloc(n * (size_t)count, s->length * count);
    if (r == NULL)
        return NULL;
    for (obj_ssize_t i = 0; i < count; i++)
        memcpy(r->data + (size_t)i * n, s->data, n);
    return (obj_t *)r;
}

/* s[start::step] for `count` code points (count >= 1) of non-ASCII text. The
 * chosen characters are visited in ascending order, from the lowest index,
 * hopping |step| characters; with a negative step they are written from the
 * end of the result backwards. Two passes: size, then copy. */
static obj_t *slice_walk(obj_str_t *s, obj_ssize_t start, obj_ssize_t step, obj_ssize_t count)
{
    obj_ssize_t hop = step < 0 ? -step : step;
    obj_ssize_t low = step < 0 ? start + (count - 1) * step : start;
    const char *first = s->data + obj_str_offset((obj_t *)s, low);
    obj_str_t *r = NULL;
    size_t nbytes = 0;
    for (int pass = 0; pass < 2; pass++) {
        const char *p = first;
        char *out = pass == 0 ? NULL : step > 0 ? r->data : r->data + nbytes;
        for (obj_ssize_t k = 0; k < count; k++) {
            size_t n = char_size((unsigned char)*p);
            if (pass == 0) {
                nbytes += n;
            } else if (step > 0) {
                memcpy(out, p, n);
                out += n;
            } else {
                out -= n;
                memcpy(out, p, n);
            }
            for (obj_ssize_t j = 0; j < hop && k + 1 < count; j++)
                p += char_size((unsigned char)*p);
        }
        if (pass == 0 && (r = str_alloc(nbytes, count)) == NULL)
            return NULL;
    }
    return (obj_t *)r;
}

/* s[i] and s[start:stop:step] (the mapping slot). */
static obj_t *str_subscript(obj_t *o, obj_t *key)
{
    obj_str_t *s = (obj_str_t *)o;
    if (!obj_slice_check(key)) {
        if (!key->type->number || !key->type->number->index)
            return obj_err_format(&obj_exc_TypeError, "string indices must be integers, not '%s'",
                                  key->type->name);
        obj_ssize_t i = obj_number_as_ssize(key);
        if (i == -1 && obj_err_occurred()) {
            if (!obj_err_matches(&obj_exc_OverflowError))
                return NULL;
            obj_err_clear();
            return obj_err_format(&obj_exc_IndexError,
                                  "cannot fit '%s' into an index-sized integer", key->type->name);
        }
        if (i < 0)
            i += s->length;
        if (i < 0 || i >= s->length)
            return obj_err_format(&obj_exc_IndexError, "string index out of range");
        return str_item(o, i);
    }
    obj_ssize_t start, stop, step, count;
    if (obj_slice_indices(key, s->length, &start, &stop, &step, &count) < 0)
        return NULL;
    if (step == 1 && count == s->length)
        return obj_newref(o);
    if (count <= 1)
        return count ? str_item(o, start) : obj_str_ids_empty_str();
    int ascii = s->length == s->base.size; /* bytes are code points */
    if (step != 1 && !ascii)
        return slice_walk(s, start, step, count);
    size_t from = obj_str_offset(o, start), to = from;
    for (obj_ssize_t k = 0; k < count && step == 1; k++)
        to += char_size((unsigned char)s->data[to]);
    obj_str_t *r = str_alloc(step == 1 ? to - from : (size_t)count, count);
    if (r == NULL)
        return NULL;
    if (step == 1)
        memcpy(r->data, s->data + from, to - from);
    else
        for (obj_ssize_t k = 0; k < count; k++)
            r->data[k] = s->data[start + k * step];
    return (obj_t *)r;
}

/* ---- iterator ------------------------------------------------------------ */

/* Not the shared index iterator (obj_seqiter): this one keeps a byte offset,
 * so walking non-ASCII text is linear rather than a walk from the start per
 * character. It holds only a str, which cannot refer back to it: no GC
 * header. */
typedef struct {
    obj_t base;
    obj_t *str; /* NULL once exhausted */
    size_t offset;
} str_iterator_t;

static obj_t *str_iter(obj_t *o)
{
    str_iterator_t *it = (str_iterator_t *)obj_new(&obj_type_str_iterator, 0);
    if (it == NULL)
        return NULL;
    it->str = obj_newref(o);
    it->offset = 0;
    return (obj_t *)it;
}

static obj_t *str_iter_next(obj_t *o)
{
    str_iterator_t *it = (str_iterator_t *)o;
    if (it->str == NULL)
        return NULL;
    obj_str_t *s = (obj_str_t *)it->str;
    if (it->offset < (size_t)s->base.size) {
        size_t n = char_size((unsigned char)s->data[it->offset]);
        obj_t *c = str_char(s->data + it->offset, n);
        if (c)
            it->offset += n;
        return c;
    }
    obj_clear_ref(&it->str);
    return NULL;
}

static void str_iter_dealloc(obj_t *o)
{
    obj_xdecref(((str_iterator_t *)o)->str);
    obj_free(o);
}

const obj_type_t obj_type_str_iterator = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "str_iterator",
    .basicsize = sizeof(str_iterator_t),
    .dealloc = str_iter_dealloc,
    .iter = obj_iter_self,
    .iternext = str_iter_next,
};

/* ---- the type ------------------------------------------------------------ */

static const struct obj_sequence_methods str_sequence = {
    .length = str_length,
    .concat = str_concat_slot,
    .repeat = str_repeat,
    .item = str_item,
    .contains = str_contains,
};

static const struct obj_mapping_methods str_mapping = {
    .length = str_length,
    .subscript = str_subscript,
};

const obj_type_t obj_type_str = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "str",
    .flags = OBJ_TYPE_STR_SUBCLASS,
    .basicsize = STR_HEADER,
    .itemsize = 1,
    .dealloc = str_dealloc,
    .repr = str_repr,
    .str = str_str,
    .hash = str_hash,
    .richcompare = str_richcompare,
    .iter = str_iter,
    .size_of = str_size_of,
    .sequence = &str_sequence,
    .mapping = &str_mapping,
    .methods = obj_str_methods,
};
