/* Exception instances, the classes the language adds to those of objects/, and
 * the printing of uncaught exceptions as CPython does.
 *
 * Exception classes are static types with OBJ_TYPE_EXCEPTION (objects/errors.c
 * has the ones the data types raise). An instance is a lang_exc_t whose own
 * object type is lang_type_exc; `cls` is its Python class (type(e) answers
 * cls). The error indicator of objects/ carries (class, value): the value is
 * either such an instance or, when C code raised, the bare argument (a message
 * str, a KeyError's key, or NULL); lang_exc_normalize turns the latter into an
 * instance when the VM first sees it.
 *
 * The traceback is an array of (code, line) entries, appended as the exception
 * leaves each frame (innermost first); printing walks it backwards.
 */
#ifndef LANG_EXC_H
#define LANG_EXC_H

#include "lang/code.h"
#include "objects/object.h"

extern const obj_type_t lang_exc_SyntaxError, lang_exc_IndentationError, lang_exc_TabError,
    lang_exc_ImportError, lang_exc_ModuleNotFoundError, lang_exc_UnboundLocalError,
    lang_exc_SystemExit, lang_exc_EOFError, lang_exc_OSError, lang_exc_GeneratorExit;
extern const obj_type_t lang_type_exc;

struct lang_tb_entry {
    lang_code_t *code; /* a reference */
    int line;
};

typedef struct {
    obj_t base;
    const obj_type_t *cls;
    obj_t *args;    /* tuple */
    obj_t *context; /* __context__ or NULL */
    obj_t *cause;   /* __cause__ or NULL */
    uint8_t suppress_context;
    uint16_t ntb, tb_cap;
    struct lang_tb_entry *tb; /* obj_mem_alloc'd, or NULL */
} lang_exc_t;

static inline int lang_exc_check(const obj_t *o)
{
    return o->type == &lang_type_exc;
}

/* The class of an object as Python sees it (type(o)). */
const obj_type_t *lang_type_of(const obj_t *o);

/* A new instance of `cls` with `args` (a tuple: steals a reference). New
 * reference, or NULL with MemoryError. */
obj_t *lang_exc_new(const obj_type_t *cls, obj_t *args);
/* Take the error indicator out as an instance (never NULL: a MemoryError
 * instance that needs no allocation stands in when memory is short). New
 * reference. An error must be set. */
obj_t *lang_exc_fetch(void);
/* Put an instance into the error indicator. Steals the reference. */
void lang_exc_restore(obj_t *exc);
/* Record that the exception passed through `code` at `line` (benign when
 * memory is short: the entry is dropped). */
void lang_exc_add_tb(obj_t *exc, lang_code_t *code, int line);
/* str(e) as CPython: '' / str(arg) / str(args); KeyError: repr(arg). */
obj_t *lang_exc_str(obj_t *exc);
/* Print "Traceback ... / Class: message" with chained exceptions, as
 * CPython's default excepthook, through lang_write. */
void lang_exc_print(obj_t *exc);
/* A SyntaxError instance carrying (msg, (filename, line, offset, text,
 * end_line, end_offset)) as CPython's. NULL with MemoryError. */
obj_t *lang_exc_syntax(const obj_type_t *cls, const char *msg, const char *filename, int line,
                       int offset, int end_offset, const char *src, size_t len);
/* The attribute of an exception instance (args, __context__, ...), or NULL
 * with AttributeError. */
obj_t *lang_exc_getattr(obj_t *exc, obj_t *name);
/* Look up a class by its Python name among the built-in exception classes
 * (for the builtins module); index from 0 until NULL. */
const obj_type_t *lang_exc_class_at(size_t i);
/* Make / drop the MemoryError instance kept for reporting without memory. */
int lang_exc_init(void);
void lang_exc_fini(void);

#endif /* LANG_EXC_H */
