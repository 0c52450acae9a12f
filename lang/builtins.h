/* The builtins module, the built-in modules (sys, gc, time), calling built-in
 * types and methods, and the operations the VM delegates (formatting,
 * `%`, imports, the REPL echo).
 */
#ifndef LANG_BUILTINS_H
#define LANG_BUILTINS_H

#include "objects/object.h"

/* Build the builtins dict and the module table into lang_vm. */
int lang_builtins_init(void);

obj_t *lang_call_type(const obj_type_t *t, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *lang_call_method(obj_t *self, const struct obj_method *m, obj_t *const *args, size_t nargs,
                        obj_t *kwnames);
/* Attributes of built-in objects besides methods (int.real, ...): a new
 * reference, or NULL (with no error: there is none). */
obj_t *lang_builtin_attr(obj_t *o, obj_t *name);
obj_t *lang_str_percent(obj_t *format, obj_t *args);
obj_t *lang_ascii(obj_t *o);
/* d.update(other) for ** and dict displays; strict: a repeated key is a
 * TypeError (keyword arguments). */
int lang_dict_merge(obj_t *d, obj_t *other, int strict);
/* f(*args, **kwargs): a flat argument array (borrowed items; free with
 * lang_free_flat) and the keyword names (new reference or NULL). */
int lang_flatten_call(obj_t *args, obj_t *kwargs, obj_t ***flat, obj_t **kwnames);
void lang_free_flat(obj_t **flat, size_t n);
int lang_print_expr(obj_t *v);
obj_t *lang_import(obj_t *name);

#endif /* LANG_BUILTINS_H */
