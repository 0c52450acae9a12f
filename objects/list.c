/* list: construction with a free list, growth, the sequence and mapping slots
 * (indexing, slicing, slice assignment), repr with the recursion guard, a
 * stable sort, iteration and the methods.
 *
 * Free list: dead list objects (their item arrays already freed) go on free
 * list OBJ_FL_LIST (objects/freelist.h), at most OBJ_FREELIST_LIST.
 */
#define OBJ_INTERNAL
#include <string.h>

#include "objects/int.h"
#include "objects/list.h"
#include "objects/runtime.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"

#define MAX_ITEMS (((size_t)-1 >> 4) / sizeof(obj_t *))

static size_t capacity(obj_list_t *l)
{
    return l->items ? obj_mem_usable(l->items) / sizeof(obj_t *) : 0;
}

/* Make room for at least `need` items; over-allocate as CPython's list_resize
 * (need + need/8 + 6, rounded to 4) when growing. 0, or -1 with MemoryError
 * and the list unchanged. */
static int reserve(obj_list_t *l, size_t need)
{
    if (need <= capacity(l))
        return 0;
    if (need > MAX_ITEMS)
        return obj_err_no_memory(), -1;
    size_t want = (need + (need >> 3) + 6) & ~(size_t)3;
    obj_t **items = l->items ? obj_mem_realloc(l->items, want * sizeof(obj_t *))
                             : obj_mem_alloc(want * sizeof(obj_t *));
    if (items == NULL)
        return -1;
    l->items = items;
    return 0;
}

OBJ_FREELIST_FITS(obj_list_t);

static obj_list_t *list_alloc(void)
{
    obj_list_t *l = (obj_list_t *)obj_freelist_pop(OBJ_FL_LIST);
    if (l == NULL) {
        l = (obj_list_t *)obj_new(&obj_type_list, 0);
        if (l == NULL)
            return NULL;
    }
    l->base.size = 0;
    l->items = NULL;
    return l;
}

obj_t *obj_list_new(size_t n)
{
    obj_list_t *l = list_alloc();
    if (l == NULL)
        return NULL;
    if (n > 0) {
        if (n > MAX_ITEMS)
            l->items = NULL, obj_err_no_memory();
        else
            l->items = obj_mem_alloc(n * sizeof(obj_t *));
        if (l->items == NULL) {
            obj_decref((obj_t *)l);
            return NULL;
        }
        memset(l->items, 0, n * sizeof(obj_t *));
        l->base.size = (obj_ssize_t)n;
    }
    obj_gc_track((obj_t *)l);
    return (obj_t *)l;
}

static void list_dealloc(obj_t *o)
{
    obj_list_t *l = (obj_list_t *)o;
    obj_gc_untrack(o);
    if (!obj_trash_begin(o))
        return;
    if (l->items) {
        for (obj_ssize_t i = l->base.size; i-- > 0;)
            obj_xdecref(l->items[i]);
        obj_mem_free(l->items);
    }
    if (!obj_freelist_push(OBJ_FL_LIST, o))
        obj_free(o);
    obj_trash_end();
}

static int list_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    obj_list_t *l = (obj_list_t *)o;
    for (obj_ssize_t i = l->base.size; i-- > 0;) {
        if (l->items[i]) {
            int r = visit(l->items[i], arg);
            if (r)
                return r;
        }
    }
    return 0;
}

/* Drop every item (the collector's clear slot, and l.clear()). */
static int list_clear(obj_t *o)
{
    obj_list_t *l = (obj_list_t *)o;
    obj_t **items = l->items;
    obj_ssize_t n = l->base.size;
    l->items = NULL;
    l->base.size = 0;
    if (items) {
        while (n-- > 0)
            obj_xdecref(items[n]);
        obj_mem_free(items);
    }
    return 0;
}

int obj_list_append(obj_t *o, obj_t *item)
{
    obj_list_t *l = (obj_list_t *)o;
    if (reserve(l, (size_t)l->base.size + 1) < 0)
        return -1;
    l->items[l->base.size++] = obj_newref(item);
    return 0;
}

int obj_list_insert(obj_t *o, obj_ssize_t i, obj_t *item)
{
    obj_list_t *l = (obj_list_t *)o;
    obj_ssize_t n = l->base.size;
    if (reserve(l, (size_t)n + 1) < 0)
        return -1;
    if (i < 0) {
        i += n;
        if (i < 0)
            i = 0;
    } else if (i > n) {
        i = n;
    }
    memmove(&l->items[i + 1], &l->items[i], (size_t)(n - i) * sizeof(obj_t *));
    l->items[i] = obj_newref(item);
    l->base.size = n + 1;
    return 0;
}

void obj_list_set(obj_t *o, size_t i, obj_t *item)
{
    obj_list_t *l = (obj_list_t *)o;
    obj_t *old = l->items[i];
    l->items[i] = item;
    obj_xdecref(old);
}

int obj_list_extend(obj_t *o, obj_t *iterable)
{
    obj_list_t *l = (obj_list_t *)o;
    if (obj_list_check(iterable) || obj_tuple_check(iterable)) {
        size_t n = obj_list_check(iterable) ? obj_list_size(iterable) : obj_tuple_size(iterable);
        obj_t *const *src = obj_list_check(iterable) ? ((obj_list_t *)iterable)->items
                                                     : ((obj_tuple_t *)iterable)->items;
        if (reserve(l, (size_t)l->base.size + n) < 0)
            return -1;
        /* src may be l's own array (l.extend(l)): it was not moved if n == 0,
         * and reserve() above is done before reading it. */
        if (iterable == o)
            src = l->items;
        for (size_t i = 0; i < n; i++)
            l->items[(size_t)l->base.size + i] = obj_newref(src[i]);
        l->base.size += (obj_ssize_t)n;
        return 0;
    }
    obj_t *it = obj_get_iter(iterable);
    if (it == NULL)
        return -1;
    obj_t *x;
    while ((x = obj_iter_next(it)) != NULL) {
        int r = obj_list_append(o, x);
        obj_decref(x);
        if (r < 0)
            break;
    }
    obj_decref(it);
    return obj_err_occurred() ? -1 : 0;
}

/* Whether o has a length without iterating (CPython's length hint, reduced to
 * __len__): list(x) then allocates exactly that many slots, as CPython 3.9+ does. */
static int has_length(obj_t *o)
{
    const obj_type_t *t = o->type;
    return (t->sequence && t->sequence->length) || (t->mapping && t->mapping->length);
}

obj_t *obj_list_from_iterable(obj_t *iterable)
{
    obj_t *l = obj_list_new(0);
    if (l && has_length(iterable)) {
        obj_ssize_t n = obj_length(iterable);
        if (n < 0) {
            obj_decref(l);
            return NULL;
        }
        if (n > 0 && (size_t)n <= MAX_ITEMS) {
            obj_list_t *list = (obj_list_t *)l;
            list->items = obj_mem_alloc((size_t)n * sizeof(obj_t *));
            if (list->items == NULL) {
                obj_decref(l);
                return NULL;
            }
        }
    }
    if (l && obj_list_extend(l, iterable) < 0) {
        obj_decref(l);
        return NULL;
    }
    return l;
}

obj_t *obj_list_as_tuple(obj_t *o)
{
    size_t n = obj_list_size(o);
    obj_t *t = obj_tuple_new(n);
    if (t == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        obj_tuple_set_new(t, i, obj_newref(obj_list_get(o, i)));
    return t;
}

/* ---- sort ---------------------------------------------------------------- */

/* Stable bottom-up merge sort: O(n log n) comparisons, a buffer of n
 * pointers for the left runs (allocated once), no recursion. A comparison error stops the sort; the
 * list then holds every item exactly once, in some order. */
static int merge_runs(obj_t **a, size_t lo, size_t mid, size_t hi, obj_t **tmp, int reverse)
{
    size_t nl = mid - lo;
    memcpy(tmp, &a[lo], nl * sizeof(obj_t *));
    size_t i = 0, j = mid, k = lo;
    int status = 0;
    while (i < nl && j < hi) {
        /* Take from the right only when it is strictly before the left. */
        int before = status < 0 ? 0
                                : obj_richcompare_bool(reverse ? tmp[i] : a[j],
                                                       reverse ? a[j] : tmp[i], OBJ_LT);
        if (before < 0)
            status = -1, before = 0;
        a[k++] = before ? a[j++] : tmp[i++];
    }
    while (i < nl)
        a[k++] = tmp[i++];
    return status;
}

int obj_list_sort(obj_t *o, int reverse)
{
    obj_list_t *l = (obj_list_t *)o;
    size_t n = (size_t)l->base.size;
    if (n < 2)
        return 0;
    obj_t **tmp = obj_mem_alloc(n * sizeof(obj_t *));
    if (tmp == NULL)
        return -1;
    /* Detach the items while sorting, as CPython does, so that a comparison
     * that mutates the list cannot corrupt the sort. */
    obj_t **a = l->items;
    l->items = NULL;
    l->base.size = 0;
    int status = 0;
    for (size_t width = 1; width < n && status == 0; width *= 2)
        for (size_t lo = 0; lo + width < n && status == 0; lo += 2 * width) {
            size_t mid = lo + width, hi = mid + width < n ? mid + width : n;
            status = merge_runs(a, lo, mid, hi, tmp, reverse);
        }
    obj_mem_free(tmp);
    int mutated = l->items != NULL;
    list_clear(o);
    l->items = a;
    l->base.size = (obj_ssize_t)n;
    if (status == 0 && mutated) {
        obj_err_format(&obj_exc_ValueError, "list modified during sort");
        return -1;
    }
    return status;
}

/* ---- repr and comparison ------------------------------------------------- */

static obj_t *list_repr(obj_t *o)
{
    size_t n = obj_list_size(o);
    if (n == 0)
        return obj_str_from_cstr("[]");
    struct obj_repr_frame frame;
    if (obj_repr_enter(o, &frame))
        return obj_str_from_cstr("[...]");
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    obj_strbuf_append_cstr(&b, "[");
    for (size_t i = 0; i < obj_list_size(o); i++) {
        if (i)
            obj_strbuf_append_cstr(&b, ", ");
        /* The item is held while its repr runs: that repr may shrink the list. */
        obj_t *item = obj_newref(obj_list_get(o, i));
        int r = obj_strbuf_append_repr(&b, item);
        obj_decref(item);
        if (r < 0)
            break;
    }
    obj_strbuf_append_cstr(&b, "]");
    obj_repr_leave(&frame);
    return obj_strbuf_finish(&b);
}

static obj_t *list_richcompare(obj_t *a, obj_t *b, int op)
{
    if (!obj_list_check(b))
        return obj_newref(obj_not_implemented);
    return obj_sequence_richcompare(((obj_list_t *)a)->items, obj_list_size(a),
                                    ((obj_list_t *)b)->items, obj_list_size(b), op);
}

/* ---- sequence slots ------------------------------------------------------ */

static obj_ssize_t list_length(obj_t *o)
{
    return (obj_ssize_t)obj_list_size(o);
}

static obj_t *list_item(obj_t *o, obj_ssize_t i)
{
    return obj_newref(obj_list_get(o, (size_t)i));
}

static int list_contains(obj_t *o, obj_t *x)
{
    for (size_t i = 0; i < obj_list_size(o); i++) {
        obj_t *item = obj_newref(obj_list_get(o, i));
        int eq = obj_richcompare_bool(item, x, OBJ_EQ);
        obj_decref(item);
        if (eq != 0)
            return eq;
    }
    return 0;
}

static obj_t *list_concat(obj_t *a, obj_t *b)
{
    if (!obj_list_check(b))
        return obj_err_format(&obj_exc_TypeError, "can only concatenate list (not \"%s\") to list",
                              b->type->name);
    size_t na = obj_list_size(a), nb = obj_list_size(b);
    obj_t *r = obj_list_new(na + nb);
    if (r == NULL)
        return NULL;
    for (size_t i = 0; i < na; i++)
        obj_list_set_new(r, i, obj_newref(obj_list_get(a, i)));
    for (size_t i = 0; i < nb; i++)
        obj_list_set_new(r, na + i, obj_newref(obj_list_get(b, i)));
    return r;
}

static obj_t *list_repeat(obj_t *o, obj_ssize_t count)
{
    size_t n = obj_list_size(o);
    if (count <= 0 || n == 0)
        return obj_list_new(0);
    if ((size_t)count > MAX_ITEMS / n)
        return obj_err_no_memory();
    obj_t *r = obj_list_new(n * (size_t)count);
    if (r == NULL)
        return NULL;
    for (size_t k = 0; k < n * (size_t)count; k++)
        obj_list_set_new(r, k, obj_newref(obj_list_get(o, k % n)));
    return r;
}

/* ---- mapping slots: o[i], o[a:b:c], assignment and deletion -------------- */

static int list_index_of(obj_t *o, obj_t *key, obj_ssize_t *index)
{
    obj_ssize_t i = obj_number_as_ssize(key);
    if (i == -1 && obj_err_occurred()) {
        if (obj_err_matches(&obj_exc_TypeError))
            obj_err_format(&obj_exc_TypeError, "list indices must be integers or slices, not %s",
                           key->type->name);
        return -1;
    }
    obj_ssize_t n = (obj_ssize_t)obj_list_size(o);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n) {
        obj_err_format(&obj_exc_IndexError, "list index out of range");
        return -1;
    }
    *index = i;
    return 0;
}

static obj_t *list_subscript(obj_t *o, obj_t *key)
{
    if (!obj_slice_check(key)) {
        obj_ssize_t i;
        return list_index_of(o, key, &i) < 0 ? NULL : obj_newref(obj_list_get(o, (size_t)i));
    }
    obj_ssize_t start, stop, step, count;
    if (obj_slice_indices(key, (obj_ssize_t)obj_list_size(o), &start, &stop, &step, &count) < 0)
        return NULL;
    obj_t *r = obj_list_new((size_t)count);
    if (r == NULL)
        return NULL;
    for (obj_ssize_t k = 0; k < count; k++)
        obj_list_set_new(r, (size_t)k, obj_newref(obj_list_get(o, (size_t)(start + k * step))));
    return r;
}

/* o[start:stop] = items (n of them), step 1: resize the gap in place. The
 * replaced references are dropped only after the list is consistent. */
static int assign_simple_slice(obj_list_t *l, obj_ssize_t start, obj_ssize_t stop,
                               obj_t *const *items, size_t n)
{
    if (stop < start)
        stop = start;
    size_t old = (size_t)(stop - start), size = (size_t)l->base.size;
    obj_t **doomed = NULL;
    if (old > 0) {
        doomed = obj_mem_alloc(old * sizeof(obj_t *));
        if (doomed == NULL)
            return -1;
        memcpy(doomed, &l->items[start], old * sizeof(obj_t *));
    }
    if (n > old && reserve(l, size + n - old) < 0) {
        obj_mem_free(doomed);
        return -1;
    }
    memmove(&l->items[(size_t)start + n], &l->items[stop], (size - (size_t)stop) * sizeof(obj_t *));
    for (size_t i = 0; i < n; i++)
        l->items[(size_t)start + i] = obj_newref(items[i]);
    l->base.size = (obj_ssize_t)(size + n - old);
    for (size_t i = 0; i < old; i++)
        obj_decref(doomed[i]);
    obj_mem_free(doomed);
    return 0;
}

static int list_ass_slice(obj_t *o, obj_t *key, obj_t *value)
{
    obj_list_t *l = (obj_list_t *)o;
    obj_ssize_t start, stop, step, count;
    if (obj_slice_indices(key, l->base.size, &start, &stop, &step, &count) < 0)
        return -1;
    /* The new items as a tuple: a snapshot, safe even for l[:] = l. */
    obj_t *seq = NULL;
    if (value) {
        seq = obj_list_check(value)    ? obj_list_as_tuple(value)
              : obj_tuple_check(value) ? obj_newref(value)
                                       : NULL;
        if (seq == NULL && !obj_err_occurred()) {
            obj_t *tmp = obj_list_from_iterable(value);
            if (tmp == NULL) {
                if (obj_err_matches(&obj_exc_TypeError)) {
                    obj_err_clear();
                    obj_err_format(&obj_exc_TypeError, "can only assign an iterable");
                }
                return -1;
            }
            seq = obj_list_as_tuple(tmp);
            obj_decref(tmp);
        }
        if (seq == NULL)
            return -1;
    }
    obj_t *const *items = seq ? ((obj_tuple_t *)seq)->items : NULL;
    size_t n = seq ? obj_tuple_size(seq) : 0;
    int r = 0;
    if (step == 1) {
        r = assign_simple_slice(l, start, stop, items, n);
    } else if (value == NULL) {
        /* Extended deletion: compact the survivors, then drop the removed. */
        obj_t **doomed = count ? obj_mem_alloc((size_t)count * sizeof(obj_t *)) : NULL;
        if (count && doomed == NULL) {
            r = -1;
        } else {
            obj_ssize_t size = l->base.size, w = 0, d = 0;
            if (step < 0) { /* normalise to an ascending walk */
                start = start + step * (count - 1);
                step = -step;
            }
            for (obj_ssize_t i = 0; i < size; i++) {
                if (d < count && i == start + d * step)
                    doomed[d++] = l->items[i];
                else
                    l->items[w++] = l->items[i];
            }
            l->base.size = w;
            for (obj_ssize_t i = 0; i < count; i++)
                obj_decref(doomed[i]);
            obj_mem_free(doomed);
        }
    } else if ((obj_ssize_t)n != count) {
        obj_err_format(&obj_exc_ValueError,
                       "attempt to assign sequence of size %ld to extended slice of size %ld",
                       (long)n, (long)count);
        r = -1;
    } else {
        for (obj_ssize_t k = 0; k < count; k++)
            obj_list_set(o, (size_t)(start + k * step), obj_newref(items[k]));
    }
    obj_xdecref(seq);
    return r;
}

static int list_ass_subscript(obj_t *o, obj_t *key, obj_t *value)
{
    if (obj_slice_check(key))
        return list_ass_slice(o, key, value);
    obj_ssize_t i;
    if (list_index_of(o, key, &i) < 0) {
        if (obj_err_matches(&obj_exc_IndexError))
            obj_err_format(&obj_exc_IndexError, "list assignment index out of range");
        return -1;
    }
    if (value) {
        obj_list_set(o, (size_t)i, obj_newref(value));
        return 0;
    }
    return assign_simple_slice((obj_list_t *)o, i, i + 1, NULL, 0);
}

static size_t list_size_of(obj_t *o)
{
    obj_list_t *l = (obj_list_t *)o;
    return obj_mem_usable(obj_gc_head_of(o)) + (l->items ? obj_mem_usable(l->items) : 0);
}

/* ---- iterator ------------------------------------------------------------ */

static obj_t *list_iter(obj_t *o)
{
    return obj_seqiter_new(&obj_type_list_iterator, o);
}

OBJ_SEQITER_TYPE(obj_type_list_iterator, "list_iterator");

/* ---- methods ------------------------------------------------------------- */

#define ARITY(name, lo, hi)                                                                        \
    do {                                                                                           \
        if (obj_check_arity(name, nargs, lo, hi) < 0)                                              \
            return NULL;                                                                           \
    } while (0)

static obj_t *none_or_null(int status)
{
    return status < 0 ? NULL : obj_newref(obj_none);
}

static obj_t *m_append(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("list.append", 1, 1);
    return none_or_null(obj_list_append(self, args[0]));
}

static obj_t *m_extend(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("list.extend", 1, 1);
    return none_or_null(obj_list_extend(self, args[0]));
}

static obj_t *m_insert(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("insert", 2, 2);
    obj_ssize_t i = obj_number_as_ssize(args[0]);
    if (i == -1 && obj_err_occurred())
        return NULL;
    return none_or_null(obj_list_insert(self, i, args[1]));
}

static obj_t *m_pop(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("pop", 0, 1);
    obj_list_t *l = (obj_list_t *)self;
    if (l->base.size == 0)
        return obj_err_format(&obj_exc_IndexError, "pop from empty list");
    obj_ssize_t i = l->base.size - 1;
    if (nargs == 1) {
        i = obj_number_as_ssize(args[0]);
        if (i == -1 && obj_err_occurred())
            return NULL;
        if (i < 0)
            i += l->base.size;
        if (i < 0 || i >= l->base.size)
            return obj_err_format(&obj_exc_IndexError, "pop index out of range");
    }
    obj_t *item = l->items[i];
    memmove(&l->items[i], &l->items[i + 1], (size_t)(l->base.size - i - 1) * sizeof(obj_t *));
    l->base.size--;
    return item;
}

static obj_ssize_t find(obj_t *self, obj_t *x)
{
    for (size_t i = 0; i < obj_list_size(self); i++) {
        obj_t *item = obj_newref(obj_list_get(self, i));
        int eq = obj_richcompare_bool(item, x, OBJ_EQ);
        obj_decref(item);
        if (eq < 0)
            return -2;
        if (eq)
            return (obj_ssize_t)i;
    }
    return -1;
}

static obj_t *m_remove(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("list.remove", 1, 1);
    obj_ssize_t i = find(self, args[0]);
    if (i == -2)
        return NULL;
    if (i == -1)
        return obj_err_format(&obj_exc_ValueError, "list.remove(x): x not in list");
    return none_or_null(assign_simple_slice((obj_list_t *)self, i, i + 1, NULL, 0));
}

static obj_t *m_index(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("list.index", 1, 1);
    obj_ssize_t i = find(self, args[0]);
    if (i == -2)
        return NULL;
    if (i == -1) {
        obj_t *r = obj_repr(args[0]);
        if (r == NULL)
            return NULL;
        obj_err_format(&obj_exc_ValueError, "%s is not in list", obj_str_utf8(r, NULL));
        obj_decref(r);
        return NULL;
    }
    return obj_int_from_ssize(i);
}

static obj_t *m_count(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("list.count", 1, 1);
    obj_ssize_t count = 0;
    for (size_t i = 0; i < obj_list_size(self); i++) {
        obj_t *item = obj_newref(obj_list_get(self, i));
        int eq = obj_richcompare_bool(item, args[0], OBJ_EQ);
        obj_decref(item);
        if (eq < 0)
            return NULL;
        count += eq;
    }
    return obj_int_from_ssize(count);
}

static obj_t *m_clear(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("list.clear", 0, 0);
    list_clear(self);
    return obj_newref(obj_none);
}

static obj_t *m_copy(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("list.copy", 0, 0);
    return obj_list_from_iterable(self);
}

static obj_t *m_reverse(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("list.reverse", 0, 0);
    obj_list_t *l = (obj_list_t *)self;
    for (obj_ssize_t i = 0, j = l->base.size - 1; i < j; i++, j--) {
        obj_t *t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
    return obj_newref(obj_none);
}

/* sort(reverse=False): the keyword arrives positionally until the VM has
 * keyword arguments. */
static obj_t *m_sort(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("sort", 0, 1);
    int reverse = nargs ? obj_is_true(args[0]) : 0;
    if (reverse < 0)
        return NULL;
    return none_or_null(obj_list_sort(self, reverse));
}

static const struct obj_method list_methods[] = {
    {"append", m_append}, {"extend", m_extend},   {"insert", m_insert}, {"pop", m_pop},
    {"remove", m_remove}, {"index", m_index},     {"count", m_count},   {"clear", m_clear},
    {"copy", m_copy},     {"reverse", m_reverse}, {"sort", m_sort},     {0, 0},
};

static const struct obj_sequence_methods list_sequence = {
    .length = list_length,
    .concat = list_concat,
    .repeat = list_repeat,
    .item = list_item,
    .contains = list_contains,
};

static const struct obj_mapping_methods list_mapping = {
    .length = list_length,
    .subscript = list_subscript,
    .ass_subscript = list_ass_subscript,
};

const obj_type_t obj_type_list = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "list",
    .flags = OBJ_TYPE_GC | OBJ_TYPE_LIST_SUBCLASS,
    .basicsize = sizeof(obj_list_t),
    .dealloc = list_dealloc,
    .repr = list_repr,
    .richcompare = list_richcompare,
    .iter = list_iter,
    .traverse = list_traverse,
    .clear = list_clear,
    .size_of = list_size_of,
    .sequence = &list_sequence,
    .mapping = &list_mapping,
    .methods = list_methods,
};
