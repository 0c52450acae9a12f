/* The object model, one header per concern; this one includes them all, for
 * code that uses the object layer as a whole:
 *
 *   refcount.h    the object header (obj_t), ownership rules, reference counting
 *   gc_head.h     the GC header in front of containers, tracking, generation 0
 *   type.h        the type struct, its slot signatures, protocol tables, flags
 *   singletons.h  None, True, False, Ellipsis, NotImplemented
 *   errors.h      exception classes and the error indicator
 *   alloc.h       object allocation and its out-of-memory policy
 *   freelist.h    the free-list registry
 *   trashcan.h    bounded-depth deallocation of long chains
 *   hash.h        the numeric hash modulus
 *   abstract.h    generic operations and the number protocol
 *   stats.h       the runtime's lifetime, counters and debug seams
 */
#ifndef OBJECT_H
#define OBJECT_H

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/errors.h"
#include "objects/freelist.h"
#include "objects/gc_head.h"
#include "objects/hash.h"
#include "objects/refcount.h"
#include "objects/singletons.h"
#include "objects/stats.h"
#include "objects/trashcan.h"
#include "objects/type.h"

#endif /* OBJECT_H */
