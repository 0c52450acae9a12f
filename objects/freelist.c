/* Free-list upkeep for every type in the registry (objects/freelist.h): caps,
 * emptying. The types push and pop through objects/runtime.h. */
#define OBJ_INTERNAL
#include "objects/freelist.h"
#include "objects/runtime.h"

void obj_freelists_init(void)
{
    unsigned id = 0;
#define OBJ_FL_CAP(kind, max, lists)                                                               \
    for (unsigned i = 0; i < (lists); i++)                                                         \
        obj_rt.freelists[id++].cap = (max);
    OBJ_FREELISTS(OBJ_FL_CAP)
#undef OBJ_FL_CAP
}

static size_t clear(struct obj_freelist *fl)
{
    size_t freed = fl->count;
    for (; fl->count > 0; fl->count--)
        obj_free_block(obj_freelist_unlink(fl));
    return freed;
}

size_t obj_freelist_clear(unsigned id)
{
    return clear(&obj_rt.freelists[id]);
}

/* Most lists are empty when a full collection empties them all: one test
 * each. */
size_t obj_freelists_clear(void)
{
    size_t freed = 0;
    struct obj_freelist *fl = obj_rt.freelists, *end = fl + OBJ_FL_COUNT;
    do {
        if (fl->count > 0)
            freed += clear(fl);
    } while (++fl < end);
    return freed;
}
