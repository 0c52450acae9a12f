/* Recursion image: the stack check (objects/stack.h) on this board's own main
 * stack. For nested lists, tuples and dicts, two equal nests are deepened one
 * level at a time (to DEPTH_LIMIT, or as deep as the heap holds); at each
 * depth repr, == and (tuples) hash either succeed or raise RecursionError with
 * CPython's message, until each has raised once; at the full depth each must
 * raise again. Then everything is freed and the heap must be back where it
 * started. The stack is painted first, and the image checks that the deepest
 * recursion left part of it unused: no fault, and on the micro:bit (no MPU)
 * no silent run through the gap below the stack either.
 *
 * Prints `RECURSION <kind> <op> ok to <n>, RecursionError at <n + 1> and at <depth>`
 * per kind and operation, `RECURSION stack <n> bytes never used`, then
 * `RECURSION PASS`; exits 0 only then.
 */
#include <stdio.h>
#include <string.h>

#include "kernel/board.h"
#include "mm/mm.h"
#include "objects/dict.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/tuple.h"

#define DEPTH_LIMIT 10000L
#define RESERVE     2048 /* heap kept back while the nests grow: the reprs at full depth need some */
#define PAINT       0xA5A5A5A5u

enum { KIND_LIST, KIND_TUPLE, KIND_DICT, KINDS };
enum { OP_REPR, OP_EQ, OP_HASH, OPS };

static const char *const kind_names[KINDS] = {"list", "tuple", "dict"};
static const char *const op_names[OPS] = {"repr", "==", "hash"};
static const char *const op_messages[OPS] = {
    "maximum recursion depth exceeded while getting the repr of an object",
    "maximum recursion depth exceeded in comparison",
    "maximum recursion depth exceeded while getting the hash of an object",
};

static void say(const char *text)
{
    board_write(text, strlen(text));
}

static _Noreturn void fail(const char *why)
{
    say("RECURSION FAIL ");
    say(why);
    say("\r\n");
    board_exit(1);
}

/* ---- the stack's low-water mark ------------------------------------------ */

/* Fill the unused stack, from its limit to just under this frame, with PAINT. */
__attribute__((noinline)) static void paint_stack(void)
{
    uint32_t *p = (uint32_t *)board_stack_limit();
    uint32_t *below_here = (uint32_t *)__builtin_frame_address(0) - 16;
    while (p < below_here)
        *p++ = PAINT;
}

/* Bytes at the bottom of the stack that still hold the paint. */
static size_t stack_never_used(void)
{
    const uint32_t *p = (const uint32_t *)board_stack_limit();
    size_t n = 0;
    while (p[n] == PAINT)
        n++;
    return n * sizeof *p;
}

/* ---- nests --------------------------------------------------------------- */

/* One more level around inner (borrowed). NULL on MemoryError. */
static obj_t *wrap(int kind, obj_t *inner, obj_t *key)
{
    if (kind == KIND_TUPLE)
        return obj_tuple_pack(1, inner);
    obj_t *outer = kind == KIND_LIST ? obj_list_new(0) : obj_dict_new();
    if (outer == NULL)
        return NULL;
    int r = kind == KIND_LIST ? obj_list_append(outer, inner) : obj_dict_setitem(outer, key, inner);
    if (r < 0)
        obj_clear_ref(&outer);
    return outer;
}

/* Two equal nests of the same depth (distinct objects, so == must recurse). */
struct nests {
    obj_t *a, *b;
    long depth;
};

/* Deepen both by one level: 1, or 0 when the heap is full (both unchanged). */
static int deepen(int kind, struct nests *n, obj_t *key)
{
    obj_t *a = wrap(kind, n->a, key);
    obj_t *b = a ? wrap(kind, n->b, key) : NULL;
    if (b == NULL) {
        obj_xdecref(a);
        obj_err_clear();
        return 0;
    }
    obj_decref(n->a);
    obj_decref(n->b);
    n->a = a;
    n->b = b;
    n->depth++;
    return 1;
}

/* 1 when the operation completed (with the right answer), 0 when it raised
 * RecursionError with CPython's message; anything else fails the image. */
static int attempt(int op, const struct nests *n)
{
    if (op == OP_REPR) {
        obj_t *r = obj_repr(n->a);
        if (r) {
            obj_decref(r);
            return 1;
        }
    } else if (op == OP_EQ) {
        int eq = obj_richcompare_bool(n->a, n->b, OBJ_EQ);
        if (eq == 0)
            fail("two equal nests compare unequal");
        if (eq == 1)
            return 1;
    } else if (obj_hash(n->a) != -1) {
        return 1;
    }
    obj_t *message = obj_err_value();
    if (!obj_err_matches(&obj_exc_RecursionError) || message == NULL ||
        strcmp(obj_str_utf8(message, NULL), op_messages[op]) != 0)
        fail(message ? obj_str_utf8(message, NULL) : "an error other than RecursionError");
    obj_err_clear();
    return 0;
}

static void run_kind(int kind)
{
    int ops = kind == KIND_TUPLE ? OPS : OP_HASH; /* lists and dicts are unhashable */
    long ok_to[OPS] = {0};
    int raised[OPS] = {0}, pending = ops;
    obj_t *key = obj_str_from_cstr("k");
    /* The innermost level: empty, and hashable for tuples. */
    struct nests n = {kind == KIND_TUPLE ? obj_tuple_new(0) : obj_list_new(0),
                      kind == KIND_TUPLE ? obj_tuple_new(0) : obj_list_new(0), 0};
    void *reserve = obj_mem_alloc(RESERVE);
    if (key == NULL || n.a == NULL || n.b == NULL || reserve == NULL)
        fail("no memory to start");
    while (n.depth < DEPTH_LIMIT && deepen(kind, &n, key)) {
        for (int op = 0; op < ops && pending > 0; op++) {
            if (raised[op])
                continue;
            if (attempt(op, &n)) {
                ok_to[op] = n.depth;
            } else {
                raised[op] = 1;
                pending--;
            }
        }
    }
    obj_mem_free(reserve);
    for (int op = 0; op < ops; op++) {
        char line[120];
        if (!raised[op] || attempt(op, &n))
            fail("no RecursionError: the heap does not hold a nest deeper than the stack");
        snprintf(line, sizeof line,
                 "RECURSION %s %s ok to %ld, RecursionError at %ld and at %ld\r\n",
                 kind_names[kind], op_names[op], ok_to[op], ok_to[op] + 1, n.depth);
        say(line);
    }
    obj_decref(n.a); /* each nest goes with one decref (the trashcan) */
    obj_decref(n.b);
    obj_decref(key);
}

_Noreturn void kernel_main(void)
{
    paint_stack();
    const struct board_info *b = board_info();
    mm_init(b->heap_start, b->heap_size);
    obj_runtime_init();
    for (int kind = 0; kind < KINDS; kind++) {
        run_kind(kind);
        obj_err_clear();
        obj_freelists_clear();
        if (!mm_is_empty() || mm_check() != 0)
            fail("the heap is not back to empty after freeing the nests");
    }
    char line[80];
    size_t unused = stack_never_used();
    snprintf(line, sizeof line, "RECURSION stack %lu bytes never used\r\n", (unsigned long)unused);
    say(line);
    if (unused == 0)
        fail("the stack reached its limit");
    say("RECURSION PASS\r\n");
    board_exit(0);
}
