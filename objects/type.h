/* The type object: the struct every type is, its slot signatures, the
 * protocol tables and the flags. */
#ifndef OBJ_TYPE_H
#define OBJ_TYPE_H

#include <stddef.h>
#include <stdint.h>

#include "objects/refcount.h"

typedef obj_t *(*obj_unary_fn)(obj_t *);
typedef obj_t *(*obj_binary_fn)(obj_t *, obj_t *);
typedef obj_t *(*obj_ternary_fn)(obj_t *, obj_t *, obj_t *);
typedef int (*obj_inquiry_fn)(obj_t *);
typedef obj_ssize_t (*obj_len_fn)(obj_t *);
typedef obj_t *(*obj_ssizearg_fn)(obj_t *, obj_ssize_t);
typedef int (*obj_objobj_fn)(obj_t *, obj_t *);
typedef int (*obj_objobjarg_fn)(obj_t *, obj_t *, obj_t *);
typedef int (*obj_visit_fn)(obj_t *, void *);
typedef int (*obj_traverse_fn)(obj_t *, obj_visit_fn, void *);
typedef obj_hash_t (*obj_hash_fn)(obj_t *);
typedef obj_t *(*obj_richcmp_fn)(obj_t *, obj_t *, int);
typedef size_t (*obj_sizeof_fn)(obj_t *);
/* Methods use a vector calling convention: borrowed args, new reference out. */
typedef obj_t *(*obj_method_fn)(obj_t *self, obj_t *const *args, size_t nargs);
/* The slots the language adds (see struct obj_type). */
typedef obj_t *(*obj_call_fn)(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames);
typedef obj_t *(*obj_getattr_fn)(obj_t *o, obj_t *name);
typedef int (*obj_setattr_fn)(obj_t *o, obj_t *name, obj_t *value);
typedef obj_t *(*obj_descr_get_fn)(obj_t *descr, obj_t *instance, obj_t *owner);
typedef int (*obj_descr_set_fn)(obj_t *descr, obj_t *instance, obj_t *value);
typedef void (*obj_finalize_fn)(obj_t *o);

/* Rich comparison operators (same values as CPython's Py_LT .. Py_GE). */
enum { OBJ_LT, OBJ_LE, OBJ_EQ, OBJ_NE, OBJ_GT, OBJ_GE };

/* Number protocol. A binary slot returns a new reference, obj_not_implemented
 * (new reference) when it does not handle the operand types, or NULL with an
 * error. power's third argument is obj_none when absent. */
struct obj_number_methods {
    obj_binary_fn add, subtract, multiply, remainder, divmod, floor_divide, true_divide;
    obj_ternary_fn power;
    obj_binary_fn lshift, rshift, and_, xor_, or_;
    obj_unary_fn negative, positive, absolute, invert;
    obj_inquiry_fn bool_; /* 1 true, 0 false, -1 error */
    obj_unary_fn int_, float_, index;
};

struct obj_sequence_methods {
    obj_len_fn length;
    obj_binary_fn concat;
    obj_ssizearg_fn repeat;
    obj_ssizearg_fn item;   /* index already normalised to 0 <= i < len */
    obj_objobj_fn contains; /* 1, 0, or -1 with an error */
};

struct obj_mapping_methods {
    obj_len_fn length;
    obj_binary_fn subscript;        /* o[key], including slices */
    obj_objobjarg_fn ass_subscript; /* o[key] = value; value NULL deletes */
};

struct obj_method {
    const char *name;
    obj_method_fn fn;
};

/* Type flags. */
#define OBJ_TYPE_GC             (1u << 0) /* instances carry a GC header */
#define OBJ_TYPE_INT_SUBCLASS   (1u << 1) /* fast type checks, as CPython's */
#define OBJ_TYPE_STR_SUBCLASS   (1u << 2)
#define OBJ_TYPE_TUPLE_SUBCLASS (1u << 3)
#define OBJ_TYPE_LIST_SUBCLASS  (1u << 4)
#define OBJ_TYPE_DICT_SUBCLASS  (1u << 5)
#define OBJ_TYPE_EXCEPTION      (1u << 6) /* an exception class */

struct obj_type {
    obj_var_t base;
    const char *name;
    const obj_type_t *base_type; /* single inheritance chain (exceptions now, classes later) */
    uint32_t flags;
    uint16_t basicsize;       /* bytes of the instance struct, without the GC header */
    uint16_t itemsize;        /* bytes per item of a variable-size instance, or 0 */
    uint16_t weaklist_offset; /* see below; 0: no weak references to instances */
    void (*dealloc)(obj_t *);
    obj_unary_fn repr;
    obj_unary_fn str; /* NULL: use repr */
    obj_hash_fn hash; /* NULL: unhashable */
    obj_richcmp_fn richcompare;
    obj_unary_fn iter;
    obj_unary_fn iternext; /* NULL at the end with no error set */
    obj_traverse_fn traverse;
    obj_inquiry_fn clear;
    obj_sizeof_fn size_of; /* bytes the object occupies, blocks it owns included */
    const struct obj_number_methods *number;
    const struct obj_sequence_methods *sequence;
    const struct obj_mapping_methods *mapping;
    const struct obj_method *methods; /* ends with a NULL name */

    /* Room for the language, so that it lands without reshaping this struct.
     * NULL (0) in every built-in type until the language fills them; nothing
     * calls them yet. Each is CPython's slot of the same role:
     *   call       tp_vectorcall: callable(*args) with borrowed args, a new
     *              reference out; kwnames is NULL or a tuple naming the last
     *              len(kwnames) args, which are passed by keyword.
     *   getattr    tp_getattro: o.name (name a str), new reference; NULL with
     *              AttributeError when there is none.
     *   setattr    tp_setattro: o.name = value, value NULL deletes; 0 or -1.
     *   descr_get  tp_descr_get: descr.__get__(instance, owner), instance NULL
     *              when looked up on the class; new reference.
     *   descr_set  tp_descr_set: __set__, or __delete__ when value is NULL.
     *   finalize   tp_finalize (PEP 442): runs at most once per object, before
     *              it is destroyed by its count or by the collector (which
     *              sets OBJ_GC_FINALIZED); it may resurrect the object and
     *              must leave the error indicator as it found it.
     *   weaklist_offset (above) tp_weaklistoffset: where in an instance its
     *              list of weak references (an obj_t * field) is. */
    obj_call_fn call;
    obj_getattr_fn getattr;
    obj_setattr_fn setattr;
    obj_descr_get_fn descr_get;
    obj_descr_set_fn descr_set;
    obj_finalize_fn finalize;
};

/* The type objects' own type. */
extern const obj_type_t obj_type_type;
#define OBJ_TYPE_HEAD_INIT                                                                         \
    {                                                                                              \
        OBJ_HEAD_INIT(&obj_type_type), 0                                                           \
    }

static inline const obj_type_t *obj_type(const obj_t *o)
{
    return o->type;
}

/* Nonzero when `t` is `base` or derives from it. */
int obj_type_is_subtype(const obj_type_t *t, const obj_type_t *base);

#endif /* OBJ_TYPE_H */
