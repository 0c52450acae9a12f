/* range: construction, length, indexing and slicing (a slice of a range is a
 * range), membership in O(1) for ints, iteration, equality and hash as
 * CPython's (a range is the sequence it describes), repr, count and index.
 *
 * Arithmetic: an element start + i * step always lies between start and stop,
 * so it fits a word; it is computed in unsigned words, where the wrap-around
 * of the intermediate product cancels out. Slicing builds new bounds that may
 * lie outside [start, stop] (range(0, 10, 3)[::1] is range(0, 12, 3), as in
 * CPython); those are computed in a double-width type and raise OverflowError
 * when they do not fit a word.
 */
#define OBJ_INTERNAL
#include "objects/range.h"
#include "objects/int.h"
#include "objects/runtime.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"

#if INTPTR_MAX > INT32_MAX
typedef __int128 wide_t;
#else
typedef int64_t wide_t;
#endif

static obj_t *too_large(void)
{
    return obj_err_format(&obj_exc_OverflowError, "Python int too large to convert to C ssize_t");
}

/* Elements of range(start, stop, step), counted in unsigned words. */
static size_t length_of(obj_ssize_t start, obj_ssize_t stop, obj_ssize_t step)
{
    if (step > 0)
        return start < stop ? ((size_t)stop - (size_t)start - 1) / (size_t)step + 1 : 0;
    return start > stop ? ((size_t)start - (size_t)stop - 1) / (0 - (size_t)step) + 1 : 0;
}

/* Element i (0 <= i < length). */
static obj_ssize_t element(obj_range_t *r, size_t i)
{
    return (obj_ssize_t)((size_t)r->start + i * (size_t)r->step);
}

obj_t *obj_range_new(obj_ssize_t start, obj_ssize_t stop, obj_ssize_t step)
{
    if (step == 0)
        return obj_err_format(&obj_exc_ValueError, "range() arg 3 must not be zero");
    obj_range_t *r = (obj_range_t *)obj_new(&obj_type_range, 0);
    if (r == NULL)
        return NULL;
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = length_of(start, stop, step);
    return (obj_t *)r;
}

obj_t *obj_range_from_args(obj_t *const *args, size_t nargs)
{
    if (obj_check_arity("range", nargs, 1, 3) < 0)
        return NULL;
    obj_ssize_t v[3] = {0, 0, 1};
    for (size_t i = 0; i < nargs; i++) {
        v[i] = obj_number_as_ssize(args[i]);
        if (v[i] == -1 && obj_err_occurred())
            return NULL;
    }
    if (nargs == 1)
        return obj_range_new(0, v[0], 1);
    return obj_range_new(v[0], v[1], v[2]);
}

static void range_dealloc(obj_t *o)
{
    obj_free(o);
}

static obj_t *range_repr(obj_t *o)
{
    obj_range_t *r = (obj_range_t *)o;
    if (r->step == 1)
        return obj_str_from_format("range(%ld, %ld)", (long)r->start, (long)r->stop);
    return obj_str_from_format("range(%ld, %ld, %ld)", (long)r->start, (long)r->stop,
                               (long)r->step);
}

/* ---- membership ----------------------------------------------------------- */

/* Whether the int x is an element, and its position. Never fails: an int
 * beyond a word is no element. */
static int int_position(obj_range_t *r, obj_t *x, size_t *index)
{
    obj_ssize_t v = obj_int_as_ssize(x);
    if (v == -1 && obj_err_occurred()) {
        obj_err_clear();
        return 0;
    }
    size_t distance, stride;
    if (r->step > 0) {
        if (v < r->start || v >= r->stop)
            return 0;
        distance = (size_t)v - (size_t)r->start;
        stride = (size_t)r->step;
    } else {
        if (v > r->start || v <= r->stop)
            return 0;
        distance = (size_t)r->start - (size_t)v;
        stride = 0 - (size_t)r->step;
    }
    if (distance % stride != 0)
        return 0;
    *index = distance / stride;
    return 1;
}

/* Compare x with each element in turn (CPython's _PySequence_IterSearch),
 * for objects that are not ints: counting, or stopping at the first equal one.
 * 1 with *out = the index or the count, 0 when not found (not counting), -1
 * with an error. */
static int search(obj_range_t *r, obj_t *x, int counting, size_t *out)
{
    size_t count = 0;
    for (size_t i = 0; i < r->length; i++) {
        obj_t *item = obj_int_from_ssize(element(r, i));
        if (item == NULL)
            return -1;
        int eq = obj_richcompare_bool(item, x, OBJ_EQ);
        obj_decref(item);
        if (eq < 0)
            return -1;
        if (eq && !counting) {
            *out = i;
            return 1;
        }
        count += (size_t)eq;
    }
    *out = count;
    return counting;
}

static int range_contains(obj_t *o, obj_t *x)
{
    size_t index;
    if (obj_int_check(x))
        return int_position((obj_range_t *)o, x, &index);
    return search((obj_range_t *)o, x, 0, &index);
}

/* ---- sequence and mapping slots --------------------------------------------- */

static obj_ssize_t range_length(obj_t *o)
{
    size_t n = obj_range_length(o);
    if (n > (size_t)INTPTR_MAX) {
        too_large();
        return -1;
    }
    return (obj_ssize_t)n;
}

static int range_bool(obj_t *o)
{
    return obj_range_length(o) != 0;
}

static obj_t *range_item(obj_t *o, obj_ssize_t i)
{
    return obj_int_from_ssize(element((obj_range_t *)o, (size_t)i));
}

/* start + i * step for an index that may lie outside the range (a slice's
 * bounds): 0, or -1 when the value does not fit a word. */
static int bound(obj_range_t *r, obj_ssize_t i, obj_ssize_t *out)
{
    wide_t v = (wide_t)r->start + (wide_t)i * r->step;
    if (v < INTPTR_MIN || v > INTPTR_MAX)
        return -1;
    *out = (obj_ssize_t)v;
    return 0;
}

static obj_t *range_slice(obj_range_t *r, obj_t *slice)
{
    if (r->length > (size_t)INTPTR_MAX)
        return too_large();
    obj_ssize_t lo, hi, step, count, start, stop;
    if (obj_slice_indices(slice, (obj_ssize_t)r->length, &lo, &hi, &step, &count) < 0)
        return NULL;
    wide_t new_step = (wide_t)r->step * step;
    if (new_step < INTPTR_MIN || new_step > INTPTR_MAX || bound(r, lo, &start) < 0 ||
        bound(r, hi, &stop) < 0)
        return too_large();
    return obj_range_new(start, stop, (obj_ssize_t)new_step);
}

static obj_t *range_subscript(obj_t *o, obj_t *key)
{
    obj_range_t *r = (obj_range_t *)o;
    if (obj_slice_check(key))
        return range_slice(r, key);
    obj_ssize_t i = obj_number_as_ssize(key);
    size_t index = (size_t)i;
    if (i == -1 && obj_err_occurred()) {
        if (obj_err_matches(&obj_exc_TypeError))
            return obj_err_format(&obj_exc_TypeError,
                                  "range indices must be integers or slices, not %s",
                                  key->type->name);
        if (!obj_err_matches(&obj_exc_OverflowError))
            return NULL;
        obj_err_clear(); /* beyond any word: beyond the range */
        index = r->length;
    } else if (i < 0) {
        index = 0 - (size_t)i <= r->length ? r->length - (0 - (size_t)i) : r->length;
    }
    if (index >= r->length)
        return obj_err_format(&obj_exc_IndexError, "range object index out of range");
    return obj_int_from_ssize(element(r, index));
}

/* ---- comparison and hash ----------------------------------------------------- */

/* Equal ranges describe the same sequence (CPython's range_equals). */
static int range_equal(obj_range_t *a, obj_range_t *b)
{
    if (a == b)
        return 1;
    if (a->length != b->length)
        return 0;
    if (a->length == 0)
        return 1;
    if (a->start != b->start)
        return 0;
    return a->length == 1 || a->step == b->step;
}

static obj_t *range_richcompare(obj_t *a, obj_t *b, int op)
{
    if (!obj_range_check(b) || (op != OBJ_EQ && op != OBJ_NE))
        return obj_newref(obj_not_implemented);
    int eq = range_equal((obj_range_t *)a, (obj_range_t *)b);
    return obj_bool_from(op == OBJ_EQ ? eq : !eq);
}

/* CPython's range_hash: hash((len, start, step)), with start and step
 * replaced by None where they do not matter (len 0; step when len is 1), so
 * that equal ranges hash alike. */
static obj_hash_t range_hash(obj_t *o)
{
    obj_range_t *r = (obj_range_t *)o;
    obj_t *len = obj_int_from_u64(r->length);
    obj_t *start = r->length > 0 ? obj_int_from_ssize(r->start) : obj_newref(obj_none);
    obj_t *step = r->length > 1 ? obj_int_from_ssize(r->step) : obj_newref(obj_none);
    obj_hash_t h = -1;
    if (len && start && step) {
        obj_t *t = obj_tuple_pack(3, len, start, step);
        if (t) {
            h = obj_hash(t);
            obj_decref(t);
        }
    }
    obj_xdecref(len);
    obj_xdecref(start);
    obj_xdecref(step);
    return h;
}

/* ---- iterator ------------------------------------------------------------------ */

typedef struct {
    obj_t base;
    obj_ssize_t next, step;
    size_t left;
} range_iterator_t;

static obj_t *range_iter(obj_t *o)
{
    obj_range_t *r = (obj_range_t *)o;
    range_iterator_t *it = (range_iterator_t *)obj_new(&obj_type_range_iterator, 0);
    if (it == NULL)
        return NULL;
    it->next = r->start;
    it->step = r->step;
    it->left = r->length;
    return (obj_t *)it;
}

static obj_t *range_iter_next(obj_t *o)
{
    range_iterator_t *it = (range_iterator_t *)o;
    if (it->left == 0)
        return NULL;
    obj_t *v = obj_int_from_ssize(it->next);
    if (v) {
        it->next = (obj_ssize_t)((size_t)it->next + (size_t)it->step);
        it->left--;
    }
    return v;
}

const obj_type_t obj_type_range_iterator = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "range_iterator",
    .basicsize = sizeof(range_iterator_t),
    .dealloc = range_dealloc,
    .iter = obj_iter_self,
    .iternext = range_iter_next,
};

/* ---- methods ------------------------------------------------------------------- */

static obj_t *m_count(obj_t *self, obj_t *const *args, size_t nargs)
{
    if (obj_check_arity("range.count", nargs, 1, 1) < 0)
        return NULL;
    size_t n, position;
    if (obj_int_check(args[0]))
        n = (size_t)int_position((obj_range_t *)self, args[0], &position);
    else if (search((obj_range_t *)self, args[0], 1, &n) < 0)
        return NULL;
    return obj_int_from_u64(n);
}

static obj_t *m_index(obj_t *self, obj_t *const *args, size_t nargs)
{
    if (obj_check_arity("range.index", nargs, 1, 1) < 0)
        return NULL;
    size_t i;
    if (!obj_int_check(args[0])) {
        int found = search((obj_range_t *)self, args[0], 0, &i);
        if (found < 0)
            return NULL;
        if (!found)
            return obj_err_format(&obj_exc_ValueError, "sequence.index(x): x not in sequence");
        return obj_int_from_u64(i);
    }
    if (int_position((obj_range_t *)self, args[0], &i))
        return obj_int_from_u64(i);
    obj_t *r = obj_repr(args[0]);
    if (r == NULL)
        return NULL;
    obj_err_format(&obj_exc_ValueError, "%s is not in range", obj_str_utf8(r, NULL));
    obj_decref(r);
    return NULL;
}

static const struct obj_method range_methods[] = {
    {"count", m_count},
    {"index", m_index},
    {0, 0},
};

static const struct obj_number_methods range_number = {
    .bool_ = range_bool,
};

static const struct obj_sequence_methods range_sequence = {
    .length = range_length,
    .item = range_item,
    .contains = range_contains,
};

static const struct obj_mapping_methods range_mapping = {
    .length = range_length,
    .subscript = range_subscript,
};

const obj_type_t obj_type_range = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "range",
    .basicsize = sizeof(obj_range_t),
    .dealloc = range_dealloc,
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .iter = range_iter,
    .number = &range_number,
    .sequence = &range_sequence,
    .mapping = &range_mapping,
    .methods = range_methods,
};
