/* The callable objects of the language and the other objects the VM needs:
 * Python functions, cells, built-in functions, bound methods, modules.
 *
 * Calling convention for built-ins (as CPython's vectorcall): the positional
 * arguments, then the keyword arguments' values, in `args`; `kwnames` is a
 * tuple of the keyword names (NULL when none). Borrowed in, new reference out.
 */
#ifndef LANG_FUNC_H
#define LANG_FUNC_H

#include "lang/code.h"
#include "objects/object.h"

typedef obj_t *(*lang_builtin_fn)(obj_t *const *args, size_t nargs, obj_t *kwnames);

typedef struct {
    obj_t base;
    lang_code_t *code;
    obj_t *globals;    /* dict */
    obj_t *defaults;   /* tuple or NULL */
    obj_t *kwdefaults; /* dict or NULL */
    obj_t *closure;    /* tuple of cells or NULL */
} lang_func_t;

typedef struct {
    obj_t base;
    obj_t *ref; /* NULL: empty */
} lang_cell_t;

/* A built-in function: static and immortal. */
typedef struct {
    obj_t base;
    const char *name;
    lang_builtin_fn fn;
} lang_builtin_t;

/* A method of a built-in type bound to its object (`f = lst.append`). */
typedef struct {
    obj_t base;
    obj_t *self;
    const struct obj_method *method;
} lang_method_t;

/* A module: a name and a dict. */
typedef struct {
    obj_t base;
    obj_t *name;
    obj_t *dict;
} lang_module_t;

extern const obj_type_t lang_type_function, lang_type_cell, lang_type_builtin, lang_type_method,
    lang_type_module;

#define LANG_BUILTIN(cname, pyname, fn)                                                            \
    const lang_builtin_t cname = {OBJ_HEAD_INIT(&lang_type_builtin), pyname, fn}

obj_t *lang_func_new(lang_code_t *code, obj_t *globals);
obj_t *lang_cell_new(obj_t *ref); /* ref: new reference taken, or NULL */
obj_t *lang_method_new(obj_t *self, const struct obj_method *m);
obj_t *lang_module_new(const char *name);
/* The entry of a built-in type's method table named `name`, or NULL. */
const struct obj_method *lang_find_method(const obj_type_t *t, obj_t *name);

#endif /* LANG_FUNC_H */
