/* Built-in functions and modules (see lang/builtins.h). Each built-in is a
 * static lang_builtin_t; iterators made by enumerate, zip, map, filter and
 * reversed are one struct with a kind per type.
 */
#include "lang/builtins.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gc/gc.h"
#include "lang/exc.h"
#include "lang/func.h"
#include "lang/lang.h"
#include "lang/lex.h"
#include "lang/vm.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"

/* ---- argument helpers ------------------------------------------------------ */

/* Sort keyword arguments into `out` by name (names ends with NULL). */
static int kwargs(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                  const char *const *names, obj_t **out)
{
    size_t nkw = kwnames ? obj_tuple_size(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        obj_t *name = obj_tuple_get(kwnames, k);
        size_t i = 0;
        for (; names[i]; i++)
            if (obj_str_equal_cstr(name, names[i]))
                break;
        if (names[i] == NULL) {
            obj_err_format(&obj_exc_TypeError, "'%s' is an invalid keyword argument for %s()",
                           obj_str_utf8(name, NULL), fname);
            return -1;
        }
        out[i] = args[nargs - nkw + k];
    }
    return 0;
}

static size_t npositional(size_t nargs, obj_t *kwnames)
{
    return nargs - (kwnames ? obj_tuple_size(kwnames) : 0);
}

static int no_kwargs(const char *fname, obj_t *kwnames)
{
    if (kwnames && obj_tuple_size(kwnames)) {
        obj_err_format(&obj_exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    return 0;
}

static int arity(const char *fname, size_t nargs, obj_t *kwnames, size_t lo, size_t hi)
{
    if (no_kwargs(fname, kwnames) < 0)
        return -1;
    if (nargs >= lo && nargs <= hi)
        return 0;
    if (lo == hi)
        obj_err_format(&obj_exc_TypeError, "%s() takes exactly %s (%zu given)", fname,
                       lo == 1   ? "one argument"
                       : lo == 0 ? "no arguments"
                                 : "2 arguments",
                       nargs);
    else if (nargs < lo)
        obj_err_format(&obj_exc_TypeError, "%s expected at least %zu argument%s, got %zu", fname,
                       lo, lo == 1 ? "" : "s", nargs);
    else
        obj_err_format(&obj_exc_TypeError, "%s expected at most %zu argument%s, got %zu", fname, hi,
                       hi == 1 ? "" : "s", nargs);
    return -1;
}

static obj_t *write_str(obj_t *s)
{
    size_t n;
    const char *d = obj_str_utf8(s, &n);
    lang_write(d, n);
    return obj_none;
}

/* ---- print, repr, str-ish ---------------------------------------------------- */

static obj_t *bi_print(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    static const char *const names[] = {"sep", "end", "file", "flush", NULL};
    obj_t *kw[4] = {NULL, NULL, NULL, NULL};
    size_t n = npositional(nargs, kwnames);
    if (kwargs("print", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    for (int i = 0; i < 2; i++)
        if (kw[i] && kw[i] != obj_none && !obj_str_check(kw[i]))
            return obj_err_format(&obj_exc_TypeError, "%s must be None or a string, not %s",
                                  names[i], lang_type_of(kw[i])->name);
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i) {
            if (kw[0] && kw[0] != obj_none)
                obj_strbuf_append_str(&b, kw[0]);
            else
                obj_strbuf_append(&b, " ", 1);
        }
        if (obj_strbuf_append_str(&b, args[i]) < 0) {
            obj_strbuf_discard(&b);
            return NULL;
        }
    }
    if (kw[1] && kw[1] != obj_none)
        obj_strbuf_append_str(&b, kw[1]);
    else
        obj_strbuf_append(&b, "\n", 1);
    obj_t *s = obj_strbuf_finish(&b);
    if (s == NULL)
        return NULL;
    write_str(s);
    obj_decref(s);
    return obj_none;
}
static LANG_BUILTIN(b_print, "print", bi_print);

static obj_t *bi_repr(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("repr", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return obj_repr(args[0]);
}
static LANG_BUILTIN(b_repr, "repr", bi_repr);

obj_t *lang_ascii(obj_t *o)
{
    obj_t *r = obj_repr(o);
    if (r == NULL)
        return NULL;
    size_t n;
    const char *s = obj_str_utf8(r, &n), *end = s + n;
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    while (s < end) {
        const char *start = s;
        uint32_t c = obj_str_decode(&s);
        if (c < 0x80)
            obj_strbuf_append(&b, start, 1);
        else if (c < 0x100)
            obj_strbuf_append_format(&b, "\\x%02x", (unsigned)c);
        else if (c < 0x10000)
            obj_strbuf_append_format(&b, "\\u%04x", (unsigned)c);
        else
            obj_strbuf_append_format(&b, "\\U%08x", (unsigned)c);
    }
    obj_decref(r);
    return obj_strbuf_finish(&b);
}

static obj_t *bi_ascii(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("ascii", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return lang_ascii(args[0]);
}
static LANG_BUILTIN(b_ascii, "ascii", bi_ascii);

static obj_t *bi_format(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("format", nargs, kwnames, 1, 2) < 0)
        return NULL;
    return lang_format(args[0], nargs > 1 ? args[1] : NULL);
}
static LANG_BUILTIN(b_format, "format", bi_format);

/* ---- numbers ---------------------------------------------------------------- */

static obj_t *bi_abs(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("abs", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return obj_number_absolute(args[0]);
}
static LANG_BUILTIN(b_abs, "abs", bi_abs);

static obj_t *bi_divmod(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("divmod", nargs, kwnames, 2, 2) < 0)
        return NULL;
    return obj_number_divmod(args[0], args[1]);
}
static LANG_BUILTIN(b_divmod, "divmod", bi_divmod);

static obj_t *bi_pow(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("pow", nargs, kwnames, 2, 3) < 0)
        return NULL;
    return obj_number_power(args[0], args[1], nargs > 2 ? args[2] : obj_none);
}
static LANG_BUILTIN(b_pow, "pow", bi_pow);

static obj_t *bi_round(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    static const char *const names[] = {"number", "ndigits", NULL};
    obj_t *kw[2] = {NULL, NULL};
    size_t n = npositional(nargs, kwnames);
    if (kwargs("round", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    for (size_t i = 0; i < n && i < 2; i++)
        kw[i] = args[i];
    if (kw[0] == NULL)
        return obj_err_format(&obj_exc_TypeError,
                              "round() missing required argument 'number' (pos 1)");
    obj_t *nd = kw[1] && kw[1] != obj_none ? kw[1] : NULL;
    return obj_call_method(kw[0], "__round__", nd ? &nd : NULL, nd ? 1 : 0);
}
static LANG_BUILTIN(b_round, "round", bi_round);

static obj_t *int_to_base(obj_t *const *args, size_t nargs, obj_t *kwnames, const char *name,
                          int base)
{
    if (arity(name, nargs, kwnames, 1, 1) < 0)
        return NULL;
    obj_t *o = args[0];
    if (!obj_int_check(o)) {
        if (!(o->type->number && o->type->number->index))
            return obj_err_format(&obj_exc_TypeError,
                                  "'%s' object cannot be interpreted as an integer",
                                  lang_type_of(o)->name);
        o = o->type->number->index(o);
        if (o == NULL)
            return NULL;
        obj_t *r = obj_int_to_string(o, base);
        obj_decref(o);
        return r;
    }
    return obj_int_to_string(o, base);
}

static obj_t *bi_hex(obj_t *const *a, size_t n, obj_t *k)
{
    return int_to_base(a, n, k, "hex", 16);
}
static obj_t *bi_oct(obj_t *const *a, size_t n, obj_t *k)
{
    return int_to_base(a, n, k, "oct", 8);
}
static obj_t *bi_bin(obj_t *const *a, size_t n, obj_t *k)
{
    return int_to_base(a, n, k, "bin", 2);
}
static LANG_BUILTIN(b_hex, "hex", bi_hex);
static LANG_BUILTIN(b_oct, "oct", bi_oct);
static LANG_BUILTIN(b_bin, "bin", bi_bin);

static obj_t *bi_ord(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("ord", nargs, kwnames, 1, 1) < 0)
        return NULL;
    obj_t *o = args[0];
    if (obj_str_check(o)) {
        if (obj_str_length(o) != 1)
            return obj_err_format(
                &obj_exc_TypeError, "ord() expected a character, but string of length %zd found",
                (size_t)obj_str_length(o) == 0 ? (obj_ssize_t)0 : obj_str_length(o));
        const char *p = obj_str_utf8(o, NULL);
        return obj_int_from_i64(obj_str_decode(&p));
    }
    if (obj_bytes_check(o)) {
        if (obj_bytes_size(o) != 1)
            return obj_err_format(&obj_exc_TypeError,
                                  "ord() expected a character, but string of length %zu found",
                                  obj_bytes_size(o));
        return obj_int_from_i64((unsigned char)obj_bytes_data(o)[0]);
    }
    return obj_err_format(&obj_exc_TypeError, "ord() expected string of length 1, but %s found",
                          lang_type_of(o)->name);
}
static LANG_BUILTIN(b_ord, "ord", bi_ord);

static obj_t *bi_chr(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("chr", nargs, kwnames, 1, 1) < 0)
        return NULL;
    if (!obj_int_check(args[0]))
        return obj_err_format(&obj_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                              lang_type_of(args[0])->name);
    int64_t v;
    if (obj_int_as_i64(args[0], &v) < 0 || v < 0 || v > 0x10FFFF) {
        obj_err_clear();
        return obj_err_format(&obj_exc_ValueError, "chr() arg not in range(0x110000)");
    }
    char buf[4];
    size_t n = lex_utf8_encode((uint32_t)v, buf);
    return obj_str_from_utf8(buf, n);
}
static LANG_BUILTIN(b_chr, "chr", bi_chr);

/* ---- objects ------------------------------------------------------------------ */

static obj_t *bi_len(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("len", nargs, kwnames, 1, 1) < 0)
        return NULL;
    obj_ssize_t n = obj_length(args[0]);
    if (n < 0)
        return NULL;
    return obj_int_from_ssize(n);
}
static LANG_BUILTIN(b_len, "len", bi_len);

static obj_t *bi_hash(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("hash", nargs, kwnames, 1, 1) < 0)
        return NULL;
    obj_hash_t h = obj_hash(args[0]);
    if (h == -1)
        return NULL;
    return obj_int_from_ssize(h);
}
static LANG_BUILTIN(b_hash, "hash", bi_hash);

static obj_t *bi_id(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("id", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return obj_int_from_u64((uint64_t)(uintptr_t)args[0]);
}
static LANG_BUILTIN(b_id, "id", bi_id);

static int is_callable(obj_t *o)
{
    const obj_type_t *t = o->type;
    return t == &lang_type_function || t == &lang_type_builtin || t == &lang_type_method ||
           t == &obj_type_type;
}

static obj_t *bi_callable(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("callable", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return obj_bool_from(is_callable(args[0]));
}
static LANG_BUILTIN(b_callable, "callable", bi_callable);

static int isinstance1(obj_t *o, obj_t *cls, const char *fname)
{
    if (obj_tuple_check(cls)) {
        for (size_t i = 0; i < obj_tuple_size(cls); i++) {
            int r = isinstance1(o, obj_tuple_get(cls, i), fname);
            if (r)
                return r;
        }
        return 0;
    }
    if (cls->type != &obj_type_type) {
        obj_err_format(&obj_exc_TypeError,
                       "%s() arg 2 must be a type, a tuple of types, or a union", fname);
        return -1;
    }
    const obj_type_t *t = fname[2] == 'i' ? lang_type_of(o) : (const obj_type_t *)o;
    return obj_type_is_subtype(t, (const obj_type_t *)cls);
}

static obj_t *bi_isinstance(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("isinstance", nargs, kwnames, 2, 2) < 0)
        return NULL;
    int r = isinstance1(args[0], args[1], "isinstance");
    return r < 0 ? NULL : obj_bool_from(r);
}
static LANG_BUILTIN(b_isinstance, "isinstance", bi_isinstance);

static obj_t *bi_issubclass(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("issubclass", nargs, kwnames, 2, 2) < 0)
        return NULL;
    if (args[0]->type != &obj_type_type)
        return obj_err_format(&obj_exc_TypeError, "issubclass() arg 1 must be a class");
    int r = isinstance1(args[0], args[1], "issubclass");
    return r < 0 ? NULL : obj_bool_from(r);
}
static LANG_BUILTIN(b_issubclass, "issubclass", bi_issubclass);

static int attr_name(obj_t *name, const char *fname)
{
    if (!obj_str_check(name)) {
        obj_err_format(&obj_exc_TypeError, "%s(): attribute name must be string, not '%s'", fname,
                       lang_type_of(name)->name);
        return -1;
    }
    return 0;
}

static obj_t *bi_getattr(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("getattr", nargs, kwnames, 2, 3) < 0 || attr_name(args[1], "getattr") < 0)
        return NULL;
    obj_t *v = lang_getattr(args[0], args[1]);
    if (v == NULL && nargs == 3 && obj_err_matches(&obj_exc_AttributeError)) {
        obj_err_clear();
        return obj_newref(args[2]);
    }
    return v;
}
static LANG_BUILTIN(b_getattr, "getattr", bi_getattr);

static obj_t *bi_hasattr(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("hasattr", nargs, kwnames, 2, 2) < 0 || attr_name(args[1], "hasattr") < 0)
        return NULL;
    obj_t *v = lang_getattr(args[0], args[1]);
    if (v) {
        obj_decref(v);
        return obj_true;
    }
    if (!obj_err_matches(&obj_exc_AttributeError))
        return NULL;
    obj_err_clear();
    return obj_false;
}
static LANG_BUILTIN(b_hasattr, "hasattr", bi_hasattr);

static obj_t *bi_setattr(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("setattr", nargs, kwnames, 3, 3) < 0 || attr_name(args[1], "setattr") < 0)
        return NULL;
    return lang_setattr(args[0], args[1], args[2]) < 0 ? NULL : obj_none;
}
static LANG_BUILTIN(b_setattr, "setattr", bi_setattr);

/* ---- iteration ------------------------------------------------------------------- */

static obj_t *bi_iter(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("iter", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return obj_get_iter(args[0]);
}
static LANG_BUILTIN(b_iter, "iter", bi_iter);

static obj_t *bi_next(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("next", nargs, kwnames, 1, 2) < 0)
        return NULL;
    obj_t *it = args[0];
    if (it->type->iternext == NULL)
        return obj_err_format(&obj_exc_TypeError, "'%s' object is not an iterator",
                              lang_type_of(it)->name);
    obj_t *v = it->type->iternext(it);
    if (v || obj_err_occurred())
        return v;
    if (nargs == 2)
        return obj_newref(args[1]);
    obj_err_set_value(&obj_exc_StopIteration, NULL);
    return NULL;
}
static LANG_BUILTIN(b_next, "next", bi_next);

/* Walk an iterable: calls fn(item, ctx) for each (borrowed), stops on a
 * nonzero return (1: stop, -1: error). Polls Ctrl-C. */
static int each(obj_t *iterable, int (*fn)(obj_t *, void *), void *ctx)
{
    obj_t *it = obj_get_iter(iterable);
    if (it == NULL)
        return -1;
    int r = 0;
    unsigned polls = 0;
    for (;;) {
        if ((++polls & 1023) == 0 && lang_check_interrupt() < 0) {
            r = -1;
            break;
        }
        obj_t *x = obj_iter_next(it);
        if (x == NULL) {
            r = obj_err_occurred() ? -1 : 0;
            break;
        }
        r = fn(x, ctx);
        obj_decref(x);
        if (r)
            break;
    }
    obj_decref(it);
    return r < 0 ? -1 : 0;
}

static int sum_one(obj_t *x, void *ctx)
{
    obj_t **acc = ctx;
    obj_t *r = obj_number_add(*acc, x);
    if (r == NULL)
        return -1;
    obj_decref(*acc);
    *acc = r;
    return 0;
}

static obj_t *bi_sum(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    static const char *const names[] = {"start", NULL};
    obj_t *kw[1] = {NULL};
    size_t n = npositional(nargs, kwnames);
    if (kwargs("sum", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    if (n < 1 || n > 2)
        return obj_err_format(&obj_exc_TypeError, "sum() takes at most 2 arguments (%zu given)", n);
    obj_t *start = n > 1 ? args[1] : kw[0] ? kw[0] : obj_int_from_i64(0);
    if (obj_str_check(start))
        return obj_err_format(&obj_exc_TypeError,
                              "sum() can't sum strings [use ''.join(seq) instead]");
    obj_t *acc = obj_newref(start);
    if (n <= 1 && !kw[0])
        obj_decref(start);
    if (each(args[0], sum_one, &acc) < 0) {
        obj_decref(acc);
        return NULL;
    }
    return acc;
}
static LANG_BUILTIN(b_sum, "sum", bi_sum);

static int truth_one(obj_t *x, void *ctx)
{
    int want = *(int *)ctx;
    int t = obj_is_true(x);
    if (t < 0)
        return -1;
    if (t == want) {
        *(int *)ctx = 2;
        return 1;
    }
    return 0;
}

static obj_t *any_all(obj_t *const *args, size_t nargs, obj_t *kwnames, const char *name, int want)
{
    if (arity(name, nargs, kwnames, 1, 1) < 0)
        return NULL;
    int state = want;
    if (each(args[0], truth_one, &state) < 0)
        return NULL;
    return obj_bool_from((state == 2) == (want == 1));
}

static obj_t *bi_any(obj_t *const *a, size_t n, obj_t *k)
{
    return any_all(a, n, k, "any", 1);
}
static obj_t *bi_all(obj_t *const *a, size_t n, obj_t *k)
{
    return any_all(a, n, k, "all", 0);
}
static LANG_BUILTIN(b_any, "any", bi_any);
static LANG_BUILTIN(b_all, "all", bi_all);

/* Sort a list in place with an optional key function (stable, as CPython:
 * decorated with the original index). */
static int sort_list(obj_t *list, obj_t *key, int reverse)
{
    if (key == NULL || key == obj_none)
        return obj_list_sort(list, reverse);
    size_t n = obj_list_size(list);
    obj_t *dec = obj_list_new(n);
    if (dec == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        obj_list_set_new(dec, i, obj_newref(obj_none));
    for (size_t i = 0; i < n; i++) {
        obj_t *item = obj_list_get(list, i);
        obj_t *k = lang_call(key, &item, 1, NULL);
        obj_t *idx = k ? obj_int_from_i64(reverse ? -(int64_t)i : (int64_t)i) : NULL;
        obj_t *t = idx ? obj_tuple_pack(3, k, idx, item) : NULL;
        obj_xdecref(k);
        obj_xdecref(idx);
        if (t == NULL) {
            obj_decref(dec);
            return -1;
        }
        obj_list_set(dec, i, t);
    }
    if (obj_list_sort(dec, reverse) < 0) {
        obj_decref(dec);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        obj_list_set(list, i, obj_newref(obj_tuple_get(obj_list_get(dec, i), 2)));
    obj_decref(dec);
    return 0;
}

static obj_t *bi_sorted(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    static const char *const names[] = {"key", "reverse", NULL};
    obj_t *kw[2] = {NULL, NULL};
    size_t n = npositional(nargs, kwnames);
    if (kwargs("sort", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    if (n != 1)
        return obj_err_format(&obj_exc_TypeError, "sorted expected 1 argument, got %zu", n);
    int reverse = kw[1] ? obj_is_true(kw[1]) : 0;
    if (reverse < 0)
        return NULL;
    obj_t *l = obj_list_from_iterable(args[0]);
    if (l == NULL)
        return NULL;
    if (sort_list(l, kw[0], reverse) < 0) {
        obj_decref(l);
        return NULL;
    }
    return l;
}
static LANG_BUILTIN(b_sorted, "sorted", bi_sorted);

struct minmax {
    obj_t *best, *best_key, *key;
    int op;
};

static int minmax_one(obj_t *x, void *ctx)
{
    struct minmax *m = ctx;
    obj_t *k = m->key ? lang_call(m->key, &x, 1, NULL) : obj_newref(x);
    if (k == NULL)
        return -1;
    if (m->best == NULL) {
        m->best = obj_newref(x);
        m->best_key = k;
        return 0;
    }
    int better = obj_richcompare_bool(k, m->best_key, m->op);
    if (better < 0) {
        obj_decref(k);
        return -1;
    }
    if (better) {
        obj_decref(m->best);
        obj_decref(m->best_key);
        m->best = obj_newref(x);
        m->best_key = k;
    } else {
        obj_decref(k);
    }
    return 0;
}

static obj_t *min_max(obj_t *const *args, size_t nargs, obj_t *kwnames, const char *name, int op)
{
    static const char *const names[] = {"key", "default", NULL};
    obj_t *kw[2] = {NULL, NULL};
    size_t n = npositional(nargs, kwnames);
    if (kwargs(name, args, nargs, kwnames, names, kw) < 0)
        return NULL;
    if (n == 0)
        return obj_err_format(&obj_exc_TypeError, "%s expected at least 1 argument, got 0", name);
    if (n > 1 && kw[1])
        return obj_err_format(&obj_exc_TypeError,
                              "Cannot specify a default for %s() with multiple positional "
                              "arguments",
                              name);
    struct minmax m = {NULL, NULL, kw[0] && kw[0] != obj_none ? kw[0] : NULL, op};
    int r = 0;
    if (n == 1) {
        r = each(args[0], minmax_one, &m);
    } else {
        for (size_t i = 0; i < n && r == 0; i++)
            r = minmax_one(args[i], &m);
    }
    obj_xdecref(m.best_key);
    if (r < 0) {
        obj_xdecref(m.best);
        return NULL;
    }
    if (m.best == NULL) {
        if (kw[1])
            return obj_newref(kw[1]);
        return obj_err_format(&obj_exc_ValueError, "%s() iterable argument is empty", name);
    }
    return m.best;
}

static obj_t *bi_min(obj_t *const *a, size_t n, obj_t *k)
{
    return min_max(a, n, k, "min", OBJ_LT);
}
static obj_t *bi_max(obj_t *const *a, size_t n, obj_t *k)
{
    return min_max(a, n, k, "max", OBJ_GT);
}
static LANG_BUILTIN(b_min, "min", bi_min);
static LANG_BUILTIN(b_max, "max", bi_max);

/* enumerate, zip, map, filter, reversed */
enum { IT_ENUMERATE, IT_ZIP, IT_MAP, IT_FILTER, IT_REVERSED };

typedef struct {
    obj_t base;
    int kind;
    obj_t *func;  /* map/filter function (filter: None = truth) */
    obj_t *iters; /* tuple of iterators; reversed: the sequence */
    obj_ssize_t index;
} lang_iter_t;

static void iter_dealloc(obj_t *o)
{
    lang_iter_t *it = (lang_iter_t *)o;
    obj_gc_untrack(o);
    obj_xdecref(it->func);
    obj_xdecref(it->iters);
    obj_free(o);
}

static int iter_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    lang_iter_t *it = (lang_iter_t *)o;
    if (it->func && visit(it->func, arg))
        return 1;
    return it->iters ? visit(it->iters, arg) : 0;
}

static obj_t *iter_next(obj_t *o)
{
    lang_iter_t *it = (lang_iter_t *)o;
    switch (it->kind) {
    case IT_ENUMERATE: {
        obj_t *x = obj_iter_next(obj_tuple_get(it->iters, 0));
        if (x == NULL)
            return NULL;
        obj_t *i = obj_int_from_ssize(it->index++);
        obj_t *t = i ? obj_tuple_pack(2, i, x) : NULL;
        obj_xdecref(i);
        obj_decref(x);
        return t;
    }
    case IT_ZIP:
    case IT_MAP: {
        size_t n = obj_tuple_size(it->iters);
        obj_t *t = obj_tuple_new(n);
        if (t == NULL)
            return NULL;
        for (size_t i = 0; i < n; i++) {
            obj_t *x = obj_iter_next(obj_tuple_get(it->iters, i));
            if (x == NULL) {
                for (size_t j = i; j < n; j++)
                    obj_tuple_set_new(t, j, obj_newref(obj_none));
                obj_decref(t);
                return NULL;
            }
            obj_tuple_set_new(t, i, x);
        }
        if (it->kind == IT_ZIP)
            return t;
        obj_t *r = lang_call(it->func, ((obj_tuple_t *)t)->items, n, NULL);
        obj_decref(t);
        return r;
    }
    case IT_FILTER:
        for (;;) {
            obj_t *x = obj_iter_next(obj_tuple_get(it->iters, 0));
            if (x == NULL)
                return NULL;
            obj_t *v = it->func == obj_none ? obj_newref(x) : lang_call(it->func, &x, 1, NULL);
            int t = v ? obj_is_true(v) : -1;
            obj_xdecref(v);
            if (t > 0)
                return x;
            obj_decref(x);
            if (t < 0)
                return NULL;
        }
    default: {
        if (it->index < 0)
            return NULL;
        obj_t *i = obj_int_from_ssize(it->index--);
        if (i == NULL)
            return NULL;
        obj_t *r = obj_getitem(it->iters, i);
        obj_decref(i);
        return r;
    }
    }
}

#define ITER_TYPE(cname, pyname)                                                                   \
    static const obj_type_t cname = {                                                              \
        .base = OBJ_TYPE_HEAD_INIT,                                                                \
        .name = pyname,                                                                            \
        .flags = OBJ_TYPE_GC,                                                                      \
        .basicsize = sizeof(lang_iter_t),                                                          \
        .dealloc = iter_dealloc,                                                                   \
        .hash = obj_hash_identity,                                                                 \
        .iter = obj_iter_self_lang,                                                                \
        .iternext = iter_next,                                                                     \
        .traverse = iter_traverse,                                                                 \
    }

static obj_t *obj_iter_self_lang(obj_t *o)
{
    return obj_newref(o);
}

ITER_TYPE(type_enumerate, "enumerate");
ITER_TYPE(type_zip, "zip");
ITER_TYPE(type_map, "map");
ITER_TYPE(type_filter, "filter");
ITER_TYPE(type_reversed, "reversed");

static obj_t *iter_new(const obj_type_t *t, int kind, obj_t *func, obj_t *const *its, size_t n)
{
    obj_t *tup = obj_tuple_new(n);
    if (tup == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        obj_tuple_set_new(tup, i, obj_newref(obj_none));
    for (size_t i = 0; i < n; i++) {
        obj_t *it = obj_get_iter(its[i]);
        if (it == NULL) {
            obj_decref(tup);
            return NULL;
        }
        obj_decref(obj_tuple_get(tup, i));
        obj_tuple_set_new(tup, i, it);
    }
    lang_iter_t *r = (lang_iter_t *)obj_new(t, 0);
    if (r == NULL) {
        obj_decref(tup);
        return NULL;
    }
    r->kind = kind;
    r->func = func ? obj_newref(func) : NULL;
    r->iters = tup;
    r->index = 0;
    obj_gc_track((obj_t *)r);
    return (obj_t *)r;
}

static obj_t *bi_enumerate(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    static const char *const names[] = {"iterable", "start", NULL};
    obj_t *kw[2] = {NULL, NULL};
    size_t n = npositional(nargs, kwnames);
    if (kwargs("enumerate", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    for (size_t i = 0; i < n && i < 2; i++)
        kw[i] = args[i];
    if (kw[0] == NULL)
        return obj_err_format(&obj_exc_TypeError,
                              "enumerate() missing required argument 'iterable' (pos 1)");
    obj_ssize_t start = 0;
    if (kw[1]) {
        start = obj_number_as_ssize(kw[1]);
        if (start == -1 && obj_err_occurred())
            return NULL;
    }
    lang_iter_t *it = (lang_iter_t *)iter_new(&type_enumerate, IT_ENUMERATE, NULL, kw, 1);
    if (it)
        it->index = start;
    return (obj_t *)it;
}
static LANG_BUILTIN(b_enumerate, "enumerate", bi_enumerate);

static obj_t *bi_zip(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (no_kwargs("zip", kwnames) < 0)
        return NULL;
    return iter_new(&type_zip, IT_ZIP, NULL, args, nargs);
}
static LANG_BUILTIN(b_zip, "zip", bi_zip);

static obj_t *bi_map(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (no_kwargs("map", kwnames) < 0)
        return NULL;
    if (nargs < 2)
        return obj_err_format(&obj_exc_TypeError, "map() must have at least two arguments.");
    return iter_new(&type_map, IT_MAP, args[0], args + 1, nargs - 1);
}
static LANG_BUILTIN(b_map, "map", bi_map);

static obj_t *bi_filter(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("filter", nargs, kwnames, 2, 2) < 0)
        return NULL;
    return iter_new(&type_filter, IT_FILTER, args[0], args + 1, 1);
}
static LANG_BUILTIN(b_filter, "filter", bi_filter);

static obj_t *bi_reversed(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("reversed", nargs, kwnames, 1, 1) < 0)
        return NULL;
    obj_t *seq = args[0];
    if (obj_dict_check(seq) || obj_anyset_check(seq) ||
        !(seq->type->sequence || obj_range_check(seq)))
        return obj_err_format(&obj_exc_TypeError, "'%s' object is not reversible",
                              lang_type_of(seq)->name);
    obj_ssize_t n = obj_length(seq);
    if (n < 0)
        return NULL;
    lang_iter_t *r = (lang_iter_t *)obj_new(&type_reversed, 0);
    if (r == NULL)
        return NULL;
    r->kind = IT_REVERSED;
    r->func = NULL;
    r->iters = obj_newref(seq);
    r->index = n - 1;
    obj_gc_track((obj_t *)r);
    return (obj_t *)r;
}
static LANG_BUILTIN(b_reversed, "reversed", bi_reversed);

/* ---- input, globals ---------------------------------------------------------------- */

static obj_t *bi_input(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("input", nargs, kwnames, 0, 1) < 0)
        return NULL;
    if (nargs) {
        obj_t *s = obj_str(args[0]);
        if (s == NULL)
            return NULL;
        write_str(s);
        obj_decref(s);
    }
    obj_err_format(&lang_exc_EOFError, "EOF when reading a line");
    return NULL;
}
static LANG_BUILTIN(b_input, "input", bi_input);

/* ---- calling types ------------------------------------------------------------------ */

static obj_t *make_int(obj_t *const *args, size_t n, obj_t *kwnames)
{
    static const char *const names[] = {"x", "base", NULL};
    obj_t *kw[2] = {NULL, NULL};
    if (kwargs("int", args, n, kwnames, names, kw) < 0)
        return NULL;
    n = npositional(n, kwnames);
    for (size_t i = 0; i < n && i < 2; i++)
        kw[i] = args[i];
    if (n > 2)
        return obj_err_format(&obj_exc_TypeError, "int() takes at most 2 arguments (%zu given)", n);
    obj_t *x = kw[0];
    if (x == NULL) {
        if (kw[1])
            return obj_err_format(&obj_exc_TypeError, "int() missing string argument");
        return obj_int_from_i64(0);
    }
    if (kw[1]) {
        obj_ssize_t base = obj_number_as_ssize(kw[1]);
        if (base == -1 && obj_err_occurred())
            return NULL;
        if (!obj_str_check(x) && !obj_bytes_check(x))
            return obj_err_format(&obj_exc_TypeError,
                                  "int() can't convert non-string with explicit base");
        size_t len;
        const char *d = obj_str_check(x) ? obj_str_utf8(x, &len) : obj_bytes_data(x);
        if (!obj_str_check(x))
            len = obj_bytes_size(x);
        return obj_int_from_string(d, len, (int)base);
    }
    if (obj_str_check(x)) {
        size_t len;
        const char *d = obj_str_utf8(x, &len);
        return obj_int_from_string(d, len, 10);
    }
    if (x->type->number && x->type->number->int_)
        return x->type->number->int_(x);
    if (x->type->number && x->type->number->index)
        return x->type->number->index(x);
    return obj_err_format(&obj_exc_TypeError,
                          "int() argument must be a string, a bytes-like object or a real "
                          "number, not '%s'",
                          lang_type_of(x)->name);
}

static obj_t *make_float(obj_t *const *args, size_t n)
{
    if (n == 0)
        return obj_float_from_double(0.0);
    obj_t *x = args[0];
    if (obj_str_check(x)) {
        size_t len;
        const char *d = obj_str_utf8(x, &len);
        return obj_float_from_string(d, len);
    }
    if (x->type->number && x->type->number->float_)
        return x->type->number->float_(x);
    return obj_err_format(&obj_exc_TypeError,
                          "float() argument must be a string or a real number, not '%s'",
                          lang_type_of(x)->name);
}

static obj_t *make_dict(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    size_t n = npositional(nargs, kwnames);
    if (n > 1)
        return obj_err_format(&obj_exc_TypeError, "dict expected at most 1 argument, got %zu", n);
    obj_t *d = obj_dict_new();
    if (d == NULL)
        return NULL;
    if (n == 1 && lang_dict_merge(d, args[0], 0) < 0) {
        obj_decref(d);
        return NULL;
    }
    for (size_t k = 0; kwnames && k < obj_tuple_size(kwnames); k++)
        if (obj_dict_setitem(d, obj_tuple_get(kwnames, k), args[n + k]) < 0) {
            obj_decref(d);
            return NULL;
        }
    return d;
}

obj_t *lang_call_type(const obj_type_t *t, obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    const char *name = t->name;
    if (t->flags & OBJ_TYPE_EXCEPTION) {
        if (no_kwargs(name, kwnames) < 0)
            return NULL;
        obj_t *tup = obj_tuple_new(nargs);
        if (tup == NULL)
            return NULL;
        for (size_t i = 0; i < nargs; i++)
            obj_tuple_set_new(tup, i, obj_newref(args[i]));
        return lang_exc_new(t, tup);
    }
    if (t == &obj_type_int)
        return make_int(args, nargs, kwnames);
    if (t == &obj_type_dict)
        return make_dict(args, nargs, kwnames);
    if (no_kwargs(name, kwnames) < 0)
        return NULL;
    if (t == &obj_type_type) {
        if (nargs != 1)
            return obj_err_format(&obj_exc_TypeError, "type() takes 1 or 3 arguments");
        return obj_newref((obj_t *)lang_type_of(args[0]));
    }
    if (t == &obj_type_range)
        return obj_range_from_args(args, nargs);
    if (t == &obj_type_slice) {
        if (arity("slice", nargs, NULL, 1, 3) < 0)
            return NULL;
        if (nargs == 1)
            return obj_slice_new(obj_none, args[0], obj_none);
        return obj_slice_new(args[0], args[1], nargs > 2 ? args[2] : obj_none);
    }
    if (nargs > 1)
        return obj_err_format(&obj_exc_TypeError, "%s expected at most 1 argument, got %zu", name,
                              nargs);
    if (t == &obj_type_float)
        return make_float(args, nargs);
    if (t == &obj_type_str)
        return nargs ? obj_str(args[0]) : obj_str_from_cstr("");
    if (t == &obj_type_bool) {
        if (nargs == 0)
            return obj_false;
        int r = obj_is_true(args[0]);
        return r < 0 ? NULL : obj_bool_from(r);
    }
    if (t == &obj_type_list)
        return nargs ? obj_list_from_iterable(args[0]) : obj_list_new(0);
    if (t == &obj_type_tuple) {
        if (nargs == 0)
            return obj_tuple_new(0);
        if (args[0]->type == &obj_type_tuple)
            return obj_newref(args[0]);
        obj_t *l = obj_list_from_iterable(args[0]);
        if (l == NULL)
            return NULL;
        obj_t *r = obj_list_as_tuple(l);
        obj_decref(l);
        return r;
    }
    if (t == &obj_type_set)
        return obj_set_new(nargs ? args[0] : NULL);
    if (t == &obj_type_frozenset)
        return obj_frozenset_new(nargs ? args[0] : NULL);
    if (t == &obj_type_bytes)
        return nargs ? obj_bytes_from_object(args[0]) : obj_bytes_from("", 0);
    return obj_err_format(&obj_exc_TypeError, "cannot create '%s' instances", name);
}

obj_t *lang_call_method(obj_t *self, const struct obj_method *m, obj_t *const *args, size_t nargs,
                        obj_t *kwnames)
{
    if (kwnames && obj_tuple_size(kwnames)) {
        if (obj_list_check(self) && strcmp(m->name, "sort") == 0) {
            static const char *const names[] = {"key", "reverse", NULL};
            obj_t *kw[2] = {NULL, NULL};
            if (kwargs("sort", args, nargs, kwnames, names, kw) < 0)
                return NULL;
            if (npositional(nargs, kwnames))
                return obj_err_format(&obj_exc_TypeError, "sort() takes no positional arguments");
            int reverse = kw[1] ? obj_is_true(kw[1]) : 0;
            if (reverse < 0 || sort_list(self, kw[0], reverse) < 0)
                return NULL;
            return obj_none;
        }
        return obj_err_format(&obj_exc_TypeError, "%s.%s() takes no keyword arguments",
                              self->type->name, m->name);
    }
    return m->fn(self, args, nargs);
}

obj_t *lang_builtin_attr(obj_t *o, obj_t *name)
{
    if (obj_int_check(o) &&
        (obj_str_equal_cstr(name, "real") || obj_str_equal_cstr(name, "numerator")))
        return obj_number_positive(o);
    if (obj_int_check(o) && obj_str_equal_cstr(name, "denominator"))
        return obj_int_from_i64(1);
    if ((obj_int_check(o) || obj_float_check(o)) && obj_str_equal_cstr(name, "imag"))
        return obj_int_check(o) ? obj_int_from_i64(0) : obj_float_from_double(0.0);
    if (obj_float_check(o) && obj_str_equal_cstr(name, "real"))
        return obj_newref(o);
    if (obj_slice_check(o)) {
        obj_slice_t *s = (obj_slice_t *)o;
        if (obj_str_equal_cstr(name, "start"))
            return obj_newref(s->start);
        if (obj_str_equal_cstr(name, "stop"))
            return obj_newref(s->stop);
        if (obj_str_equal_cstr(name, "step"))
            return obj_newref(s->step);
    }
    if (obj_range_check(o)) {
        obj_range_t *r = (obj_range_t *)o;
        if (obj_str_equal_cstr(name, "start"))
            return obj_int_from_ssize(r->start);
        if (obj_str_equal_cstr(name, "stop"))
            return obj_int_from_ssize(r->stop);
        if (obj_str_equal_cstr(name, "step"))
            return obj_int_from_ssize(r->step);
    }
    return NULL;
}

/* ---- dict merging, star calls ------------------------------------------------------ */

int lang_dict_merge(obj_t *d, obj_t *other, int strict)
{
    if (obj_dict_check(other)) {
        size_t pos = 0;
        obj_t *k, *v;
        while (obj_dict_next(other, &pos, &k, &v)) {
            if (strict) {
                if (!obj_str_check(k)) {
                    obj_err_format(&obj_exc_TypeError, "keywords must be strings");
                    return -1;
                }
                if (obj_dict_getitem(d, k)) {
                    obj_err_format(&obj_exc_TypeError,
                                   "got multiple values for keyword argument '%s'",
                                   obj_str_utf8(k, NULL));
                    return -1;
                }
            }
            if (obj_dict_setitem(d, k, v) < 0)
                return -1;
        }
        return 0;
    }
    if (strict) {
        obj_err_format(&obj_exc_TypeError, "argument after ** must be a mapping, not %s",
                       lang_type_of(other)->name);
        return -1;
    }
    /* an iterable of pairs */
    obj_t *it = obj_get_iter(other);
    if (it == NULL)
        return -1;
    obj_t *x;
    size_t i = 0;
    while ((x = obj_iter_next(it)) != NULL) {
        obj_t *pair = obj_list_from_iterable(x);
        obj_decref(x);
        if (pair == NULL) {
            obj_err_format(&obj_exc_TypeError,
                           "cannot convert dictionary update sequence element #%zu to a sequence",
                           i);
            obj_decref(it);
            return -1;
        }
        if (obj_list_size(pair) != 2) {
            obj_err_format(&obj_exc_ValueError,
                           "dictionary update sequence element #%zu has length %zu; 2 is required",
                           i, obj_list_size(pair));
            obj_decref(pair);
            obj_decref(it);
            return -1;
        }
        int r = obj_dict_setitem(d, obj_list_get(pair, 0), obj_list_get(pair, 1));
        obj_decref(pair);
        if (r < 0) {
            obj_decref(it);
            return -1;
        }
        i++;
    }
    obj_decref(it);
    return obj_err_occurred() ? -1 : 0;
}

int lang_flatten_call(obj_t *args, obj_t *kwargs_dict, obj_t ***flat, obj_t **kwnames)
{
    size_t n = obj_tuple_size(args), nkw = kwargs_dict ? obj_dict_size(kwargs_dict) : 0;
    obj_t **a = obj_mem_alloc((n + nkw + 1) * sizeof *a);
    if (a == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        a[i] = obj_tuple_get(args, i);
    *kwnames = NULL;
    if (nkw) {
        obj_t *names = obj_tuple_new(nkw);
        if (names == NULL) {
            obj_mem_free(a);
            return -1;
        }
        size_t pos = 0, i = 0;
        obj_t *k, *v;
        while (obj_dict_next(kwargs_dict, &pos, &k, &v)) {
            obj_tuple_set_new(names, i, obj_newref(k));
            a[n + i] = v;
            i++;
        }
        *kwnames = names;
    }
    *flat = a;
    return 0;
}

void lang_free_flat(obj_t **flat, size_t n)
{
    (void)n;
    obj_mem_free(flat);
}

int lang_print_expr(obj_t *v)
{
    if (v == obj_none)
        return 0;
    obj_t *r = obj_repr(v);
    if (r == NULL)
        return -1;
    write_str(r);
    lang_write("\n", 1);
    obj_decref(r);
    obj_t *under = obj_str_intern_cstr("_");
    if (under == NULL)
        return -1;
    int rc = obj_dict_setitem(lang_vm.builtins, under, v);
    obj_decref(under);
    return rc;
}

obj_t *lang_import(obj_t *name)
{
    obj_t *m = obj_dict_getitem(lang_vm.modules, name);
    if (m)
        return obj_newref(m);
    if (obj_err_occurred())
        return NULL;
    return obj_err_format(&lang_exc_ModuleNotFoundError, "No module named '%s'",
                          obj_str_utf8(name, NULL));
}

/* ---- formatting ----------------------------------------------------------------- */

struct spec {
    char fill, align, sign, type;
    int alt, zero, width, precision, grouping;
};

static int parse_spec(obj_t *spec, struct spec *s)
{
    memset(s, 0, sizeof *s);
    s->fill = ' ';
    s->precision = -1;
    if (spec == NULL)
        return 0;
    size_t n;
    const char *p = obj_str_utf8(spec, &n), *end = p + n;
    if (end - p >= 2 && strchr("<>=^", p[1])) {
        s->fill = p[0];
        s->align = p[1];
        p += 2;
    } else if (p < end && strchr("<>=^", *p)) {
        s->align = *p++;
    }
    if (p < end && strchr("+- ", *p))
        s->sign = *p++;
    if (p < end && *p == '#')
        s->alt = 1, p++;
    if (p < end && *p == '0') {
        s->zero = 1;
        p++;
    }
    while (p < end && *p >= '0' && *p <= '9')
        s->width = s->width * 10 + (*p++ - '0');
    if (p < end && (*p == ',' || *p == '_'))
        s->grouping = *p++;
    if (p < end && *p == '.') {
        p++;
        s->precision = 0;
        while (p < end && *p >= '0' && *p <= '9')
            s->precision = s->precision * 10 + (*p++ - '0');
    }
    if (p < end)
        s->type = *p++;
    if (p != end) {
        obj_err_format(&obj_exc_ValueError,
                       "Invalid format specifier '%s' for object of type "
                       "'%s'",
                       obj_str_utf8(spec, NULL), "str");
        return -1;
    }
    return 0;
}

/* Insert grouping separators into the digits [0, n) of buf (enough room). */
static size_t group_digits(char *buf, size_t n, char sep)
{
    char tmp[400];
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            tmp[o++] = sep;
        tmp[o++] = buf[i];
    }
    memcpy(buf, tmp, o);
    return o;
}

static obj_t *pad(const char *body, size_t n, const char *sign_prefix, struct spec *s,
                  char default_align)
{
    size_t chars = 0;
    for (const char *q = body; q < body + n;) {
        (void)obj_str_decode(&q);
        chars++;
    }
    size_t plen = strlen(sign_prefix);
    size_t total = chars + plen;
    size_t padding = (size_t)s->width > total ? (size_t)s->width - total : 0;
    char align = s->align ? s->align : default_align;
    char fill = s->fill;
    if (s->zero && !s->align) {
        align = '=';
        fill = '0';
    }
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    size_t left = align == '>' ? padding : align == '^' ? padding / 2 : 0;
    size_t right = align == '<' ? padding : align == '^' ? padding - padding / 2 : 0;
    if (align == '=') {
        obj_strbuf_append(&b, sign_prefix, plen);
        for (size_t i = 0; i < padding; i++)
            obj_strbuf_append(&b, &fill, 1);
        obj_strbuf_append(&b, body, n);
        return obj_strbuf_finish(&b);
    }
    for (size_t i = 0; i < left; i++)
        obj_strbuf_append(&b, &fill, 1);
    obj_strbuf_append(&b, sign_prefix, plen);
    obj_strbuf_append(&b, body, n);
    for (size_t i = 0; i < right; i++)
        obj_strbuf_append(&b, &fill, 1);
    return obj_strbuf_finish(&b);
}

static obj_t *format_float(double v, struct spec *s)
{
    char type = s->type ? s->type : 'r';
    char buf[400];
    int prec = s->precision >= 0 ? s->precision : 6;
    char sign[4] = "";
    int neg = signbit(v) && !isnan(v);
    double a = neg ? -v : v;
    if (neg)
        strcpy(sign, "-");
    else if (s->sign == '+')
        strcpy(sign, "+");
    else if (s->sign == ' ')
        strcpy(sign, " ");
    size_t n;
    if (isinf(a) || isnan(a)) {
        n = (size_t)snprintf(buf, sizeof buf, "%s", isnan(a) ? "nan" : "inf");
    } else if (type == 'r') {
        if (s->precision >= 0) {
            type = 'g';
            goto printf_form;
        }
        n = obj_float_format_repr(a, buf);
    } else {
    printf_form:;
        char fmt[8] = "%.*f";
        double x = a;
        if (type == '%') {
            x = a * 100;
            fmt[3] = 'f';
        } else if (strchr("eEfFgG", type)) {
            fmt[3] = type;
        } else {
            return obj_err_format(&obj_exc_ValueError,
                                  "Unknown format code '%c' for object of type 'float'", type);
        }
        if (type == 'g' && s->precision == 0)
            prec = 1;
        n = (size_t)snprintf(buf, sizeof buf - 2, fmt, prec, x);
        if (type == '%')
            buf[n++] = '%';
    }
    if (s->grouping) {
        size_t intlen = 0;
        while (intlen < n && buf[intlen] >= '0' && buf[intlen] <= '9')
            intlen++;
        char rest[400];
        memcpy(rest, buf + intlen, n - intlen);
        size_t rl = n - intlen;
        intlen = group_digits(buf, intlen, (char)s->grouping);
        memcpy(buf + intlen, rest, rl);
        n = intlen + rl;
    }
    return pad(buf, n, sign, s, '>');
}

static obj_t *format_int(obj_t *v, struct spec *s)
{
    char type = s->type ? s->type : 'd';
    if (strchr("eEfFgG%", type)) {
        double d = obj_int_as_double(v);
        if (d == -1.0 && obj_err_occurred())
            return NULL;
        return format_float(d, s);
    }
    if (type == 'c') {
        obj_t *arg = v;
        return bi_chr(&arg, 1, NULL);
    }
    int base = type == 'x' || type == 'X' ? 16 : type == 'o' ? 8 : type == 'b' ? 2 : 10;
    if (!strchr("dnxXob", type))
        return obj_err_format(&obj_exc_ValueError,
                              "Unknown format code '%c' for object of type 'int'", type);
    if (s->precision >= 0)
        return obj_err_format(&obj_exc_ValueError,
                              "Precision not allowed in integer format specifier");
    obj_t *absv = obj_number_absolute(v);
    if (absv == NULL)
        return NULL;
    obj_t *digits = base == 10 ? obj_str(absv) : obj_int_to_string(absv, base);
    obj_decref(absv);
    if (digits == NULL)
        return NULL;
    size_t n;
    const char *d = obj_str_utf8(digits, &n);
    if (base != 10)
        d += 2, n -= 2; /* drop 0x / 0o / 0b */
    char buf[400];
    if (n + n / 3 + 4 > sizeof buf) {
        obj_decref(digits);
        return obj_err_format(&obj_exc_ValueError, "number too large to format");
    }
    memcpy(buf, d, n);
    obj_decref(digits);
    if (type == 'X')
        for (size_t i = 0; i < n; i++)
            if (buf[i] >= 'a' && buf[i] <= 'f')
                buf[i] = (char)(buf[i] - 32);
    if (s->grouping)
        n = group_digits(buf, n, (char)s->grouping);
    char prefix[8] = "";
    int neg = obj_int_sign(v) < 0;
    strcpy(prefix, neg ? "-" : s->sign == '+' ? "+" : s->sign == ' ' ? " " : "");
    if (s->alt && base != 10)
        strcat(prefix, base == 16 ? (type == 'X' ? "0X" : "0x") : base == 8 ? "0o" : "0b");
    return pad(buf, n, prefix, s, '>');
}

obj_t *lang_format(obj_t *value, obj_t *spec)
{
    if (spec && !obj_str_check(spec))
        return obj_err_format(&obj_exc_TypeError, "format() argument 2 must be str, not %s",
                              lang_type_of(spec)->name);
    if (spec && obj_str_length(spec) == 0)
        spec = NULL;
    struct spec s;
    if (spec == NULL)
        return obj_str(value);
    if (parse_spec(spec, &s) < 0)
        return NULL;
    if (obj_int_check(value) && value->type != &obj_type_bool)
        return format_int(value, &s);
    if (value->type == &obj_type_bool && s.type)
        return format_int(value, &s);
    if (obj_float_check(value))
        return format_float(obj_float_value(value), &s);
    if (obj_str_check(value)) {
        if (s.type && s.type != 's')
            return obj_err_format(&obj_exc_ValueError,
                                  "Unknown format code '%c' for object of type 'str'", s.type);
        if (s.sign)
            return obj_err_format(&obj_exc_ValueError,
                                  "Sign not allowed in string format specifier");
        size_t n;
        const char *d = obj_str_utf8(value, &n);
        if (s.precision >= 0) {
            const char *q = d;
            for (int i = 0; i < s.precision && q < d + n; i++)
                (void)obj_str_decode(&q);
            n = (size_t)(q - d);
        }
        return pad(d, n, "", &s, '<');
    }
    obj_t *str = obj_str(value);
    if (str == NULL)
        return NULL;
    if (s.type || s.precision >= 0 || s.sign) {
        obj_decref(str);
        return obj_err_format(&obj_exc_TypeError,
                              "unsupported format string passed to %s.__format__",
                              lang_type_of(value)->name);
    }
    size_t n;
    const char *d = obj_str_utf8(str, &n);
    obj_t *r = pad(d, n, "", &s, '<');
    obj_decref(str);
    return r;
}

/* printf-style: fmt % args */
obj_t *lang_str_percent(obj_t *format, obj_t *args)
{
    size_t n, argi = 0;
    const char *p = obj_str_utf8(format, &n), *end = p + n;
    int is_tuple = obj_tuple_check(args);
    size_t nargs = is_tuple ? obj_tuple_size(args) : 1;
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    while (p < end) {
        const char *pc = memchr(p, '%', (size_t)(end - p));
        if (pc == NULL) {
            obj_strbuf_append(&b, p, (size_t)(end - p));
            break;
        }
        obj_strbuf_append(&b, p, (size_t)(pc - p));
        p = pc + 1;
        if (p < end && *p == '%') {
            obj_strbuf_append(&b, "%", 1);
            p++;
            continue;
        }
        struct spec s;
        memset(&s, 0, sizeof s);
        s.fill = ' ';
        s.precision = -1;
        s.align = '>';
        for (; p < end && strchr("-+ #0", *p); p++) {
            if (*p == '-')
                s.align = '<';
            else if (*p == '0')
                s.zero = 1;
            else if (*p == '#')
                s.alt = 1;
            else
                s.sign = *p;
        }
        while (p < end && *p >= '0' && *p <= '9')
            s.width = s.width * 10 + (*p++ - '0');
        if (p < end && *p == '.') {
            p++;
            s.precision = 0;
            while (p < end && *p >= '0' && *p <= '9')
                s.precision = s.precision * 10 + (*p++ - '0');
        }
        if (p >= end) {
            obj_strbuf_discard(&b);
            return obj_err_format(&obj_exc_ValueError, "incomplete format");
        }
        char conv = *p++;
        if (argi >= nargs) {
            obj_strbuf_discard(&b);
            return obj_err_format(&obj_exc_TypeError, "not enough arguments for format string");
        }
        obj_t *a = is_tuple ? obj_tuple_get(args, argi) : args;
        argi++;
        obj_t *piece;
        if (s.zero && s.align == '>')
            s.align = 0;
        else if (s.align == '>')
            s.align = 0;
        if (conv == 's' || conv == 'r' || conv == 'a') {
            obj_t *t = conv == 's' ? obj_str(a) : conv == 'r' ? obj_repr(a) : lang_ascii(a);
            if (t == NULL) {
                obj_strbuf_discard(&b);
                return NULL;
            }
            s.zero = 0;
            size_t tn;
            const char *td = obj_str_utf8(t, &tn);
            if (s.precision >= 0) {
                const char *q = td;
                for (int i = 0; i < s.precision && q < td + tn; i++)
                    (void)obj_str_decode(&q);
                tn = (size_t)(q - td);
            }
            piece = pad(td, tn, "", &s, '>');
            obj_decref(t);
        } else if (strchr("dixXoeEfFgGc", conv)) {
            if (!obj_int_check(a) && !obj_float_check(a)) {
                obj_strbuf_discard(&b);
                return obj_err_format(&obj_exc_TypeError,
                                      "%%%c format: a real number is required, not %s", conv,
                                      lang_type_of(a)->name);
            }
            s.type = conv == 'i' || conv == 'u' ? 'd' : conv;
            if (strchr("dxXo", s.type)) {
                obj_t *iv =
                    obj_int_check(a) ? obj_newref(a) : obj_int_from_double(obj_float_value(a));
                if (iv == NULL) {
                    obj_strbuf_discard(&b);
                    return NULL;
                }
                int precision = s.precision;
                s.precision = -1;
                piece = format_int(iv, &s);
                (void)precision;
                obj_decref(iv);
            } else if (conv == 'c') {
                piece = format_int(a, &s);
            } else {
                double d = obj_float_check(a) ? obj_float_value(a) : obj_int_as_double(a);
                piece = format_float(d, &s);
            }
        } else {
            obj_strbuf_discard(&b);
            return obj_err_format(
                &obj_exc_ValueError, "unsupported format character '%c' (0x%x) at index %zu", conv,
                (unsigned)(unsigned char)conv, (size_t)(p - 1 - obj_str_utf8(format, NULL)));
        }
        if (piece == NULL) {
            obj_strbuf_discard(&b);
            return NULL;
        }
        obj_strbuf_append_str(&b, piece);
        obj_decref(piece);
    }
    if (argi < nargs) {
        obj_strbuf_discard(&b);
        return obj_err_format(&obj_exc_TypeError,
                              "not all arguments converted during string formatting");
    }
    return obj_strbuf_finish(&b);
}

/* ---- modules -------------------------------------------------------------------------- */

static obj_t *sys_exit(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("exit", nargs, kwnames, 0, 1) < 0)
        return NULL;
    obj_t *t = obj_tuple_new(nargs);
    if (t == NULL)
        return NULL;
    if (nargs)
        obj_tuple_set_new(t, 0, obj_newref(args[0]));
    obj_t *e = lang_exc_new(&lang_exc_SystemExit, t);
    if (e)
        lang_exc_restore(e);
    return NULL;
}
static LANG_BUILTIN(b_exit, "exit", sys_exit);

static obj_t *sys_getrecursionlimit(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    (void)args;
    if (arity("getrecursionlimit", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return obj_int_from_i64(lang_vm.limit);
}
static LANG_BUILTIN(b_getrecursionlimit, "getrecursionlimit", sys_getrecursionlimit);

static obj_t *sys_setrecursionlimit(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    if (arity("setrecursionlimit", nargs, kwnames, 1, 1) < 0)
        return NULL;
    obj_ssize_t n = obj_number_as_ssize(args[0]);
    if (n == -1 && obj_err_occurred())
        return NULL;
    if (n < 1)
        return obj_err_format(&obj_exc_ValueError, "recursion limit must be greater or equal "
                                                   "than 1");
    lang_vm.limit = n > 100000 ? 100000 : (int)n;
    return obj_none;
}
static LANG_BUILTIN(b_setrecursionlimit, "setrecursionlimit", sys_setrecursionlimit);

static obj_t *gc_collect_fn(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    (void)args;
    if (arity("collect", nargs, kwnames, 0, 1) < 0)
        return NULL;
    return obj_int_from_ssize(gc_collect(2));
}
static LANG_BUILTIN(b_gc_collect, "collect", gc_collect_fn);

static obj_t *gc_enable_fn(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    (void)args;
    if (arity("enable", nargs, kwnames, 0, 0) < 0)
        return NULL;
    gc_enable();
    return obj_none;
}
static LANG_BUILTIN(b_gc_enable, "enable", gc_enable_fn);

static obj_t *gc_disable_fn(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    (void)args;
    if (arity("disable", nargs, kwnames, 0, 0) < 0)
        return NULL;
    gc_disable();
    return obj_none;
}
static LANG_BUILTIN(b_gc_disable, "disable", gc_disable_fn);

static obj_t *gc_isenabled_fn(obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    (void)args;
    if (arity("isenabled", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return obj_bool_from(gc_isenabled());
}
static LANG_BUILTIN(b_gc_isenabled, "isenabled", gc_isenabled_fn);

/* ---- the tables ------------------------------------------------------------------------ */

static const lang_builtin_t *const functions[] = {
    &b_print,   &b_repr, &b_ascii,     &b_format,     &b_abs,        &b_divmod,  &b_pow,
    &b_round,   &b_hex,  &b_oct,       &b_bin,        &b_ord,        &b_chr,     &b_len,
    &b_hash,    &b_id,   &b_callable,  &b_isinstance, &b_issubclass, &b_getattr, &b_hasattr,
    &b_setattr, &b_iter, &b_next,      &b_sum,        &b_any,        &b_all,     &b_sorted,
    &b_min,     &b_max,  &b_enumerate, &b_zip,        &b_map,        &b_filter,  &b_reversed,
    &b_input,   NULL,
};

static const obj_type_t *const types[] = {
    &obj_type_int,       &obj_type_float,
    &obj_type_str,       &obj_type_bool,
    &obj_type_list,      &obj_type_tuple,
    &obj_type_dict,      &obj_type_set,
    &obj_type_frozenset, &obj_type_range,
    &obj_type_bytes,     &obj_type_slice,
    &obj_type_type,      NULL,
};

static int set_cstr(obj_t *d, const char *name, obj_t *v)
{
    if (v == NULL)
        return -1;
    obj_t *k = obj_str_intern_cstr(name);
    int r = k ? obj_dict_setitem(d, k, v) : -1;
    obj_xdecref(k);
    obj_decref(v);
    return r;
}

static int add_module(const char *name, obj_t **out)
{
    obj_t *m = lang_module_new(name);
    if (m == NULL)
        return -1;
    *out = ((lang_module_t *)m)->dict;
    return set_cstr(lang_vm.modules, name, m);
}

int lang_builtins_init(void)
{
    obj_t *b = lang_vm.builtins = obj_dict_new();
    obj_t *mods = lang_vm.modules = obj_dict_new();
    if (b == NULL || mods == NULL)
        return -1;
    int r = 0;
    for (size_t i = 0; functions[i]; i++)
        r |= set_cstr(b, functions[i]->name, obj_newref((obj_t *)functions[i]));
    for (size_t i = 0; types[i]; i++)
        r |= set_cstr(b, types[i]->name, obj_newref((obj_t *)types[i]));
    for (size_t i = 0; lang_exc_class_at(i); i++)
        r |= set_cstr(b, lang_exc_class_at(i)->name, obj_newref((obj_t *)lang_exc_class_at(i)));
    r |= set_cstr(b, "exit", obj_newref((obj_t *)&b_exit));
    r |= set_cstr(b, "quit", obj_newref((obj_t *)&b_exit));
    obj_t *sys, *gcm;
    if (r || add_module("sys", &sys) < 0 || add_module("gc", &gcm) < 0)
        return -1;
    r |= set_cstr(sys, "exit", obj_newref((obj_t *)&b_exit));
    r |= set_cstr(sys, "getrecursionlimit", obj_newref((obj_t *)&b_getrecursionlimit));
    r |= set_cstr(sys, "setrecursionlimit", obj_newref((obj_t *)&b_setrecursionlimit));
    r |= set_cstr(sys, "maxsize", obj_int_from_i64((int64_t)(SIZE_MAX >> 1)));
    r |= set_cstr(sys, "byteorder", obj_str_from_cstr("little"));
    r |= set_cstr(sys, "platform", obj_str_from_cstr("pyrite"));
    r |= set_cstr(sys, "modules", obj_newref(mods));
    r |= set_cstr(gcm, "collect", obj_newref((obj_t *)&b_gc_collect));
    r |= set_cstr(gcm, "enable", obj_newref((obj_t *)&b_gc_enable));
    r |= set_cstr(gcm, "disable", obj_newref((obj_t *)&b_gc_disable));
    r |= set_cstr(gcm, "isenabled", obj_newref((obj_t *)&b_gc_isenabled));
    return r ? -1 : 0;
}
