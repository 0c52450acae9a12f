/* dict: the compact, insertion-ordered hash table, its views and iterators.
 *
 * The keys block (one allocation):
 *
 *   +----------------------+-----------------------------+---------------------------+
 *   | nentries : 27 bits   | indices[2^log2size]         | entries[usable]           |
 *   | log2size :  5 bits   | int8/int16/int32 each       | {key, value}, in order    |
 *   +----------------------+-----------------------------+---------------------------+
 *
 * An index slot holds EMPTY (-1), DUMMY (-2, a deleted entry's slot, so probe
 * chains stay intact) or the position of an entry. usable = 2/3 of the slots
 * (CPython's USABLE_FRACTION); entries are only appended; a deleted entry keeps
 * its place with key NULL until the next resize compacts the array. When no
 * entry can be appended, the table is rebuilt for used * 3 (GROWTH_RATE) slots.
 * Probing is CPython's: i = hash & mask, then i = (5 i + 1 + perturb) & mask with
 * perturb >>= 5 each step, so every slot is eventually visited.
 *
 * The smallest table (8 slots, 5 entries) has no index array at all: lookups
 * scan its at most 5 entries, which costs no more than probing and saves the
 * index bytes in the most common dicts (a 5-entry dict: 72 bytes on 32-bit).
 *
 * Free list: dead dict objects (their keys blocks freed) wait on free list
 * OBJ_FL_DICT (objects/freelist.h), at most OBJ_FREELIST_DICT.
 */
#define OBJ_INTERNAL
#include <string.h>

#include "objects/dict.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/runtime.h"
#include "objects/str.h"
#include "objects/tuple.h"

#define IX_EMPTY      (-1)
#define IX_DUMMY      (-2)
#define MIN_LOG2      3 /* 8 slots, 5 usable entries */
#define PERTURB_SHIFT 5

struct dict_entry {
    obj_t *key; /* NULL: deleted */
    obj_t *value;
};

struct obj_dict_keys {
    uint32_t nentries : 27; /* entries appended so far, deleted ones included */
    uint32_t log2size : 5;
    _Alignas(sizeof(void *)) unsigned char indices[];
};

static size_t slots_of(const struct obj_dict_keys *k)
{
    return (size_t)1 << k->log2size;
}

static size_t usable_of(size_t slots)
{
    return (slots << 1) / 3;
}

/* Bytes per index slot; the smallest table has none (it is scanned). */
static size_t index_bytes(unsigned log2size)
{
    return log2size == MIN_LOG2 ? 0 : log2size <= 7 ? 1 : log2size <= 15 ? 2 : 4;
}

static struct dict_entry *entries_of(struct obj_dict_keys *k)
{
    size_t bytes = slots_of(k) * index_bytes(k->log2size);
    bytes = (bytes + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
    return (struct dict_entry *)(k->indices + bytes);
}

static long get_index(const struct obj_dict_keys *k, size_t i)
{
    switch (index_bytes(k->log2size)) {
    case 1: return ((const int8_t *)k->indices)[i];
    case 2: return ((const int16_t *)(const void *)k->indices)[i];
    default: return ((const int32_t *)(const void *)k->indices)[i];
    }
}

static void set_index(struct obj_dict_keys *k, size_t i, long ix)
{
    switch (index_bytes(k->log2size)) {
    case 0: break; /* the smallest table is scanned, it has no index */
    case 1: ((int8_t *)k->indices)[i] = (int8_t)ix; break;
    case 2: ((int16_t *)(void *)k->indices)[i] = (int16_t)ix; break;
    default: ((int32_t *)(void *)k->indices)[i] = (int32_t)ix; break;
    }
}

static struct obj_dict_keys *keys_new(unsigned log2size)
{
    size_t slots = (size_t)1 << log2size, ib = slots * index_bytes(log2size);
    ib = (ib + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
    size_t size =
        offsetof(struct obj_dict_keys, indices) + ib + usable_of(slots) * sizeof(struct dict_entry);
    struct obj_dict_keys *k = obj_mem_alloc(size);
    if (k == NULL)
        return NULL;
    k->nentries = 0;
    k->log2size = (uint8_t)log2size;
    memset(k->indices, 0xFF, slots * index_bytes(log2size)); /* all IX_EMPTY */
    return k;
}

/* ---- hashing and lookup -------------------------------------------------- */

/* Hash of a key already in the table: it was hashed successfully before. */
static obj_hash_t stored_key_hash(obj_t *key)
{
    return obj_hash(key);
}

static int exact_str_or_int(const obj_t *o)
{
    return o->type == &obj_type_str || o->type == &obj_type_int;
}

/* Find key. Returns the index slot (>= 0) and *entry (the entry's position, or
 * -1 if absent); -1 with an error when a comparison failed. */
static long lookup(obj_dict_t *d, obj_t *key, obj_hash_t hash, long *entry)
{
restart:;
    struct obj_dict_keys *k = d->keys;
    *entry = -1;
    if (k == NULL)
        return 0;
    size_t mask = slots_of(k) - 1, perturb = (size_t)hash, i = (size_t)hash & mask;
    struct dict_entry *ep = entries_of(k);
    int scan = k->log2size == MIN_LOG2; /* no index: entry i is slot i */
    if (scan)
        i = 0;
    for (;;) {
        long ix = scan ? (i < k->nentries ? (ep[i].key ? (long)i : IX_DUMMY) : IX_EMPTY)
                       : get_index(k, i);
        if (ix == IX_EMPTY)
            return (long)i;
        if (ix >= 0) {
            obj_t *ek = ep[ix].key;
            if (ek == key) {
                *entry = ix;
                return (long)i;
            }
            if (exact_str_or_int(ek) && exact_str_or_int(key)) {
                if (ek->type == key->type &&
                    (ek->type == &obj_type_str ? obj_str_equal(ek, key)
                                               : obj_int_compare(ek, key) == 0)) {
                    *entry = ix;
                    return (long)i;
                }
            } else if (stored_key_hash(ek) == hash) {
                obj_incref(ek);
                int eq = obj_richcompare_bool(ek, key, OBJ_EQ);
                obj_decref(ek);
                if (eq < 0)
                    return -1;
                if (d->keys != k || ep[ix].key != ek)
                    goto restart; /* the comparison changed the dict */
                if (eq) {
                    *entry = ix;
                    return (long)i;
                }
            }
        }
        if (scan) {
            i++;
            continue;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* An empty index slot for hash (the table must have one). */
static size_t find_empty_slot(struct obj_dict_keys *k, obj_hash_t hash)
{
    if (index_bytes(k->log2size) == 0)
        return k->nentries;
    size_t mask = slots_of(k) - 1, perturb = (size_t)hash, i = (size_t)hash & mask;
    while (get_index(k, i) != IX_EMPTY) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
    return i;
}

/* Rebuild the table with room for at least `minused` entries (compacting the
 * deleted ones). 0, or -1 with MemoryError and the dict unchanged. */
static int resize(obj_dict_t *d, size_t minused)
{
    unsigned log2 = MIN_LOG2;
    while (((size_t)1 << log2) < minused)
        log2++;
    struct obj_dict_keys *fresh = keys_new(log2), *old = d->keys;
    if (fresh == NULL)
        return -1;
    struct dict_entry *to = entries_of(fresh);
    if (old) {
        struct dict_entry *from = entries_of(old);
        for (uint32_t i = 0; i < old->nentries; i++) {
            if (from[i].key == NULL)
                continue;
            set_index(fresh, find_empty_slot(fresh, stored_key_hash(from[i].key)),
                      (long)fresh->nentries);
            to[fresh->nentries++] = from[i];
        }
        obj_mem_free(old);
    }
    d->keys = fresh;
    return 0;
}

/* CPython 3.12's _PyObject_GC_MAY_BE_TRACKED. */
static int may_be_tracked(obj_t *o)
{
    if (!(o->type->flags & OBJ_TYPE_GC) || obj_is_immortal(o))
        return 0;
    return !obj_tuple_check(o) || obj_gc_is_tracked(o);
}

static void maintain_tracking(obj_dict_t *d, obj_t *key, obj_t *value)
{
    if (!obj_gc_is_tracked((obj_t *)d) && (may_be_tracked(key) || may_be_tracked(value)))
        obj_gc_track((obj_t *)d);
}

/* CPython 3.12's _PyDict_MaybeUntrack, for the collector's full collections. */
int obj_dict_maybe_untrack(obj_t *d)
{
    if (!obj_gc_is_tracked(d))
        return 0;
    size_t pos = 0;
    obj_t *key, *value;
    while (obj_dict_next(d, &pos, &key, &value))
        if (may_be_tracked(value) || may_be_tracked(key))
            return 0;
    obj_gc_untrack(d);
    return 1;
}

/* ---- the C API ----------------------------------------------------------- */

OBJ_FREELIST_FITS(obj_dict_t);

obj_t *obj_dict_new(void)
{
    obj_dict_t *d = (obj_dict_t *)obj_freelist_pop(OBJ_FL_DICT);
    if (d == NULL) {
        d = (obj_dict_t *)obj_new(&obj_type_dict, 0);
        if (d == NULL)
            return NULL;
    }
    d->used = 0;
    d->keys = NULL;
    return (obj_t *)d;
}

obj_t *obj_dict_getitem(obj_t *o, obj_t *key)
{
    obj_dict_t *d = (obj_dict_t *)o;
    if (d->used == 0)
        return NULL;
    obj_hash_t hash = obj_hash(key);
    if (hash == -1)
        return NULL;
    long ix;
    if (lookup(d, key, hash, &ix) < 0 || ix < 0)
        return NULL;
    return entries_of(d->keys)[ix].value;
}

static int insert(obj_dict_t *d, obj_t *key, obj_hash_t hash, obj_t *value)
{
    long ix;
    if (lookup(d, key, hash, &ix) < 0)
        return -1;
    if (ix >= 0) {
        struct dict_entry *e = &entries_of(d->keys)[ix];
        obj_t *old = e->value;
        e->value = obj_newref(value);
        maintain_tracking(d, key, value);
        obj_decref(old);
        return 0;
    }
    if (d->keys == NULL || d->keys->nentries == usable_of(slots_of(d->keys))) {
        if (resize(d, d->used * 3 > 8 ? d->used * 3 : 8) < 0)
            return -1;
    }
    struct obj_dict_keys *k = d->keys;
    set_index(k, find_empty_slot(k, hash), (long)k->nentries);
    struct dict_entry *e = &entries_of(k)[k->nentries++];
    e->key = obj_newref(key);
    e->value = obj_newref(value);
    d->used++;
    maintain_tracking(d, key, value);
    return 0;
}

int obj_dict_setitem(obj_t *o, obj_t *key, obj_t *value)
{
    obj_hash_t hash = obj_hash(key);
    return hash == -1 ? -1 : insert((obj_dict_t *)o, key, hash, value);
}

static void set_key_error(obj_t *key)
{
    obj_err_set_value(&obj_exc_KeyError, obj_newref(key));
}

/* Remove the entry found at index slot i / entry ix; hands back its
 * references through *key and *value. */
static void remove_entry(obj_dict_t *d, long slot, long ix, obj_t **key, obj_t **value)
{
    struct dict_entry *e = &entries_of(d->keys)[ix];
    set_index(d->keys, (size_t)slot, IX_DUMMY);
    *key = e->key;
    *value = e->value;
    e->key = e->value = NULL;
    d->used--;
}

int obj_dict_delitem(obj_t *o, obj_t *key)
{
    obj_dict_t *d = (obj_dict_t *)o;
    obj_hash_t hash = obj_hash(key);
    if (hash == -1)
        return -1;
    long ix, slot = lookup(d, key, hash, &ix);
    if (slot < 0)
        return -1;
    if (ix < 0) {
        set_key_error(key);
        return -1;
    }
    obj_t *k, *v;
    remove_entry(d, slot, ix, &k, &v);
    obj_decref(k);
    obj_decref(v);
    return 0;
}

void obj_dict_clear(obj_t *o)
{
    obj_dict_t *d = (obj_dict_t *)o;
    struct obj_dict_keys *k = d->keys;
    d->keys = NULL;
    d->used = 0;
    if (k == NULL)
        return;
    struct dict_entry *e = entries_of(k);
    for (uint32_t i = 0; i < k->nentries; i++) {
        obj_xdecref(e[i].key);
        obj_xdecref(e[i].value);
    }
    obj_mem_free(k);
}

int obj_dict_next(obj_t *o, size_t *pos, obj_t **key, obj_t **value)
{
    obj_dict_t *d = (obj_dict_t *)o;
    if (d->keys == NULL)
        return 0;
    struct dict_entry *e = entries_of(d->keys);
    for (size_t i = *pos; i < d->keys->nentries; i++) {
        if (e[i].key) {
            if (key)
                *key = e[i].key;
            if (value)
                *value = e[i].value;
            *pos = i + 1;
            return 1;
        }
    }
    *pos = d->keys->nentries;
    return 0;
}

int obj_dict_merge(obj_t *o, obj_t *other)
{
    obj_dict_t *d = (obj_dict_t *)o, *src = (obj_dict_t *)other;
    if (o == other || src->used == 0)
        return 0;
    /* CPython clones the keys of a compact, not oversized source into an
     * empty dict, and the clone keeps the source's tracking; otherwise each
     * insertion tracks as usual. */
    int keep_tracking = d->used == 0 && src->used == src->keys->nentries &&
                        (src->keys->log2size == MIN_LOG2 ||
                         usable_of(slots_of(src->keys) / 2) < src->used);
    /* Grow once up front, as CPython's dict_merge does. */
    size_t want = d->used + src->used;
    if ((d->keys == NULL || usable_of(slots_of(d->keys)) - d->keys->nentries < src->used) &&
        resize(d, want * 3 / 2 + 1) < 0)
        return -1;
    size_t pos = 0;
    obj_t *key, *value;
    while (obj_dict_next(other, &pos, &key, &value))
        if (insert(d, key, stored_key_hash(key), value) < 0)
            return -1;
    if (keep_tracking && obj_gc_is_tracked(other))
        obj_gc_track(o);
    return 0;
}

obj_t *obj_dict_copy(obj_t *o)
{
    obj_dict_t *src = (obj_dict_t *)o;
    obj_t *copy = obj_dict_new();
    if (copy == NULL || src->used == 0)
        return copy;
    if (obj_dict_merge(copy, o) < 0) {
        obj_decref(copy);
        return NULL;
    }
    /* CPython's PyDict_Copy clones the keys when at most a third of the
     * entries are deleted, and the copy keeps the source's tracking (a dict
     * holding only atomic values may be tracked: it held a container once). */
    if (src->used >= src->keys->nentries * 2 / 3 && obj_gc_is_tracked(o))
        obj_gc_track(copy);
    return copy;
}

/* ---- type slots ---------------------------------------------------------- */

static void dict_dealloc(obj_t *o)
{
    obj_gc_untrack(o);
    if (!obj_trash_begin(o))
        return;
    obj_dict_clear(o);
    if (!obj_freelist_push(OBJ_FL_DICT, o))
        obj_free(o);
    obj_trash_end();
}

static int dict_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    size_t pos = 0;
    obj_t *key, *value;
    while (obj_dict_next(o, &pos, &key, &value)) {
        int r = visit(key, arg);
        if (r == 0)
            r = visit(value, arg);
        if (r)
            return r;
    }
    return 0;
}

static int dict_clear_slot(obj_t *o)
{
    obj_dict_clear(o);
    return 0;
}

static obj_t *dict_repr(obj_t *o)
{
    if (obj_dict_size(o) == 0)
        return obj_str_from_cstr("{}");
    struct obj_repr_frame frame;
    if (obj_repr_enter(o, &frame))
        return obj_str_from_cstr("{...}");
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    obj_strbuf_append_cstr(&b, "{");
    size_t pos = 0, n = 0;
    obj_t *key, *value;
    while (obj_dict_next(o, &pos, &key, &value)) {
        if (n++)
            obj_strbuf_append_cstr(&b, ", ");
        obj_incref(key);
        obj_incref(value);
        int r = obj_strbuf_append_repr(&b, key);
        obj_strbuf_append_cstr(&b, ": ");
        if (r == 0)
            r = obj_strbuf_append_repr(&b, value);
        obj_decref(key);
        obj_decref(value);
        if (r < 0)
            break;
    }
    obj_strbuf_append_cstr(&b, "}");
    obj_repr_leave(&frame);
    return obj_strbuf_finish(&b);
}

static int dict_equal(obj_t *a, obj_t *b)
{
    if (obj_dict_size(a) != obj_dict_size(b))
        return 0;
    size_t pos = 0;
    obj_t *key, *value;
    while (obj_dict_next(a, &pos, &key, &value)) {
        obj_incref(key);
        obj_incref(value);
        obj_t *other = obj_dict_getitem(b, key);
        int eq = other ? obj_richcompare_bool(value, other, OBJ_EQ) : obj_err_occurred() ? -1 : 0;
        obj_decref(key);
        obj_decref(value);
        if (eq <= 0)
            return eq;
    }
    return 1;
}

static obj_t *dict_richcompare(obj_t *a, obj_t *b, int op)
{
    if (!obj_dict_check(b) || (op != OBJ_EQ && op != OBJ_NE))
        return obj_newref(obj_not_implemented);
    int eq = dict_equal(a, b);
    return eq < 0 ? NULL : obj_bool_from(eq == (op == OBJ_EQ));
}

static obj_ssize_t dict_length(obj_t *o)
{
    return (obj_ssize_t)obj_dict_size(o);
}

static obj_t *dict_subscript(obj_t *o, obj_t *key)
{
    obj_t *v = obj_dict_getitem(o, key);
    if (v)
        return obj_newref(v);
    if (!obj_err_occurred())
        set_key_error(key);
    return NULL;
}

static int dict_ass_subscript(obj_t *o, obj_t *key, obj_t *value)
{
    return value ? obj_dict_setitem(o, key, value) : obj_dict_delitem(o, key);
}

static int dict_contains(obj_t *o, obj_t *key)
{
    if (obj_dict_getitem(o, key))
        return 1;
    return obj_err_occurred() ? -1 : 0;
}

static size_t dict_size_of(obj_t *o)
{
    obj_dict_t *d = (obj_dict_t *)o;
    return obj_mem_usable(obj_gc_head_of(o)) + (d->keys ? obj_mem_usable(d->keys) : 0);
}

/* ---- iterators and views ------------------------------------------------- */

enum { KIND_KEYS, KIND_VALUES, KIND_ITEMS };

typedef struct {
    obj_t base;
    obj_t *dict; /* NULL once exhausted */
    size_t pos, expected_used;
    int kind;
} dict_iterator_t;

typedef struct {
    obj_t base;
    obj_t *dict;
} dict_view_t;

static obj_t *iterator_new(obj_t *dict, int kind)
{
    dict_iterator_t *it = (dict_iterator_t *)obj_new(&obj_type_dict_iterator, 0);
    if (it == NULL)
        return NULL;
    it->dict = obj_newref(dict);
    it->pos = 0;
    it->expected_used = obj_dict_size(dict);
    it->kind = kind;
    obj_gc_track((obj_t *)it);
    return (obj_t *)it;
}

static obj_t *iterator_next(obj_t *o)
{
    dict_iterator_t *it = (dict_iterator_t *)o;
    if (it->dict == NULL)
        return NULL;
    if (obj_dict_size(it->dict) != it->expected_used) {
        it->expected_used = (size_t)-1; /* stays in error, as CPython's */
        return obj_err_format(&obj_exc_RuntimeError, "dictionary changed size during iteration");
    }
    obj_t *key, *value;
    if (!obj_dict_next(it->dict, &it->pos, &key, &value)) {
        obj_clear_ref(&it->dict);
        return NULL;
    }
    switch (it->kind) {
    case KIND_KEYS: return obj_newref(key);
    case KIND_VALUES: return obj_newref(value);
    default: return obj_tuple_pack(2, key, value);
    }
}

static void iterator_dealloc(obj_t *o)
{
    obj_gc_untrack(o);
    obj_xdecref(((dict_iterator_t *)o)->dict);
    obj_free(o);
}

static int iterator_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    obj_t *d = ((dict_iterator_t *)o)->dict;
    return d ? visit(d, arg) : 0;
}

const obj_type_t obj_type_dict_iterator = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "dict_iterator",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(dict_iterator_t),
    .dealloc = iterator_dealloc,
    .iter = obj_iter_self,
    .iternext = iterator_next,
    .traverse = iterator_traverse,
};

static obj_t *dict_iter(obj_t *o)
{
    return iterator_new(o, KIND_KEYS);
}

static obj_t *view_new(obj_t *dict, const obj_type_t *type)
{
    dict_view_t *v = (dict_view_t *)obj_new(type, 0);
    if (v == NULL)
        return NULL;
    v->dict = obj_newref(dict);
    obj_gc_track((obj_t *)v);
    return (obj_t *)v;
}

static void view_dealloc(obj_t *o)
{
    obj_gc_untrack(o);
    obj_decref(((dict_view_t *)o)->dict);
    obj_free(o);
}

static int view_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    return visit(((dict_view_t *)o)->dict, arg);
}

static obj_ssize_t view_length(obj_t *o)
{
    return (obj_ssize_t)obj_dict_size(((dict_view_t *)o)->dict);
}

static int view_kind(obj_t *o)
{
    return o->type == &obj_type_dict_keys     ? KIND_KEYS
           : o->type == &obj_type_dict_values ? KIND_VALUES
                                              : KIND_ITEMS;
}

static obj_t *view_iter(obj_t *o)
{
    return iterator_new(((dict_view_t *)o)->dict, view_kind(o));
}

static obj_t *view_repr(obj_t *o)
{
    struct obj_repr_frame frame;
    if (obj_repr_enter(o, &frame))
        return obj_str_from_cstr("...");
    obj_t *items = obj_list_from_iterable(o);
    obj_t *r = NULL;
    if (items) {
        struct obj_strbuf b;
        obj_strbuf_init(&b);
        obj_strbuf_append_cstr(&b, o->type->name);
        obj_strbuf_append_cstr(&b, "(");
        obj_strbuf_append_repr(&b, items);
        obj_strbuf_append_cstr(&b, ")");
        r = obj_strbuf_finish(&b);
        obj_decref(items);
    }
    obj_repr_leave(&frame);
    return r;
}

static int view_contains(obj_t *o, obj_t *x)
{
    obj_t *dict = ((dict_view_t *)o)->dict;
    switch (view_kind(o)) {
    case KIND_KEYS: return dict_contains(dict, x);
    case KIND_ITEMS: {
        if (!obj_tuple_check(x) || obj_tuple_size(x) != 2)
            return 0;
        obj_t *v = obj_dict_getitem(dict, obj_tuple_get(x, 0));
        if (v == NULL)
            return obj_err_occurred() ? -1 : 0;
        obj_incref(v);
        int eq = obj_richcompare_bool(v, obj_tuple_get(x, 1), OBJ_EQ);
        obj_decref(v);
        return eq;
    }
    default: {
        size_t pos = 0;
        obj_t *value;
        while (obj_dict_next(dict, &pos, NULL, &value)) {
            obj_incref(value);
            int eq = obj_richcompare_bool(value, x, OBJ_EQ);
            obj_decref(value);
            if (eq != 0)
                return eq;
        }
        return 0;
    }
    }
}

static const struct obj_sequence_methods view_sequence = {
    .length = view_length,
    .contains = view_contains,
};

#define VIEW_TYPE(cname, pyname)                                                                   \
    const obj_type_t cname = {                                                                     \
        .base = OBJ_TYPE_HEAD_INIT,                                                                \
        .name = pyname,                                                                            \
        .flags = OBJ_TYPE_GC,                                                                      \
        .basicsize = sizeof(dict_view_t),                                                          \
        .dealloc = view_dealloc,                                                                   \
        .repr = view_repr,                                                                         \
        .iter = view_iter,                                                                         \
        .traverse = view_traverse,                                                                 \
        .sequence = &view_sequence,                                                                \
    }
VIEW_TYPE(obj_type_dict_keys, "dict_keys");
VIEW_TYPE(obj_type_dict_values, "dict_values");
VIEW_TYPE(obj_type_dict_items, "dict_items");

/* ---- methods ------------------------------------------------------------- */

#define ARITY(name, lo, hi)                                                                        \
    do {                                                                                           \
        if (obj_check_arity(name, nargs, lo, hi) < 0)                                              \
            return NULL;                                                                           \
    } while (0)

static obj_t *m_get(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("get", 1, 2);
    obj_t *v = obj_dict_getitem(self, args[0]);
    if (v == NULL && obj_err_occurred())
        return NULL;
    return obj_newref(v ? v : nargs == 2 ? args[1] : obj_none);
}

static obj_t *m_setdefault(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("setdefault", 1, 2);
    obj_t *v = obj_dict_getitem(self, args[0]);
    if (v)
        return obj_newref(v);
    if (obj_err_occurred())
        return NULL;
    obj_t *dflt = nargs == 2 ? args[1] : obj_none;
    return obj_dict_setitem(self, args[0], dflt) < 0 ? NULL : obj_newref(dflt);
}

static obj_t *m_pop(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("pop", 1, 2);
    obj_dict_t *d = (obj_dict_t *)self;
    obj_hash_t hash = obj_hash(args[0]);
    if (hash == -1)
        return NULL;
    long ix, slot = lookup(d, args[0], hash, &ix);
    if (slot < 0)
        return NULL;
    if (ix < 0) {
        if (nargs == 2)
            return obj_newref(args[1]);
        set_key_error(args[0]);
        return NULL;
    }
    obj_t *k, *v;
    remove_entry(d, slot, ix, &k, &v);
    obj_decref(k);
    return v;
}

static obj_t *m_popitem(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("dict.popitem", 0, 0);
    obj_dict_t *d = (obj_dict_t *)self;
    if (d->used == 0)
        return obj_err_format(&obj_exc_KeyError, "popitem(): dictionary is empty");
    struct dict_entry *e = entries_of(d->keys);
    uint32_t i = d->keys->nentries;
    while (e[i - 1].key == NULL)
        i--;
    obj_t *pair = obj_tuple_pack(2, e[i - 1].key, e[i - 1].value);
    if (pair == NULL)
        return NULL;
    long ix;
    long slot = lookup(d, e[i - 1].key, stored_key_hash(e[i - 1].key), &ix);
    obj_t *k, *v;
    remove_entry(d, slot, ix, &k, &v);
    d->keys->nentries = i - 1; /* LIFO: the slot can be reused */
    obj_decref(k);
    obj_decref(v);
    return pair;
}

static obj_t *m_keys(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("dict.keys", 0, 0);
    return view_new(self, &obj_type_dict_keys);
}

static obj_t *m_values(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("dict.values", 0, 0);
    return view_new(self, &obj_type_dict_values);
}

static obj_t *m_items(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("dict.items", 0, 0);
    return view_new(self, &obj_type_dict_items);
}

/* update(other): a dict, or an iterable of key/value pairs. */
static obj_t *m_update(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("update", 0, 1);
    if (nargs == 0)
        return obj_newref(obj_none);
    if (obj_dict_check(args[0]))
        return obj_dict_merge(self, args[0]) < 0 ? NULL : obj_newref(obj_none);
    obj_t *it = obj_get_iter(args[0]);
    if (it == NULL)
        return NULL;
    obj_t *pair;
    size_t n = 0;
    while ((pair = obj_iter_next(it)) != NULL) {
        obj_t *items = obj_list_from_iterable(pair);
        int r = -1;
        if (items && obj_list_size(items) == 2)
            r = obj_dict_setitem(self, obj_list_get(items, 0), obj_list_get(items, 1));
        else if (items)
            obj_err_format(&obj_exc_ValueError,
                           "dictionary update sequence element #%u has length %u; 2 is required",
                           (unsigned)n, (unsigned)obj_list_size(items));
        else if (obj_err_matches(&obj_exc_TypeError))
            obj_err_format(&obj_exc_TypeError,
                           "cannot convert dictionary update sequence element #%u to a sequence",
                           (unsigned)n);
        obj_xdecref(items);
        obj_decref(pair);
        n++;
        if (r < 0)
            break;
    }
    obj_decref(it);
    return obj_err_occurred() ? NULL : obj_newref(obj_none);
}

static obj_t *m_clear(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("dict.clear", 0, 0);
    obj_dict_clear(self);
    return obj_newref(obj_none);
}

static obj_t *m_copy(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("dict.copy", 0, 0);
    return obj_dict_copy(self);
}

static const struct obj_method dict_methods[] = {
    {"get", m_get},
    {"setdefault", m_setdefault},
    {"pop", m_pop},
    {"popitem", m_popitem},
    {"keys", m_keys},
    {"values", m_values},
    {"items", m_items},
    {"update", m_update},
    {"clear", m_clear},
    {"copy", m_copy},
    {0, 0},
};

static const struct obj_sequence_methods dict_sequence = {
    .contains = dict_contains,
};

static const struct obj_mapping_methods dict_mapping = {
    .length = dict_length,
    .subscript = dict_subscript,
    .ass_subscript = dict_ass_subscript,
};

const obj_type_t obj_type_dict = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "dict",
    .flags = OBJ_TYPE_GC | OBJ_TYPE_DICT_SUBCLASS,
    .basicsize = sizeof(obj_dict_t),
    .dealloc = dict_dealloc,
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .iter = dict_iter,
    .traverse = dict_traverse,
    .clear = dict_clear_slot,
    .size_of = dict_size_of,
    .sequence = &dict_sequence,
    .mapping = &dict_mapping,
    .methods = dict_methods,
};
