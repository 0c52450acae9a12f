/* Object allocation (objects/object.c).
 *
 * Every object allocation goes through here. On failure: free lists are
 * emptied (objects/freelist.h) and the memory-pressure hook (the collector, once gc/ registers it)
 * runs, then the request is retried once; only then MemoryError. */
#ifndef OBJ_ALLOC_H
#define OBJ_ALLOC_H

#include <stddef.h>

#include "objects/type.h"

/* Raw memory for an object's parts (item arrays, dict tables). NULL with
 * MemoryError set on failure. */
void *obj_mem_alloc(size_t size);
void *obj_mem_realloc(void *p, size_t size);
void obj_mem_free(void *p);
/* Usable bytes of a block from obj_mem_alloc (capacity without a length field). */
size_t obj_mem_usable(const void *p);

/* A new object of `type` with refcnt 1, `extra` bytes after basicsize (for
 * variable-size objects: items * itemsize). GC types get their header,
 * untracked; the caller tracks once the object is fully initialised. Fields
 * are not zeroed. New reference, or NULL with MemoryError. */
obj_t *obj_new(const obj_type_t *type, size_t extra);
/* Free the memory of an object whose refcnt reached zero (from a dealloc). */
void obj_free(obj_t *o);

/* Called when memory runs out, before MemoryError: should free what it can
 * without running code that could touch the caller's objects, for it runs
 * inside the caller's operation (the collector registers an emergency
 * collection: no finalizers, no callbacks). Returns nonzero if it freed
 * anything. Runs at most once per failing request. */
typedef int (*obj_pressure_fn)(void);
void obj_set_pressure_hook(obj_pressure_fn hook);

#endif /* OBJ_ALLOC_H */
