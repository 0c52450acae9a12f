/* slice objects and the index arithmetic every sequence shares. */
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"

obj_t *obj_slice_new(obj_t *start, obj_t *stop, obj_t *step)
{
    obj_slice_t *s = (obj_slice_t *)obj_new(&obj_type_slice, 0);
    if (s == NULL)
        return NULL;
    s->start = obj_newref(start ? start : obj_none);
    s->stop = obj_newref(stop ? stop : obj_none);
    s->step = obj_newref(step ? step : obj_none);
    return (obj_t *)s;
}

/* An index value clipped to what fits an obj_ssize_t (huge ints saturate, as
 * CPython's _PyEval_SliceIndex does). */
static int slice_index(obj_t *o, obj_ssize_t *out)
{
    obj_ssize_t v = obj_number_as_ssize(o);
    if (v == -1 && obj_err_occurred()) {
        if (obj_err_matches(&obj_exc_TypeError)) {
            obj_err_format(&obj_exc_TypeError,
                           "slice indices must be integers or None or have an __index__ method");
            return -1;
        }
        if (!obj_err_matches(&obj_exc_OverflowError))
            return -1; /* MemoryError and the like pass through */
        obj_err_clear();
        obj_t *zero = obj_number_subtract(o, o); /* sign decides the saturation */
        if (zero == NULL)
            return -1;
        int negative = obj_richcompare_bool(o, zero, OBJ_LT);
        obj_decref(zero);
        if (negative < 0)
            return -1;
        v = negative ? -(obj_ssize_t)(((size_t)-1) >> 1) - 1 : (obj_ssize_t)(((size_t)-1) >> 1);
    }
    *out = v;
    return 0;
}

int obj_slice_indices(obj_t *slice, obj_ssize_t length, obj_ssize_t *start, obj_ssize_t *stop,
                      obj_ssize_t *step, obj_ssize_t *count)
{
    obj_slice_t *s = (obj_slice_t *)slice;
    obj_ssize_t st = 1, lo, hi;
    if (s->step != obj_none && slice_index(s->step, &st) < 0)
        return -1;
    if (st == 0) {
        obj_err_format(&obj_exc_ValueError, "slice step cannot be zero");
        return -1;
    }
    /* As CPython's PySlice_Unpack: a saturated negative step stops at
     * -max, so that -st below cannot overflow. */
    if (st < -(obj_ssize_t)(((size_t)-1) >> 1))
        st = -(obj_ssize_t)(((size_t)-1) >> 1);
    obj_ssize_t dlo = st < 0 ? length - 1 : 0, dhi = st < 0 ? -1 : length;
    if (s->start == obj_none) {
        lo = dlo;
    } else {
        if (slice_index(s->start, &lo) < 0)
            return -1;
        if (lo < 0) {
            lo += length;
            if (lo < 0)
                lo = st < 0 ? -1 : 0;
        } else if (lo >= length) {
            lo = st < 0 ? length - 1 : length;
        }
    }
    if (s->stop == obj_none) {
        hi = dhi;
    } else {
        if (slice_index(s->stop, &hi) < 0)
            return -1;
        if (hi < 0) {
            hi += length;
            if (hi < 0)
                hi = st < 0 ? -1 : 0;
        } else if (hi >= length) {
            hi = st < 0 ? length - 1 : length;
        }
    }
    obj_ssize_t n = 0;
    if (st < 0 && hi < lo)
        n = (lo - hi - 1) / (-st) + 1;
    else if (st > 0 && lo < hi)
        n = (hi - lo - 1) / st + 1;
    *start = lo;
    *stop = hi;
    *step = st;
    *count = n;
    return 0;
}

static void slice_dealloc(obj_t *o)
{
    obj_slice_t *s = (obj_slice_t *)o;
    obj_decref(s->start);
    obj_decref(s->stop);
    obj_decref(s->step);
    obj_free(o);
}

static obj_t *slice_repr(obj_t *o)
{
    obj_slice_t *s = (obj_slice_t *)o;
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    obj_strbuf_append_cstr(&b, "slice(");
    obj_strbuf_append_repr(&b, s->start);
    obj_strbuf_append_cstr(&b, ", ");
    obj_strbuf_append_repr(&b, s->stop);
    obj_strbuf_append_cstr(&b, ", ");
    obj_strbuf_append_repr(&b, s->step);
    obj_strbuf_append_cstr(&b, ")");
    return obj_strbuf_finish(&b);
}

static obj_t *slice_richcompare(obj_t *a, obj_t *b, int op)
{
    if (!obj_slice_check(b))
        return obj_newref(obj_not_implemented);
    obj_slice_t *x = (obj_slice_t *)a, *y = (obj_slice_t *)b;
    obj_t *tx = obj_tuple_pack(3, x->start, x->stop, x->step);
    obj_t *ty = tx ? obj_tuple_pack(3, y->start, y->stop, y->step) : NULL;
    obj_t *r = ty ? obj_richcompare(tx, ty, op) : NULL;
    obj_xdecref(tx);
    obj_xdecref(ty);
    return r;
}

const obj_type_t obj_type_slice = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "slice",
    .basicsize = sizeof(obj_slice_t),
    .dealloc = slice_dealloc,
    .repr = slice_repr,
    .richcompare = slice_richcompare,
};
