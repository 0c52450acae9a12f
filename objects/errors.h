/* Errors (objects/errors.c).
 *
 * One error indicator (type + value) in the runtime state. Exception classes
 * are static types with OBJ_TYPE_EXCEPTION; instances arrive with the
 * language. The value is the message (a str) or NULL. MemoryError is raised
 * from a preallocated value: reporting it never allocates. */
#ifndef OBJ_ERRORS_H
#define OBJ_ERRORS_H

#include "objects/type.h"

extern const obj_type_t obj_exc_BaseException, obj_exc_Exception, obj_exc_StopIteration,
    obj_exc_ArithmeticError, obj_exc_OverflowError, obj_exc_ZeroDivisionError, obj_exc_LookupError,
    obj_exc_IndexError, obj_exc_KeyError, obj_exc_MemoryError, obj_exc_TypeError,
    obj_exc_ValueError, obj_exc_UnicodeError, obj_exc_RecursionError, obj_exc_RuntimeError,
    obj_exc_SystemError, obj_exc_AttributeError, obj_exc_NameError, obj_exc_NotImplementedError,
    obj_exc_KeyboardInterrupt, obj_exc_AssertionError;

/* Set the error with a printf-style message. Always returns NULL, so
 * `return obj_err_format(&obj_exc_TypeError, "...")` reads naturally. If the
 * message itself cannot be allocated, the error is MemoryError. */
obj_t *obj_err_format(const obj_type_t *exc, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Set the error with a value. Steals a reference to value (may be NULL). */
void obj_err_set_value(const obj_type_t *exc, obj_t *value);
/* MemoryError from the preallocated instance; never allocates. Returns NULL. */
obj_t *obj_err_no_memory(void);
/* The current error's type, or NULL. */
const obj_type_t *obj_err_occurred(void);
/* Nonzero when an error is set and it is `exc` or derives from it. */
int obj_err_matches(const obj_type_t *exc);
/* Take the error out: *type and *value (new reference or NULL); clears it. */
void obj_err_fetch(const obj_type_t **type, obj_t **value);
void obj_err_clear(void);
/* Borrowed reference to the current error's message (NULL when none). */
obj_t *obj_err_value(void);

#endif /* OBJ_ERRORS_H */
