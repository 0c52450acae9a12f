/* Object sizes on the target: for each kind below, make 1000 live objects and
 * report the heap bytes they hold (mm bytes in use, size-class rounding
 * included): the measure MicroPython's gc.mem_alloc() delta gives over the same
 * 1000 objects. Prints `OBJ <kind> <heap bytes for all COUNT> <COUNT>
 * <obj_sizeof of one> <how many of them are static>` lines and END. A static
 * object (a cached small int, outside the heap) costs no heap but its share of
 * the image: `SMALL_INTS <entries>` tells tools/bench_objects.py how many the
 * table holds; it reads the table's bytes from the ELF. */
#include <stdint.h>

#include "kernel/board.h"
#include "mm/mm.h"
#include "objects/dict.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "tests/bench/bench.h"

#define COUNT 1000

static obj_t *live[COUNT];

static size_t bytes_in_use(void)
{
    struct mm_stats st;
    mm_get_stats(&st);
    return st.bytes_in_use;
}

static obj_t *must(obj_t *o)
{
    if (o == NULL) {
        bench_printf("FAIL: out of memory\n");
        board_exit(1);
    }
    return o;
}

static obj_t *make(int kind, long i)
{
    switch (kind) {
    case 0: return obj_int_from_i64((1L << 30) + i);
    case 1: {
        obj_t *one = obj_int_from_i64(1), *shift = obj_int_from_i64(299), *n = obj_int_from_i64(i);
        obj_t *big = must(obj_int_lshift(one, shift)), *r = obj_int_add(big, n);
        obj_decref(big);
        obj_decref(n);
        obj_decref(shift);
        obj_decref(one);
        return r;
    }
    case 2: return obj_float_from_double((double)i + 0.5);
    case 3: return obj_list_new(0);
    case 4: { /* [0, 1, ..., 9] as a literal builds it: exactly 10 slots */
        obj_t *l = must(obj_list_new(10));
        for (size_t k = 0; k < 10; k++)
            obj_list_set_new(l, k, obj_int_from_ssize((obj_ssize_t)k));
        return l;
    }
    case 5: {
        obj_t *r = must(obj_range_new(0, 10, 1)), *l = obj_list_from_iterable(r);
        obj_decref(r);
        return l;
    }
    case 6: return obj_dict_new();
    case 7: {
        obj_t *d = must(obj_dict_new());
        for (long k = 0; k < 5; k++) {
            obj_t *key = obj_int_from_ssize(k);
            obj_dict_setitem(d, key, key);
            obj_decref(key);
        }
        return d;
    }
    case 8: {
        obj_t *a = obj_str_from_cstr("abc"), *b = obj_str_from_format("%ld", i % 10);
        obj_t *s = obj_str_concat(a, b);
        obj_decref(a);
        obj_decref(b);
        return s;
    }
    case 9: {
        obj_t *a = obj_int_from_ssize(i % 100), *t = obj_tuple_pack(3, a, a, a);
        obj_decref(a);
        return t;
    }
    default: return obj_int_from_i64(i); /* 0..999: the cached ones are static */
    }
}

_Noreturn void kernel_main(void)
{
    bench_start();
    static const char *const kinds[] = {
        "int_2^30+i",         "int_300_bit",   "float",      "empty_list",
        "list_of_10_literal", "list_range_10", "empty_dict", "dict_of_5",
        "short_str",          "tuple_of_3",    "int_0..999",
    };
    enum { NKINDS = sizeof kinds / sizeof kinds[0] };
    const struct board_info *b = board_info();
    mm_init(b->heap_start, b->heap_size);
    obj_runtime_init();
    uintptr_t heap = (uintptr_t)b->heap_start;
    for (int kind = 0; kind < NKINDS; kind++) {
        size_t before = bytes_in_use();
        unsigned long nstatic = 0;
        for (long i = 0; i < COUNT; i++) {
            live[i] = must(make(kind, i));
            nstatic += (uintptr_t)live[i] - heap >= b->heap_size;
        }
        size_t after = bytes_in_use();
        size_t one = obj_sizeof(live[COUNT / 2]);
        for (long i = 0; i < COUNT; i++)
            obj_decref(live[i]);
        obj_freelists_clear();
        bench_printf("OBJ %s %lu %u %lu %lu\n", kinds[kind], (unsigned long)(after - before),
                     (unsigned)COUNT, (unsigned long)one, nstatic);
    }
    bench_printf("SMALL_INTS %d\n", OBJ_INT_SMALL_MAX - OBJ_INT_SMALL_MIN + 1);
    bench_printf("END\n");
    board_exit(0);
}
