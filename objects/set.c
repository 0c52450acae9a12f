/* set and frozenset: CPython 3.12's hash table (Objects/setobject.c), the set
 * algebra with CPython's construction paths, comparison as subset tests,
 * frozenset's hash, repr, iteration and the methods.
 *
 * Table (Knuth's Algorithm D with CPython's refinements): the home slot of a
 * hash h is h & mask; a probe inspects that slot and the LINEAR_PROBES slots
 * after it (when they are inside the table), then jumps:
 *     perturb >>= PERTURB_SHIFT;  i = (i * 5 + 1 + perturb) & mask
 * with perturb starting as h taken as an unsigned word, so that the high bits
 * of the hash eventually take part. An insertion into a never-used slot that
 * makes fill * 5 >= mask * 3 (60 %) rebuilds the table for used * 4 entries
 * (used * 2 past 50000), at the smallest power of two above that. Deleting
 * leaves a dummy (key DUMMY, hash -1), reused by a later insertion whose
 * probe passes it (the last one passed, as CPython). Every one of these
 * choices shows in the iteration order, which is the table order; each set
 * operation below inserts in the order CPython's does (which set it walks,
 * when it pre-sizes, when it copies a table wholesale), so that a program
 * sees the same orders as under CPython. tests/data/set_cases.txt checks that.
 * Cost: O(1) expected per insertion, lookup and deletion; a rebuild is
 * O(table).
 *
 * Memory on a 32-bit target: the object is 32 bytes plus the 8-byte GC
 * header, 40 in all; entries are 8 bytes, so the 8-slot minimum table is 64
 * bytes. CPython embeds that minimum table in every set (104 bytes here) to
 * save an allocation; this runtime allocates it on the first insertion
 * instead, so the many sets that stay empty (set() as an accumulator, the
 * empty results of set algebra) cost 40 bytes, and a set of 1..4 elements
 * costs 40 + 64 = 104, the same as embedding. clear() frees the table.
 *
 * Failure: every function leaves the set valid. An insertion whose growth
 * step cannot get memory is undone (the set keeps its old contents and
 * MemoryError is raised; CPython would keep the element in an overfull
 * table). Compacting dummies away after difference_update is optional: if it
 * cannot get memory the set stays as it is (a benign failure).
 */
#define OBJ_INTERNAL
#include <stdio.h>
#include <string.h>

#include "objects/dict.h"
#include "objects/runtime.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"

#define MINSIZE       8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define MAX_SLOTS     (((size_t)-1 >> 4) / sizeof(struct obj_set_entry))

_Static_assert((MINSIZE & (MINSIZE - 1)) == 0, "the minimum table size must be a power of two");

/* The key of a deleted entry: an address that is no object. */
static const char dummy_marker;
#define DUMMY ((obj_t *)(uintptr_t)&dummy_marker)

static int is_active(const struct obj_set_entry *e)
{
    return e->key != NULL && e->key != DUMMY;
}

/* ---- probing ------------------------------------------------------------- */

/* Find key. 1 with *found set, 0 if absent, -1 with an error. A comparison
 * that changes the table restarts the search. */
static int lookkey(obj_set_t *so, obj_t *key, obj_hash_t hash, struct obj_set_entry **found)
{
restart:
    if (so->table == NULL)
        return 0;
    size_t mask = so->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        struct obj_set_entry *entry = &so->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                return 0;
            if (entry->hash == hash) {
                obj_t *startkey = entry->key;
                if (startkey == key ||
                    (startkey->type == &obj_type_str && key->type == &obj_type_str &&
                     obj_str_equal(startkey, key))) {
                    *found = entry;
                    return 1;
                }
                struct obj_set_entry *table = so->table;
                obj_incref(startkey);
                int cmp = obj_richcompare_bool(startkey, key, OBJ_EQ);
                obj_decref(startkey);
                if (cmp < 0)
                    return -1;
                if (table != so->table || entry->key != startkey)
                    goto restart;
                if (cmp > 0) {
                    *found = entry;
                    return 1;
                }
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Put a key known to be absent into a table without dummies (no
 * comparisons, no reference count changes). */
static void insert_clean(struct obj_set_entry *table, size_t mask, obj_t *key, obj_hash_t hash)
{
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    struct obj_set_entry *entry;
    for (;;) {
        entry = &table[i];
        if (entry->key == NULL)
            goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL)
                    goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found:
    entry->key = key;
    entry->hash = hash;
}

/* Rebuild the table at the smallest power of two (>= MINSIZE) above minused,
 * dropping dummies. 0, or -1 with MemoryError and the set unchanged. Staying
 * at MINSIZE slots rebuilds in place and cannot fail. */
static int table_resize(obj_set_t *so, size_t minused)
{
    struct obj_set_entry small_copy[MINSIZE];
    struct obj_set_entry *oldtable = so->table, *newtable;
    size_t oldmask = so->mask, newsize = MINSIZE;
    while (newsize <= minused) {
        newsize <<= 1;
        if (newsize > MAX_SLOTS)
            return obj_err_no_memory(), -1;
    }
    if (newsize == MINSIZE && oldmask == MINSIZE - 1) {
        if (so->fill == so->used)
            return 0; /* no dummies (or no table): nothing to gain */
        memcpy(small_copy, oldtable, sizeof small_copy);
        newtable = oldtable;
        oldtable = small_copy;
    } else {
        newtable = obj_mem_alloc(newsize * sizeof *newtable);
        if (newtable == NULL)
            return -1;
    }
    memset(newtable, 0, newsize * sizeof *newtable);
    so->table = newtable;
    so->mask = newsize - 1;
    so->fill = so->used;
    if (oldtable) {
        for (size_t i = 0; i <= oldmask; i++)
            if (is_active(&oldtable[i]))
                insert_clean(newtable, so->mask, oldtable[i].key, oldtable[i].hash);
        if (oldtable != small_copy)
            obj_mem_free(oldtable);
    }
    return 0;
}

/* Give an empty, never-grown set its MINSIZE table. 0, or -1 with MemoryError. */
static int ensure_table(obj_set_t *so)
{
    if (so->table)
        return 0;
    so->table = obj_mem_alloc(MINSIZE * sizeof *so->table);
    if (so->table == NULL)
        return -1;
    memset(so->table, 0, MINSIZE * sizeof *so->table);
    so->mask = MINSIZE - 1;
    return 0;
}

/* Insert key (not stolen: the set takes its own reference) unless an equal
 * key is there. 0, or -1 with an error and the set unchanged. */
static int add_entry(obj_set_t *so, obj_t *key, obj_hash_t hash)
{
    struct obj_set_entry *entry, *freeslot;
    size_t mask, perturb, i;
    /* Held from now on: a comparison may drop the caller's reference. */
    obj_incref(key);
restart:
    if (ensure_table(so) < 0)
        goto fail;
    mask = so->mask;
    i = (size_t)hash & mask;
    perturb = (size_t)hash;
    freeslot = NULL;
    for (;;) {
        entry = &so->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                goto found_unused_or_dummy;
            if (entry->hash == hash) {
                obj_t *startkey = entry->key;
                if (startkey == key || (startkey->type == &obj_type_str &&
                                        key->type == &obj_type_str && obj_str_equal(startkey, key)))
                    goto found_active;
                struct obj_set_entry *table = so->table;
                obj_incref(startkey);
                int cmp = obj_richcompare_bool(startkey, key, OBJ_EQ);
                obj_decref(startkey);
                if (cmp > 0)
                    goto found_active;
                if (cmp < 0)
                    goto fail;
                if (table != so->table || entry->key != startkey)
                    goto restart;
            } else if (entry->hash == -1) {
                freeslot = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }

found_unused_or_dummy:
    if (freeslot) {
        freeslot->key = key;
        freeslot->hash = hash;
        so->used++;
        return 0;
    }
    entry->key = key;
    entry->hash = hash;
    so->fill++;
    so->used++;
    if (so->fill * 5 < mask * 3)
        return 0;
    if (table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4) == 0)
        return 0;
    /* No memory to grow: take the insertion back (the table is untouched). */
    entry->key = NULL;
    entry->hash = 0;
    so->fill--;
    so->used--;
    goto fail;

found_active:
    obj_decref(key);
    return 0;
fail:
    obj_decref(key);
    return -1;
}

static int add_key(obj_set_t *so, obj_t *key)
{
    obj_hash_t hash = obj_hash(key);
    return hash == -1 ? -1 : add_entry(so, key, hash);
}

static int contains_entry(obj_set_t *so, obj_t *key, obj_hash_t hash)
{
    struct obj_set_entry *entry;
    return lookkey(so, key, hash, &entry);
}

static int contains_key(obj_set_t *so, obj_t *key)
{
    obj_hash_t hash = obj_hash(key);
    return hash == -1 ? -1 : contains_entry(so, key, hash);
}

/* 1 if found and removed, 0 if absent, -1 with an error. */
static int discard_entry(obj_set_t *so, obj_t *key, obj_hash_t hash)
{
    struct obj_set_entry *entry;
    int found = lookkey(so, key, hash, &entry);
    if (found <= 0)
        return found;
    obj_t *old = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    obj_decref(old);
    return 1;
}

static int discard_key(obj_set_t *so, obj_t *key)
{
    obj_hash_t hash = obj_hash(key);
    return hash == -1 ? -1 : discard_entry(so, key, hash);
}

/* Next active entry at or after *pos (CPython's set_next). The bounds are
 * read afresh on every call, so a table changed by a comparison between
 * calls is walked safely (though perhaps not completely). */
static int set_next(obj_set_t *so, size_t *pos, struct obj_set_entry **entry)
{
    size_t i = *pos;
    if (so->table == NULL)
        return 0;
    while (i <= so->mask && !is_active(&so->table[i]))
        i++;
    *pos = i + 1;
    if (i > so->mask)
        return 0;
    *entry = &so->table[i];
    return 1;
}

/* ---- the hash ------------------------------------------------------------ */

static size_t shuffle_bits(size_t h)
{
    return ((h ^ 89869747u) ^ (h << 16)) * 3644798167u;
}

/* CPython's frozenset_hash: a commutative xor of the shuffled entry hashes, so
 * the result does not depend on order; never and deleted entries are xored in
 * too (cheaper than testing) and their effect removed after. Valid for a set
 * as well: the hash the equal frozenset would have. */
static obj_hash_t hash_of_entries(obj_set_t *so)
{
    size_t hash = 0;
    if (so->table) { /* a missing table is 8 never-used entries: they cancel out */
        for (size_t i = 0; i <= so->mask; i++)
            hash ^= shuffle_bits((size_t)so->table[i].hash);
        if ((so->mask + 1 - so->fill) & 1)
            hash ^= shuffle_bits(0);
        if ((so->fill - so->used) & 1)
            hash ^= shuffle_bits((size_t)-1);
    }
    hash ^= (so->used + 1) * 1927868237u;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069u + 907133923u;
    if (hash == (size_t)-1)
        hash = 590923713u;
    return (obj_hash_t)hash;
}

static obj_hash_t frozenset_hash(obj_t *o)
{
    obj_set_t *so = (obj_set_t *)o;
    if (so->hash == -1)
        so->hash = hash_of_entries(so);
    return so->hash;
}

/* A set used as a key (`s in t`, t.remove(s)) stands for the equal frozenset,
 * as in CPython: after a TypeError from hashing a set, retry with its
 * frozenset hash. */
static int retry_as_frozenset(obj_t *key)
{
    if (!obj_set_check(key) || !obj_err_matches(&obj_exc_TypeError))
        return 0;
    obj_err_clear();
    return 1;
}

/* ---- construction, lifetime, GC ------------------------------------------ */

static int set_clear_internal(obj_t *o)
{
    obj_set_t *so = (obj_set_t *)o;
    struct obj_set_entry *table = so->table;
    size_t mask = so->mask;
    /* Empty the set before dropping references: a key's deallocation may look
     * at the set. The finger stays, as in CPython (it shows in pop's order). */
    so->table = NULL;
    so->fill = so->used = 0;
    so->mask = MINSIZE - 1;
    so->hash = -1;
    if (table) {
        for (size_t i = 0; i <= mask; i++)
            if (is_active(&table[i]))
                obj_decref(table[i].key);
        obj_mem_free(table);
    }
    return 0;
}

static void set_dealloc(obj_t *o)
{
    obj_set_t *so = (obj_set_t *)o;
    obj_gc_untrack(o);
    if (!obj_trash_begin(o))
        return;
    if (so->table) {
        for (size_t i = 0; i <= so->mask; i++)
            if (is_active(&so->table[i]))
                obj_decref(so->table[i].key);
        obj_mem_free(so->table);
    }
    obj_free(o);
    obj_trash_end();
}

static int set_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    obj_set_t *so = (obj_set_t *)o;
    size_t pos = 0;
    struct obj_set_entry *entry;
    while (set_next(so, &pos, &entry)) {
        int r = visit(entry->key, arg);
        if (r)
            return r;
    }
    return 0;
}

/* s.update(other) for one argument: a set is merged table to table, a dict's
 * keys are added after one up-front resize, anything else is iterated. */
static int set_merge(obj_set_t *so, obj_set_t *other)
{
    if (other == so || other->used == 0)
        return 0;
    /* One resize up front, expecting few common keys. */
    if ((so->fill + other->used) * 5 >= so->mask * 3 &&
        table_resize(so, (so->used + other->used) * 2) < 0)
        return -1;
    if (ensure_table(so) < 0)
        return -1;
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        /* Same size, no dummies: copy the entries where they are. */
        for (size_t i = 0; i <= other->mask; i++) {
            obj_t *key = other->table[i].key;
            if (key) {
                so->table[i].key = obj_newref(key);
                so->table[i].hash = other->table[i].hash;
            }
        }
        so->fill = so->used = other->used;
        return 0;
    }
    if (so->fill == 0) {
        /* Empty: no duplicates and no comparisons possible. */
        so->fill = so->used = other->used;
        for (size_t i = 0; i <= other->mask; i++)
            if (is_active(&other->table[i]))
                insert_clean(so->table, so->mask, obj_newref(other->table[i].key),
                             other->table[i].hash);
        return 0;
    }
    /* Comparisons may change other: re-read its table at every step. */
    for (size_t i = 0; other->table && i <= other->mask; i++) {
        struct obj_set_entry *entry = &other->table[i];
        if (is_active(entry) && add_entry(so, entry->key, entry->hash) < 0)
            return -1;
    }
    return 0;
}

static int set_update_internal(obj_set_t *so, obj_t *other)
{
    if (obj_anyset_check(other))
        return set_merge(so, (obj_set_t *)other);
    if (other->type == &obj_type_dict) {
        size_t dictsize = obj_dict_size(other);
        if ((so->fill + dictsize) * 5 >= so->mask * 3 &&
            table_resize(so, (so->used + dictsize) * 2) < 0)
            return -1;
        size_t pos = 0;
        obj_t *key;
        while (obj_dict_next(other, &pos, &key, NULL))
            if (add_key(so, key) < 0)
                return -1;
        return 0;
    }
    obj_t *it = obj_get_iter(other);
    if (it == NULL)
        return -1;
    obj_t *key;
    while ((key = obj_iter_next(it)) != NULL) {
        int r = add_key(so, key);
        obj_decref(key);
        if (r < 0) {
            obj_decref(it);
            return -1;
        }
    }
    obj_decref(it);
    return obj_err_occurred() ? -1 : 0;
}

/* A new set or frozenset (type), filled from iterable when not NULL. */
static obj_set_t *make_new_set(const obj_type_t *type, obj_t *iterable)
{
    obj_set_t *so = (obj_set_t *)obj_new(type, 0);
    if (so == NULL)
        return NULL;
    so->fill = so->used = 0;
    so->mask = MINSIZE - 1;
    so->table = NULL;
    so->hash = -1;
    so->finger = 0;
    obj_gc_track((obj_t *)so);
    if (iterable && set_update_internal(so, iterable) < 0) {
        obj_decref((obj_t *)so);
        return NULL;
    }
    return so;
}

obj_t *obj_set_new(obj_t *iterable)
{
    return (obj_t *)make_new_set(&obj_type_set, iterable);
}

obj_t *obj_frozenset_new(obj_t *iterable)
{
    if (iterable && obj_frozenset_check(iterable))
        return obj_newref(iterable);
    return (obj_t *)make_new_set(&obj_type_frozenset, iterable);
}

/* A copy of the same type (set_copy; frozenset.copy() returns self instead). */
static obj_t *set_copy(obj_set_t *so)
{
    return (obj_t *)make_new_set(so->base.type, (obj_t *)so);
}

/* Exchange the contents of a and b (the finger stays with its object). The
 * cached hashes follow only between two frozensets. */
static void swap_bodies(obj_set_t *a, obj_set_t *b)
{
    obj_set_t t = *a;
    a->fill = b->fill;
    a->used = b->used;
    a->mask = b->mask;
    a->table = b->table;
    b->fill = t.fill;
    b->used = t.used;
    b->mask = t.mask;
    b->table = t.table;
    if (obj_frozenset_check((obj_t *)a) && obj_frozenset_check((obj_t *)b)) {
        a->hash = b->hash;
        b->hash = t.hash;
    } else {
        a->hash = b->hash = -1;
    }
}

/* ---- the set algebra (setobject.c's functions of the same names) ---------- */

static obj_t *set_or(obj_t *a, obj_t *b)
{
    if (!obj_anyset_check(a) || !obj_anyset_check(b))
        return obj_newref(obj_not_implemented);
    obj_t *result = set_copy((obj_set_t *)a);
    if (result == NULL || a == b)
        return result;
    if (set_update_internal((obj_set_t *)result, b) < 0) {
        obj_decref(result);
        return NULL;
    }
    return result;
}

/* so & other: walks the smaller set (the argument on a tie) and keeps what the
 * larger contains; for other iterables, walks them and stops early once every
 * element of so was found. */
static obj_t *set_intersection(obj_set_t *so, obj_t *other)
{
    if ((obj_t *)so == other)
        return set_copy(so);
    obj_set_t *result = make_new_set(so->base.type, NULL);
    if (result == NULL)
        return NULL;
    if (obj_anyset_check(other)) {
        obj_set_t *big = so, *small = (obj_set_t *)other;
        if (small->used > big->used) {
            big = small;
            small = so;
        }
        size_t pos = 0;
        struct obj_set_entry *entry;
        while (set_next(small, &pos, &entry)) {
            obj_t *key = obj_newref(entry->key);
            obj_hash_t hash = entry->hash;
            int rv = contains_entry(big, key, hash);
            if (rv > 0)
                rv = add_entry(result, key, hash);
            obj_decref(key);
            if (rv < 0)
                goto error;
        }
        return (obj_t *)result;
    }
    obj_t *it = obj_get_iter(other);
    if (it == NULL)
        goto error;
    obj_t *key;
    while ((key = obj_iter_next(it)) != NULL) {
        obj_hash_t hash = obj_hash(key);
        int rv = hash == -1 ? -1 : contains_entry(so, key, hash), found = rv > 0;
        if (found)
            rv = add_entry(result, key, hash);
        obj_decref(key);
        if (rv < 0 || (found && result->used >= so->used))
            break;
    }
    obj_decref(it);
    if (!obj_err_occurred())
        return (obj_t *)result;
error:
    obj_decref((obj_t *)result);
    return NULL;
}

static obj_t *set_and(obj_t *a, obj_t *b)
{
    if (!obj_anyset_check(a) || !obj_anyset_check(b))
        return obj_newref(obj_not_implemented);
    return set_intersection((obj_set_t *)a, b);
}

static obj_t *intersection_multi(obj_set_t *so, obj_t *const *others, size_t n)
{
    if (n == 0)
        return set_copy(so);
    obj_t *result = obj_newref((obj_t *)so);
    for (size_t i = 0; i < n; i++) {
        obj_t *next = set_intersection((obj_set_t *)result, others[i]);
        obj_decref(result);
        if (next == NULL)
            return NULL;
        result = next;
    }
    return result;
}

/* Replace so's contents by tmp's (steals tmp; NULL passes the error on). */
static int take_body(obj_set_t *so, obj_t *tmp)
{
    if (tmp == NULL)
        return -1;
    swap_bodies(so, (obj_set_t *)tmp);
    obj_decref(tmp);
    return 0;
}

static int isdisjoint(obj_set_t *so, obj_t *other)
{
    if ((obj_t *)so == other)
        return so->used == 0;
    if (obj_anyset_check(other)) {
        obj_set_t *big = so, *small = (obj_set_t *)other;
        if (small->used > big->used) {
            big = small;
            small = so;
        }
        size_t pos = 0;
        struct obj_set_entry *entry;
        while (set_next(small, &pos, &entry)) {
            obj_t *key = obj_newref(entry->key);
            int rv = contains_entry(big, key, entry->hash);
            obj_decref(key);
            if (rv != 0)
                return rv < 0 ? -1 : 0;
        }
        return 1;
    }
    obj_t *it = obj_get_iter(other);
    if (it == NULL)
        return -1;
    obj_t *key;
    int rv = 0;
    while (rv == 0 && (key = obj_iter_next(it)) != NULL) {
        rv = contains_key(so, key);
        obj_decref(key);
    }
    obj_decref(it);
    if (rv == 0 && obj_err_occurred())
        return -1;
    return rv < 0 ? -1 : !rv;
}

static int difference_update_internal(obj_set_t *so, obj_t *other)
{
    if ((obj_t *)so == other)
        return set_clear_internal((obj_t *)so);
    if (obj_anyset_check(other)) {
        /* Much larger other: discard only the common part. */
        if ((obj_set_size(other) >> 3) > so->used) {
            other = set_intersection(so, other);
            if (other == NULL)
                return -1;
        } else {
            obj_incref(other);
        }
        size_t pos = 0;
        struct obj_set_entry *entry;
        while (set_next((obj_set_t *)other, &pos, &entry)) {
            obj_t *key = obj_newref(entry->key);
            int rv = discard_entry(so, key, entry->hash);
            obj_decref(key);
            if (rv < 0) {
                obj_decref(other);
                return -1;
            }
        }
        obj_decref(other);
    } else {
        obj_t *it = obj_get_iter(other);
        if (it == NULL)
            return -1;
        obj_t *key;
        while ((key = obj_iter_next(it)) != NULL) {
            int rv = discard_key(so, key);
            obj_decref(key);
            if (rv < 0) {
                obj_decref(it);
                return -1;
            }
        }
        obj_decref(it);
        if (obj_err_occurred())
            return -1;
    }
    /* More than a quarter dummies: compact (optional, so a benign failure). */
    if (so->fill - so->used > so->mask / 4 &&
        table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4) < 0)
        obj_err_clear();
    return 0;
}

static obj_t *copy_and_difference(obj_set_t *so, obj_t *other)
{
    obj_t *result = set_copy(so);
    if (result && difference_update_internal((obj_set_t *)result, other) < 0) {
        obj_decref(result);
        return NULL;
    }
    return result;
}

/* so - other: when other is a set or dict not much smaller than so, keep the
 * elements of so (in so's order) that other lacks; otherwise copy so and
 * discard other's elements from the copy. */
static obj_t *set_difference(obj_set_t *so, obj_t *other)
{
    size_t other_size;
    int is_dict = other->type == &obj_type_dict;
    if (obj_anyset_check(other))
        other_size = obj_set_size(other);
    else if (is_dict)
        other_size = obj_dict_size(other);
    else
        return copy_and_difference(so, other);
    if ((so->used >> 2) > other_size)
        return copy_and_difference(so, other);
    obj_set_t *result = make_new_set(so->base.type, NULL);
    if (result == NULL)
        return NULL;
    size_t pos = 0;
    struct obj_set_entry *entry;
    while (set_next(so, &pos, &entry)) {
        obj_t *key = obj_newref(entry->key);
        obj_hash_t hash = entry->hash;
        int rv;
        if (is_dict) {
            rv = obj_dict_getitem(other, key) != NULL;
            if (!rv && obj_err_occurred())
                rv = -1;
        } else {
            rv = contains_entry((obj_set_t *)other, key, hash);
        }
        if (rv == 0)
            rv = add_entry(result, key, hash);
        obj_decref(key);
        if (rv < 0) {
            obj_decref((obj_t *)result);
            return NULL;
        }
    }
    return (obj_t *)result;
}

static obj_t *set_sub(obj_t *a, obj_t *b)
{
    if (!obj_anyset_check(a) || !obj_anyset_check(b))
        return obj_newref(obj_not_implemented);
    return set_difference((obj_set_t *)a, b);
}

/* Toggle key: discard it if present, add it otherwise. */
static int toggle(obj_set_t *so, obj_t *key, obj_hash_t hash)
{
    obj_incref(key);
    int rv = discard_entry(so, key, hash);
    if (rv == 0)
        rv = add_entry(so, key, hash);
    obj_decref(key);
    return rv < 0 ? -1 : 0;
}

static int symmetric_difference_update(obj_set_t *so, obj_t *other)
{
    if ((obj_t *)so == other)
        return set_clear_internal((obj_t *)so);
    if (other->type == &obj_type_dict) {
        size_t pos = 0;
        obj_t *key;
        while (obj_dict_next(other, &pos, &key, NULL)) {
            obj_hash_t hash = obj_hash(key);
            if (hash == -1 || toggle(so, key, hash) < 0)
                return -1;
        }
        return 0;
    }
    obj_set_t *otherset;
    if (obj_anyset_check(other)) {
        otherset = (obj_set_t *)obj_newref(other);
    } else {
        otherset = make_new_set(so->base.type, other);
        if (otherset == NULL)
            return -1;
    }
    size_t pos = 0;
    struct obj_set_entry *entry;
    int rv = 0;
    while (rv == 0 && set_next(otherset, &pos, &entry))
        rv = toggle(so, entry->key, entry->hash);
    obj_decref((obj_t *)otherset);
    return rv;
}

/* so ^ other: a set of so's type made from other, then toggled by so's
 * elements. */
static obj_t *set_symmetric_difference(obj_set_t *so, obj_t *other)
{
    obj_set_t *result = make_new_set(so->base.type, other);
    if (result && symmetric_difference_update(result, (obj_t *)so) < 0) {
        obj_decref((obj_t *)result);
        return NULL;
    }
    return (obj_t *)result;
}

static obj_t *set_xor(obj_t *a, obj_t *b)
{
    if (!obj_anyset_check(a) || !obj_anyset_check(b))
        return obj_newref(obj_not_implemented);
    return set_symmetric_difference((obj_set_t *)a, b);
}

/* so <= other: 1, 0 or -1. */
static int issubset(obj_set_t *so, obj_t *other)
{
    if (!obj_anyset_check(other)) {
        obj_t *tmp = set_intersection(so, other);
        if (tmp == NULL)
            return -1;
        int result = obj_set_size(tmp) == so->used;
        obj_decref(tmp);
        return result;
    }
    if (so->used > obj_set_size(other))
        return 0;
    size_t pos = 0;
    struct obj_set_entry *entry;
    while (set_next(so, &pos, &entry)) {
        obj_t *key = obj_newref(entry->key);
        int rv = contains_entry((obj_set_t *)other, key, entry->hash);
        obj_decref(key);
        if (rv <= 0)
            return rv;
    }
    return 1;
}

static int issuperset(obj_set_t *so, obj_t *other)
{
    if (obj_anyset_check(other))
        return issubset((obj_set_t *)other, (obj_t *)so);
    obj_t *it = obj_get_iter(other);
    if (it == NULL)
        return -1;
    obj_t *key;
    int rv = 1;
    while (rv == 1 && (key = obj_iter_next(it)) != NULL) {
        rv = contains_key(so, key);
        obj_decref(key);
    }
    obj_decref(it);
    if (rv == 1 && obj_err_occurred())
        return -1;
    return rv;
}

static obj_t *bool_or_null(int truth)
{
    return truth < 0 ? NULL : obj_bool_from(truth);
}

static obj_t *set_richcompare(obj_t *v, obj_t *w, int op)
{
    if (!obj_anyset_check(w))
        return obj_newref(obj_not_implemented);
    obj_set_t *so = (obj_set_t *)v, *other = (obj_set_t *)w;
    int truth;
    switch (op) {
    case OBJ_EQ:
    case OBJ_NE:
        if (so->used != other->used)
            truth = 0;
        else if (so->hash != -1 && other->hash != -1 && so->hash != other->hash)
            truth = 0;
        else
            truth = issubset(so, w);
        if (truth >= 0 && op == OBJ_NE)
            truth = !truth;
        break;
    case OBJ_LE: truth = issubset(so, w); break;
    case OBJ_GE: truth = issuperset(so, w); break;
    case OBJ_LT: truth = so->used < other->used ? issubset(so, w) : 0; break;
    default: truth = so->used > other->used ? issuperset(so, w) : 0; break;
    }
    return bool_or_null(truth);
}

/* ---- the C API ----------------------------------------------------------- */

int obj_set_add(obj_t *s, obj_t *key)
{
    return add_key((obj_set_t *)s, key);
}

int obj_set_discard(obj_t *s, obj_t *key)
{
    return discard_key((obj_set_t *)s, key);
}

int obj_set_contains(obj_t *s, obj_t *key)
{
    obj_set_t *so = (obj_set_t *)s;
    int rv = contains_key(so, key);
    if (rv < 0 && retry_as_frozenset(key))
        rv = contains_entry(so, key, hash_of_entries((obj_set_t *)key));
    return rv;
}

void obj_set_clear(obj_t *s)
{
    set_clear_internal(s);
}

/* The finger remembers where the last pop stopped, so that popping every
 * element costs O(table) in all, not O(table) each. */
obj_t *obj_set_pop(obj_t *s)
{
    obj_set_t *so = (obj_set_t *)s;
    if (so->used == 0)
        return obj_err_format(&obj_exc_KeyError, "pop from an empty set");
    struct obj_set_entry *entry = so->table + (so->finger & so->mask);
    while (!is_active(entry)) {
        entry++;
        if (entry > so->table + so->mask)
            entry = so->table;
    }
    obj_t *key = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    so->finger = (size_t)(entry - so->table) + 1;
    return key;
}

int obj_set_update(obj_t *s, obj_t *iterable)
{
    return set_update_internal((obj_set_t *)s, iterable);
}

int obj_set_next(obj_t *s, size_t *pos, obj_t **key, obj_hash_t *hash)
{
    struct obj_set_entry *entry;
    if (!set_next((obj_set_t *)s, pos, &entry))
        return 0;
    if (key)
        *key = entry->key;
    if (hash)
        *hash = entry->hash;
    return 1;
}

static obj_t *self_or_null(obj_t *s, int status)
{
    return status < 0 ? NULL : obj_newref(s);
}

obj_t *obj_set_inplace_or(obj_t *s, obj_t *other)
{
    if (!obj_anyset_check(other))
        return obj_newref(obj_not_implemented);
    return self_or_null(s, set_update_internal((obj_set_t *)s, other));
}

obj_t *obj_set_inplace_and(obj_t *s, obj_t *other)
{
    if (!obj_anyset_check(other))
        return obj_newref(obj_not_implemented);
    return self_or_null(s, take_body((obj_set_t *)s, set_intersection((obj_set_t *)s, other)));
}

obj_t *obj_set_inplace_sub(obj_t *s, obj_t *other)
{
    if (!obj_anyset_check(other))
        return obj_newref(obj_not_implemented);
    return self_or_null(s, difference_update_internal((obj_set_t *)s, other));
}

obj_t *obj_set_inplace_xor(obj_t *s, obj_t *other)
{
    if (!obj_anyset_check(other))
        return obj_newref(obj_not_implemented);
    return self_or_null(s, symmetric_difference_update((obj_set_t *)s, other));
}

/* ---- repr, sizes, slots --------------------------------------------------- */

/* {1, 2} / set() for sets; frozenset({1, 2}) / frozenset() for frozensets;
 * set(...) for a set met again inside its own repr. */
static obj_t *set_repr(obj_t *o)
{
    obj_set_t *so = (obj_set_t *)o;
    const char *name = o->type->name;
    struct obj_repr_frame frame;
    if (obj_repr_enter(o, &frame))
        return obj_str_from_format("%s(...)", name);
    if (so->used == 0) {
        obj_repr_leave(&frame);
        return obj_str_from_format("%s()", name);
    }
    /* The items' reprs run arbitrary code: work from a snapshot. */
    obj_t *keys = obj_tuple_new(so->used);
    if (keys == NULL) {
        obj_repr_leave(&frame);
        return NULL;
    }
    size_t pos = 0, n = 0;
    struct obj_set_entry *entry;
    while (set_next(so, &pos, &entry))
        obj_tuple_set_new(keys, n++, obj_newref(entry->key));
    int exact_set = obj_set_check(o);
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    if (!exact_set) {
        obj_strbuf_append_cstr(&b, name);
        obj_strbuf_append_cstr(&b, "(");
    }
    obj_strbuf_append_cstr(&b, "{");
    for (size_t i = 0; i < n; i++) {
        if (i)
            obj_strbuf_append_cstr(&b, ", ");
        if (obj_strbuf_append_repr(&b, obj_tuple_get(keys, i)) < 0)
            break;
    }
    obj_strbuf_append_cstr(&b, exact_set ? "}" : "})");
    obj_decref(keys);
    obj_repr_leave(&frame);
    return obj_strbuf_finish(&b);
}

static obj_ssize_t set_length(obj_t *o)
{
    return (obj_ssize_t)obj_set_size(o);
}

static size_t set_size_of(obj_t *o)
{
    obj_set_t *so = (obj_set_t *)o;
    return obj_mem_usable(obj_gc_head_of(o)) + (so->table ? obj_mem_usable(so->table) : 0);
}

/* ---- iterator -------------------------------------------------------------- */

typedef struct {
    obj_t base;
    obj_t *set;  /* NULL once exhausted */
    size_t used; /* the set's size when iteration began; SIZE_MAX after the error */
    size_t pos;
} set_iterator_t;

static obj_t *set_iter(obj_t *o)
{
    set_iterator_t *it = (set_iterator_t *)obj_new(&obj_type_set_iterator, 0);
    if (it == NULL)
        return NULL;
    it->set = obj_newref(o);
    it->used = obj_set_size(o);
    it->pos = 0;
    obj_gc_track((obj_t *)it);
    return (obj_t *)it;
}

static obj_t *set_iter_next(obj_t *o)
{
    set_iterator_t *it = (set_iterator_t *)o;
    if (it->set == NULL)
        return NULL;
    obj_set_t *so = (obj_set_t *)it->set;
    if (it->used != so->used) {
        it->used = (size_t)-1; /* stays in error, as CPython's */
        return obj_err_format(&obj_exc_RuntimeError, "Set changed size during iteration");
    }
    struct obj_set_entry *entry;
    if (set_next(so, &it->pos, &entry))
        return obj_newref(entry->key);
    obj_clear_ref(&it->set);
    return NULL;
}

static void set_iter_dealloc(obj_t *o)
{
    obj_gc_untrack(o);
    obj_xdecref(((set_iterator_t *)o)->set);
    obj_free(o);
}

static int set_iter_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    obj_t *s = ((set_iterator_t *)o)->set;
    return s ? visit(s, arg) : 0;
}

const obj_type_t obj_type_set_iterator = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "set_iterator",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(set_iterator_t),
    .dealloc = set_iter_dealloc,
    .iter = obj_iter_self,
    .iternext = set_iter_next,
    .traverse = set_iter_traverse,
};

/* ---- methods --------------------------------------------------------------- */

/* Arity check naming the method as CPython does ("set.add", "frozenset.union"). */
static int arity(obj_t *self, const char *method, size_t nargs, size_t lo, size_t hi)
{
    if (nargs >= lo && nargs <= hi)
        return 0;
    char name[40];
    snprintf(name, sizeof name, "%s.%s", self->type->name, method);
    return obj_check_arity(name, nargs, lo, hi);
}

#define ARITY(method, lo, hi)                                                                      \
    do {                                                                                           \
        if (arity(self, method, nargs, lo, hi) < 0)                                                \
            return NULL;                                                                           \
    } while (0)

static obj_t *none_or_null(int status)
{
    return status < 0 ? NULL : obj_newref(obj_none);
}

#define SO ((obj_set_t *)self)

static obj_t *m_add(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("add", 1, 1);
    return none_or_null(add_key(SO, args[0]));
}

static obj_t *m_clear(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("clear", 0, 0);
    return none_or_null(set_clear_internal(self));
}

static obj_t *m_copy(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("copy", 0, 0);
    return obj_frozenset_check(self) ? obj_newref(self) : set_copy(SO);
}

/* discard/remove: 1 removed, 0 absent, -1 error; a set key stands for the
 * equal frozenset. */
static int discard_any(obj_t *self, obj_t *key)
{
    int rv = discard_key(SO, key);
    if (rv < 0 && retry_as_frozenset(key))
        rv = discard_entry(SO, key, hash_of_entries((obj_set_t *)key));
    return rv;
}

static obj_t *m_discard(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("discard", 1, 1);
    return none_or_null(discard_any(self, args[0]));
}

static obj_t *m_remove(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("remove", 1, 1);
    int rv = discard_any(self, args[0]);
    if (rv == 0) {
        obj_err_set_value(&obj_exc_KeyError, obj_newref(args[0]));
        return NULL;
    }
    return none_or_null(rv);
}

static obj_t *m_pop(obj_t *self, obj_t *const *args, size_t nargs)
{
    (void)args;
    ARITY("pop", 0, 0);
    return obj_set_pop(self);
}

static obj_t *m_update(obj_t *self, obj_t *const *args, size_t nargs)
{
    for (size_t i = 0; i < nargs; i++)
        if (set_update_internal(SO, args[i]) < 0)
            return NULL;
    return obj_newref(obj_none);
}

static obj_t *m_union(obj_t *self, obj_t *const *args, size_t nargs)
{
    obj_t *result = set_copy(SO);
    for (size_t i = 0; result && i < nargs; i++) {
        if (args[i] != self && set_update_internal((obj_set_t *)result, args[i]) < 0) {
            obj_decref(result);
            result = NULL;
        }
    }
    return result;
}

static obj_t *m_intersection(obj_t *self, obj_t *const *args, size_t nargs)
{
    return intersection_multi(SO, args, nargs);
}

static obj_t *m_intersection_update(obj_t *self, obj_t *const *args, size_t nargs)
{
    return none_or_null(take_body(SO, intersection_multi(SO, args, nargs)));
}

static obj_t *m_difference(obj_t *self, obj_t *const *args, size_t nargs)
{
    if (nargs == 0)
        return set_copy(SO);
    obj_t *result = set_difference(SO, args[0]);
    for (size_t i = 1; result && i < nargs; i++) {
        if (difference_update_internal((obj_set_t *)result, args[i]) < 0) {
            obj_decref(result);
            result = NULL;
        }
    }
    return result;
}

static obj_t *m_difference_update(obj_t *self, obj_t *const *args, size_t nargs)
{
    for (size_t i = 0; i < nargs; i++)
        if (difference_update_internal(SO, args[i]) < 0)
            return NULL;
    return obj_newref(obj_none);
}

static obj_t *m_symmetric_difference(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("symmetric_difference", 1, 1);
    return set_symmetric_difference(SO, args[0]);
}

static obj_t *m_symmetric_difference_update(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("symmetric_difference_update", 1, 1);
    return none_or_null(symmetric_difference_update(SO, args[0]));
}

static obj_t *m_isdisjoint(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("isdisjoint", 1, 1);
    return bool_or_null(isdisjoint(SO, args[0]));
}

static obj_t *m_issubset(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("issubset", 1, 1);
    return bool_or_null(issubset(SO, args[0]));
}

static obj_t *m_issuperset(obj_t *self, obj_t *const *args, size_t nargs)
{
    ARITY("issuperset", 1, 1);
    return bool_or_null(issuperset(SO, args[0]));
}

#undef SO

static const struct obj_method set_methods[] = {
    {"add", m_add},
    {"clear", m_clear},
    {"copy", m_copy},
    {"discard", m_discard},
    {"difference", m_difference},
    {"difference_update", m_difference_update},
    {"intersection", m_intersection},
    {"intersection_update", m_intersection_update},
    {"isdisjoint", m_isdisjoint},
    {"issubset", m_issubset},
    {"issuperset", m_issuperset},
    {"pop", m_pop},
    {"remove", m_remove},
    {"symmetric_difference", m_symmetric_difference},
    {"symmetric_difference_update", m_symmetric_difference_update},
    {"union", m_union},
    {"update", m_update},
    {0, 0},
};

static const struct obj_method frozenset_methods[] = {
    {"copy", m_copy},
    {"difference", m_difference},
    {"intersection", m_intersection},
    {"isdisjoint", m_isdisjoint},
    {"issubset", m_issubset},
    {"issuperset", m_issuperset},
    {"symmetric_difference", m_symmetric_difference},
    {"union", m_union},
    {0, 0},
};

static const struct obj_number_methods set_number = {
    .subtract = set_sub,
    .and_ = set_and,
    .xor_ = set_xor,
    .or_ = set_or,
};

static int set_contains_slot(obj_t *o, obj_t *key)
{
    return obj_set_contains(o, key);
}

static const struct obj_sequence_methods set_sequence = {
    .length = set_length,
    .contains = set_contains_slot,
};

const obj_type_t obj_type_set = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "set",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(obj_set_t),
    .dealloc = set_dealloc,
    .repr = set_repr,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .traverse = set_traverse,
    .clear = set_clear_internal,
    .size_of = set_size_of,
    .number = &set_number,
    .sequence = &set_sequence,
    .methods = set_methods,
};

const obj_type_t obj_type_frozenset = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "frozenset",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(obj_set_t),
    .dealloc = set_dealloc,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .traverse = set_traverse,
    .clear = set_clear_internal,
    .size_of = set_size_of,
    .number = &set_number,
    .sequence = &set_sequence,
    .methods = frozenset_methods,
};
