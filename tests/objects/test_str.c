/* str tests: the CPython-generated cases of tests/data/str_cases.txt
 * (tools/gen_str_cases.py: every method, indexing, slicing, iteration and
 * repr, with CPython's results and error messages), replayed once plainly and
 * once failing every allocation in turn; a check of the Unicode tables over
 * every code point against CPython digests; then hand-written edge cases:
 * non-ASCII indexing and slicing, the iterator, repr of the characters that
 * matter, the documented 1:1 case mappings, join over any iterable; the
 * static strings (names, Latin-1 characters, '') and interning's use of them.
 * Runs on the host (cmocka) and in QEMU.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mm/mm.h"
#include "objects/bytes.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/str_ids.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

/* ---- helpers ------------------------------------------------------------- */

static obj_t *text(const char *s)
{
    return CHECK_OBJ(obj_str_from_cstr(s));
}

static obj_t *num(long v)
{
    return CHECK_OBJ(obj_int_from_ssize(v));
}

/* Check that the str o holds `want`, and consume o. */
static void check_str(obj_t *o, const char *want)
{
    CHECK_OBJ(o);
    CHECK(obj_str_check(o));
    CHECK_STREQ(obj_str_utf8(o, NULL), want);
    obj_decref(o);
}

/* Call self.name(args...) with up to three arguments. New reference. */
static obj_t *call(obj_t *self, const char *name, size_t nargs, obj_t *a, obj_t *b, obj_t *c)
{
    obj_t *args[3] = {a, b, c};
    return obj_call_method(self, name, args, nargs);
}

/* The error set is `type` with message `message`; clears it. */
static void check_error(const obj_type_t *type, const char *message)
{
    CHECK(obj_err_occurred() == type);
    CHECK_STREQ(obj_str_utf8(obj_err_value(), NULL), message);
    obj_err_clear();
}

/* Whether a str's code-point length agrees with its UTF-8 (and likewise for
 * the items of a list or tuple): methods compute lengths themselves. */
static int consistent(obj_t *o)
{
    if (obj_str_check(o)) {
        size_t n;
        const char *p = obj_str_utf8(o, &n);
        obj_ssize_t count = 0;
        for (size_t i = 0; i < n; i++)
            count += ((unsigned char)p[i] & 0xC0) != 0x80;
        return count == obj_str_length(o) && p[n] == '\0';
    }
    if (obj_list_check(o) || obj_tuple_check(o)) {
        size_t n = obj_list_check(o) ? obj_list_size(o) : obj_tuple_size(o);
        for (size_t i = 0; i < n; i++)
            if (!consistent(obj_list_check(o) ? obj_list_get(o, i) : obj_tuple_get(o, i)))
                return 0;
    }
    return 1;
}

/* ---- the CPython cases ----------------------------------------------------- */

struct cursor {
    const char *p, *end; /* the rest of the current line */
    long line, failures;
    int oom; /* replay failing each allocation in turn */
};

/* The next space-separated token of the line: its length (0 at the end). */
static size_t token(struct cursor *c, const char **tok)
{
    while (c->p < c->end && *c->p == ' ')
        c->p++;
    *tok = c->p;
    while (c->p < c->end && *c->p != ' ')
        c->p++;
    return (size_t)(c->p - *tok);
}

static char *put_utf8(char *out, uint32_t v)
{
    if (v < 0x80) {
        *out++ = (char)v;
    } else if (v < 0x800) {
        *out++ = (char)(0xC0 | v >> 6);
        *out++ = (char)(0x80 | (v & 0x3F));
    } else if (v < 0x10000) {
        *out++ = (char)(0xE0 | v >> 12);
        *out++ = (char)(0x80 | (v >> 6 & 0x3F));
        *out++ = (char)(0x80 | (v & 0x3F));
    } else {
        *out++ = (char)(0xF0 | v >> 18);
        *out++ = (char)(0x80 | (v >> 12 & 0x3F));
        *out++ = (char)(0x80 | (v >> 6 & 0x3F));
        *out++ = (char)(0x80 | (v & 0x3F));
    }
    return out;
}

/* Undo the data file's escapes (\s, \\, \n, \t, \r, \xHH, \uHHHH,
 * \UHHHHHHHH; in bytes, \xHH is a byte) into out; returns the length. */
static size_t unescape(const char *s, size_t n, char *out, size_t cap, int bytes)
{
    char *o = out;
    for (size_t i = 0; i < n && (size_t)(o - out) + 4 < cap;) {
        if (s[i] != '\\') {
            *o++ = s[i++];
            continue;
        }
        char e = s[i + 1];
        i += 2;
        if (e == 's' || e == 'n' || e == 't' || e == 'r' || e == '\\') {
            *o++ = e == 's' ? ' ' : e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : '\\';
            continue;
        }
        size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        char hex[9] = {0};
        memcpy(hex, s + i, digits);
        i += digits;
        uint32_t v = (uint32_t)strtoul(hex, NULL, 16);
        if (bytes)
            *o++ = (char)v;
        else
            o = put_utf8(o, v);
    }
    return (size_t)(o - out);
}

/* Parse one value (a token, or a bracketed group). New reference, or NULL at
 * the end of the line, a closing bracket or the = before the result. */
static obj_t *parse(struct cursor *c)
{
    const char *t;
    size_t n = token(c, &t);
    if (n == 0 || *t == ')' || *t == ']' || *t == '>' || *t == '=')
        return NULL;
    char buf[512];
    switch (*t) {
    case 'N': return obj_none;
    case 'T': return obj_true;
    case 'F': return obj_false;
    case 'i': return CHECK_OBJ(obj_int_from_string(t + 1, n - 1, 10));
    case 'f': return CHECK_OBJ(obj_float_from_double(strtod(t + 1, NULL)));
    case 's': return CHECK_OBJ(obj_str_from_utf8(buf, unescape(t + 1, n - 1, buf, sizeof buf, 0)));
    case 'b': return CHECK_OBJ(obj_bytes_from(buf, unescape(t + 1, n - 1, buf, sizeof buf, 1)));
    case '<': {
        obj_t *a = parse(c), *b = parse(c), *d = parse(c);
        obj_t *s = CHECK_OBJ(obj_slice_new(a, b, d));
        obj_decref(a);
        obj_decref(b);
        obj_decref(d);
        parse(c); /* the closing > */
        return s;
    }
    default: { /* ( or [ */
        obj_t *list = CHECK_OBJ(obj_list_new(0)), *item;
        while ((item = parse(c)) != NULL) {
            CHECK(obj_list_append(list, item) == 0);
            obj_decref(item);
        }
        if (*t == '[')
            return list;
        obj_t *tuple = CHECK_OBJ(obj_list_as_tuple(list));
        obj_decref(list);
        return tuple;
    }
    }
}

static void mismatch(struct cursor *c, const char *line, size_t n, const char *what, obj_t *got)
{
    obj_t *r = got ? obj_repr(got) : NULL;
    obj_t *v = got ? NULL : obj_err_value();
    const obj_type_t *t = obj_err_occurred();
    unit_log("str_cases.txt:%ld: %.*s\n  %s; got %s%s%s\n", c->line, (int)n, line, what,
             r   ? obj_str_utf8(r, NULL)
             : t ? t->name
                 : "NULL",
             v ? ": " : "", v ? obj_str_utf8(v, NULL) : "");
    obj_xdecref(r);
    obj_err_clear();
    c->failures++;
}

/* list(iter(s)), through the iterator. */
static obj_t *iterate(obj_t *s)
{
    obj_t *it = obj_get_iter(s);
    if (it == NULL)
        return NULL;
    obj_t *list = obj_list_new(0), *x;
    while (list && (x = obj_iter_next(it)) != NULL) {
        if (obj_list_append(list, x) < 0)
            obj_clear_ref(&list);
        obj_decref(x);
    }
    obj_decref(it);
    if (list && obj_err_occurred())
        obj_clear_ref(&list);
    return list;
}

static const char *const predicates[] = {"isalnum",     "isalpha",      "isascii", "isdecimal",
                                         "isdigit",     "isidentifier", "islower", "isnumeric",
                                         "isprintable", "isspace",      "isupper"};

/* The flags string of an `is` case. */
static obj_t *predicate_flags(obj_t *s)
{
    char flags[sizeof predicates / sizeof *predicates + 1] = {0};
    for (size_t i = 0; i < sizeof predicates / sizeof *predicates; i++) {
        obj_t *r = obj_call_method(s, predicates[i], NULL, 0);
        if (r == NULL)
            return NULL;
        flags[i] = r == obj_true ? 'T' : 'F';
        obj_decref(r);
    }
    return obj_str_from_cstr(flags);
}

/* Run the operation of a case. New reference, or NULL with an error. */
static obj_t *run_op(const char *op, size_t opn, obj_t *self, obj_t **args, size_t nargs)
{
    if (*op == '.') {
        char name[32];
        memcpy(name, op + 1, opn - 1);
        name[opn - 1] = '\0';
        return obj_call_method(self, name, args, nargs);
    }
    if (opn == 2 && memcmp(op, "[]", 2) == 0)
        return obj_getitem(self, args[0]);
    if (opn == 4 && memcmp(op, "iter", 4) == 0)
        return iterate(self);
    if (opn == 4 && memcmp(op, "repr", 4) == 0)
        return obj_repr(self);
    return predicate_flags(self);
}

/* Compare a result with the expected token(s) at the cursor. */
static void expect(struct cursor *c, const char *line, size_t n, obj_t *got)
{
    const char *t;
    size_t tn = token(c, &t);
    c->p = t;
    if (tn && *t == '!') {
        const char *colon = memchr(t, ':', tn);
        char want[512];
        size_t wn = unescape(colon + 1, tn - (size_t)(colon + 1 - t), want, sizeof want, 0);
        const obj_type_t *type = obj_err_occurred();
        obj_t *msg = obj_err_value();
        if (got || type == NULL || strlen(type->name) != (size_t)(colon - t - 1) ||
            memcmp(type->name, t + 1, (size_t)(colon - t - 1)) != 0 || msg == NULL ||
            strlen(obj_str_utf8(msg, NULL)) != wn || memcmp(obj_str_utf8(msg, NULL), want, wn) != 0)
            mismatch(c, line, n, "wrong error", got);
        obj_err_clear();
        obj_xdecref(got);
        return;
    }
    obj_t *want = parse(c);
    if (got == NULL) {
        mismatch(c, line, n, "unexpected error", NULL);
    } else if (got->type != want->type || obj_richcompare_bool(got, want, OBJ_EQ) != 1) {
        mismatch(c, line, n, "wrong result", got);
    } else if (!consistent(got)) {
        mismatch(c, line, n, "length does not match the UTF-8", got);
    }
    obj_err_clear();
    obj_xdecref(got);
    obj_decref(want);
}

/* A slice with a bound that does not fit a word. objects/slice.c turns a
 * MemoryError met while clipping it into a TypeError, so these cases are not
 * replayed with failing allocations. */
static int huge_slice(obj_t *key)
{
    if (!obj_slice_check(key))
        return 0;
    obj_slice_t *s = (obj_slice_t *)key;
    obj_t *parts[3] = {s->start, s->stop, s->step};
    int huge = 0;
    for (int i = 0; i < 3; i++) {
        if (obj_int_check(parts[i]) && obj_number_as_ssize(parts[i]) == -1 && obj_err_occurred()) {
            obj_err_clear();
            huge = 1;
        }
    }
    return huge;
}

static void run_case(struct cursor *c, const char *line, size_t n)
{
    const char *op;
    size_t opn = token(c, &op);
    if (opn == 3 && memcmp(op, "ucd", 3) == 0)
        return; /* test_unicode_tables */
    obj_t *self = parse(c), *args[4], *x;
    size_t nargs = 0;
    while ((x = parse(c)) != NULL) {
        CHECK(nargs < 4);
        args[nargs++] = x;
    }
    obj_t *got = NULL;
    int oom = c->oom && !(nargs == 1 && huge_slice(args[0]));
    for (long fail = 0;; fail++) {
        if (oom)
            unit_fail_alloc_after(fail);
        got = run_op(op, opn, self, args, nargs);
        unit_fail_alloc_after(-1);
        if (!oom || got || !obj_err_matches(&obj_exc_MemoryError))
            break;
        obj_err_clear();
        CHECK(fail < 10000);
    }
    expect(c, line, n, got);
    for (size_t i = 0; i < nargs; i++)
        obj_decref(args[i]);
    obj_decref(self);
}

/* Replay every case; with oom, fail the 1st, 2nd ... allocation of each
 * operation until it succeeds: the failures must all be MemoryError, the
 * final result right, and nothing may leak. */
static void replay(int oom)
{
    size_t len;
    const char *data = unit_data("str_cases.txt", &len);
    CHECK(data != NULL);
    struct cursor c = {data, data, 0, 0, oom};
    const char *end = data + len;
    long cases = 0;
    for (const char *line = data; line < end;) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (eol == NULL)
            eol = end;
        c.line++;
        if (*line != '#' && eol > line) {
            c.p = line;
            c.end = eol;
            run_case(&c, line, (size_t)(eol - line));
            cases++;
        }
        line = eol + 1;
    }
    unit_log("str cases%s: %ld, %ld failed\n", oom ? " (failing each allocation)" : "", cases,
             c.failures);
    CHECK(cases > 2000);
    CHECK_EQ(c.failures, 0);
}

static void test_cpython_cases(void)
{
    replay(0);
}

static void test_allocation_failures(void)
{
    replay(1);
}

/* ---- the Unicode tables over every code point ------------------------------ */

static uint32_t fnv(uint32_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x01000193u;
    return h;
}

/* The method of str called `name`, to call without a lookup per character. */
static obj_method_fn method(const char *name)
{
    for (const struct obj_method *m = obj_str_methods; m->name; m++)
        if (strcmp(m->name, name) == 0)
            return m->fn;
    unit_fail(__FILE__, __LINE__, "no str.%s", name);
}

static int truth(obj_t *r)
{
    CHECK(r == obj_true || r == obj_false);
    return r == obj_true;
}

/* For each block of 4096 code points listed (every block of the planes that
 * hold characters, the first and last of the others), the predicates of every
 * character and the case mappings and repr of the block's text, digested and
 * compared with CPython's digests (the `ucd` lines of str_cases.txt). */
static void test_unicode_tables(void)
{
    static const char *const names[] = {"isalpha",      "isdecimal", "isdigit", "isnumeric",
                                        "isspace",      "isupper",   "islower", "isprintable",
                                        "isidentifier", "isalnum"};
    static const char *const maps[] = {"upper", "lower", "casefold", "swapcase", "title"};
    obj_method_fn pred[10], map[5];
    for (int i = 0; i < 10; i++)
        pred[i] = method(names[i]);
    for (int i = 0; i < 5; i++)
        map[i] = method(maps[i]);
    size_t len;
    const char *data = unit_data("str_cases.txt", &len), *end = data + len;
    static char buf[4096 * 4];
    obj_t *a = text("a");
    long blocks = 0;
    for (const char *p = strstr(data, "\nucd "); p && p < end; p = strstr(p + 1, "\nucd ")) {
        char *q;
        unsigned long block = strtoul(p + 5, &q, 10);
        uint32_t want_pred = (uint32_t)strtoul(q, &q, 16), want_map = (uint32_t)strtoul(q, &q, 16);
        uint32_t h_pred = 0x811C9DC5u, h_map = 0x811C9DC5u;
        size_t n = 0;
        for (uint32_t cp = (uint32_t)block * 4096; cp < (block + 1) * 4096; cp++) {
            if (cp >= 0xD800 && cp < 0xE000)
                continue;
            char *at = buf + n, *e = put_utf8(at, cp);
            obj_t *ch = CHECK_OBJ(obj_str_from_utf8(at, (size_t)(e - at)));
            obj_t *ach = CHECK_OBJ(obj_str_concat(a, ch));
            uint8_t flags[2] = {0, 0};
            for (int i = 0; i < 8; i++)
                flags[0] |= (uint8_t)(truth(pred[i](ch, NULL, 0)) << i);
            flags[1] = (uint8_t)(truth(pred[8](ch, NULL, 0)) | truth(pred[8](ach, NULL, 0)) << 1 |
                                 truth(pred[9](ch, NULL, 0)) << 2);
            h_pred = fnv(h_pred, flags, 2);
            obj_decref(ch);
            obj_decref(ach);
            n = (size_t)(e - buf);
        }
        obj_t *s = CHECK_OBJ(obj_str_from_utf8(buf, n));
        for (int i = 0; i < 6; i++) {
            obj_t *r = CHECK_OBJ(i < 5 ? map[i](s, NULL, 0) : obj_repr(s));
            CHECK(consistent(r));
            size_t rn;
            const char *rt = obj_str_utf8(r, &rn);
            if (i)
                h_map = fnv(h_map, "|", 1);
            h_map = fnv(h_map, rt, rn);
            obj_decref(r);
        }
        obj_decref(s);
        if (h_pred != want_pred || h_map != want_map)
            unit_fail(__FILE__, __LINE__, "block %lu (U+%05lX): predicates %s, mappings %s", block,
                      block * 4096, h_pred == want_pred ? "ok" : "differ",
                      h_map == want_map ? "ok" : "differ");
        blocks++;
    }
    obj_decref(a);
    CHECK_EQ(blocks, 5 * 16 + 12 * 2);
}

/* ---- indexing, slicing, iteration ----------------------------------------- */

static void test_indexing(void)
{
    obj_t *s = text("h\xe2\x82\xacl\xc3\xa9\xf0\x9f\x98\x80!"); /* h€lé😀! */
    static const char *const chars[] = {"h",        "\xe2\x82\xac",     "l",
                                        "\xc3\xa9", "\xf0\x9f\x98\x80", "!"};
    for (long i = -6; i < 6; i++) {
        obj_t *k = num(i);
        check_str(obj_getitem(s, k), chars[i < 0 ? i + 6 : i]);
        obj_decref(k);
    }
    obj_t *k = num(6);
    CHECK(obj_getitem(s, k) == NULL);
    check_error(&obj_exc_IndexError, "string index out of range");
    obj_decref(k);
    k = num(-7);
    CHECK(obj_getitem(s, k) == NULL);
    check_error(&obj_exc_IndexError, "string index out of range");
    obj_decref(k);
    k = CHECK_OBJ(obj_float_from_double(1.0));
    CHECK(obj_getitem(s, k) == NULL);
    check_error(&obj_exc_TypeError, "string indices must be integers, not 'float'");
    obj_decref(k);
    check_str(obj_getitem(s, obj_true), "\xe2\x82\xac");

    /* s[:] is s; s[::-1] reverses by code points; a step hops characters. */
    obj_t *full = CHECK_OBJ(obj_slice_new(NULL, NULL, NULL));
    obj_t *same = CHECK_OBJ(obj_getitem(s, full));
    CHECK(same == s);
    obj_decref(same);
    obj_decref(full);
    obj_t *m1 = num(-1), *two = num(2), *one = num(1), *m2 = num(-2);
    obj_t *rev = CHECK_OBJ(obj_slice_new(NULL, NULL, m1));
    check_str(obj_getitem(s, rev), "!\xf0\x9f\x98\x80\xc3\xa9l\xe2\x82\xach");
    obj_t *odd = CHECK_OBJ(obj_slice_new(one, NULL, two));
    check_str(obj_getitem(s, odd), "\xe2\x82\xac\xc3\xa9!");
    obj_t *back = CHECK_OBJ(obj_slice_new(m2, NULL, m2));
    check_str(obj_getitem(s, back), "\xf0\x9f\x98\x80lh");
    obj_t *mid = CHECK_OBJ(obj_slice_new(one, m1, NULL));
    check_str(obj_getitem(s, mid), "\xe2\x82\xacl\xc3\xa9\xf0\x9f\x98\x80");
    obj_t *none = CHECK_OBJ(obj_slice_new(two, one, NULL));
    check_str(obj_getitem(s, none), "");
    obj_decref(rev);
    obj_decref(odd);
    obj_decref(back);
    obj_decref(mid);
    obj_decref(none);
    obj_decref(m1);
    obj_decref(two);
    obj_decref(one);
    obj_decref(m2);
    obj_decref(s);
}

static void test_iteration(void)
{
    obj_t *s = text("a\xe2\x82\xac\xf0\x9f\x98\x80"); /* a€😀 */
    obj_t *it = CHECK_OBJ(obj_get_iter(s));
    CHECK(obj_type(it) == &obj_type_str_iterator);
    obj_t *again = CHECK_OBJ(obj_get_iter(it));
    CHECK(again == it);
    obj_decref(again);
    check_str(obj_iter_next(it), "a");
    check_str(obj_iter_next(it), "\xe2\x82\xac");
    check_str(obj_iter_next(it), "\xf0\x9f\x98\x80");
    CHECK(obj_iter_next(it) == NULL && obj_err_occurred() == NULL);
    CHECK(obj_iter_next(it) == NULL && obj_err_occurred() == NULL);
    obj_decref(it);
    obj_decref(s);

    obj_t *empty = text("");
    it = CHECK_OBJ(obj_get_iter(empty));
    obj_decref(empty); /* the iterator keeps it alive */
    CHECK(obj_iter_next(it) == NULL && obj_err_occurred() == NULL);
    obj_decref(it);
}

/* ---- repr ------------------------------------------------------------------ */

static void test_repr(void)
{
    static const struct {
        const char *in, *repr;
        int printable;
    } cases[] = {
        {"", "''", 1},
        {"it's", "\"it's\"", 1},
        {"'\"", "'\\'\"'", 1},
        {"\\", "'\\\\'", 1},
        {"\t\n\r\x01\x7f", "'\\t\\n\\r\\x01\\x7f'", 0},
        {"\xc2\x80\xc2\x9f", "'\\x80\\x9f'", 0}, /* C1 controls */
        {"\xc2\xa0", "'\\xa0'", 0},              /* NO-BREAK SPACE (Zs) */
        {"\xc2\xad", "'\\xad'", 0},              /* SOFT HYPHEN (Cf) */
        {"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "'\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80'", 1},
        {"\xcd\xb8", "'\\u0378'", 0},                                  /* unassigned */
        {"\xe1\x9a\x80", "'\\u1680'", 0},                              /* OGHAM SPACE MARK */
        {"\xe2\x80\x8b", "'\\u200b'", 0},                              /* ZERO WIDTH SPACE (Cf) */
        {"\xe2\x80\xa8\xe2\x80\xa9", "'\\u2028\\u2029'", 0},           /* Zl, Zp */
        {"\xe3\x80\x80", "'\\u3000'", 0},                              /* IDEOGRAPHIC SPACE */
        {"\xee\x80\x80", "'\\ue000'", 0},                              /* private use */
        {"\xef\xbb\xbf", "'\\ufeff'", 0},                              /* BOM (Cf) */
        {"\xef\xbf\xbd", "'\xef\xbf\xbd'", 1},                         /* REPLACEMENT CHARACTER */
        {"\xef\xbf\xbf", "'\\uffff'", 0},                              /* noncharacter */
        {"\xf0\x90\x80\x80", "'\xf0\x90\x80\x80'", 1},                 /* LINEAR B SYLLABLE */
        {"\xf0\x9d\x85\xb3", "'\\U0001d173'", 0},                      /* MUSICAL SYMBOL (Cf) */
        {"\xf3\xa0\x80\x81", "'\\U000e0001'", 0},                      /* LANGUAGE TAG */
        {"\xf4\x8f\xbf\xbf", "'\\U0010ffff'", 0},                      /* the last code point */
        {"\xe0\xa4\x95\xe0\xa5\x8d", "'\xe0\xa4\x95\xe0\xa5\x8d'", 1}, /* Devanagari, virama */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        obj_t *s = text(cases[i].in);
        check_str(obj_repr(s), cases[i].repr);
        obj_t *p = CHECK_OBJ(call(s, "isprintable", 0, NULL, NULL, NULL));
        CHECK_EQ(p == obj_true, cases[i].printable);
        obj_decref(p);
        obj_decref(s);
    }
}

/* ---- case mappings ------------------------------------------------------------ */

static void check_method(const char *self, const char *name, const char *want)
{
    obj_t *s = text(self);
    check_str(call(s, name, 0, NULL, NULL, NULL), want);
    obj_decref(s);
}

static void test_case_mappings(void)
{
    /* Full mappings with several characters, as CPython: 'STRASSE', 'FF', 'i̇'. */
    check_method("stra\xc3\x9f"
                 "e",
                 "upper", "STRASSE");
    check_method("\xc3\x9f", "title", "Ss");
    check_method("\xc3\x9f"
                 "x",
                 "capitalize", "Ssx");
    check_method("\xc3\x9f", "swapcase", "SS");
    check_method("\xef\xac\x80", "upper", "FF");               /* ﬀ */
    check_method("\xc4\xb0", "lower", "i\xcc\x87");            /* İ -> i̇ */
    check_method("\xc4\xb0", "casefold", "i\xcc\x87");         /* İ */
    check_method("\xc3\x9f", "casefold", "ss");                /* ß */
    check_method("\xe1\xba\x9e", "casefold", "ss");            /* ẞ */
    check_method("\xe1\xbe\xb3", "upper", "\xce\x91\xce\x99"); /* ᾳ -> ΑΙ */
    check_method("\xe1\xbe\xb3", "title", "\xe1\xbe\xbc");     /* ᾳ -> ᾼ */
    check_method("\xc5\x89", "upper", "\xca\xbcN");            /* ŉ -> ʼN: 2 to 3 bytes */
    /* As CPython: final sigma, titlecase digraphs, mappings that change the
     * UTF-8 size, Cherokee folding to upper case. */
    check_method("\xce\x9f\xce\x94\xce\x9f\xce\xa3 \xce\xa3", "lower",
                 "\xce\xbf\xce\xb4\xce\xbf\xcf\x82 \xcf\x83"); /* ΟΔΟΣ Σ -> οδος σ */
    check_method("\xc7\x84"
                 "x \xc7\x86"
                 "y",
                 "title",
                 "\xc7\x85"
                 "x \xc7\x85"
                 "y");                                                 /* Ǆx ǆy */
    check_method("\xc8\xba\xc4\xb1", "lower", "\xe2\xb1\xa5\xc4\xb1"); /* Ⱥı -> ⱥı */
    check_method("\xe2\xb1\xa5\xc4\xb1", "upper",
                 "\xc8\xba"
                 "I");                                        /* ⱥı -> ȺI */
    check_method("\xea\xad\xb0", "casefold", "\xe1\x8e\xa0"); /* ꭰ -> Ꭰ */
    check_method("\xe2\x84\xaa", "lower", "k");               /* KELVIN SIGN */
    check_method("hello wORLD", "swapcase", "HELLO World");
    check_method("hello wORLD", "capitalize", "Hello world");
    check_method("they're bill's", "title", "They'Re Bill'S");
}

/* ---- methods: a few direct checks --------------------------------------------- */

static void test_split_and_join(void)
{
    obj_t *s = text(" a\xc2\xa0"
                    "b\xe2\x80\xa8"
                    "c  "),
          *r = CHECK_OBJ(call(s, "split", 0, 0, 0, 0));
    CHECK_EQ(obj_list_size(r), 3);
    obj_t *dash = text("-"), *joined = CHECK_OBJ(obj_str_join(dash, r));
    CHECK_STREQ(obj_str_utf8(joined, NULL), "a-b-c");
    CHECK_EQ(obj_str_length(joined), 5);
    obj_decref(joined);

    /* Any iterable: an iterator over the list; a tuple; a one-item list
     * returns its item. */
    obj_t *it = CHECK_OBJ(obj_get_iter(r));
    check_str(obj_str_join(dash, it), "a-b-c");
    obj_decref(it);
    obj_t *t = CHECK_OBJ(obj_list_as_tuple(r));
    check_str(obj_str_join(s, t), "a a\xc2\xa0"
                                  "b\xe2\x80\xa8"
                                  "c  b a\xc2\xa0"
                                  "b\xe2\x80\xa8"
                                  "c  c");
    obj_decref(t);
    obj_t *one = CHECK_OBJ(obj_list_new(0));
    CHECK(obj_list_append(one, s) == 0);
    obj_t *same = CHECK_OBJ(obj_str_join(dash, one));
    CHECK(same == s);
    obj_decref(same);
    obj_decref(one);

    /* The iterator path under every allocation failure. */
    for (long fail = 0;; fail++) {
        obj_t *iter = CHECK_OBJ(obj_get_iter(r));
        unit_fail_alloc_after(fail);
        obj_t *j = obj_str_join(dash, iter);
        unit_fail_alloc_after(-1);
        obj_decref(iter);
        if (j) {
            check_str(j, "a-b-c");
            break;
        }
        CHECK(obj_err_matches(&obj_exc_MemoryError));
        obj_err_clear();
        CHECK(fail < 100);
    }

    obj_t *five = num(5);
    CHECK(obj_str_join(dash, five) == NULL);
    check_error(&obj_exc_TypeError, "can only join an iterable");
    CHECK(obj_list_append(r, five) == 0);
    CHECK(obj_str_join(dash, r) == NULL);
    check_error(&obj_exc_TypeError, "sequence item 3: expected str instance, int found");
    obj_decref(five);
    obj_decref(dash);
    obj_decref(r);
    obj_decref(s);
}

static void test_encode(void)
{
    obj_t *s = text("a\xc3\xa9\xe2\x82\xac"), *latin = text("latin-1"), *ignore = text("ignore");
    obj_t *b = CHECK_OBJ(call(s, "encode", 0, NULL, NULL, NULL));
    CHECK(obj_bytes_check(b) && obj_bytes_size(b) == 6);
    CHECK(memcmp(obj_bytes_data(b), "a\xc3\xa9\xe2\x82\xac", 6) == 0);
    obj_decref(b);
    b = CHECK_OBJ(call(s, "encode", 2, latin, ignore, NULL));
    CHECK(obj_bytes_size(b) == 2 && memcmp(obj_bytes_data(b), "a\xe9", 2) == 0);
    obj_decref(b);
    CHECK(call(s, "encode", 1, latin, NULL, NULL) == NULL);
    CHECK(obj_err_matches(&obj_exc_UnicodeError));
    check_error(&obj_exc_UnicodeError, "'latin-1' codec can't encode character '\\u20ac' in "
                                       "position 2: ordinal not in range(256)");
    obj_decref(ignore);
    obj_decref(latin);
    obj_decref(s);
}

/* Every method that takes no argument, on a long non-ASCII text: the results
 * must be well-formed and their lengths right. */
static void test_long_text(void)
{
    obj_t *unit = text("Wo\xcc\x88rd \xce\xa3\xce\xa3 \xc3\xa9t\xc3\xa9\t\xe2\x82\xac"
                       "1\xe2\x80\xa8"
                       "\xf0\x9f\x98\x80x\r\n");
    obj_t *count = num(200), *s = CHECK_OBJ(obj_number_multiply(unit, count));
    obj_decref(count);
    for (const struct obj_method *m = obj_str_methods; m->name; m++) {
        obj_t *r = m->fn(s, NULL, 0);
        if (r == NULL) { /* methods that need arguments */
            CHECK(obj_err_matches(&obj_exc_TypeError));
            obj_err_clear();
            continue;
        }
        CHECK(consistent(r));
        obj_decref(r);
    }
    obj_decref(s);
    obj_decref(unit);
}

/* ---- static strings ------------------------------------------------------- */

/* A static str: immortal, interned, its compile-time hash the run-time one,
 * and its size, length and bytes as given. */
static void check_static(obj_t *s, const char *bytes, size_t n, obj_ssize_t length)
{
    const obj_str_t *str = (const obj_str_t *)s;
    CHECK(obj_is_immortal(s));
    CHECK(str->interned);
    CHECK_EQ(str->base.size, n);
    CHECK_EQ(str->length, length);
    CHECK(memcmp(str->data, bytes, n) == 0 && str->data[n] == '\0');
    CHECK_EQ(str->hash, obj_str_hash_bytes(bytes, n));
    CHECK_EQ(obj_hash(s), obj_str_hash_bytes(bytes, n));
}

/* Allocations mm has made since it started (counted in test builds). */
static unsigned long mm_allocs(void)
{
    struct mm_stats st;
    mm_get_stats(&st);
    return st.allocs;
}

static void test_static_names(void)
{
    /* Every name is found by the binary search (which needs OBJ_STR_IDS in
     * byte order: a name out of place is not found), and in order. */
    const char *previous = "";
#define CHECK_NAME(name)                                                                           \
    check_static(OBJ_ID(name), #name, strlen(#name), (obj_ssize_t)strlen(#name));                  \
    CHECK(obj_str_ids_find(#name, strlen(#name)) == OBJ_ID(name));                                 \
    CHECK(strcmp(previous, #name) < 0);                                                            \
    previous = #name;
    OBJ_STR_IDS(CHECK_NAME)
#undef CHECK_NAME
    static const char *const absent[] = {"appen", "appendx", "AAA", "zzz", "__init", "id_"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        CHECK(obj_str_ids_find(absent[i], strlen(absent[i])) == NULL);

    /* Interning a name made at run time gives the static object, and the
     * interned table does not grow: 'append' is 'append'. */
    size_t interned = obj_str_interned_count();
    obj_t *heap = text("append");
    CHECK(!obj_is_immortal(heap));
    CHECK(obj_str_intern(heap) == OBJ_ID(append)); /* consumed heap */
    CHECK(obj_str_intern(text("__init__")) == OBJ_ID(__init__));
    CHECK(obj_str_intern(text("int")) == OBJ_ID(int));
    CHECK_EQ(obj_str_interned_count(), interned);
    /* A lookup by a built-in name allocates nothing. */
    unsigned long allocs = mm_allocs();
    CHECK(obj_str_intern_cstr("append") == OBJ_ID(append));
    CHECK(obj_str_intern_cstr("symmetric_difference_update") ==
          OBJ_ID(symmetric_difference_update));
    CHECK(obj_str_intern_cstr("") == obj_str_ids_empty_str());
    CHECK(obj_str_intern_cstr("x") == obj_str_ids_char('x'));
    CHECK_EQ(mm_allocs(), allocs);
    /* A static name compares and hashes as a heap copy does. */
    obj_t *copy = text("keys");
    CHECK_EQ(obj_richcompare_bool(copy, OBJ_ID(keys), OBJ_EQ), 1);
    CHECK_EQ(obj_hash(copy), obj_hash(OBJ_ID(keys)));
    obj_decref(copy);
    /* Other strings still intern in the table. */
    obj_t *other = CHECK_OBJ(obj_str_intern_cstr("not_a_builtin_name"));
    CHECK(!obj_is_immortal(other));
    CHECK_EQ(obj_str_interned_count(), interned + 1);
    obj_decref(other);
}

static void test_static_chars(void)
{
    for (unsigned c = 0; c < 256; c++) {
        char utf8[2] = {(char)c, 0};
        size_t n = 1;
        if (c >= 0x80) {
            utf8[0] = (char)(0xC0 | c >> 6);
            utf8[1] = (char)(0x80 | (c & 0x3F));
            n = 2;
        }
        obj_t *ch = obj_str_ids_char(c);
        check_static(ch, utf8, n, 1);
        CHECK(obj_str_ids_find(utf8, n) == ch);
        CHECK(CHECK_OBJ(obj_str_from_utf8(utf8, n)) == ch);
    }
    check_static(obj_str_ids_empty_str(), "", 0, 0);
    CHECK(CHECK_OBJ(obj_str_from_utf8("", 0)) == obj_str_ids_empty_str());

    /* As in CPython: 'abc'[0] is 'a', and slicing, iterating and repeating
     * to one Latin-1 character or to nothing give the static objects;
     * a character above U+00FF is a new str. */
    unsigned long allocs = mm_allocs();
    obj_t *s = text("a\xc3\xa9\xe2\x82\xac"); /* 'aé€' */
    obj_t *zero = num(0), *one = num(1), *two = num(2);
    CHECK(CHECK_OBJ(obj_getitem(s, zero)) == obj_str_ids_char('a'));
    CHECK(CHECK_OBJ(obj_getitem(s, one)) == obj_str_ids_char(0xE9));
    obj_t *euro = CHECK_OBJ(obj_getitem(s, two));
    CHECK(!obj_is_immortal(euro));
    check_str(euro, "\xe2\x82\xac");
    obj_t *slice = CHECK_OBJ(obj_slice_new(one, two, obj_none));
    CHECK(CHECK_OBJ(obj_getitem(s, slice)) == obj_str_ids_char(0xE9));
    obj_decref(slice);
    slice = CHECK_OBJ(obj_slice_new(two, one, obj_none));
    CHECK(CHECK_OBJ(obj_getitem(s, slice)) == obj_str_ids_empty_str());
    obj_decref(slice);
    obj_t *it = CHECK_OBJ(obj_get_iter(s));
    CHECK(CHECK_OBJ(obj_iter_next(it)) == obj_str_ids_char('a'));
    CHECK(CHECK_OBJ(obj_iter_next(it)) == obj_str_ids_char(0xE9));
    obj_t *last = CHECK_OBJ(obj_iter_next(it));
    CHECK(!obj_is_immortal(last));
    obj_decref(last);
    CHECK(obj_iter_next(it) == NULL && !obj_err_occurred());
    obj_decref(it);
    /* Allocated: s, the two slices, the two non-Latin-1 characters and the
     * iterator; never a one-character Latin-1 string. */
    CHECK_EQ(mm_allocs() - allocs, 6);
    CHECK(CHECK_OBJ(obj_number_multiply(s, zero)) == obj_str_ids_empty_str());
    obj_decref(s);
}

UNIT_SUITE(str, UNIT_TEST(test_cpython_cases), UNIT_TEST(test_allocation_failures),
           UNIT_TEST(test_unicode_tables), UNIT_TEST(test_indexing), UNIT_TEST(test_iteration),
           UNIT_TEST(test_repr), UNIT_TEST(test_case_mappings), UNIT_TEST(test_split_and_join),
           UNIT_TEST(test_encode), UNIT_TEST(test_long_text), UNIT_TEST(test_static_names),
           UNIT_TEST(test_static_chars));
