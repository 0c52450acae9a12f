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

size_t obj_freelist_clear(unsigned id)
{
    struct obj_freelist *fl = &obj_rt.freelists[id];
    size_t freed = fl->count;
    for (; fl->count > 0; fl->count--)
        obj_free_block(obj_freelist_unlink(fl));
    return freed;
}

size_t obj_freelists_clear(void)
{
    size_t freed = 0;
    for (unsigned id = 0; id < OBJ_FL_COUNT; id++)
        freed += obj_freelist_clear(id);
    return freed;
}
