/* The error indicator and the built-in exception classes.
 *
 * Until the language brings exception instances, an error is a class (a static
 * type with OBJ_TYPE_EXCEPTION) plus a value: the message as a str, or NULL.
 * MemoryError's value is a static, immortal str, so raising it never allocates.
 */
#define OBJ_INTERNAL
#include <stdio.h>

#include "objects/object.h"
#include "objects/runtime.h"
#include "objects/str.h"

#define EXCEPTION(cname, pyname, parent)                                                           \
    const obj_type_t obj_exc_##cname = {                                                           \
        .base = OBJ_TYPE_HEAD_INIT,                                                                \
        .name = pyname,                                                                            \
        .base_type = parent,                                                                       \
        .flags = OBJ_TYPE_EXCEPTION,                                                               \
    }

EXCEPTION(BaseException, "BaseException", NULL);
EXCEPTION(Exception, "Exception", &obj_exc_BaseException);
EXCEPTION(KeyboardInterrupt, "KeyboardInterrupt", &obj_exc_BaseException);
EXCEPTION(StopIteration, "StopIteration", &obj_exc_Exception);
EXCEPTION(ArithmeticError, "ArithmeticError", &obj_exc_Exception);
EXCEPTION(OverflowError, "OverflowError", &obj_exc_ArithmeticError);
EXCEPTION(ZeroDivisionError, "ZeroDivisionError", &obj_exc_ArithmeticError);
EXCEPTION(LookupError, "LookupError", &obj_exc_Exception);
EXCEPTION(IndexError, "IndexError", &obj_exc_LookupError);
EXCEPTION(KeyError, "KeyError", &obj_exc_LookupError);
EXCEPTION(MemoryError, "MemoryError", &obj_exc_Exception);
EXCEPTION(TypeError, "TypeError", &obj_exc_Exception);
EXCEPTION(ValueError, "ValueError", &obj_exc_Exception);
EXCEPTION(UnicodeError, "UnicodeError", &obj_exc_ValueError);
EXCEPTION(RuntimeError, "RuntimeError", &obj_exc_Exception);
EXCEPTION(RecursionError, "RecursionError", &obj_exc_RuntimeError);
EXCEPTION(NotImplementedError, "NotImplementedError", &obj_exc_RuntimeError);
EXCEPTION(SystemError, "SystemError", &obj_exc_Exception);
EXCEPTION(AttributeError, "AttributeError", &obj_exc_Exception);
EXCEPTION(NameError, "NameError", &obj_exc_Exception);
EXCEPTION(AssertionError, "AssertionError", &obj_exc_Exception);

/* The preallocated MemoryError value: an immortal empty str, as CPython's
 * MemoryError() has no message. */
static const obj_str_t memory_error_value = {
    .base = {OBJ_HEAD_INIT(&obj_type_str), 0},
    .length = 0,
    .hash = -1,
    .data = "",
};

void obj_err_set_value(const obj_type_t *exc, obj_t *value)
{
    obj_t *old = obj_rt.err_value;
    obj_rt.err_type = exc;
    obj_rt.err_value = value;
    obj_xdecref(old);
}

obj_t *obj_err_no_memory(void)
{
    obj_err_set_value(&obj_exc_MemoryError, (obj_t *)&memory_error_value);
    return NULL;
}

obj_t *obj_err_format(const obj_type_t *exc, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    obj_t *message = obj_str_from_vformat(format, args);
    va_end(args);
    if (message == NULL)
        return NULL; /* MemoryError is set */
    obj_err_set_value(exc, message);
    return NULL;
}

const obj_type_t *obj_err_occurred(void)
{
    return obj_rt.err_type;
}

int obj_err_matches(const obj_type_t *exc)
{
    return obj_rt.err_type && obj_type_is_subtype(obj_rt.err_type, exc);
}

void obj_err_fetch(const obj_type_t **type, obj_t **value)
{
    *type = obj_rt.err_type;
    *value = obj_rt.err_value;
    obj_rt.err_type = NULL;
    obj_rt.err_value = NULL;
}

void obj_err_clear(void)
{
    obj_err_set_value(NULL, NULL);
}

obj_t *obj_err_value(void)
{
    return obj_rt.err_value;
}
