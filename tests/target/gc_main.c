/* Cycle-collector image: on this board's C stack (8 KiB on every board), build
 *   ring  a ring of lists, each holding the next, the last holding the first;
 *   wide  a list holding N lists that each hold it (N two-object cycles
 *         sharing the root);
 * of up to 100 000 nodes, or as many as the heap holds (building stops at
 * MemoryError, after the pressure collection found nothing to free), drop it,
 * and collect: gc_collect(2) must find every node, and the heap must be empty
 * afterwards. The collector never recurses, so its stack use is the same for
 * 10 nodes and 100 000; the deepest stack reached is measured by painting the
 * stack beforehand. Prints per case
 *   GC <case> nodes <n> collected <m> ok
 *   GC <case> stack <bytes of main stack used at most>
 * then `GC PASS`, and exits 0 (1 on the first failure, with `GC FAIL <why>`). */
#include <stdint.h>
#include <stdio.h>

#include "gc/gc.h"
#include "kernel/board.h"
#include "mm/mm.h"
#include "objects/list.h"
#include "objects/object.h"

#define NODE_LIMIT 100000L
#define PAINT      0x57AC57ACu

extern uint32_t __stack_guard[], __main_stack_top[]; /* linker/cortexm.ld */

static void say(const char *text)
{
    while (*text)
        board_write(text++, 1);
}

static _Noreturn void fail(const char *why)
{
    say("GC FAIL ");
    say(why);
    say("\r\n");
    board_exit(1);
}

/* Fill the unused main stack (guard region excluded) with PAINT. */
static __attribute__((noinline)) void paint_stack(void)
{
    uint32_t *sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    for (uint32_t *p = __stack_guard + 256 / 4; p < sp - 16; p++)
        *p = PAINT;
}

static size_t stack_used(void)
{
    uint32_t *p = __stack_guard + 256 / 4;
    while (*p == PAINT)
        p++;
    return (size_t)((char *)__main_stack_top - (char *)p);
}

/* A ring of lists; returns its first node (new reference) and the count. */
static obj_t *build_ring(long *nodes)
{
    obj_t *first = obj_list_new(1), *tail = first; /* item 0 is NULL until filled */
    if (first == NULL)
        fail("no memory to start");
    long n = 1;
    while (n < NODE_LIMIT) {
        obj_t *node = obj_list_new(1);
        if (node == NULL)
            break;
        obj_list_set_new(tail, 0, node);
        tail = node;
        n++;
    }
    obj_list_set_new(tail, 0, obj_newref(first)); /* closes the ring: no allocation */
    *nodes = n;
    return first;
}

/* A root list and children that each hold it. */
static obj_t *build_wide(long *nodes)
{
    obj_t *root = obj_list_new(0);
    if (root == NULL)
        fail("no memory to start");
    long n = 1;
    while (n < NODE_LIMIT) {
        obj_t *child = obj_list_new(1);
        if (child == NULL)
            break;
        obj_list_set_new(child, 0, obj_newref(root));
        int status = obj_list_append(root, child);
        obj_decref(child);
        if (status < 0)
            break;
        n++;
    }
    *nodes = n;
    return root;
}

_Noreturn void kernel_main(void)
{
    static const char *const names[] = {"ring", "wide"};
    const struct board_info *b = board_info();
    mm_init(b->heap_start, b->heap_size);
    obj_runtime_init();
    gc_init();
    for (int kind = 0; kind < 2; kind++) {
        paint_stack();
        long nodes;
        obj_t *structure = kind == 0 ? build_ring(&nodes) : build_wide(&nodes);
        obj_err_clear(); /* the MemoryError that ended the building, if any */
        obj_decref(structure);
        obj_ssize_t collected = gc_collect(2);
        size_t stack = stack_used();
        obj_freelists_clear();
        struct obj_stats st;
        obj_get_stats(&st);
        if (collected != nodes)
            fail("the collection did not find every node");
        if (st.live_objects != 0 || !mm_is_empty() || mm_check() != 0 || gc_check() != 0)
            fail("the heap is not empty after the collection");
        char line[96];
        snprintf(line, sizeof line, "GC %s nodes %ld collected %ld ok\r\nGC %s stack %lu\r\n",
                 names[kind], nodes, (long)collected, names[kind], (unsigned long)stack);
        say(line);
    }
    say("GC PASS\r\n");
    board_exit(0);
}
