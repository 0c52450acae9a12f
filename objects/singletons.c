/* None, Ellipsis and NotImplemented: immortal singletons in read-only memory. */
#include "objects/object.h"
#include "objects/str.h"

static obj_t *none_repr(obj_t *o)
{
    (void)o;
    return obj_str_from_cstr("None");
}

static int none_bool(obj_t *o)
{
    (void)o;
    return 0;
}

static const struct obj_number_methods none_number = {.bool_ = none_bool};

const obj_type_t obj_type_none = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "NoneType",
    .repr = none_repr,
    .hash = obj_hash_identity,
    .number = &none_number,
};

static obj_t *ellipsis_repr(obj_t *o)
{
    (void)o;
    return obj_str_from_cstr("Ellipsis");
}

const obj_type_t obj_type_ellipsis = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "ellipsis",
    .repr = ellipsis_repr,
    .hash = obj_hash_identity,
};

static obj_t *not_implemented_repr(obj_t *o)
{
    (void)o;
    return obj_str_from_cstr("NotImplemented");
}

const obj_type_t obj_type_not_implemented = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "NotImplementedType",
    .repr = not_implemented_repr,
    .hash = obj_hash_identity,
};

static const obj_t none_object = OBJ_HEAD_INIT(&obj_type_none);
static const obj_t ellipsis_object = OBJ_HEAD_INIT(&obj_type_ellipsis);
static const obj_t not_implemented_object = OBJ_HEAD_INIT(&obj_type_not_implemented);

obj_t *const obj_none = (obj_t *)&none_object;
obj_t *const obj_ellipsis = (obj_t *)&ellipsis_object;
obj_t *const obj_not_implemented = (obj_t *)&not_implemented_object;
