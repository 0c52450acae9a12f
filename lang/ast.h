/* The syntax tree the parser builds and the compiler walks, and the scratch
 * arena both allocate from.
 *
 * One node shape for everything (a kind, an operator, four child pointers, a
 * first-child list, a sibling link, one object): lists are chains through
 * `next`. Nodes live in the arena, a chain of blocks from obj_mem_alloc
 * released as a whole when compiling ends, whatever the outcome; objects the
 * tree holds (names, constants) are recorded in the arena and released with
 * it. Errors leave through a longjmp to the compile entry point (lang/compile.c),
 * after filling the syntax-error record, so no parsing function checks for
 * failure.
 */
#ifndef LANG_AST_H
#define LANG_AST_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/lex.h"
#include "objects/object.h"

enum node_kind {
    /* expressions */
    N_NAME,
    N_CONST,
    N_JOINEDSTR,
    N_FORMATTED,
    N_BINOP,
    N_UNARY,
    N_BOOLOP,
    N_COMPARE,
    N_CMPITEM,
    N_IFEXP,
    N_LAMBDA,
    N_NAMEDEXPR,
    N_CALL,
    N_KEYWORD,
    N_ATTR,
    N_SUBSCR,
    N_SLICE,
    N_STARRED,
    N_TUPLE,
    N_LIST,
    N_SET,
    N_DICT,
    N_PAIR,
    N_DSTAR,
    N_LISTCOMP,
    N_SETCOMP,
    N_DICTCOMP,
    N_GENEXP,
    N_COMPFOR,
    /* statements */
    N_EXPR,
    N_ASSIGN,
    N_AUGASSIGN,
    N_ANNASSIGN,
    N_DEL,
    N_PASS,
    N_BREAK,
    N_CONTINUE,
    N_RETURN,
    N_RAISE,
    N_GLOBAL,
    N_NONLOCAL,
    N_IF,
    N_WHILE,
    N_FOR,
    N_TRY,
    N_HANDLER,
    N_FUNCDEF,
    N_ASSERT,
    N_IMPORT,
    N_IMPORTFROM,
    N_ALIAS,
    N_ARGS,
    N_ARG,
    N_MODULE,
};

/* N_UNARY ops. N_BOOLOP: 0 and, 1 or. N_BINOP: BIN_* of lang/code.h.
 * N_CMPITEM: OBJ_LT.. and CMP_* of lang/code.h. */
enum { U_NEG, U_POS, U_NOT, U_INVERT };
/* N_ARG kinds. */
enum { ARG_POSONLY, ARG_POS, ARG_VARARGS, ARG_KWONLY, ARG_VARKW };
/* N_CONST flags: which literal it came from, for error messages. */
#define NF_PAREN 1u /* written in parentheses (a tuple's or a genexp's own) */

struct scope;

/* Field use per kind (lists are chains through next):
 *   N_NAME val=identifier              N_CONST val=value
 *   N_JOINEDSTR kids=parts             N_FORMATTED a=expr op=FV_* b=spec (JOINEDSTR) or NULL
 *   N_BINOP op a b                     N_UNARY op a          N_BOOLOP op kids
 *   N_COMPARE a=left kids=CMPITEM(op a)  N_IFEXP a=test b=body c=orelse
 *   N_LAMBDA a=ARGS b=body scope       N_NAMEDEXPR a=NAME b=value
 *   N_CALL a=func kids=args (exprs, STARRED, KEYWORD val=name or NULL for ** a=value)
 *   N_ATTR a=value val=name            N_SUBSCR a=value b=index   N_SLICE a b c (each may be NULL)
 *   N_STARRED a                        N_TUPLE/N_LIST/N_SET kids
 *   N_DICT kids=PAIR(a b) or DSTAR(a)
 *   N_LISTCOMP/SETCOMP/GENEXP a=elt kids=COMPFOR   N_DICTCOMP a=key b=value kids=COMPFOR
 *   N_COMPFOR a=target b=iter c=ifs
 *   N_EXPR a   N_ASSIGN kids=targets a=value   N_AUGASSIGN op a=target b=value
 *   N_ANNASSIGN a=target b=annotation c=value  N_DEL kids  N_RETURN a  N_RAISE a b=cause
 *   N_GLOBAL/N_NONLOCAL kids=NAME       N_IF a=test kids=body d=orelse
 *   N_WHILE a=test kids=body d=orelse   N_FOR a=target b=iter kids=body d=orelse
 *   N_TRY kids=body b=handlers c=orelse d=finalbody   N_HANDLER a=type val=name kids=body
 *   N_FUNCDEF val=name a=ARGS kids=body b=decorators scope   N_ASSERT a=test b=msg
 *   N_IMPORT kids=ALIAS   N_IMPORTFROM val=module op=level kids=ALIAS (val=NULL: *)
 *   N_ALIAS val=dotted name a=NAME (asname) or NULL   N_ARGS kids=ARG(val=name op=kind a=default)
 *   N_MODULE kids=body scope
 */
struct node {
    uint8_t kind, op;
    uint16_t flags;
    int line, col, end_line, end_col;
    struct node *a, *b, *c, *d;
    struct node *kids;
    struct node *next;
    obj_t *val;
    struct scope *scope;
};

/* ---- the scratch arena ---- */
struct arena_block;
struct arena {
    struct arena_block *blocks;
    char *cur, *end;
    size_t bytes, peak_bytes; /* allocated from mm now / at most (blocks) */
    obj_t **owned;            /* objects released with the arena */
    size_t nowned, owned_cap;
};

/* Everything one compilation shares: the arena, the error record, the way
 * out. */
struct compile_ctx {
    struct arena arena;
    struct lang_syntax_error err;
    jmp_buf jmp;
    const char *src;
    size_t srclen;
    int mode;
};

void *arena_alloc(struct compile_ctx *cx, size_t size);
/* Record an object (a new reference, or NULL meaning an error is set: then
 * leave through the jmp as MemoryError or the error). Returns it, borrowed. */
obj_t *arena_own(struct compile_ctx *cx, obj_t *o);
void arena_release(struct arena *a);
/* Leave the compilation with the pending objects-layer error (MemoryError). */
_Noreturn void compile_fail_error(struct compile_ctx *cx);
/* Leave with a SyntaxError (or subclass) at a node's position. */
_Noreturn void compile_fail_at(struct compile_ctx *cx, const obj_type_t *type, const struct node *n,
                               const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Parse a whole input (modes of lang/lang.h). The tree lives in cx->arena. */
struct node *parse_module(struct compile_ctx *cx, int mode);

#endif /* LANG_AST_H */
