/* None, True, False, Ellipsis, NotImplemented (objects/singletons.c,
 * objects/bool.c): immortal statics. */
#ifndef OBJ_SINGLETONS_H
#define OBJ_SINGLETONS_H

#include "objects/type.h"

extern const obj_type_t obj_type_none, obj_type_bool, obj_type_ellipsis, obj_type_not_implemented;
extern obj_t *const obj_none;
extern obj_t *const obj_true;
extern obj_t *const obj_false;
extern obj_t *const obj_ellipsis;
extern obj_t *const obj_not_implemented;

/* Borrowed reference to True or False (immortal, so callers may also return it
 * as a new reference). */
static inline obj_t *obj_bool_from(int truth)
{
    return truth ? obj_true : obj_false;
}

#endif /* OBJ_SINGLETONS_H */
