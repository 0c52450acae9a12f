/* Code objects and the bytecode they hold.
 *
 * An instruction is one opcode byte, followed by a 16-bit little-endian
 * argument when the opcode is >= OP_HAVE_ARG (so code is at most 64 KiB per
 * function; jump arguments are absolute byte offsets). CALL_METHOD carries a
 * third byte (the argument count) after its name index.
 *
 * A code object is immutable after the compiler builds it: its arrays are
 * reached through const pointers, so code built at image-build time could live
 * in flash as an immortal const object. Heap code objects keep the arrays in
 * the same block, after the struct.
 *
 * Line table: for each run of instructions on one line, a varint byte-offset
 * delta, then a zigzag varint line delta, starting at (0, firstline).
 * Exception table: non-overlapping ranges [start, end) of instruction offsets,
 * each with its handler offset and the value-stack depth to unwind to (the
 * exception is then pushed). No entry: the exception leaves the frame.
 */
#ifndef LANG_CODE_H
#define LANG_CODE_H

#include <stddef.h>
#include <stdint.h>

#include "objects/object.h"

/* clang-format off */
#define LANG_OPCODES(X) \
    X(NOP) X(POP_TOP) X(PUSH_NULL) X(RETURN_VALUE) X(GET_ITER) \
    X(UNARY_NEGATIVE) X(UNARY_POSITIVE) X(UNARY_NOT) X(UNARY_INVERT) \
    X(BINARY_SUBSCR) X(STORE_SUBSCR) X(DELETE_SUBSCR) \
    X(PUSH_EXC_INFO) X(POP_EXCEPT) X(CHECK_EXC_MATCH) X(RERAISE) X(CLEANUP_RERAISE) \
    X(PRINT_EXPR) X(LIST_TO_TUPLE) X(LOAD_ASSERTION_ERROR) X(END_FOR) \
    X(HAVE_ARG) \
    X(LOAD_CONST) X(LOAD_NAME) X(STORE_NAME) X(DELETE_NAME) \
    X(LOAD_GLOBAL) X(STORE_GLOBAL) X(DELETE_GLOBAL) \
    X(LOAD_FAST) X(STORE_FAST) X(DELETE_FAST) \
    X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) X(LOAD_CLOSURE) \
    X(LOAD_ATTR) X(STORE_ATTR) X(DELETE_ATTR) \
    X(BINARY_OP) X(COMPARE_OP) X(BUILD_SLICE) \
    X(BUILD_TUPLE) X(BUILD_LIST) X(BUILD_SET) X(BUILD_MAP) X(BUILD_STRING) \
    X(LIST_APPEND) X(SET_ADD) X(MAP_ADD) X(LIST_EXTEND) X(SET_UPDATE) X(DICT_UPDATE) \
    X(DICT_MERGE) \
    X(JUMP) X(POP_JUMP_IF_FALSE) X(POP_JUMP_IF_TRUE) X(JUMP_IF_FALSE_OR_POP) \
    X(JUMP_IF_TRUE_OR_POP) X(FOR_ITER) \
    X(UNPACK_SEQUENCE) X(UNPACK_EX) X(COPY) X(SWAP) \
    X(CALL) X(CALL_KW) X(CALL_EX) X(CALL_METHOD) X(CALL_METHOD_KW) \
    X(MAKE_FUNCTION) X(RAISE_VARARGS) X(FORMAT_VALUE) \
    X(IMPORT_NAME) X(IMPORT_FROM)
/* clang-format on */

#define LANG_OP_ENUM(name) OP_##name,
enum lang_opcode { LANG_OPCODES(LANG_OP_ENUM) OP_COUNT };
#undef LANG_OP_ENUM

/* BINARY_OP arguments (augmented forms add BIN_INPLACE; the VM treats them
 * alike for the built-in types, which have no in-place slots here). */
enum {
    BIN_ADD,
    BIN_SUB,
    BIN_MUL,
    BIN_TRUEDIV,
    BIN_FLOORDIV,
    BIN_MOD,
    BIN_POW,
    BIN_LSHIFT,
    BIN_RSHIFT,
    BIN_AND,
    BIN_OR,
    BIN_XOR,
    BIN_MATMUL,
    BIN_COUNT,
    BIN_INPLACE = 16,
};
/* COMPARE_OP arguments beyond OBJ_LT .. OBJ_GE. */
enum { CMP_IS = 6, CMP_IS_NOT, CMP_IN, CMP_NOT_IN };
/* MAKE_FUNCTION flags: which of these are on the stack below the code. */
enum { MF_DEFAULTS = 1, MF_KWDEFAULTS = 2, MF_CLOSURE = 4 };
/* CALL_EX flag: a mapping of keyword arguments is on top. */
enum { CALLEX_KWARGS = 1 };
/* FORMAT_VALUE: conversion in the low bits, a spec on the stack with FV_SPEC. */
enum { FV_NONE, FV_STR, FV_REPR, FV_ASCII, FV_SPEC = 4 };

/* Code flags. */
#define CO_VARARGS     1u
#define CO_VARKEYWORDS 2u
#define CO_NESTED      4u /* a function (not module level) */
#define CO_HIDDEN      8u /* an inlined comprehension: no traceback line of its own */

struct lang_exc_range {
    uint16_t start, end, handler, depth;
};

typedef struct {
    obj_t base;
    uint16_t argcount; /* positional parameters, positional-only included */
    uint16_t posonlycount;
    uint16_t kwonlycount;
    uint16_t nlocals; /* parameters first (+ *args, **kwargs), then other locals */
    uint16_t ncells, nfrees;
    uint16_t stacksize;
    uint16_t flags;
    int firstline;
    obj_t *consts;   /* tuple */
    obj_t *names;    /* tuple of interned str: globals, attributes */
    obj_t *varnames; /* tuple: nlocals, then ncells, then nfrees names */
    obj_t *name, *qualname, *filename;
    const uint8_t *code;
    const uint8_t *linetable;
    const struct lang_exc_range *exctable;
    const int16_t *cell2arg; /* per cell: the parameter it starts from, or -1 */
    uint16_t codelen, linelen, nexc;
} lang_code_t;

extern const obj_type_t lang_type_code;

/* A new code object; the arrays are copied into the object's block. Steals
 * nothing: consts, names, varnames, name, qualname and filename get new
 * references. New reference, or NULL with MemoryError. */
obj_t *lang_code_new(const lang_code_t *proto, const uint8_t *code, size_t codelen,
                     const uint8_t *lines, size_t linelen, const struct lang_exc_range *exc,
                     size_t nexc, const int16_t *cell2arg);
/* The source line of the instruction at byte offset `off`. */
int lang_code_line(const lang_code_t *co, size_t off);
/* The handler range covering `off`, or NULL. */
const struct lang_exc_range *lang_code_handler(const lang_code_t *co, size_t off);

#endif /* LANG_CODE_H */
