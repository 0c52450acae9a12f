/* The object runtime's lifetime, counters and debug seams (objects/object.c). */
#ifndef OBJ_STATS_H
#define OBJ_STATS_H

#include <stddef.h>

#include "objects/freelist.h"
#include "objects/type.h"

/* Start the object runtime on the memory manager's region (mm_init must have
 * run). Can be called again after obj_runtime_fini (soft reset). */
int obj_runtime_init(void);
/* Drop every runtime-owned object and empty free lists and caches, so that a
 * caller can check mm is back to its baseline. */
void obj_runtime_fini(void);

/* Debug seams (functional when OBJ_DEBUG is 1, no-ops otherwise):
 * make the n-th object allocation from now fail (0 = the next; -1 disables),
 * retry included; and the live-object count per type, for leak reports.
 * obj_debug_live_by_type fills up to max (type, count) pairs, returns how many. */
void obj_debug_fail_alloc_after(long n);
size_t obj_debug_live_by_type(const obj_type_t **types, long *counts, size_t max);

/* Counters for tests and reports. */
struct obj_stats {
    size_t live_objects;                   /* heap objects allocated and not yet freed */
    size_t freelist_objects[OBJ_FL_COUNT]; /* on each free list (objects/freelist.h) */
    size_t trashcan_deferred;              /* deallocations deferred since start */
};
void obj_get_stats(struct obj_stats *out);

#endif /* OBJ_STATS_H */
