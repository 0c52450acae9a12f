/* Randomized object graphs against a reachability model. Lists, dicts and
 * tuples get random edges (to each other and to small ints), lose edges,
 * registers (the roots) are copied and dropped, and collections of random
 * generations, explicit or through the safe-point trigger with small
 * thresholds, happen at random points. The model (C arrays) knows every
 * node's edges and which nodes are reachable from the registers; after each
 * collection:
 *   - every reachable node is intact: same object, same items in the same
 *     order (a node freed or cleared by mistake fails this, and ASan and mm's
 *     poisoning catch any use of freed memory);
 *   - live objects: at least the reachable ones, at most those not known to
 *     be freed; after a full collection exactly the reachable ones;
 *   - mm_check() and gc_check() hold.
 * Unreachable nodes are never touched again (they may be freed at any time);
 * their model slots are reused once a full collection has freed them. At the
 * end of each round every root is dropped and memory must return to the
 * baseline. Runs on the host and in QEMU (rounds divided by unit_scale()). */
#include <stdint.h>
#include <string.h>

#include "gc/gc.h"
#include "mm/mm.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

#define NODES     192 /* model slots */
#define EDGES     8   /* list items at most, dict keys 0..EDGES-1, tuple items at most 4 */
#define REGISTERS 8
#define ROUNDS    24
#define OPS       400
#define NO_EDGE   INT32_MIN
#define ATOM(v)   (-1 - (v)) /* an edge to the small int v (0..99) */

enum kind { LIST, DICT, TUPLE };
enum state { EMPTY, LIVE, LIMBO }; /* LIMBO: unreachable, freed or about to be */

static struct {
    obj_t *obj[NODES];
    uint8_t kind[NODES], state[NODES];
    int32_t edge[NODES][EDGES]; /* list, tuple: edge[0..n); dict: edge[key] or NO_EDGE */
    uint8_t n[NODES];           /* list, tuple: items */
    int reg[REGISTERS];         /* node, or -1 */
    uint8_t reachable[NODES];
    int pick[NODES], npick; /* reachable nodes, for choosing */
    uint32_t rng;
    long base_live;
    long collections, found;
} m;

static uint32_t rnd(uint32_t n)
{
    m.rng ^= m.rng << 13;
    m.rng ^= m.rng >> 17;
    m.rng ^= m.rng << 5;
    return m.rng % n;
}

static long live_objects(void)
{
    struct obj_stats st;
    obj_get_stats(&st);
    return (long)st.live_objects;
}

static obj_t *atom(int32_t e)
{
    return obj_int_from_ssize(-1 - e); /* small ints are immortal: no reference to drop */
}

static obj_t *edge_obj(int32_t e)
{
    return e >= 0 ? m.obj[e] : atom(e);
}

/* Mark what the registers reach; what was LIVE and is not any more is LIMBO. */
static void reach(void)
{
    int stack[NODES], top = 0;
    memset(m.reachable, 0, sizeof m.reachable);
    for (int r = 0; r < REGISTERS; r++) {
        if (m.reg[r] >= 0 && !m.reachable[m.reg[r]]) {
            m.reachable[m.reg[r]] = 1;
            stack[top++] = m.reg[r];
        }
    }
    while (top > 0) {
        int v = stack[--top];
        int n = m.kind[v] == DICT ? EDGES : m.n[v];
        for (int i = 0; i < n; i++) {
            int32_t e = m.edge[v][i];
            if (e >= 0 && !m.reachable[e]) {
                m.reachable[e] = 1;
                stack[top++] = e;
            }
        }
    }
    m.npick = 0;
    for (int v = 0; v < NODES; v++) {
        if (m.reachable[v])
            m.pick[m.npick++] = v;
        else if (m.state[v] == LIVE)
            m.state[v] = LIMBO;
    }
}

static int32_t random_target(void)
{
    if (m.npick == 0 || rnd(4) == 0)
        return ATOM((int32_t)rnd(100));
    return m.pick[rnd((uint32_t)m.npick)];
}

/* A reachable node of kind (or any kind for -1), or -1. */
static int random_node(int kind)
{
    if (m.npick == 0)
        return -1;
    for (int tries = 0; tries < 8; tries++) {
        int v = m.pick[rnd((uint32_t)m.npick)];
        if (kind < 0 || m.kind[v] == kind)
            return v;
    }
    return -1;
}

static void set_register(int r, int v)
{
    int old = m.reg[r];
    if (v >= 0)
        obj_incref(m.obj[v]);
    m.reg[r] = v;
    if (old >= 0)
        obj_decref(m.obj[old]);
}

static void op_new(void)
{
    int v = 0;
    while (v < NODES && m.state[v] != EMPTY)
        v++;
    if (v == NODES)
        return; /* full until a full collection frees the limbo */
    obj_t *o;
    m.kind[v] = (uint8_t)rnd(3);
    m.n[v] = 0;
    for (int i = 0; i < EDGES; i++)
        m.edge[v][i] = NO_EDGE;
    if (m.kind[v] == LIST) {
        o = CHECK_OBJ(obj_list_new(0));
    } else if (m.kind[v] == DICT) {
        o = CHECK_OBJ(obj_dict_new());
    } else {
        m.n[v] = (uint8_t)(1 + rnd(4));
        o = CHECK_OBJ(obj_tuple_new(m.n[v]));
        for (int i = 0; i < m.n[v]; i++) {
            m.edge[v][i] = random_target();
            obj_tuple_set_new(o, (size_t)i, obj_newref(edge_obj(m.edge[v][i])));
        }
    }
    m.obj[v] = o;
    m.state[v] = LIVE;
    int r = (int)rnd(REGISTERS);
    set_register(r, v);
    obj_decref(o); /* the register holds it */
}

static void op_link(void)
{
    int v = random_node(rnd(2) ? LIST : DICT);
    if (v < 0)
        return;
    int32_t e = random_target();
    obj_t *target = edge_obj(e);
    if (m.kind[v] == LIST) {
        if (m.n[v] < EDGES) {
            CHECK_EQ(obj_list_append(m.obj[v], target), 0);
            m.edge[v][m.n[v]++] = e;
        } else {
            int i = (int)rnd(EDGES);
            obj_list_set(m.obj[v], (size_t)i, obj_newref(target));
            m.edge[v][i] = e;
        }
    } else {
        int k = (int)rnd(EDGES);
        CHECK_EQ(obj_dict_setitem(m.obj[v], atom(ATOM(k)), target), 0);
        m.edge[v][k] = e;
    }
}

static void op_unlink(void)
{
    int v = random_node(rnd(2) ? LIST : DICT);
    if (v < 0)
        return;
    if (m.kind[v] == LIST) {
        if (m.n[v] == 0)
            return;
        int i = (int)rnd(m.n[v]);
        CHECK_EQ(obj_delitem(m.obj[v], atom(ATOM(i))), 0);
        memmove(&m.edge[v][i], &m.edge[v][i + 1], sizeof(int32_t) * (size_t)(m.n[v] - i - 1));
        m.n[v]--;
    } else {
        int k = (int)rnd(EDGES);
        if (m.edge[v][k] == NO_EDGE)
            return;
        CHECK_EQ(obj_dict_delitem(m.obj[v], atom(ATOM(k))), 0);
        m.edge[v][k] = NO_EDGE;
    }
}

/* Every reachable node intact; live objects within the model's bounds. */
static void verify(int full)
{
    for (int p = 0; p < m.npick; p++) {
        int v = m.pick[p];
        obj_t *o = m.obj[v];
        CHECK(o->refcnt > 0);
        if (m.kind[v] == DICT) {
            size_t n = 0;
            for (int k = 0; k < EDGES; k++) {
                obj_t *got = obj_dict_getitem(o, atom(ATOM(k)));
                if (m.edge[v][k] == NO_EDGE) {
                    CHECK(got == NULL);
                } else {
                    CHECK(got == edge_obj(m.edge[v][k]));
                    n++;
                }
            }
            CHECK_EQ(obj_dict_size(o), n);
        } else {
            int list = m.kind[v] == LIST;
            CHECK_EQ(list ? obj_list_size(o) : obj_tuple_size(o), m.n[v]);
            for (int i = 0; i < m.n[v]; i++)
                CHECK((list ? obj_list_get(o, (size_t)i) : obj_tuple_get(o, (size_t)i)) ==
                      edge_obj(m.edge[v][i]));
        }
    }
    long live = live_objects() - m.base_live, limbo = 0;
    for (int v = 0; v < NODES; v++)
        limbo += m.state[v] == LIMBO;
    CHECK(live >= m.npick);
    CHECK(live <= m.npick + limbo);
    if (full) {
        CHECK_EQ(live, m.npick);
        for (int v = 0; v < NODES; v++)
            if (m.state[v] == LIMBO)
                m.state[v] = EMPTY; /* freed: the slot may be reused */
    }
    CHECK_EQ(mm_check(), 0);
    CHECK_EQ(gc_check(), 0);
}

static void collect(void)
{
    struct gc_generation_stats before[3], after[3];
    gc_get_stats(before);
    if (rnd(3) == 0) {
        if (!obj_gc_young()->pending)
            return;
        m.found += gc_collect_pending();
    } else {
        obj_ssize_t n = gc_collect((int)rnd(3));
        CHECK(n >= 0);
        m.found += n;
    }
    gc_get_stats(after);
    m.collections++;
    verify(after[2].collections != before[2].collections);
}

static void test_random_graphs(void)
{
    gc_init();
    gc_set_threshold(12, 3, 2);
    gc_collect(2);
    m.base_live = live_objects();
    unsigned rounds = ROUNDS / unit_scale();
    for (unsigned round = 0; round < rounds; round++) {
        m.rng = 0x9E3779B9u ^ (round * 2654435761u);
        memset(m.state, EMPTY, sizeof m.state);
        for (int r = 0; r < REGISTERS; r++)
            m.reg[r] = -1;
        for (int op = 0; op < OPS; op++) {
            reach();
            uint32_t what = rnd(100);
            if (what < 25)
                op_new();
            else if (what < 55)
                op_link();
            else if (what < 70)
                op_unlink();
            else if (what < 80)
                set_register((int)rnd(REGISTERS), -1);
            else if (what < 90)
                set_register((int)rnd(REGISTERS), m.reg[rnd(REGISTERS)]);
            else {
                reach();
                collect();
            }
        }
        for (int r = 0; r < REGISTERS; r++)
            set_register(r, -1);
        reach();
        m.found += gc_collect(2);
        verify(1);
        CHECK_EQ(live_objects(), m.base_live);
    }
    unit_log("gc: %u random rounds, %ld collections checked, %ld unreachable objects found\n",
             rounds, m.collections, m.found);
    gc_fini();
}

UNIT_SUITE(gc_random, UNIT_TEST(test_random_graphs));
