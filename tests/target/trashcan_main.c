/* Trashcan image: on this board's C stack (8 KiB; 3 KiB on the micro:bit), build the
 * deepest chain of nested lists, of tuples and of dicts the heap holds (up to
 * a limit), drop it with one decref, and check that the heap is empty again.
 * Prints `TRASHCAN <kind> depth <n> ok` per kind, then `TRASHCAN PASS`. */
#include <stdio.h>

#include "kernel/board.h"
#include "mm/mm.h"
#include "objects/dict.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/tuple.h"

#define DEPTH_LIMIT 100000L

static void say(const char *text)
{
    while (*text)
        board_write(text++, 1);
}

static _Noreturn void fail(const char *why)
{
    say("TRASHCAN FAIL ");
    say(why);
    say("\r\n");
    board_exit(1);
}

/* One more level around inner (stolen). NULL on MemoryError (inner is freed). */
static obj_t *wrap(int kind, obj_t *inner, obj_t *key)
{
    obj_t *outer = kind == 0   ? obj_list_new(0)
                   : kind == 1 ? obj_tuple_pack(1, inner)
                               : obj_dict_new();
    if (outer && kind == 0 && obj_list_append(outer, inner) < 0)
        obj_clear_ref(&outer);
    if (outer && kind == 2 && obj_dict_setitem(outer, key, inner) < 0)
        obj_clear_ref(&outer);
    obj_decref(inner);
    return outer;
}

_Noreturn void kernel_main(void)
{
    static const char *const names[] = {"list", "tuple", "dict"};
    const struct board_info *b = board_info();
    mm_init(b->heap_start, b->heap_size);
    obj_runtime_init();
    for (int kind = 0; kind < 3; kind++) {
        obj_t *key = obj_str_from_cstr("k");
        obj_t *chain = obj_list_new(0);
        if (key == NULL || chain == NULL)
            fail("no memory to start");
        long depth = 0;
        while (depth < DEPTH_LIMIT) {
            /* Keep a reference to the current chain in case wrapping fails. */
            obj_incref(chain);
            obj_t *outer = wrap(kind, chain, key);
            if (outer == NULL) {
                obj_err_clear();
                break;
            }
            obj_decref(chain);
            chain = outer;
            depth++;
        }
        obj_decref(chain); /* the whole chain goes here */
        obj_decref(key);
        obj_freelists_clear();
        if (!mm_is_empty() || mm_check() != 0)
            fail("the heap is not empty after freeing the chain");
        char line[80];
        snprintf(line, sizeof line, "TRASHCAN %s depth %ld ok\r\n", names[kind], depth);
        say(line);
    }
    say("TRASHCAN PASS\r\n");
    board_exit(0);
}
