/* The compiler (see lang/compile.h).
 *
 * Pass 1 walks the tree once and records, per scope (module, function,
 * lambda, comprehension), every name with how it is used: assigned,
 * a parameter, declared global or nonlocal, read. Pass 2 resolves each
 * function-scope name: local, global, or free (bound in an enclosing
 * function); the binding scope of a free name keeps it in a cell, and scopes
 * in between pass it through as free. Pass 3 generates code per scope.
 *
 * Code generation tracks the value-stack depth as it emits (every opcode has a
 * fixed effect; a jump records the depth at its target), so the frame's stack
 * size is exact. Exception handling is a stack of active handlers: every
 * emitted instruction is covered by the innermost one, and runs of
 * instructions with the same handler become one exception-table range.
 * break/continue/return leave try, except and finally blocks by emitting the
 * cleanup those blocks need (a finally body is copied inline), as CPython does.
 *
 * Comprehensions compile to a hidden nested function called at once (CPython
 * 3.11's scheme; CO_HIDDEN keeps its frame out of tracebacks, so they read as
 * 3.12's inlined comprehensions). Generator expressions are compiled as list
 * comprehensions and iterated (eager) until generators exist.
 */
#include "lang/compile.h"

#include <string.h>

#include "lang/code.h"
#include "lang/exc.h"
#include "lang/lang.h"
#include "objects/dict.h"
#include "objects/float.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"

/* ---- symbol table -------------------------------------------------------- */

enum {
    DEF_LOCAL = 1, /* assigned in the scope */
    DEF_PARAM = 2,
    DEF_GLOBAL = 4,   /* declared global */
    DEF_NONLOCAL = 8, /* declared nonlocal */
    USE = 16,
    SC_FREE = 32, /* resolved: free (from an enclosing function) */
    SC_CELL = 64, /* resolved: local kept in a cell for an inner function */
};

struct sym {
    struct sym *next;
    obj_t *name; /* interned: compared by identity */
    uint16_t flags;
    int16_t index;  /* local slot (parameters and plain locals), or -1 */
    int16_t cindex; /* cell or free number, or -1 */
    int line, col;
};

enum { SCOPE_MODULE, SCOPE_FUNCTION, SCOPE_COMPREHENSION };

struct scope {
    struct scope *parent;
    struct node *node;
    int kind;
    struct sym *syms, *syms_tail;
    int nlocals, ncells, nfrees;
    struct scope *children, *next_sibling;
};

struct compiler {
    struct compile_ctx *cx;
    obj_t *filename;
    struct scope *cur;
    int mode;
    obj_t *dot0; /* ".0": a comprehension's iterator parameter */
};

static struct sym *sym_find(struct scope *s, obj_t *name)
{
    for (struct sym *y = s->syms; y; y = y->next)
        if (y->name == name)
            return y;
    return NULL;
}

static struct sym *sym_add(struct compiler *c, struct scope *s, obj_t *name, int flags,
                           const struct node *at)
{
    struct sym *y = sym_find(s, name);
    if (y == NULL) {
        y = arena_alloc(c->cx, sizeof *y);
        y->name = name;
        y->index = y->cindex = -1;
        y->line = at->line;
        y->col = at->col;
        if (s->syms_tail)
            s->syms_tail->next = y;
        else
            s->syms = y;
        s->syms_tail = y;
    }
    y->flags |= (uint16_t)flags;
    return y;
}

static struct scope *scope_new(struct compiler *c, struct node *n, int kind)
{
    struct scope *s = arena_alloc(c->cx, sizeof *s);
    s->node = n;
    s->kind = kind;
    s->parent = c->cur;
    if (c->cur) {
        s->next_sibling = c->cur->children;
        c->cur->children = s;
    }
    n->scope = s;
    return s;
}

static void st_expr(struct compiler *c, struct node *n);
static void st_stmts(struct compiler *c, struct node *n);

static void st_list(struct compiler *c, struct node *n)
{
    for (; n; n = n->next)
        st_expr(c, n);
}

static void st_args(struct compiler *c, struct node *args, struct scope *inner)
{
    /* defaults are evaluated outside */
    for (struct node *a = args->kids; a; a = a->next)
        if (a->a)
            st_expr(c, a->a);
    for (struct node *a = args->kids; a; a = a->next) {
        if (sym_find(inner, a->val))
            compile_fail_at(c->cx, &lang_exc_SyntaxError, a,
                            "duplicate argument '%s' in function definition",
                            obj_str_utf8(a->val, NULL));
        sym_add(c, inner, a->val, DEF_PARAM, a);
    }
}

static void st_comprehension(struct compiler *c, struct node *n)
{
    struct node *first = n->kids;
    st_expr(c, first->b); /* the outermost iterable: in the enclosing scope */
    struct scope *s = scope_new(c, n, SCOPE_COMPREHENSION);
    struct scope *saved = c->cur;
    c->cur = s;
    sym_add(c, s, c->dot0, DEF_PARAM, n);
    for (struct node *f = n->kids; f; f = f->next) {
        st_expr(c, f->a);
        if (f != first)
            st_expr(c, f->b);
        st_list(c, f->c);
    }
    st_expr(c, n->a);
    if (n->b)
        st_expr(c, n->b);
    c->cur = saved;
}

/* Record a store (or delete) target's names. */
static void st_target(struct compiler *c, struct node *n)
{
    switch (n->kind) {
    case N_NAME: sym_add(c, c->cur, n->val, DEF_LOCAL, n); break;
    case N_TUPLE:
    case N_LIST:
        for (struct node *k = n->kids; k; k = k->next)
            st_target(c, k);
        break;
    case N_STARRED: st_target(c, n->a); break;
    case N_ATTR: st_expr(c, n->a); break;
    case N_SUBSCR:
        st_expr(c, n->a);
        st_expr(c, n->b);
        break;
    default: st_expr(c, n); break;
    }
}

static void st_expr(struct compiler *c, struct node *n)
{
    if (n == NULL)
        return;
    switch (n->kind) {
    case N_NAME: sym_add(c, c->cur, n->val, USE, n); break;
    case N_CONST: break;
    case N_LAMBDA: {
        st_args(c, n->a, scope_new(c, n, SCOPE_FUNCTION));
        struct scope *saved = c->cur;
        c->cur = n->scope;
        st_expr(c, n->b);
        c->cur = saved;
        break;
    }
    case N_NAMEDEXPR:
        st_expr(c, n->b);
        st_target(c, n->a);
        break;
    case N_LISTCOMP:
    case N_SETCOMP:
    case N_DICTCOMP:
    case N_GENEXP: st_comprehension(c, n); break;
    case N_KEYWORD: st_expr(c, n->a); break;
    case N_ATTR: st_expr(c, n->a); break;
    default:
        st_expr(c, n->a);
        st_expr(c, n->b);
        st_expr(c, n->c);
        st_list(c, n->kids);
        break;
    }
}

static void st_declare(struct compiler *c, struct node *n, int flag)
{
    const char *what = flag == DEF_GLOBAL ? "global" : "nonlocal";
    if (flag == DEF_NONLOCAL && c->cur->kind == SCOPE_MODULE)
        compile_fail_at(c->cx, &lang_exc_SyntaxError, n,
                        "nonlocal declaration not allowed at module level");
    for (struct node *k = n->kids; k; k = k->next) {
        struct sym *y = sym_find(c->cur, k->val);
        const char *name = obj_str_utf8(k->val, NULL);
        if (y && (y->flags & DEF_PARAM))
            compile_fail_at(c->cx, &lang_exc_SyntaxError, n, "name '%s' is parameter and %s", name,
                            what);
        if (y && (y->flags & (flag == DEF_GLOBAL ? DEF_NONLOCAL : DEF_GLOBAL)))
            compile_fail_at(c->cx, &lang_exc_SyntaxError, n, "name '%s' is nonlocal and global",
                            name);
        if (y && (y->flags & USE))
            compile_fail_at(c->cx, &lang_exc_SyntaxError, n,
                            "name '%s' is used prior to %s declaration", name, what);
        if (y && (y->flags & DEF_LOCAL))
            compile_fail_at(c->cx, &lang_exc_SyntaxError, n,
                            "name '%s' is assigned to before %s declaration", name, what);
        sym_add(c, c->cur, k->val, flag, k);
    }
}

static void st_stmt(struct compiler *c, struct node *n)
{
    switch (n->kind) {
    case N_FUNCDEF: {
        struct scope *s = scope_new(c, n, SCOPE_FUNCTION);
        st_args(c, n->a, s);
        sym_add(c, c->cur, n->val, DEF_LOCAL, n);
        struct scope *saved = c->cur;
        c->cur = s;
        st_stmts(c, n->kids);
        c->cur = saved;
        break;
    }
    case N_ASSIGN:
        st_expr(c, n->a);
        for (struct node *t = n->kids; t; t = t->next)
            st_target(c, t);
        break;
    case N_AUGASSIGN:
        st_expr(c, n->b);
        if (n->a->kind == N_NAME)
            sym_add(c, c->cur, n->a->val, DEF_LOCAL | USE, n->a);
        else
            st_target(c, n->a);
        break;
    case N_ANNASSIGN:
        st_expr(c, n->c);
        if (n->c || n->a->kind != N_NAME)
            st_target(c, n->a);
        else
            sym_add(c, c->cur, n->a->val, DEF_LOCAL, n->a);
        break;
    case N_DEL:
        for (struct node *t = n->kids; t; t = t->next)
            st_target(c, t);
        break;
    case N_FOR:
        st_expr(c, n->b);
        st_target(c, n->a);
        st_stmts(c, n->kids);
        st_stmts(c, n->d);
        break;
    case N_GLOBAL: st_declare(c, n, DEF_GLOBAL); break;
    case N_NONLOCAL: st_declare(c, n, DEF_NONLOCAL); break;
    case N_IF:
    case N_WHILE:
        st_expr(c, n->a);
        st_stmts(c, n->kids);
        st_stmts(c, n->d);
        break;
    case N_TRY:
        st_stmts(c, n->kids);
        for (struct node *h = n->b; h; h = h->next) {
            st_expr(c, h->a);
            if (h->val)
                sym_add(c, c->cur, h->val, DEF_LOCAL, h);
            st_stmts(c, h->kids);
        }
        st_stmts(c, n->c);
        st_stmts(c, n->d);
        break;
    case N_IMPORT:
        for (struct node *a = n->kids; a; a = a->next) {
            obj_t *bound = a->a ? a->a->val : a->val;
            if (!a->a) {
                size_t len;
                const char *s = obj_str_utf8(a->val, &len);
                const char *dot = memchr(s, '.', len);
                if (dot) {
                    obj_t *top = obj_str_from_utf8(s, (size_t)(dot - s));
                    if (top == NULL)
                        compile_fail_error(c->cx);
                    bound = arena_own(c->cx, obj_str_intern(top));
                }
            }
            sym_add(c, c->cur, bound, DEF_LOCAL, a);
        }
        break;
    case N_IMPORTFROM:
        for (struct node *a = n->kids; a; a = a->next) {
            if (a->val == NULL) {
                if (c->cur->kind != SCOPE_MODULE)
                    compile_fail_at(c->cx, &lang_exc_SyntaxError, n,
                                    "import * only allowed at module level");
                continue;
            }
            sym_add(c, c->cur, a->a ? a->a->val : a->val, DEF_LOCAL, a);
        }
        break;
    default:
        st_expr(c, n->a);
        st_expr(c, n->b);
        st_list(c, n->kids);
        break;
    }
}

static void st_stmts(struct compiler *c, struct node *n)
{
    for (; n; n = n->next)
        st_stmt(c, n);
}

/* Resolve: mark free names and the cells they come from. */
static void st_resolve(struct compiler *c, struct scope *s)
{
    if (s->kind != SCOPE_MODULE) {
        for (struct sym *y = s->syms; y; y = y->next) {
            if (y->flags & DEF_GLOBAL)
                continue;
            int local = (y->flags & (DEF_LOCAL | DEF_PARAM)) && !(y->flags & DEF_NONLOCAL);
            if (local || !(y->flags & (USE | DEF_NONLOCAL)))
                continue;
            /* find the enclosing function scope that binds it */
            struct scope *b = s->parent;
            struct sym *by = NULL;
            for (; b && b->kind != SCOPE_MODULE; b = b->parent) {
                by = sym_find(b, y->name);
                if (by && (by->flags & DEF_GLOBAL)) {
                    b = NULL;
                    break;
                }
                if (by && (by->flags & (DEF_LOCAL | DEF_PARAM)) && !(by->flags & DEF_NONLOCAL))
                    break;
            }
            if (b == NULL || b->kind == SCOPE_MODULE) {
                if (y->flags & DEF_NONLOCAL) {
                    struct node at = {.line = y->line, .col = y->col};
                    compile_fail_at(c->cx, &lang_exc_SyntaxError, &at,
                                    "no binding for nonlocal '%s' found",
                                    obj_str_utf8(y->name, NULL));
                }
                continue;
            }
            by->flags |= SC_CELL;
            for (struct scope *t = s; t != b; t = t->parent)
                sym_add(c, t, y->name, 0, b->node)->flags |= SC_FREE;
        }
    }
    for (struct scope *k = s->children; k; k = k->next_sibling)
        st_resolve(c, k);
}

/* ---- code generation ----------------------------------------------------------- */

struct label {
    int offset; /* -1 until bound */
    int depth;  /* stack depth on arrival, -1 unknown */
};

enum { FB_WHILE, FB_FOR, FB_TRY_FINALLY, FB_HANDLER, FB_FINALLY_END };

struct fblock {
    int kind;
    int l_continue, l_break;
    struct node *node;  /* the finally body / the handler */
    int handler_height; /* handler stack height outside this block */
};

#define MAX_FBLOCKS  20 /* CPython's CO_MAXBLOCKS */
#define MAX_HANDLERS (2 * MAX_FBLOCKS + 4)

struct range {
    int start, end, label, depth;
};

struct unit {
    struct compiler *c;
    struct scope *sc;
    uint8_t *code;
    int len, cap;
    uint8_t *lines;
    int lines_len, lines_cap;
    int line, last_line, last_line_addr;
    struct label *labels;
    int nlabels, labels_cap;
    struct {
        int pos, label;
    } * fixups;
    int nfixups, fixups_cap;
    struct range *ranges;
    int nranges, ranges_cap;
    int handlers[MAX_HANDLERS]; /* label ids */
    int handler_depths[MAX_HANDLERS];
    int nhandlers;
    struct fblock fb[MAX_FBLOCKS];
    int nfb;
    obj_t *consts, *names; /* lists */
    int depth, maxdepth;
    int unreachable;
    obj_t *qualname;
};

static void *grow(struct compile_ctx *cx, void *old, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return old;
    int ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *p = arena_alloc(cx, (size_t)ncap * elem);
    if (old)
        memcpy(p, old, (size_t)*cap * elem);
    *cap = ncap;
    return p;
}

#define GROW(u, arr, count, capf, n)                                                               \
    ((u)->arr = grow((u)->c->cx, (u)->arr, &(u)->capf, (count) + (n), sizeof *(u)->arr))

static void put_byte(struct unit *u, int b)
{
    GROW(u, code, u->len, cap, 1);
    u->code[u->len++] = (uint8_t)b;
}

static void put_varint(struct unit *u, uint32_t v)
{
    do {
        GROW(u, lines, u->lines_len, lines_cap, 1);
        u->lines[u->lines_len++] = (uint8_t)((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
        v >>= 7;
    } while (v);
}

static int stack_effect(int op, int arg, int jump)
{
    switch (op) {
    case OP_NOP:
    case OP_UNARY_NEGATIVE:
    case OP_UNARY_POSITIVE:
    case OP_UNARY_NOT:
    case OP_UNARY_INVERT:
    case OP_GET_ITER:
    case OP_JUMP:
    case OP_LIST_TO_TUPLE:
    case OP_LOAD_ATTR:
    case OP_SWAP:
    case OP_FORMAT_VALUE - 1000: return 0;
    case OP_POP_TOP:
    case OP_RETURN_VALUE:
    case OP_BINARY_SUBSCR:
    case OP_BINARY_OP:
    case OP_COMPARE_OP:
    case OP_STORE_NAME:
    case OP_STORE_GLOBAL:
    case OP_STORE_FAST:
    case OP_STORE_DEREF:
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE:
    case OP_LIST_APPEND:
    case OP_SET_ADD:
    case OP_LIST_EXTEND:
    case OP_SET_UPDATE:
    case OP_DICT_UPDATE:
    case OP_DICT_MERGE:
    case OP_PRINT_EXPR:
    case OP_POP_EXCEPT:
    case OP_RERAISE:
    case OP_DELETE_ATTR:
    case OP_CHECK_EXC_MATCH - 1000: return -1;
    case OP_CHECK_EXC_MATCH: return 0;
    case OP_PUSH_NULL:
    case OP_LOAD_CONST:
    case OP_LOAD_NAME:
    case OP_LOAD_GLOBAL:
    case OP_LOAD_FAST:
    case OP_LOAD_DEREF:
    case OP_LOAD_CLOSURE:
    case OP_COPY:
    case OP_LOAD_ASSERTION_ERROR:
    case OP_IMPORT_FROM:
    case OP_PUSH_EXC_INFO: return 1;
    case OP_DELETE_NAME:
    case OP_DELETE_GLOBAL:
    case OP_DELETE_FAST:
    case OP_DELETE_DEREF:
    case OP_END_FOR:
    case OP_IMPORT_NAME: return 0;
    case OP_STORE_ATTR:
    case OP_DELETE_SUBSCR:
    case OP_CLEANUP_RERAISE: return -2;
    case OP_STORE_SUBSCR: return -3;
    case OP_MAP_ADD: return -2;
    case OP_BUILD_SLICE: return 1 - arg;
    case OP_BUILD_TUPLE:
    case OP_BUILD_LIST:
    case OP_BUILD_SET:
    case OP_BUILD_STRING: return 1 - arg;
    case OP_BUILD_MAP: return 1 - 2 * arg;
    case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case OP_FOR_ITER: return jump ? -1 : 1;
    case OP_UNPACK_SEQUENCE: return arg - 1;
    case OP_UNPACK_EX: return (arg & 0xFF) + (arg >> 8);
    case OP_CALL: return -arg;
    case OP_CALL_KW: return -arg - 1;
    case OP_CALL_EX: return -1 - (arg & CALLEX_KWARGS);
    case OP_CALL_METHOD: return -(arg >> 16);
    case OP_CALL_METHOD_KW: return -(arg >> 16) - 1;
    case OP_MAKE_FUNCTION:
        return -((arg & MF_DEFAULTS) != 0) - ((arg & MF_KWDEFAULTS) != 0) -
               ((arg & MF_CLOSURE) != 0);
    case OP_RAISE_VARARGS: return -arg;
    case OP_FORMAT_VALUE: return (arg & FV_SPEC) ? -1 : 0;
    default: return 0;
    }
}

static void note_depth(struct unit *u, int d)
{
    if (d > u->maxdepth)
        u->maxdepth = d;
}

/* Start or extend the exception range of the instruction at u->len. */
static void cover(struct unit *u)
{
    int h = u->nhandlers ? u->handlers[u->nhandlers - 1] : -1;
    struct range *last = u->nranges ? &u->ranges[u->nranges - 1] : NULL;
    if (last && last->end == u->len && last->label == h) {
        return;
    }
    if (h < 0)
        return;
    GROW(u, ranges, u->nranges, ranges_cap, 1);
    u->ranges[u->nranges++] =
        (struct range){u->len, u->len, h, u->handler_depths[u->nhandlers - 1]};
}

static void emit_arg(struct unit *u, int op, int arg)
{
    if (u->line != u->last_line) {
        put_varint(u, (uint32_t)(u->len - u->last_line_addr));
        int d = u->line - u->last_line;
        put_varint(u, d >= 0 ? (uint32_t)d << 1 : ((uint32_t)(-d - 1) << 1) | 1);
        u->last_line = u->line;
        u->last_line_addr = u->len;
    }
    cover(u);
    put_byte(u, op);
    if (op == OP_CALL_METHOD || op == OP_CALL_METHOD_KW) {
        put_byte(u, arg & 0xFF);
        put_byte(u, (arg >> 8) & 0xFF);
        put_byte(u, arg >> 16);
    } else if (op > OP_HAVE_ARG) {
        if (arg > 0xFFFF)
            compile_fail_at(u->c->cx, &lang_exc_SyntaxError, u->sc->node, "too many constants");
        put_byte(u, arg & 0xFF);
        put_byte(u, arg >> 8);
    }
    if (u->nranges &&
        u->ranges[u->nranges - 1].label == (u->nhandlers ? u->handlers[u->nhandlers - 1] : -1))
        u->ranges[u->nranges - 1].end = u->len;
    u->depth += stack_effect(op, arg, 0);
    note_depth(u, u->depth);
    u->unreachable = op == OP_RETURN_VALUE || op == OP_RERAISE || op == OP_CLEANUP_RERAISE ||
                     op == OP_RAISE_VARARGS || op == OP_JUMP;
}

static void emit(struct unit *u, int op)
{
    emit_arg(u, op, 0);
}

static int new_label(struct unit *u)
{
    GROW(u, labels, u->nlabels, labels_cap, 1);
    u->labels[u->nlabels] = (struct label){-1, -1};
    return u->nlabels++;
}

static void emit_jump(struct unit *u, int op, int label)
{
    int after = u->depth + stack_effect(op, 0, 1);
    if (u->labels[label].depth < after)
        u->labels[label].depth = after;
    note_depth(u, after);
    GROW(u, fixups, u->nfixups, fixups_cap, 1);
    emit_arg(u, op, 0);
    u->fixups[u->nfixups].pos = u->len - 2;
    u->fixups[u->nfixups].label = label;
    u->nfixups++;
}

static void bind_label(struct unit *u, int label)
{
    u->labels[label].offset = u->len;
    if (u->unreachable || u->labels[label].depth > u->depth)
        u->depth = u->labels[label].depth >= 0 ? u->labels[label].depth : u->depth;
    u->unreachable = 0;
}

/* Handlers: a label whose code runs with the stack cut to `depth` and the
 * exception pushed. */
static void push_handler(struct unit *u, int label, int depth)
{
    if (u->nhandlers >= MAX_HANDLERS)
        compile_fail_at(u->c->cx, &lang_exc_SyntaxError, u->sc->node,
                        "too many statically nested blocks");
    u->handlers[u->nhandlers] = label;
    u->handler_depths[u->nhandlers] = depth;
    u->nhandlers++;
    if (u->labels[label].depth < depth + 1)
        u->labels[label].depth = depth + 1;
    note_depth(u, depth + 1);
}

static void pop_handler(struct unit *u)
{
    u->nhandlers--;
}

static int add_const(struct unit *u, obj_t *v)
{
    size_t n = obj_list_size(u->consts);
    for (size_t i = 0; i < n; i++) {
        obj_t *k = obj_list_get(u->consts, i);
        if (k == v)
            return (int)i;
        if (k->type == v->type && k->type != &lang_type_code && k->type != &obj_type_tuple) {
            int eq = obj_richcompare_bool(k, v, OBJ_EQ);
            if (eq < 0)
                compile_fail_error(u->c->cx);
            /* -0.0 == 0.0 but they are different constants */
            double x, y;
            if (k->type == &obj_type_float)
                x = obj_float_value(k), y = obj_float_value(v);
            /* -0.0 == 0.0, yet they are different constants */
            if (eq && (k->type != &obj_type_float || memcmp(&x, &y, sizeof x) == 0))
                return (int)i;
        }
    }
    if (obj_list_append(u->consts, v) < 0)
        compile_fail_error(u->c->cx);
    return (int)n;
}

static int add_name(struct unit *u, obj_t *name)
{
    size_t n = obj_list_size(u->names);
    for (size_t i = 0; i < n; i++)
        if (obj_list_get(u->names, i) == name)
            return (int)i;
    if (obj_list_append(u->names, name) < 0)
        compile_fail_error(u->c->cx);
    return (int)n;
}

static void load_const(struct unit *u, obj_t *v)
{
    emit_arg(u, OP_LOAD_CONST, add_const(u, v));
}

static void expr(struct unit *u, struct node *n);
static void stmts(struct unit *u, struct node *n);

enum { NAME_LOAD, NAME_STORE, NAME_DELETE };

static void name_op(struct unit *u, obj_t *name, int how, const struct node *at)
{
    static const uint8_t ops[4][3] = {
        {OP_LOAD_FAST, OP_STORE_FAST, OP_DELETE_FAST},
        {OP_LOAD_DEREF, OP_STORE_DEREF, OP_DELETE_DEREF},
        {OP_LOAD_GLOBAL, OP_STORE_GLOBAL, OP_DELETE_GLOBAL},
        {OP_LOAD_NAME, OP_STORE_NAME, OP_DELETE_NAME},
    };
    (void)at;
    struct scope *s = u->sc;
    if (s->kind == SCOPE_MODULE) {
        emit_arg(u, ops[3][how], add_name(u, name));
        return;
    }
    struct sym *y = sym_find(s, name);
    if (y == NULL || (y->flags & DEF_GLOBAL) ||
        !(y->flags & (DEF_LOCAL | DEF_PARAM | SC_FREE | SC_CELL))) {
        emit_arg(u, ops[2][how], add_name(u, name));
        return;
    }
    if (y->flags & SC_CELL)
        emit_arg(u, ops[1][how], s->nlocals + y->cindex);
    else if (y->flags & SC_FREE)
        emit_arg(u, ops[1][how], s->nlocals + s->ncells + y->cindex);
    else
        emit_arg(u, ops[0][how], y->index);
}

/* ---- expressions ---- */

static void exprs(struct unit *u, struct node *n)
{
    for (; n; n = n->next)
        expr(u, n);
}

static int count(struct node *n)
{
    int k = 0;
    for (; n; n = n->next)
        k++;
    return k;
}

static int has_starred(struct node *n)
{
    for (; n; n = n->next)
        if (n->kind == N_STARRED)
            return 1;
    return 0;
}

/* A list/tuple/set display, with * unpacking when present. */
static void sequence(struct unit *u, struct node *items, int kind)
{
    int n = count(items);
    if (!has_starred(items)) {
        exprs(u, items);
        emit_arg(u,
                 kind == N_SET    ? OP_BUILD_SET
                 : kind == N_LIST ? OP_BUILD_LIST
                                  : OP_BUILD_TUPLE,
                 n);
        return;
    }
    emit_arg(u, kind == N_SET ? OP_BUILD_SET : OP_BUILD_LIST, 0);
    for (struct node *k = items; k; k = k->next) {
        if (k->kind == N_STARRED) {
            expr(u, k->a);
            emit_arg(u, kind == N_SET ? OP_SET_UPDATE : OP_LIST_EXTEND, 1);
        } else {
            expr(u, k);
            emit_arg(u, kind == N_SET ? OP_SET_ADD : OP_LIST_APPEND, 1);
        }
    }
    if (kind == N_TUPLE)
        emit(u, OP_LIST_TO_TUPLE);
}

static void compare(struct unit *u, struct node *n)
{
    expr(u, n->a);
    struct node *it = n->kids;
    if (it->next == NULL) {
        expr(u, it->a);
        emit_arg(u, OP_COMPARE_OP, it->op);
        return;
    }
    int clean = new_label(u), end = new_label(u);
    for (; it->next; it = it->next) {
        expr(u, it->a);
        emit_arg(u, OP_SWAP, 2);
        emit_arg(u, OP_COPY, 2);
        emit_arg(u, OP_COMPARE_OP, it->op);
        emit_jump(u, OP_JUMP_IF_FALSE_OR_POP, clean);
    }
    expr(u, it->a);
    emit_arg(u, OP_COMPARE_OP, it->op);
    emit_jump(u, OP_JUMP, end);
    bind_label(u, clean);
    emit_arg(u, OP_SWAP, 2);
    emit(u, OP_POP_TOP);
    bind_label(u, end);
}

/* Jump to `label` when the truth of n equals `when`. */
static void jump_if(struct unit *u, struct node *n, int when, int label)
{
    if (n->kind == N_UNARY && n->op == U_NOT) {
        jump_if(u, n->a, !when, label);
        return;
    }
    if (n->kind == N_BOOLOP) {
        int is_or = n->op == 1;
        if (is_or == when) {
            for (struct node *k = n->kids; k; k = k->next)
                jump_if(u, k, when, label);
        } else {
            int skip = new_label(u);
            for (struct node *k = n->kids; k->next; k = k->next)
                jump_if(u, k, !when, skip);
            struct node *last = n->kids;
            while (last->next)
                last = last->next;
            jump_if(u, last, when, label);
            bind_label(u, skip);
        }
        return;
    }
    expr(u, n);
    emit_jump(u, when ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label);
}

static void call_args(struct unit *u, struct node *args, int method_name_idx)
{
    int npos = 0, nkw = 0, ex = 0;
    for (struct node *a = args; a; a = a->next) {
        if (a->kind == N_STARRED || (a->kind == N_KEYWORD && a->val == NULL))
            ex = 1;
        else if (a->kind == N_KEYWORD)
            nkw++;
        else
            npos++;
    }
    if (ex) {
        if (method_name_idx >= 0) {
            /* the bound method as the callable */
            emit_arg(u, OP_LOAD_ATTR, method_name_idx);
        }
        sequence(u, NULL, N_LIST);
        for (struct node *a = args; a; a = a->next) {
            if (a->kind == N_STARRED) {
                expr(u, a->a);
                emit_arg(u, OP_LIST_EXTEND, 1);
            } else if (a->kind != N_KEYWORD) {
                expr(u, a);
                emit_arg(u, OP_LIST_APPEND, 1);
            }
        }
        emit(u, OP_LIST_TO_TUPLE);
        int have_kw = 0;
        for (struct node *a = args; a; a = a->next) {
            if (a->kind != N_KEYWORD)
                continue;
            if (!have_kw)
                emit_arg(u, OP_BUILD_MAP, 0);
            have_kw = 1;
            if (a->val) {
                load_const(u, a->val);
                expr(u, a->a);
                emit_arg(u, OP_BUILD_MAP, 1);
            } else {
                expr(u, a->a);
            }
            emit_arg(u, OP_DICT_MERGE, 1);
        }
        emit_arg(u, OP_CALL_EX, have_kw ? CALLEX_KWARGS : 0);
        return;
    }
    for (struct node *a = args; a; a = a->next)
        if (a->kind != N_KEYWORD)
            expr(u, a);
    if (nkw == 0) {
        if (method_name_idx >= 0)
            emit_arg(u, OP_CALL_METHOD, method_name_idx | npos << 16);
        else
            emit_arg(u, OP_CALL, npos);
        return;
    }
    obj_t *names = arena_own(u->c->cx, obj_tuple_new((size_t)nkw));
    int i = 0;
    for (struct node *a = args; a; a = a->next) {
        if (a->kind != N_KEYWORD)
            continue;
        for (struct node *b = args; b != a; b = b->next)
            if (b->kind == N_KEYWORD && b->val == a->val)
                compile_fail_at(u->c->cx, &lang_exc_SyntaxError, a, "keyword argument repeated: %s",
                                obj_str_utf8(a->val, NULL));
        expr(u, a->a);
        obj_tuple_set_new(names, (size_t)i++, obj_newref(a->val));
    }
    load_const(u, names);
    if (method_name_idx >= 0)
        emit_arg(u, OP_CALL_METHOD_KW, method_name_idx | (npos + nkw) << 16);
    else
        emit_arg(u, OP_CALL_KW, npos + nkw);
}

static void make_function(struct unit *u, struct node *n, struct node *args_node, obj_t *name);

static void comprehension(struct unit *u, struct node *n);

static void fstring(struct unit *u, struct node *n)
{
    int parts = 0;
    for (struct node *k = n->kids; k; k = k->next, parts++) {
        if (k->kind == N_CONST) {
            load_const(u, k->val);
            continue;
        }
        expr(u, k->a);
        int arg = k->op;
        if (k->b) {
            fstring(u, k->b);
            arg |= FV_SPEC;
        }
        emit_arg(u, OP_FORMAT_VALUE, arg);
    }
    if (parts == 1 && n->kids->kind != N_CONST)
        return; /* FORMAT_VALUE already made a str */
    emit_arg(u, OP_BUILD_STRING, parts);
}

static void expr(struct unit *u, struct node *n)
{
    int saved_line = u->line;
    u->line = n->line;
    switch (n->kind) {
    case N_NAME: name_op(u, n->val, NAME_LOAD, n); break;
    case N_CONST: load_const(u, n->val); break;
    case N_JOINEDSTR: fstring(u, n); break;
    case N_BINOP:
        expr(u, n->a);
        expr(u, n->b);
        u->line = n->line;
        emit_arg(u, OP_BINARY_OP, n->op);
        break;
    case N_UNARY: {
        static const uint8_t ops[] = {OP_UNARY_NEGATIVE, OP_UNARY_POSITIVE, OP_UNARY_NOT,
                                      OP_UNARY_INVERT};
        expr(u, n->a);
        emit(u, ops[n->op]);
        break;
    }
    case N_BOOLOP: {
        int end = new_label(u);
        for (struct node *k = n->kids; k; k = k->next) {
            expr(u, k);
            if (k->next)
                emit_jump(u, n->op ? OP_JUMP_IF_TRUE_OR_POP : OP_JUMP_IF_FALSE_OR_POP, end);
        }
        bind_label(u, end);
        break;
    }
    case N_COMPARE: compare(u, n); break;
    case N_IFEXP: {
        int orelse = new_label(u), end = new_label(u);
        jump_if(u, n->a, 0, orelse);
        expr(u, n->b);
        emit_jump(u, OP_JUMP, end);
        bind_label(u, orelse);
        expr(u, n->c);
        bind_label(u, end);
        break;
    }
    case N_LAMBDA: {
        static const char lambda_name[] = "<lambda>";
        obj_t *name = arena_own(u->c->cx, obj_str_intern_cstr(lambda_name));
        make_function(u, n, n->a, name);
        break;
    }
    case N_NAMEDEXPR:
        expr(u, n->b);
        emit_arg(u, OP_COPY, 1);
        name_op(u, n->a->val, NAME_STORE, n->a);
        break;
    case N_CALL:
        if (n->a->kind == N_ATTR && !has_starred(n->kids)) {
            expr(u, n->a->a);
            call_args(u, n->kids, add_name(u, n->a->val));
            break;
        }
        expr(u, n->a);
        call_args(u, n->kids, -1);
        break;
    case N_ATTR:
        expr(u, n->a);
        u->line = n->line;
        emit_arg(u, OP_LOAD_ATTR, add_name(u, n->val));
        break;
    case N_SUBSCR:
        expr(u, n->a);
        expr(u, n->b);
        u->line = n->line;
        emit(u, OP_BINARY_SUBSCR);
        break;
    case N_SLICE: {
        struct node *parts[3] = {n->a, n->b, n->c};
        int k = n->c ? 3 : 2;
        for (int i = 0; i < k; i++) {
            if (parts[i])
                expr(u, parts[i]);
            else
                load_const(u, obj_none);
        }
        emit_arg(u, OP_BUILD_SLICE, k);
        break;
    }
    case N_STARRED:
        compile_fail_at(u->c->cx, &lang_exc_SyntaxError, n, "can't use starred expression here");
    case N_TUPLE:
    case N_LIST:
    case N_SET: sequence(u, n->kids, n->kind); break;
    case N_DICT: {
        int n_items = count(n->kids), plain = 1;
        for (struct node *k = n->kids; k; k = k->next)
            plain &= k->kind == N_PAIR;
        if (plain) {
            for (struct node *k = n->kids; k; k = k->next) {
                expr(u, k->a);
                expr(u, k->b);
            }
            emit_arg(u, OP_BUILD_MAP, n_items);
            break;
        }
        emit_arg(u, OP_BUILD_MAP, 0);
        for (struct node *k = n->kids; k; k = k->next) {
            if (k->kind == N_PAIR) {
                expr(u, k->a);
                expr(u, k->b);
                emit_arg(u, OP_MAP_ADD, 1);
            } else {
                expr(u, k->a);
                emit_arg(u, OP_DICT_UPDATE, 1);
            }
        }
        break;
    }
    case N_LISTCOMP:
    case N_SETCOMP:
    case N_DICTCOMP:
    case N_GENEXP: comprehension(u, n); break;
    default: compile_fail_at(u->c->cx, &lang_exc_SyntaxError, n, "invalid syntax");
    }
    u->line = saved_line;
}

/* ---- stores ---- */

/* Store the value on top into a target, or (how == NAME_DELETE) delete it. */
static void target(struct unit *u, struct node *t, int how)
{
    switch (t->kind) {
    case N_NAME: name_op(u, t->val, how, t); break;
    case N_ATTR:
        expr(u, t->a);
        emit_arg(u, how == NAME_STORE ? OP_STORE_ATTR : OP_DELETE_ATTR, add_name(u, t->val));
        break;
    case N_SUBSCR:
        expr(u, t->a);
        expr(u, t->b);
        emit(u, how == NAME_STORE ? OP_STORE_SUBSCR : OP_DELETE_SUBSCR);
        break;
    case N_TUPLE:
    case N_LIST: {
        int n = count(t->kids), star = -1, i = 0;
        if (how == NAME_STORE) {
            for (struct node *k = t->kids; k; k = k->next, i++)
                if (k->kind == N_STARRED)
                    star = i;
            if (star < 0)
                emit_arg(u, OP_UNPACK_SEQUENCE, n);
            else
                emit_arg(u, OP_UNPACK_EX, star | (n - star - 1) << 8);
        }
        for (struct node *k = t->kids; k; k = k->next)
            target(u, k->kind == N_STARRED ? k->a : k, how);
        break;
    }
    default: compile_fail_at(u->c->cx, &lang_exc_SyntaxError, t, "cannot assign to expression");
    }
}

static void store(struct unit *u, struct node *t)
{
    target(u, t, NAME_STORE);
}

/* ---- units (one per code object) ---- */

static void unit_init(struct unit *u, struct compiler *c, struct scope *sc, obj_t *qualname)
{
    memset(u, 0, sizeof *u);
    u->c = c;
    u->sc = sc;
    u->consts = arena_own(c->cx, obj_list_new(0));
    u->names = arena_own(c->cx, obj_list_new(0));
    u->line = u->last_line = sc->node->line;
    u->qualname = qualname;
}

/* Slots: parameters in CPython's order (positional, keyword-only, *args,
 * **kwargs), then the other plain locals; cells and frees are numbered apart
 * (a parameter that is also a cell has both: cell2arg links them). */
static void assign_slots(struct compiler *c, struct scope *s, struct node *args)
{
    int n = 0;
    static const int order[] = {ARG_POSONLY, ARG_POS, ARG_KWONLY, ARG_VARARGS, ARG_VARKW};
    if (s->kind == SCOPE_COMPREHENSION)
        sym_find(s, c->dot0)->index = (int16_t)n++;
    if (args)
        for (int k = 0; k < 5; k++)
            for (struct node *a = args->kids; a; a = a->next)
                if (a->op == order[k])
                    sym_find(s, a->val)->index = (int16_t)n++;
    for (struct sym *y = s->syms; y; y = y->next)
        if ((y->flags & DEF_LOCAL) && !(y->flags & (DEF_PARAM | DEF_GLOBAL | DEF_NONLOCAL)) &&
            !(y->flags & (SC_FREE | SC_CELL)))
            y->index = (int16_t)n++;
    s->nlocals = n;
    for (struct sym *y = s->syms; y; y = y->next)
        if (y->flags & SC_CELL)
            y->cindex = (int16_t)s->ncells++;
    for (struct sym *y = s->syms; y; y = y->next)
        if ((y->flags & SC_FREE) && !(y->flags & SC_CELL))
            y->cindex = (int16_t)s->nfrees++;
}

/* Build the code object from a finished unit. */
static obj_t *unit_code(struct unit *u, lang_code_t *proto, obj_t *name)
{
    struct compile_ctx *cx = u->c->cx;
    struct scope *s = u->sc;
    for (int i = 0; i < u->nfixups; i++) {
        int off = u->labels[u->fixups[i].label].offset;
        u->code[u->fixups[i].pos] = (uint8_t)off;
        u->code[u->fixups[i].pos + 1] = (uint8_t)(off >> 8);
    }
    if (u->len > 0xFFFF)
        compile_fail_at(cx, &lang_exc_SyntaxError, s->node, "function too large");
    struct lang_exc_range *ranges =
        arena_alloc(cx, sizeof *ranges * (size_t)(u->nranges ? u->nranges : 1));
    int nr = 0;
    for (int i = 0; i < u->nranges; i++) {
        if (u->ranges[i].end <= u->ranges[i].start)
            continue;
        ranges[nr].start = (uint16_t)u->ranges[i].start;
        ranges[nr].end = (uint16_t)u->ranges[i].end;
        ranges[nr].handler = (uint16_t)u->labels[u->ranges[i].label].offset;
        ranges[nr].depth = (uint16_t)u->ranges[i].depth;
        nr++;
    }
    int nvars = s->nlocals + s->ncells + s->nfrees;
    obj_t *varnames = arena_own(cx, obj_tuple_new((size_t)nvars));
    for (int i = 0; i < nvars; i++)
        obj_tuple_set_new(varnames, (size_t)i, obj_newref(obj_none));
    int16_t *cell2arg = arena_alloc(cx, sizeof(int16_t) * (size_t)(s->ncells + 1));
    for (struct sym *y = s->syms; y; y = y->next) {
        int slot = -1;
        if (y->flags & SC_CELL)
            slot = s->nlocals + y->cindex;
        else if (y->flags & SC_FREE)
            slot = s->nlocals + s->ncells + y->cindex;
        if (y->index >= 0) {
            obj_decref(obj_tuple_get(varnames, (size_t)y->index));
            obj_tuple_set_new(varnames, (size_t)y->index, obj_newref(y->name));
        }
        if (slot >= 0) {
            obj_decref(obj_tuple_get(varnames, (size_t)slot));
            obj_tuple_set_new(varnames, (size_t)slot, obj_newref(y->name));
        }
        if (y->flags & SC_CELL)
            cell2arg[y->cindex] = (y->flags & DEF_PARAM) ? y->index : -1;
    }
    proto->nlocals = (uint16_t)s->nlocals;
    proto->ncells = (uint16_t)s->ncells;
    proto->nfrees = (uint16_t)s->nfrees;
    proto->stacksize = (uint16_t)(u->maxdepth + 1);
    proto->firstline = s->node->line;
    proto->consts = arena_own(cx, obj_list_as_tuple(u->consts));
    proto->names = arena_own(cx, obj_list_as_tuple(u->names));
    proto->varnames = varnames;
    proto->name = name;
    proto->qualname = u->qualname;
    proto->filename = u->c->filename;
    return arena_own(cx, lang_code_new(proto, u->code, (size_t)u->len, u->lines,
                                       (size_t)u->lines_len, ranges, (size_t)nr, cell2arg));
}

/* Load the cells a nested scope's frees come from, as a tuple. Returns
 * nonzero when there are any. */
static int closure(struct unit *u, struct scope *inner)
{
    if (inner->nfrees == 0)
        return 0;
    for (int i = 0; i < inner->nfrees; i++) {
        struct sym *y = inner->syms;
        while (!((y->flags & SC_FREE) && !(y->flags & SC_CELL) && y->cindex == i))
            y = y->next;
        struct sym *here = sym_find(u->sc, y->name);
        int slot = (here->flags & SC_CELL) ? u->sc->nlocals + here->cindex
                                           : u->sc->nlocals + u->sc->ncells + here->cindex;
        emit_arg(u, OP_LOAD_CLOSURE, slot);
    }
    emit_arg(u, OP_BUILD_TUPLE, inner->nfrees);
    return 1;
}

static void function_body(struct unit *u, struct node *n);

static obj_t *compile_function(struct unit *outer, struct node *n, struct node *args, obj_t *name)
{
    struct compiler *c = outer->c;
    struct scope *s = n->scope;
    obj_t *qual = name;
    if (outer->sc->kind != SCOPE_MODULE)
        qual = arena_own(c->cx,
                         obj_str_from_format("%s.<locals>.%s", obj_str_utf8(outer->qualname, NULL),
                                             obj_str_utf8(name, NULL)));
    struct unit *u = arena_alloc(c->cx, sizeof *u);
    unit_init(u, c, s, qual);
    assign_slots(c, s, args);
    function_body(u, n);
    lang_code_t proto;
    memset(&proto, 0, sizeof proto);
    int flags = CO_NESTED;
    if (args)
        for (struct node *a = args->kids; a; a = a->next) {
            proto.argcount += a->op <= ARG_POS;
            proto.posonlycount += a->op == ARG_POSONLY;
            proto.kwonlycount += a->op == ARG_KWONLY;
            flags |= a->op == ARG_VARARGS ? CO_VARARGS : a->op == ARG_VARKW ? CO_VARKEYWORDS : 0;
        }
    if (s->kind == SCOPE_COMPREHENSION) {
        proto.argcount = 1;
        flags |= CO_HIDDEN;
    }
    proto.flags = (uint16_t)flags;
    return unit_code(u, &proto, name);
}

/* Defaults, keyword-only defaults and closure, then MAKE_FUNCTION. */
static void make_function(struct unit *u, struct node *n, struct node *args, obj_t *name)
{
    int flags = 0, ndef = 0, nkw = 0;
    for (struct node *a = args->kids; a; a = a->next) {
        if (a->a && a->op <= ARG_POS) {
            expr(u, a->a);
            ndef++;
        }
    }
    if (ndef) {
        emit_arg(u, OP_BUILD_TUPLE, ndef);
        flags |= MF_DEFAULTS;
    }
    for (struct node *a = args->kids; a; a = a->next) {
        if (a->a && a->op == ARG_KWONLY) {
            load_const(u, a->val);
            expr(u, a->a);
            nkw++;
        }
    }
    if (nkw) {
        emit_arg(u, OP_BUILD_MAP, nkw);
        flags |= MF_KWDEFAULTS;
    }
    obj_t *code = compile_function(u, n, args, name);
    if (closure(u, n->scope))
        flags |= MF_CLOSURE;
    load_const(u, code);
    emit_arg(u, OP_MAKE_FUNCTION, flags);
}

static void comprehension(struct unit *u, struct node *n)
{
    static const char *const names[] = {"<listcomp>", "<setcomp>", "<dictcomp>", "<listcomp>"};
    int which = n->kind == N_LISTCOMP   ? 0
                : n->kind == N_SETCOMP  ? 1
                : n->kind == N_DICTCOMP ? 2
                                        : 3;
    obj_t *name = arena_own(u->c->cx, obj_str_intern_cstr(names[which]));
    obj_t *code = compile_function(u, n, NULL, name);
    int flags = closure(u, n->scope) ? MF_CLOSURE : 0;
    load_const(u, code);
    emit_arg(u, OP_MAKE_FUNCTION, flags);
    expr(u, n->kids->b);
    emit(u, OP_GET_ITER);
    emit_arg(u, OP_CALL, 1);
    if (n->kind == N_GENEXP)
        emit(u, OP_GET_ITER);
}

/* The body of a comprehension's hidden function. */
static void comprehension_body(struct unit *u, struct node *n)
{
    int kind = n->kind;
    emit_arg(u,
             kind == N_SETCOMP    ? OP_BUILD_SET
             : kind == N_DICTCOMP ? OP_BUILD_MAP
                                  : OP_BUILD_LIST,
             0);
    int tops[16], ends[16], depth = 0;
    for (struct node *f = n->kids; f; f = f->next) {
        if (depth == 16)
            compile_fail_at(u->c->cx, &lang_exc_SyntaxError, f, "too many nested loops");
        if (f == n->kids) {
            name_op(u, u->c->dot0, NAME_LOAD, f);
        } else {
            expr(u, f->b);
            emit(u, OP_GET_ITER);
        }
        tops[depth] = new_label(u);
        ends[depth] = new_label(u);
        bind_label(u, tops[depth]);
        u->line = f->line;
        emit_jump(u, OP_FOR_ITER, ends[depth]);
        store(u, f->a);
        for (struct node *c = f->c; c; c = c->next)
            jump_if(u, c, 0, tops[depth]);
        depth++;
    }
    if (kind == N_DICTCOMP) {
        expr(u, n->a);
        expr(u, n->b);
        emit_arg(u, OP_MAP_ADD, depth + 1);
    } else {
        expr(u, n->a);
        emit_arg(u, kind == N_SETCOMP ? OP_SET_ADD : OP_LIST_APPEND, depth + 1);
    }
    while (depth--) {
        emit_jump(u, OP_JUMP, tops[depth]);
        bind_label(u, ends[depth]);
    }
    emit(u, OP_RETURN_VALUE);
}

/* ---- statements ---- */

static void push_fblock(struct unit *u, int kind, int l_continue, int l_break, struct node *node)
{
    if (u->nfb >= MAX_FBLOCKS)
        compile_fail_at(u->c->cx, &lang_exc_SyntaxError, node, "too many statically nested blocks");
    u->fb[u->nfb++] = (struct fblock){kind, l_continue, l_break, node, u->nhandlers};
}

static void handler_name_cleanup(struct unit *u, struct node *h)
{
    if (h && h->val) {
        load_const(u, obj_none);
        name_op(u, h->val, NAME_STORE, h);
        name_op(u, h->val, NAME_DELETE, h);
    }
}

/* Emit what leaving fblock i needs (a value on top is kept when preserve). */
static void unwind_fblock(struct unit *u, int i, int preserve)
{
    struct fblock *f = &u->fb[i];
    switch (f->kind) {
    case FB_WHILE: break;
    case FB_FOR:
        if (preserve)
            emit_arg(u, OP_SWAP, 2);
        emit(u, OP_POP_TOP); /* the iterator */
        break;
    case FB_TRY_FINALLY: {
        /* run the finally body outside this try's handlers */
        int saved_n = u->nhandlers, saved_fb = u->nfb;
        u->nhandlers = f->handler_height;
        u->nfb = i; /* a break inside this finally copy belongs to the outer blocks */
        stmts(u, f->node);
        u->nhandlers = saved_n;
        u->nfb = saved_fb;
        break;
    }
    case FB_FINALLY_END:
        if (preserve)
            emit_arg(u, OP_SWAP, 2);
        emit(u, OP_POP_TOP); /* the exception, then the handled state */
        __attribute__((fallthrough));
    case FB_HANDLER:
        if (preserve)
            emit_arg(u, OP_SWAP, 2);
        emit(u, OP_POP_EXCEPT);
        if (f->kind == FB_HANDLER)
            handler_name_cleanup(u, f->node);
        break;
    }
}

static void loop_exit(struct unit *u, struct node *n, int is_break)
{
    int i = u->nfb - 1;
    for (; i >= 0; i--) {
        if (u->fb[i].kind == FB_WHILE || u->fb[i].kind == FB_FOR)
            break;
    }
    if (i < 0)
        compile_fail_at(u->c->cx, &lang_exc_SyntaxError, n,
                        is_break ? "'break' outside loop" : "'continue' not properly in loop");
    int saved_nfb = u->nfb, saved_h = u->nhandlers, saved_depth = u->depth;
    for (int j = u->nfb - 1; j > i; j--) {
        unwind_fblock(u, j, 0);
        u->nhandlers = u->fb[j].handler_height;
    }
    if (is_break)
        unwind_fblock(u, i, 0);
    emit_jump(u, OP_JUMP, is_break ? u->fb[i].l_break : u->fb[i].l_continue);
    u->nfb = saved_nfb;
    u->nhandlers = saved_h;
    u->depth = saved_depth;
}

static void stmt(struct unit *u, struct node *n);

static void stmts(struct unit *u, struct node *n)
{
    for (; n; n = n->next)
        stmt(u, n);
}

static void try_except(struct unit *u, struct node *n)
{
    int handler = new_label(u), cleanup = new_label(u), end = new_label(u);
    int d = u->depth;
    push_handler(u, handler, d);
    stmts(u, n->kids);
    pop_handler(u);
    stmts(u, n->c); /* else */
    emit_jump(u, OP_JUMP, end);

    bind_label(u, handler);
    u->depth = d + 1;
    emit(u, OP_PUSH_EXC_INFO); /* [prev, exc] */
    push_handler(u, cleanup, d + 1);
    for (struct node *h = n->b; h; h = h->next) {
        u->line = h->line;
        int next = new_label(u);
        if (h->a) {
            expr(u, h->a);
            emit(u, OP_CHECK_EXC_MATCH);
            emit_jump(u, OP_POP_JUMP_IF_FALSE, next);
        }
        if (h->val)
            name_op(u, h->val, NAME_STORE, h);
        else
            emit(u, OP_POP_TOP);
        /* [prev] */
        int name_cleanup = -1;
        if (h->val) {
            name_cleanup = new_label(u);
            push_handler(u, name_cleanup, d + 1);
        }
        push_fblock(u, FB_HANDLER, -1, -1, h);
        stmts(u, h->kids);
        u->nfb--;
        if (h->val)
            pop_handler(u);
        pop_handler(u); /* the cleanup region ends before POP_EXCEPT */
        emit(u, OP_POP_EXCEPT);
        handler_name_cleanup(u, h);
        emit_jump(u, OP_JUMP, end);
        push_handler(u, cleanup, d + 1);
        if (h->val) {
            bind_label(u, name_cleanup);
            u->depth = d + 2;
            handler_name_cleanup(u, h);
            emit(u, OP_RERAISE); /* to `cleanup`, which restores the handled state */
        }
        bind_label(u, next);
        u->depth = d + 2;
    }
    emit(u, OP_RERAISE); /* no clause matched: [prev] stays for the cleanup */
    pop_handler(u);
    bind_label(u, cleanup);
    u->depth = d + 2;
    emit(u, OP_CLEANUP_RERAISE);
    bind_label(u, end);
    u->depth = d;
}

static void try_finally(struct unit *u, struct node *n)
{
    int handler = new_label(u), cleanup = new_label(u), end = new_label(u);
    int d = u->depth;
    push_fblock(u, FB_TRY_FINALLY, -1, -1, n->d);
    u->fb[u->nfb - 1].handler_height = u->nhandlers;
    push_handler(u, handler, d);
    if (n->b)
        try_except(u, n);
    else
        stmts(u, n->kids);
    pop_handler(u);
    u->nfb--;
    stmts(u, n->d);
    emit_jump(u, OP_JUMP, end);

    bind_label(u, handler);
    u->depth = d + 1;
    emit(u, OP_PUSH_EXC_INFO);
    push_handler(u, cleanup, d + 1);
    push_fblock(u, FB_FINALLY_END, -1, -1, NULL);
    stmts(u, n->d);
    u->nfb--;
    emit(u, OP_RERAISE);
    pop_handler(u);
    bind_label(u, cleanup);
    u->depth = d + 2;
    emit(u, OP_CLEANUP_RERAISE);
    bind_label(u, end);
    u->depth = d;
}

/* A loop's body, the jump back to `top`, then its else block (reached at
 * `orelse` when the loop ends without break). */
static void loop_rest(struct unit *u, struct node *n, int kind, int top, int orelse, int end)
{
    push_fblock(u, kind, top, end, n);
    stmts(u, n->kids);
    u->nfb--;
    u->line = n->line;
    emit_jump(u, OP_JUMP, top);
    bind_label(u, orelse);
    stmts(u, n->d);
    bind_label(u, end);
}

static void import_module(struct unit *u, obj_t *name)
{
    load_const(u, name);
    emit_arg(u, OP_IMPORT_NAME, add_name(u, name));
}

static void stmt(struct unit *u, struct node *n)
{
    u->line = n->line;
    switch (n->kind) {
    case N_EXPR:
        if (u->c->mode == LANG_MODE_EVAL) {
            expr(u, n->a);
            emit(u, OP_RETURN_VALUE);
            break;
        }
        if (n->a->kind == N_CONST && u->c->mode != LANG_MODE_SINGLE)
            break;
        expr(u, n->a);
        emit(u, u->c->mode == LANG_MODE_SINGLE && u->sc->kind == SCOPE_MODULE ? OP_PRINT_EXPR
                                                                              : OP_POP_TOP);
        break;
    case N_ASSIGN:
        expr(u, n->a);
        for (struct node *t = n->kids; t; t = t->next) {
            if (t->next)
                emit_arg(u, OP_COPY, 1);
            store(u, t);
        }
        break;
    case N_AUGASSIGN: {
        struct node *t = n->a;
        if (t->kind == N_NAME) {
            name_op(u, t->val, NAME_LOAD, t);
            expr(u, n->b);
            u->line = n->line;
            emit_arg(u, OP_BINARY_OP, n->op | BIN_INPLACE);
            name_op(u, t->val, NAME_STORE, t);
        } else if (t->kind == N_ATTR) {
            expr(u, t->a);
            emit_arg(u, OP_COPY, 1);
            emit_arg(u, OP_LOAD_ATTR, add_name(u, t->val));
            expr(u, n->b);
            u->line = n->line;
            emit_arg(u, OP_BINARY_OP, n->op | BIN_INPLACE);
            emit_arg(u, OP_SWAP, 2);
            emit_arg(u, OP_STORE_ATTR, add_name(u, t->val));
        } else {
            expr(u, t->a);
            expr(u, t->b);
            emit_arg(u, OP_COPY, 2);
            emit_arg(u, OP_COPY, 2);
            emit(u, OP_BINARY_SUBSCR);
            expr(u, n->b);
            u->line = n->line;
            emit_arg(u, OP_BINARY_OP, n->op | BIN_INPLACE);
            emit_arg(u, OP_SWAP, 3);
            emit_arg(u, OP_SWAP, 2);
            emit(u, OP_STORE_SUBSCR);
        }
        break;
    }
    case N_ANNASSIGN:
        if (n->c) {
            expr(u, n->c);
            store(u, n->a);
        }
        break;
    case N_DEL:
        for (struct node *t = n->kids; t; t = t->next)
            target(u, t, NAME_DELETE);
        break;
    case N_PASS: break;
    case N_BREAK: loop_exit(u, n, 1); break;
    case N_CONTINUE: loop_exit(u, n, 0); break;
    case N_RETURN: {
        if (u->sc->kind == SCOPE_MODULE)
            compile_fail_at(u->c->cx, &lang_exc_SyntaxError, n, "'return' outside function");
        if (n->a)
            expr(u, n->a);
        else
            load_const(u, obj_none);
        int saved_nfb = u->nfb, saved_h = u->nhandlers, saved_depth = u->depth;
        for (int j = u->nfb - 1; j >= 0; j--) {
            unwind_fblock(u, j, 1);
            u->nhandlers = u->fb[j].handler_height;
        }
        u->line = n->line;
        emit(u, OP_RETURN_VALUE);
        u->nfb = saved_nfb;
        u->nhandlers = saved_h;
        u->depth = saved_depth;
        break;
    }
    case N_RAISE:
        if (n->a)
            expr(u, n->a);
        if (n->b)
            expr(u, n->b);
        u->line = n->line;
        emit_arg(u, OP_RAISE_VARARGS, n->b ? 2 : n->a ? 1 : 0);
        break;
    case N_GLOBAL:
    case N_NONLOCAL: break;
    case N_IF: {
        int orelse = new_label(u), end = new_label(u);
        jump_if(u, n->a, 0, orelse);
        stmts(u, n->kids);
        if (n->d) {
            emit_jump(u, OP_JUMP, end);
            bind_label(u, orelse);
            stmts(u, n->d);
        } else {
            bind_label(u, orelse);
        }
        bind_label(u, end);
        break;
    }
    case N_WHILE: {
        int top = new_label(u), orelse = new_label(u), end = new_label(u);
        bind_label(u, top);
        jump_if(u, n->a, 0, orelse);
        loop_rest(u, n, FB_WHILE, top, orelse, end);
        break;
    }
    case N_FOR: {
        int top = new_label(u), orelse = new_label(u), end = new_label(u);
        expr(u, n->b);
        u->line = n->line;
        emit(u, OP_GET_ITER);
        bind_label(u, top);
        emit_jump(u, OP_FOR_ITER, orelse);
        store(u, n->a);
        loop_rest(u, n, FB_FOR, top, orelse, end);
        break;
    }
    case N_TRY:
        if (n->d)
            try_finally(u, n);
        else
            try_except(u, n);
        break;
    case N_FUNCDEF:
        make_function(u, n, n->a, n->val);
        name_op(u, n->val, NAME_STORE, n);
        break;
    case N_ASSERT: {
        int end = new_label(u);
        jump_if(u, n->a, 1, end);
        emit(u, OP_LOAD_ASSERTION_ERROR);
        if (n->b) {
            expr(u, n->b);
            emit_arg(u, OP_CALL, 1);
        }
        emit_arg(u, OP_RAISE_VARARGS, 1);
        bind_label(u, end);
        break;
    }
    case N_IMPORT:
        for (struct node *a = n->kids; a; a = a->next) {
            import_module(u, a->val);
            if (a->a) {
                name_op(u, a->a->val, NAME_STORE, a);
            } else {
                size_t len;
                const char *s = obj_str_utf8(a->val, &len);
                const char *dot = memchr(s, '.', len);
                obj_t *top = a->val;
                if (dot)
                    top = arena_own(u->c->cx,
                                    obj_str_intern(obj_str_from_utf8(s, (size_t)(dot - s))));
                name_op(u, top, NAME_STORE, a);
            }
        }
        break;
    case N_IMPORTFROM:
        if (n->op)
            compile_fail_at(u->c->cx, &lang_exc_SyntaxError, n,
                            "relative imports are not supported");
        import_module(u, n->val);
        for (struct node *a = n->kids; a; a = a->next) {
            if (a->val == NULL)
                compile_fail_at(u->c->cx, &lang_exc_SyntaxError, n,
                                "'import *' is not supported yet");
            emit_arg(u, OP_IMPORT_FROM, add_name(u, a->val));
            name_op(u, a->a ? a->a->val : a->val, NAME_STORE, a);
        }
        emit(u, OP_POP_TOP);
        break;
    default: compile_fail_at(u->c->cx, &lang_exc_SyntaxError, n, "invalid syntax");
    }
}

static void function_body(struct unit *u, struct node *n)
{
    if (n->kind == N_LAMBDA) {
        expr(u, n->b);
        emit(u, OP_RETURN_VALUE);
        return;
    }
    if (n->kind != N_FUNCDEF) {
        comprehension_body(u, n);
        return;
    }
    stmts(u, n->kids);
    if (!u->unreachable) {
        load_const(u, obj_none);
        emit(u, OP_RETURN_VALUE);
    }
}

/* ---- entry point ---- */

obj_t *compile_source(const char *src, size_t len, const char *filename, int mode, size_t *peak)
{
    struct compile_ctx *cx = obj_mem_alloc(sizeof *cx);
    if (cx == NULL)
        return NULL;
    memset(cx, 0, sizeof *cx);
    cx->src = src;
    cx->srclen = len;
    cx->mode = mode;
    obj_t *result = NULL;
    if (setjmp(cx->jmp) == 0) {
        struct compiler c;
        memset(&c, 0, sizeof c);
        c.cx = cx;
        c.mode = mode;
        c.filename = arena_own(cx, obj_str_from_cstr(filename));
        c.dot0 = arena_own(cx, obj_str_intern_cstr(".0"));
        struct node *m = parse_module(cx, mode);
        c.cur = NULL;
        struct scope *top = scope_new(&c, m, SCOPE_MODULE);
        c.cur = top;
        st_stmts(&c, m->kids);
        st_resolve(&c, top);
        struct unit *u = arena_alloc(cx, sizeof *u);
        obj_t *modname = arena_own(cx, obj_str_intern_cstr("<module>"));
        unit_init(u, &c, top, modname);
        stmts(u, m->kids);
        if (mode != LANG_MODE_EVAL) {
            load_const(u, obj_none);
            emit(u, OP_RETURN_VALUE);
        }
        lang_code_t proto;
        memset(&proto, 0, sizeof proto);
        result = obj_newref(unit_code(u, &proto, modname));
    } else if (cx->err.type) {
        obj_t *exc =
            lang_exc_syntax(cx->err.type, cx->err.msg, filename, cx->err.line, cx->err.offset,
                            cx->err.end_offset, cx->err.no_text ? NULL : src, len);
        if (exc)
            lang_exc_restore(exc);
    }
    if (peak)
        *peak = cx->arena.peak_bytes;
    arena_release(&cx->arena);
    obj_mem_free(cx);
    return result;
}
