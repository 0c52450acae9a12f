/* The compiler: a tree from lang/ast.h to a code object, through a symbol
 * table (which names are local, global, cell or free in each function) and
 * one code-generation walk per function.
 */
#ifndef LANG_COMPILE_H
#define LANG_COMPILE_H

#include <stddef.h>

#include "lang/ast.h"
#include "objects/object.h"

/* Compile source text. Returns a new reference to the module's code object,
 * or NULL with an error set (a SyntaxError instance with CPython's details,
 * or MemoryError); all scratch memory is released either way. `*peak`
 * receives the arena's peak bytes. */
obj_t *compile_source(const char *src, size_t len, const char *filename, int mode, size_t *peak);

#endif /* LANG_COMPILE_H */
