/* Cycle-collector image: on this board's C stack (8 KiB on every board), build
 *   ring  a ring of lists, each holding the next, the last holding the first;
 *   wide  a list holding N lists that each hold it (N two-object cycles
 *         sharing the root);
 * of up to 100 000 nodes, or as many as the heap holds (building stops at
 * MemoryError, after the pressure collection found nothing to free), drop it,
 * and collect: gc_collect(2) must find every node, and the heap must be empty
 * afterwards. Then
 *   held  two garbage rings of a third of that each, the first with a
 *         finalizer on its first node, and a third ring built until the heap
 *         (capped at what the ring case used) is full: the emergency
 *         collection inside that allocation frees the plain ring and holds the
 *         finalizer's, running nothing; the safe point finalizes and frees it.
 * The collector never recurses, so its stack use is the same for 10 nodes and
 * 100 000; the deepest stack reached is measured by painting the stack
 * beforehand. Prints per case
 *   GC <case> nodes <n> collected <m> ok    (held: nodes <held> freed <plain> ...)
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

/* A ring of at most limit lists, fewer if the heap fills; returns its first
 * node (new reference) and the count. */
static obj_t *build_ring(long limit, long *nodes)
{
    obj_t *first = obj_list_new(1), *tail = first; /* item 0 is NULL until filled */
    if (first == NULL)
        fail("no memory to start");
    long n = 1;
    while (n < limit) {
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

/* The held case's finalizer hook: only the first node of its first ring has
 * a finalizer, which must not run while the third ring is being built, and
 * must find its ring whole. */
static struct {
    const obj_t *with_finalizer;
    long nodes;
    int building, finalized;
} held;

static int held_has_finalizer(obj_t *o)
{
    return o == held.with_finalizer;
}

static void held_run_finalizer(obj_t *o)
{
    if (held.building)
        fail("a finalizer ran inside an allocation");
    long n = 1;
    for (obj_t *p = obj_list_get(o, 0); p != o; p = obj_list_get(p, 0), n++)
        if (p == NULL)
            fail("the finalizer found its ring cleared");
    if (n != held.nodes)
        fail("the finalizer found its ring cut");
    held.finalized++;
}

static void collected_so_far(size_t *out)
{
    struct gc_generation_stats st[GC_NUM_GENERATIONS];
    gc_get_stats(st);
    *out = st[0].collected + st[1].collected + st[2].collected;
}

static void check_empty(void)
{
    obj_freelists_clear();
    struct obj_stats st;
    obj_get_stats(&st);
    if (st.live_objects != 0 || !mm_is_empty() || mm_check() != 0 || gc_check() != 0)
        fail("the heap is not empty after the collection");
}

/* budget: the bytes the ring case took, the heap cap here; ring: its nodes.
 * Out of line, so that its locals do not weigh on the other cases' stack. */
static __attribute__((noinline)) void held_case(size_t budget, long ring)
{
    paint_stack();
    mm_fault_cap(mm_consumed() + budget);
    gc_disable(); /* pending means the emergency collection's request only */
    gc_set_finalizer_hook(held_has_finalizer, held_run_finalizer);
    long nheld, nplain, nfill;
    obj_t *a = build_ring(ring / 3, &nheld), *b = build_ring(ring / 3, &nplain);
    held.with_finalizer = a;
    held.nodes = nheld;
    obj_decref(a);
    obj_decref(b);
    size_t before, after;
    collected_so_far(&before);
    held.building = 1;
    obj_t *c = build_ring(NODE_LIMIT, &nfill);
    held.building = 0;
    if (!obj_err_matches(&obj_exc_MemoryError))
        fail("the capped heap did not fill");
    obj_err_clear();
    collected_so_far(&after);
    if (after - before != (size_t)nplain)
        fail("the emergency collection did not free exactly the plain ring");
    if (!obj_gc_young()->pending)
        fail("the emergency collection did not ask for the safe point");
    obj_decref(c);
    /* The safe point: generation 0 is what was held (the third ring went to
     * generation 2 in the emergency collections). */
    obj_ssize_t found = gc_collect_pending();
    if (held.finalized != 1)
        fail("the safe point did not run the finalizer once");
    if (gc_collect(2) != nfill)
        fail("the third ring was not collected");
    size_t stack = stack_used();
    mm_fault_cap(0);
    gc_set_finalizer_hook(NULL, NULL);
    gc_enable();
    check_empty();
    char line[128];
    snprintf(line, sizeof line,
             "GC held nodes %ld freed %ld collected %ld ok\r\nGC held stack %lu\r\n", nheld, nplain,
             (long)found, (unsigned long)stack);
    say(line);
}

_Noreturn void kernel_main(void)
{
    static const char *const names[] = {"ring", "wide"};
    const struct board_info *b = board_info();
    mm_init(b->heap_start, b->heap_size);
    obj_runtime_init();
    gc_init();
    size_t ring_bytes = 0;
    long ring_nodes = 0;
    for (int kind = 0; kind < 2; kind++) {
        paint_stack();
        long nodes;
        size_t start = mm_consumed();
        obj_t *structure = kind == 0 ? build_ring(NODE_LIMIT, &nodes) : build_wide(&nodes);
        obj_err_clear(); /* the MemoryError that ended the building, if any */
        if (kind == 0)
            ring_bytes = mm_consumed() - start, ring_nodes = nodes;
        obj_decref(structure);
        obj_ssize_t collected = gc_collect(2);
        size_t stack = stack_used();
        if (collected != nodes)
            fail("the collection did not find every node");
        check_empty();
        char line[96];
        snprintf(line, sizeof line, "GC %s nodes %ld collected %ld ok\r\nGC %s stack %lu\r\n",
                 names[kind], nodes, (long)collected, names[kind], (unsigned long)stack);
        say(line);
    }
    held_case(ring_bytes, ring_nodes);
    say("GC PASS\r\n");
    board_exit(0);
}
