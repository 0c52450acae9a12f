/* Free-list tests (objects/freelist.h), for every list of every free-listed
 * type with the board's caps: reuse (a freed object's block comes back), the
 * caps (cap + 1 frees keep exactly cap), the collector's generation-0 count
 * (CPython 3.12's rule: free-list traffic moves it neither way, emptying counts
 * down; tests/data/gc_cases.txt replays the same against CPython), and
 * emptying on a full collection and before MemoryError. Runs on the host
 * (cmocka) and in QEMU.
 */
#include <stdint.h>

#include "config/pyrite_config.h"
#include "gc/gc.h"
#include "objects/dict.h"
#include "objects/float.h"
#include "objects/list.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

/* A free list under test: which, its cap, and a new object that lands on it
 * when freed. */
struct fl {
    unsigned id;
    size_t cap;
    int gc; /* its objects are GC objects, counted by the collector */
    obj_t *(*make)(size_t items);
    size_t items; /* tuples: the size the list holds */
};

static obj_t *make_float(size_t items)
{
    (void)items;
    return obj_float_from_double(0.5);
}

static obj_t *make_tuple(size_t items)
{
    return obj_tuple_new(items); /* NULL items: a dealloc skips them */
}

static obj_t *make_list(size_t items)
{
    (void)items;
    return obj_list_new(0);
}

static obj_t *make_dict(size_t items)
{
    (void)items;
    return obj_dict_new();
}

/* Every free list, in id order; returns how many. */
static size_t all_lists(struct fl *out)
{
    size_t n = 0;
    out[n++] = (struct fl){OBJ_FL_FLOAT, OBJ_FREELIST_FLOAT, 0, make_float, 0};
    for (size_t items = 1; items <= OBJ_FREELIST_TUPLE_SIZES; items++)
        out[n++] = (struct fl){OBJ_FL_TUPLE + (unsigned)items - 1, OBJ_FREELIST_TUPLE, 1,
                               make_tuple, items};
    out[n++] = (struct fl){OBJ_FL_LIST, OBJ_FREELIST_LIST, 1, make_list, 0};
    out[n++] = (struct fl){OBJ_FL_DICT, OBJ_FREELIST_DICT, 1, make_dict, 0};
    CHECK_EQ(n, OBJ_FL_COUNT);
    for (size_t i = 0; i < n; i++)
        CHECK_EQ(out[i].id, i);
    return n;
}

static size_t on_list(unsigned id)
{
    struct obj_stats st;
    obj_get_stats(&st);
    return st.freelist_objects[id];
}

static size_t on_all_lists(void)
{
    size_t n = 0;
    for (unsigned id = 0; id < OBJ_FL_COUNT; id++)
        n += on_list(id);
    return n;
}

static long young_count(void)
{
    return obj_gc_young()->count;
}

/* Runs check on every free list, each time with every list empty. */
static void each_list(void (*check)(const struct fl *f))
{
    struct fl fls[OBJ_FL_COUNT];
    size_t n = all_lists(fls);
    for (size_t i = 0; i < n; i++) {
        obj_freelists_clear();
        check(&fls[i]);
    }
    obj_freelists_clear();
}

/* One object freed onto each list. */
static void put_one_on_each(void)
{
    struct fl fls[OBJ_FL_COUNT];
    size_t n = all_lists(fls);
    for (size_t i = 0; i < n; i++)
        obj_decref(CHECK_OBJ(fls[i].make(fls[i].items)));
    for (size_t i = 0; i < n; i++)
        CHECK_EQ(on_list(fls[i].id), 1);
}

/* A freed object's block is the next one of its kind and size, as a fresh
 * object. */
static void reuse(const struct fl *f)
{
    obj_t *a = CHECK_OBJ(f->make(f->items));
    obj_decref(a);
    CHECK_EQ(on_list(f->id), 1);
    CHECK_EQ(on_all_lists(), 1);
    obj_t *b = CHECK_OBJ(f->make(f->items));
    CHECK(b == a);
    CHECK_EQ(b->refcnt, 1);
    CHECK_EQ(on_all_lists(), 0);
    if (f->make == make_tuple)
        CHECK_EQ(obj_tuple_size(b), f->items);
    else if (f->make == make_list)
        CHECK_EQ(obj_list_size(b), 0);
    else if (f->make == make_dict)
        CHECK_EQ(obj_length(b), 0);
    obj_decref(b);
}

/* ... and a tuple too big for any list is not kept. */
static void test_reuse(void)
{
    each_list(reuse);
    obj_t *big = CHECK_OBJ(obj_tuple_new(OBJ_FREELIST_TUPLE_SIZES + 1));
    obj_decref(big);
    CHECK_EQ(on_all_lists(), 0);
}

/* cap + 1 objects freed: exactly cap kept, the rest given back to mm. */
static void cap(const struct fl *f)
{
    obj_t **many = CHECK_OBJ(obj_mem_alloc((f->cap + 1) * sizeof(obj_t *)));
    for (size_t k = 0; k <= f->cap; k++)
        many[k] = CHECK_OBJ(f->make(f->items));
    struct obj_stats before, after;
    obj_get_stats(&before);
    for (size_t k = 0; k <= f->cap; k++)
        obj_decref(many[k]);
    obj_get_stats(&after);
    obj_mem_free(many);
    CHECK_EQ(on_list(f->id), f->cap);
    CHECK_EQ(on_all_lists(), f->cap);
    CHECK_EQ(before.live_objects - after.live_objects, f->cap + 1); /* all count as freed */
    CHECK_EQ(obj_freelists_clear(), f->cap);
}

static void test_caps(void)
{
    each_list(cap);
}

/* CPython 3.12's count: an object put on a free list is not counted down, one
 * taken off is not counted up; one freed past the cap, or emptied from a
 * list, is counted down. Floats are no GC objects: never counted. */
static void collector_count(const struct fl *f)
{
    long gc = f->gc;
    obj_gc_young()->count = 0;
    obj_t *a = CHECK_OBJ(f->make(f->items)), *b = CHECK_OBJ(f->make(f->items));
    CHECK_EQ(young_count(), 2 * gc);
    obj_decref(a); /* onto the list */
    CHECK_EQ(young_count(), 2 * gc);
    a = CHECK_OBJ(f->make(f->items)); /* off it */
    CHECK_EQ(young_count(), 2 * gc);
    obj_decref(a);
    obj_decref(b);
    CHECK_EQ(on_list(f->id), f->cap < 2 ? f->cap : 2);
    CHECK_EQ(young_count(), (long)on_list(f->id) * gc); /* an unkept one counted down */
    obj_freelists_clear();
    CHECK_EQ(young_count(), 0);
}

static void test_collector_count(void)
{
    each_list(collector_count);
}

/* A full collection empties every list; a younger one keeps them. */
static void test_emptied_by_full_collection(void)
{
    gc_init();
    gc_disable();
    obj_freelists_clear();
    put_one_on_each();
    gc_collect(0);
    gc_collect(1);
    CHECK_EQ(on_all_lists(), OBJ_FL_COUNT);
    gc_collect(2);
    CHECK_EQ(on_all_lists(), 0);
    gc_fini();
}

/* A request mm cannot meet empties every list before MemoryError. */
static void test_emptied_before_memory_error(void)
{
    obj_freelists_clear();
    put_one_on_each();
    void *p = obj_mem_alloc((size_t)1 << MM_REGION_MAX_LOG2);
    CHECK(p == NULL && obj_err_matches(&obj_exc_MemoryError));
    obj_err_clear();
    CHECK_EQ(on_all_lists(), 0);
}

UNIT_SUITE(freelist, UNIT_TEST(test_reuse), UNIT_TEST(test_caps), UNIT_TEST(test_collector_count),
           UNIT_TEST(test_emptied_by_full_collection), UNIT_TEST(test_emptied_before_memory_error));
