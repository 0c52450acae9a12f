/* bool: the int subclass with exactly two immortal instances, True and False.
 * Arithmetic is int's (True + 1 == 2, an int); &, | and ^ of two bools give a
 * bool, as in CPython. */
#include "objects/int.h"
#include "objects/object.h"
#include "objects/str.h"

static const obj_int_t true_object = OBJ_INT_STATIC(&obj_type_bool, 1);
static const obj_int_t false_object = OBJ_INT_STATIC(&obj_type_bool, 0);

obj_t *const obj_true = (obj_t *)&true_object;
obj_t *const obj_false = (obj_t *)&false_object;

static obj_t *bool_repr(obj_t *o)
{
    return obj_str_from_cstr(o == obj_true ? "True" : "False");
}

#define BOOL_LOGIC(name, op, int_fn)                                                               \
    static obj_t *name(obj_t *a, obj_t *b)                                                         \
    {                                                                                              \
        if (a->type == &obj_type_bool && b->type == &obj_type_bool)                                \
            return obj_bool_from((a == obj_true) op(b == obj_true));                               \
        return int_fn(a, b);                                                                       \
    }
BOOL_LOGIC(bool_and, &, obj_int_and)
BOOL_LOGIC(bool_or, |, obj_int_or)
BOOL_LOGIC(bool_xor, ^, obj_int_xor)

static const struct obj_number_methods bool_number = {
    .add = obj_int_add,
    .subtract = obj_int_subtract,
    .multiply = obj_int_multiply,
    .remainder = obj_int_remainder,
    .divmod = obj_int_divmod,
    .floor_divide = obj_int_floor_divide,
    .true_divide = obj_int_true_divide,
    .power = obj_int_power,
    .lshift = obj_int_lshift,
    .rshift = obj_int_rshift,
    .and_ = bool_and,
    .xor_ = bool_xor,
    .or_ = bool_or,
    .negative = obj_int_negative,
    .positive = obj_int_positive,
    .absolute = obj_int_absolute,
    .invert = obj_int_invert,
    .bool_ = obj_int_bool,
    .int_ = obj_int_positive,
    .float_ = obj_int_float,
    .index = obj_int_positive,
};

const obj_type_t obj_type_bool = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "bool",
    .base_type = &obj_type_int,
    .flags = OBJ_TYPE_INT_SUBCLASS,
    .basicsize = sizeof(obj_int_t),
    .repr = bool_repr,
    .hash = obj_int_hash,
    .richcompare = obj_int_richcompare,
    .number = &bool_number,
};
