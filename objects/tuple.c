/* tuple: construction with per-size free lists, the empty-tuple singleton,
 * comparison, CPython's tuple hash, repr, sequence slots, iteration.
 *
 * Free lists: a dead tuple of n items (1 <= n <= OBJ_FREELIST_TUPLE_SIZES)
 * goes on free list OBJ_FL_TUPLE + n - 1 (objects/freelist.h), at most
 * OBJ_FREELIST_TUPLE per size.
 */
#define OBJ_INTERNAL
#include <string.h>

#include "objects/int.h"
#include "objects/runtime.h"
#include "objects/slice.h"
#include "objects/stack.h"
#include "objects/str.h"
#include "objects/tuple.h"

/* The empty tuple: immortal, with an (untracked) GC header in front like every
 * object of a GC type, so the collector may inspect it safely. */
static const struct {
    struct obj_gc_head gc;
    obj_tuple_t tuple;
} empty_tuple = {{0, 0}, {.base = {OBJ_HEAD_INIT(&obj_type_tuple), 0}}};

OBJ_FREELIST_FITS(obj_tuple_t);

obj_t *obj_tuple_new(size_t n)
{
    if (n == 0)
        return (obj_t *)&empty_tuple.tuple;
    obj_tuple_t *t = NULL;
    if (n <= OBJ_FREELIST_TUPLE_SIZES)
        t = (obj_tuple_t *)obj_freelist_pop(OBJ_FL_TUPLE + (unsigned)n - 1);
    if (t == NULL) {
        if (n > ((size_t)-1 >> 4) / sizeof(obj_t *))
            return obj_err_no_memory();
        t = (obj_tuple_t *)obj_new(&obj_type_tuple, n * sizeof(obj_t *));
        if (t == NULL)
            return NULL;
    }
    t->base.size = (obj_ssize_t)n;
    memset(t->items, 0, n * sizeof(obj_t *));
    obj_gc_track((obj_t *)t);
    return (obj_t *)t;
}

obj_t *obj_tuple_pack(size_t n, ...)
{
    obj_t *t = obj_tuple_new(n);
    if (t == NULL)
        return NULL;
    va_list args;
    va_start(args, n);
    for (size_t i = 0; i < n; i++)
        obj_tuple_set_new(t, i, obj_newref(va_arg(args, obj_t *)));
    va_end(args);
    return t;
}

obj_t *obj_tuple_slice(obj_t *t, size_t start, size_t stop)
{
    if (start == 0 && stop == obj_tuple_size(t))
        return obj_newref(t);
    obj_t *r = obj_tuple_new(stop - start);
    if (r == NULL)
        return NULL;
    for (size_t i = start; i < stop; i++)
        obj_tuple_set_new(r, i - start, obj_newref(obj_tuple_get(t, i)));
    return r;
}

static void tuple_dealloc(obj_t *o)
{
    obj_tuple_t *t = (obj_tuple_t *)o;
    size_t n = (size_t)t->base.size;
    obj_gc_untrack(o);
    if (!obj_trash_begin(o))
        return;
    for (size_t i = n; i-- > 0;)
        obj_xdecref(t->items[i]);
    /* n >= 1: the empty tuple is immortal. */
    if (n > OBJ_FREELIST_TUPLE_SIZES || !obj_freelist_push(OBJ_FL_TUPLE + (unsigned)n - 1, o))
        obj_free(o);
    obj_trash_end();
}

static int tuple_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    obj_tuple_t *t = (obj_tuple_t *)o;
    for (obj_ssize_t i = t->base.size; i-- > 0;) {
        if (t->items[i]) {
            int r = visit(t->items[i], arg);
            if (r)
                return r;
        }
    }
    return 0;
}

static obj_t *tuple_repr(obj_t *o)
{
    size_t n = obj_tuple_size(o);
    if (n == 0)
        return obj_str_from_cstr("()");
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    obj_strbuf_append_cstr(&b, "(");
    for (size_t i = 0; i < n; i++) {
        if (i)
            obj_strbuf_append_cstr(&b, ", ");
        if (obj_strbuf_append_repr(&b, obj_tuple_get(o, i)) < 0) {
            obj_strbuf_discard(&b);
            return NULL;
        }
    }
    obj_strbuf_append_cstr(&b, n == 1 ? ",)" : ")");
    return obj_strbuf_finish(&b);
}

/* CPython 3.8+'s tuple hash (an xxHash-based combination of the item hashes). */
static obj_hash_t tuple_hash(obj_t *o)
{
    const int wide = sizeof(size_t) == 8;
    const size_t prime1 = wide ? (size_t)11400714785074694791ull : 2654435761u;
    const size_t prime2 = wide ? (size_t)14029467366897019727ull : 2246822519u;
    const size_t prime5 = wide ? (size_t)2870177450012600261ull : 374761393u;
    const unsigned rotate = wide ? 31 : 13;
    size_t n = obj_tuple_size(o), acc = prime5;
    /* The one hash that recurses: a tuple's items may be tuples. */
    if (obj_stack_check(" while getting the hash of an object"))
        return -1;
    for (size_t i = 0; i < n; i++) {
        obj_hash_t lane = obj_hash(obj_tuple_get(o, i));
        if (lane == -1)
            return -1;
        acc += (size_t)lane * prime2;
        acc = (acc << rotate) | (acc >> (8 * sizeof acc - rotate));
        acc *= prime1;
    }
    acc += n ^ (prime5 ^ 3527539u);
    return acc == (size_t)-1 ? 1546275796 : (obj_hash_t)acc;
}

/* Lexicographic comparison shared with list (same algorithm as CPython's). */
obj_t *obj_sequence_richcompare(obj_t *const *a, size_t na, obj_t *const *b, size_t nb, int op)
{
    size_t i;
    for (i = 0; i < na && i < nb; i++) {
        int eq = obj_richcompare_bool(a[i], b[i], OBJ_EQ);
        if (eq < 0)
            return NULL;
        if (!eq)
            break;
    }
    if (i >= na || i >= nb) {
        int c = (na > nb) - (na < nb);
        int truth;
        switch (op) {
        case OBJ_LT: truth = c < 0; break;
        case OBJ_LE: truth = c <= 0; break;
        case OBJ_EQ: truth = c == 0; break;
        case OBJ_NE: truth = c != 0; break;
        case OBJ_GT: truth = c > 0; break;
        default: truth = c >= 0; break;
        }
        return obj_bool_from(truth);
    }
    if (op == OBJ_EQ)
        return obj_newref(obj_false);
    if (op == OBJ_NE)
        return obj_newref(obj_true);
    return obj_richcompare(a[i], b[i], op);
}

static obj_t *tuple_richcompare(obj_t *a, obj_t *b, int op)
{
    if (!obj_tuple_check(b))
        return obj_newref(obj_not_implemented);
    return obj_sequence_richcompare(((obj_tuple_t *)a)->items, obj_tuple_size(a),
                                    ((obj_tuple_t *)b)->items, obj_tuple_size(b), op);
}

static obj_ssize_t tuple_length(obj_t *o)
{
    return (obj_ssize_t)obj_tuple_size(o);
}

static obj_t *tuple_item(obj_t *o, obj_ssize_t i)
{
    return obj_newref(obj_tuple_get(o, (size_t)i));
}

static int tuple_contains(obj_t *o, obj_t *x)
{
    size_t n = obj_tuple_size(o);
    for (size_t i = 0; i < n; i++) {
        int eq = obj_richcompare_bool(obj_tuple_get(o, i), x, OBJ_EQ);
        if (eq != 0)
            return eq;
    }
    return 0;
}

static obj_t *tuple_concat(obj_t *a, obj_t *b)
{
    if (!obj_tuple_check(b))
        return obj_err_format(&obj_exc_TypeError,
                              "can only concatenate tuple (not \"%s\") to tuple", b->type->name);
    size_t na = obj_tuple_size(a), nb = obj_tuple_size(b);
    if (nb == 0)
        return obj_newref(a);
    if (na == 0)
        return obj_newref(b);
    obj_t *r = obj_tuple_new(na + nb);
    if (r == NULL)
        return NULL;
    for (size_t i = 0; i < na; i++)
        obj_tuple_set_new(r, i, obj_newref(obj_tuple_get(a, i)));
    for (size_t i = 0; i < nb; i++)
        obj_tuple_set_new(r, na + i, obj_newref(obj_tuple_get(b, i)));
    return r;
}

static obj_t *tuple_repeat(obj_t *o, obj_ssize_t count)
{
    size_t n = obj_tuple_size(o);
    if (count <= 0 || n == 0)
        return obj_tuple_new(0);
    if (count == 1)
        return obj_newref(o);
    if ((size_t)count > ((size_t)-1 >> 4) / sizeof(obj_t *) / n)
        return obj_err_no_memory();
    obj_t *r = obj_tuple_new(n * (size_t)count);
    if (r == NULL)
        return NULL;
    for (size_t k = 0; k < n * (size_t)count; k++)
        obj_tuple_set_new(r, k, obj_newref(obj_tuple_get(o, k % n)));
    return r;
}

static obj_t *tuple_subscript(obj_t *o, obj_t *key)
{
    if (!obj_slice_check(key)) {
        obj_ssize_t i = obj_number_as_ssize(key);
        if (i == -1 && obj_err_occurred()) {
            if (obj_err_matches(&obj_exc_TypeError))
                obj_err_format(&obj_exc_TypeError,
                               "tuple indices must be integers or slices, not %s", key->type->name);
            return NULL;
        }
        obj_ssize_t n = (obj_ssize_t)obj_tuple_size(o);
        if (i < 0)
            i += n;
        if (i < 0 || i >= n)
            return obj_err_format(&obj_exc_IndexError, "tuple index out of range");
        return obj_newref(obj_tuple_get(o, (size_t)i));
    }
    obj_ssize_t start, stop, step, count;
    if (obj_slice_indices(key, (obj_ssize_t)obj_tuple_size(o), &start, &stop, &step, &count) < 0)
        return NULL;
    if (step == 1)
        return obj_tuple_slice(o, (size_t)start, (size_t)(start + count));
    obj_t *r = obj_tuple_new((size_t)count);
    if (r == NULL)
        return NULL;
    for (obj_ssize_t k = 0; k < count; k++)
        obj_tuple_set_new(r, (size_t)k, obj_newref(obj_tuple_get(o, (size_t)(start + k * step))));
    return r;
}

static size_t tuple_size_of(obj_t *o)
{
    return obj_tuple_size(o) ? obj_mem_usable(obj_gc_head_of(o)) : 0;
}

/* ---- iterator ------------------------------------------------------------ */

static obj_t *tuple_iter(obj_t *o)
{
    return obj_seqiter_new(&obj_type_tuple_iterator, o);
}

OBJ_SEQITER_TYPE(obj_type_tuple_iterator, "tuple_iterator");

/* ---- methods ------------------------------------------------------------- */

static obj_t *tuple_count(obj_t *self, obj_t *const *args, size_t nargs)
{
    if (obj_check_arity("tuple.count", nargs, 1, 1) < 0)
        return NULL;
    obj_ssize_t count = 0;
    for (size_t i = 0; i < obj_tuple_size(self); i++) {
        int eq = obj_richcompare_bool(obj_tuple_get(self, i), args[0], OBJ_EQ);
        if (eq < 0)
            return NULL;
        count += eq;
    }
    return obj_int_from_ssize(count);
}

static obj_t *tuple_index(obj_t *self, obj_t *const *args, size_t nargs)
{
    if (obj_check_arity("index", nargs, 1, 1) < 0)
        return NULL;
    for (size_t i = 0; i < obj_tuple_size(self); i++) {
        int eq = obj_richcompare_bool(obj_tuple_get(self, i), args[0], OBJ_EQ);
        if (eq < 0)
            return NULL;
        if (eq)
            return obj_int_from_ssize((obj_ssize_t)i);
    }
    return obj_err_format(&obj_exc_ValueError, "tuple.index(x): x not in tuple");
}

static const struct obj_method tuple_methods[] = {
    {"count", tuple_count},
    {"index", tuple_index},
    {0, 0},
};

static const struct obj_sequence_methods tuple_sequence = {
    .length = tuple_length,
    .concat = tuple_concat,
    .repeat = tuple_repeat,
    .item = tuple_item,
    .contains = tuple_contains,
};

static const struct obj_mapping_methods tuple_mapping = {
    .length = tuple_length,
    .subscript = tuple_subscript,
};

const obj_type_t obj_type_tuple = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "tuple",
    .flags = OBJ_TYPE_GC | OBJ_TYPE_TUPLE_SUBCLASS,
    .basicsize = sizeof(obj_tuple_t),
    .itemsize = sizeof(obj_t *),
    .dealloc = tuple_dealloc,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter,
    .traverse = tuple_traverse,
    .size_of = tuple_size_of,
    .sequence = &tuple_sequence,
    .mapping = &tuple_mapping,
    .methods = tuple_methods,
};
