/* The parser: recursive descent over the token stream into the tree of
 * lang/ast.h, with CPython 3.12's precedence and its messages for the common
 * mistakes. Binary operators are parsed by precedence climbing (one function
 * for every level), which keeps the C stack per nesting level small; nesting
 * is bounded by LANG_NEST_MAX (brackets and unary chains) and statement
 * blocks by LEX_MAX_INDENT.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lang/ast.h"
#include "lang/code.h"
#include "lang/exc.h"
#include "lang/lang.h"
#include "objects/bytes.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"

/* ---- the arena ------------------------------------------------------------ */

struct arena_block {
    struct arena_block *next;
    size_t size;
};
#define ARENA_BLOCK 2048

void *arena_alloc(struct compile_ctx *cx, size_t size)
{
    struct arena *a = &cx->arena;
    size = (size + 7) & ~(size_t)7;
    if ((size_t)(a->end - a->cur) < size) {
        size_t want = size + sizeof(struct arena_block) > ARENA_BLOCK
                          ? size + sizeof(struct arena_block)
                          : ARENA_BLOCK;
        struct arena_block *b = obj_mem_alloc(want);
        if (b == NULL)
            compile_fail_error(cx);
        b->next = a->blocks;
        b->size = want;
        a->blocks = b;
        a->bytes += want;
        if (a->bytes > a->peak_bytes)
            a->peak_bytes = a->bytes;
        a->cur = (char *)b + ((sizeof *b + 7) & ~(size_t)7);
        a->end = (char *)b + want;
    }
    void *p = a->cur;
    a->cur += size;
    memset(p, 0, size);
    return p;
}

obj_t *arena_own(struct compile_ctx *cx, obj_t *o)
{
    struct arena *a = &cx->arena;
    if (o == NULL)
        compile_fail_error(cx);
    if (a->nowned == a->owned_cap) {
        size_t cap = a->owned_cap ? a->owned_cap * 2 : 32;
        obj_t **p = obj_mem_realloc(a->owned, cap * sizeof *p);
        if (p == NULL) {
            obj_decref(o);
            compile_fail_error(cx);
        }
        a->owned = p;
        a->owned_cap = cap;
    }
    a->owned[a->nowned++] = o;
    return o;
}

void arena_release(struct arena *a)
{
    while (a->nowned)
        obj_decref(a->owned[--a->nowned]);
    obj_mem_free(a->owned);
    a->owned = NULL;
    a->owned_cap = 0;
    while (a->blocks) {
        struct arena_block *b = a->blocks;
        a->blocks = b->next;
        obj_mem_free(b);
    }
    a->cur = a->end = NULL;
    a->bytes = 0;
}

_Noreturn void compile_fail_error(struct compile_ctx *cx)
{
    cx->err.type = NULL; /* the objects-layer error stands */
    longjmp(cx->jmp, 1);
}

_Noreturn void compile_fail_at(struct compile_ctx *cx, const obj_type_t *type, const struct node *n,
                               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cx->err.msg, sizeof cx->err.msg, fmt, ap);
    va_end(ap);
    cx->err.type = type;
    cx->err.line = n->line;
    cx->err.offset = n->col + 1;
    cx->err.end_offset = n->end_line == n->line && n->end_col > n->col ? n->end_col + 1 : 0;
    cx->err.no_text = 1;
    longjmp(cx->jmp, 1);
}

/* ---- parser state ---------------------------------------------------------- */

struct parser {
    struct compile_ctx *cx;
    struct lex_state lx;
    struct lex_token tok, prev;
    int depth;     /* nested brackets and unary operators */
    int last_line; /* of the last token that was not an INDENT or DEDENT */
};

static void advance(struct parser *p)
{
    p->prev = p->tok;
    if (p->tok.kind != TK_DEDENT && p->tok.kind != TK_INDENT)
        p->last_line = p->tok.line;
    lex_next(&p->lx, &p->tok);
}

_Noreturn static void fail_tok(struct parser *p, const struct lex_token *t, const obj_type_t *type,
                               const char *msg)
{
    lex_fail(&p->lx, type, t->line, t->col, 0, "%s", msg);
}

/* Where an error at the current token is reported: at the end of the text,
 * CPython names the last line and shows no caret. */
static void error_pos(struct parser *p, int *line, int *col)
{
    if (p->tok.kind == TK_END || (p->tok.kind == TK_DEDENT && p->lx.p >= p->lx.end)) {
        *line = p->last_line;
        *col = -1;
    } else {
        *line = p->tok.line;
        *col = p->tok.col;
    }
}

/* The generic "invalid syntax": as CPython, the rest of the text is tokenized
 * first, so that a tokenizer error further on (an unclosed bracket, an
 * unterminated string) is reported instead. */
_Noreturn static void fail_syntax(struct parser *p)
{
    int line, col;
    if (p->tok.kind == TK_INDENT)
        lex_fail(&p->lx, &lang_exc_IndentationError, p->tok.line, -1, 0, "unexpected indent");
    error_pos(p, &line, &col);
    struct lex_token t = p->tok;
    while (t.kind != TK_END)
        lex_next(&p->lx, &t);
    lex_fail(&p->lx, &lang_exc_SyntaxError, line, col, 0, "invalid syntax");
}

static int is_op(struct parser *p, int op)
{
    return p->tok.kind == TK_OP && p->tok.op == op;
}

static int accept_op(struct parser *p, int op)
{
    if (!is_op(p, op))
        return 0;
    advance(p);
    return 1;
}

static void expect_op(struct parser *p, int op)
{
    if (!accept_op(p, op))
        fail_syntax(p);
}

static int tok_is(const struct lex_token *t, const char *word)
{
    size_t n = strlen(word);
    return t->kind == TK_NAME && t->len == n && memcmp(t->text, word, n) == 0;
}

static int is_kw(struct parser *p, const char *word)
{
    return tok_is(&p->tok, word);
}

static int accept_kw(struct parser *p, const char *word)
{
    if (!is_kw(p, word))
        return 0;
    advance(p);
    return 1;
}

static const char *const keywords[] = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",    NULL,
};

static int is_keyword_tok(const struct lex_token *t)
{
    for (const char *const *k = keywords; *k; k++)
        if (tok_is(t, *k))
            return 1;
    return 0;
}

static struct node *new_node(struct parser *p, int kind, const struct lex_token *at)
{
    struct node *n = arena_alloc(p->cx, sizeof *n);
    n->kind = (uint8_t)kind;
    n->line = at->line;
    n->col = at->col;
    n->end_line = at->end_line;
    n->end_col = at->end_col;
    return n;
}

/* Extend n's end to the last consumed token. */
static struct node *finish(struct parser *p, struct node *n)
{
    n->end_line = p->prev.end_line;
    n->end_col = p->prev.end_col;
    return n;
}

static struct node *node_from(struct parser *p, int kind, const struct node *start)
{
    struct node *n = arena_alloc(p->cx, sizeof *n);
    n->kind = (uint8_t)kind;
    n->line = start->line;
    n->col = start->col;
    return finish(p, n);
}

static obj_t *intern_text(struct parser *p, const char *text, size_t n)
{
    obj_t *s = obj_str_from_utf8(text, n);
    if (s == NULL)
        compile_fail_error(p->cx);
    return arena_own(p->cx, obj_str_intern(s));
}

/* A list under construction: head and tail of a next-chain. */
struct chain {
    struct node *head, *tail;
    int count;
};

static void chain_add(struct chain *c, struct node *n)
{
    if (c->tail)
        c->tail->next = n;
    else
        c->head = n;
    c->tail = n;
    c->count++;
}

static void enter(struct parser *p, const struct lex_token *at)
{
    if (++p->depth > LANG_NEST_MAX)
        fail_tok(p, at, &lang_exc_SyntaxError, "too many nested parentheses");
}

/* ---- expressions --------------------------------------------------------- */

static struct node *parse_test(struct parser *p);
static struct node *parse_expr_level(struct parser *p, int min_prec);
static struct node *parse_star_or_test(struct parser *p);
static struct node *parse_args_def(struct parser *p, int lambda);

static struct node *parse_fstring(struct parser *p, const struct lex_token *t, const char *s,
                                  const char *end, int raw);

/* One or more adjacent string literals. */
static struct node *parse_strings(struct parser *p)
{
    struct lex_token first = p->tok;
    struct chain parts = {0};
    int any_f = 0, bytes = -1;
    while (p->tok.kind == TK_STRING) {
        const char *s, *end;
        int raw, is_bytes, is_f;
        lex_string_body(&p->tok, &s, &end, &raw, &is_bytes, &is_f);
        if (bytes >= 0 && bytes != is_bytes)
            lex_fail(&p->lx, &lang_exc_SyntaxError, first.line, first.col, 0,
                     "cannot mix bytes and nonbytes literals");
        bytes = is_bytes;
        if (is_f) {
            any_f = 1;
            for (struct node *q = parse_fstring(p, &p->tok, s, end, raw)->kids; q;) {
                struct node *nx = q->next;
                q->next = NULL;
                chain_add(&parts, q);
                q = nx;
            }
        } else {
            obj_t *v = arena_own(p->cx, lex_decode_body(&p->lx, &p->tok, s, end, raw, is_bytes));
            struct node *c = new_node(p, N_CONST, &p->tok);
            c->val = v;
            chain_add(&parts, c);
        }
        advance(p);
    }
    if (!any_f && parts.count == 1)
        return finish(p, parts.head);
    if (!any_f) {
        /* Concatenate the constants now. */
        struct node *c = new_node(p, N_CONST, &first);
        if (bytes) {
            size_t total = 0;
            for (struct node *q = parts.head; q; q = q->next)
                total += obj_bytes_size(q->val);
            c->val = arena_own(p->cx, obj_bytes_new(total));
            char *d = obj_bytes_buffer(c->val);
            for (struct node *q = parts.head; q; q = q->next) {
                memcpy(d, obj_bytes_data(q->val), obj_bytes_size(q->val));
                d += obj_bytes_size(q->val);
            }
        } else {
            struct obj_strbuf b;
            obj_strbuf_init(&b);
            for (struct node *q = parts.head; q; q = q->next)
                obj_strbuf_append_str(&b, q->val);
            c->val = arena_own(p->cx, obj_strbuf_finish(&b));
        }
        return finish(p, c);
    }
    struct node *j = new_node(p, N_JOINEDSTR, &first);
    j->kids = parts.head;
    return finish(p, j);
}

static struct node *parse_number(struct parser *p)
{
    struct node *n = new_node(p, N_CONST, &p->tok);
    const char *s = p->tok.text;
    size_t len = p->tok.len;
    int is_float = 0;
    if (!(len > 1 && s[0] == '0' && strchr("xXoObB", s[1])))
        for (size_t i = 0; i < len; i++)
            is_float |= s[i] == '.' || s[i] == 'e' || s[i] == 'E';
    n->val =
        arena_own(p->cx, is_float ? obj_float_from_string(s, len) : obj_int_from_string(s, len, 0));
    advance(p);
    return n;
}

static struct node *parse_comp_fors(struct parser *p)
{
    struct chain fors = {0};
    while (is_kw(p, "for") || is_kw(p, "async")) {
        if (is_kw(p, "async"))
            fail_tok(p, &p->tok, &lang_exc_SyntaxError,
                     "asynchronous comprehensions are not supported");
        struct node *f = new_node(p, N_COMPFOR, &p->tok);
        advance(p);
        struct chain targets = {0};
        struct lex_token t0 = p->tok;
        do {
            if (is_kw(p, "in"))
                break;
            chain_add(&targets, parse_expr_level(p, 5)); /* no comparisons: "in" ends it */
        } while (accept_op(p, O_COMMA));
        if (targets.count == 1 && p->prev.kind != TK_OP) {
            f->a = targets.head;
        } else {
            f->a = new_node(p, N_TUPLE, &t0);
            f->a->kids = targets.head;
            finish(p, f->a);
        }
        if (!accept_kw(p, "in"))
            fail_syntax(p);
        f->b = parse_expr_level(p, 1); /* or_test: no conditional expression */
        struct chain ifs = {0};
        while (accept_kw(p, "if"))
            chain_add(&ifs, parse_expr_level(p, 1));
        f->c = ifs.head;
        chain_add(&fors, finish(p, f));
    }
    return fors.head;
}

/* Elements of a display up to `close` (already past the opening bracket). */
static struct node *parse_display(struct parser *p, int kind, int close,
                                  const struct lex_token *open)
{
    struct node *n = new_node(p, kind, open);
    struct chain items = {0};
    int trailing_comma = 0;
    while (!is_op(p, close)) {
        struct node *e;
        if (kind == N_DICT) {
            if (accept_op(p, O_DSTAR)) {
                e = new_node(p, N_DSTAR, &p->prev);
                e->a = parse_expr_level(p, 2);
                finish(p, e);
            } else {
                struct node *k = parse_test(p);
                if (items.count == 0 && !is_op(p, O_COLON) && !is_op(p, O_COLON)) {
                    /* a set display after all */
                    kind = N_SET;
                    n->kind = N_SET;
                    if (k->kind == N_NAMEDEXPR || is_kw(p, "for") || is_op(p, O_COMMA) ||
                        is_op(p, close)) {
                        e = k;
                        goto element;
                    }
                }
                if (!accept_op(p, O_COLON)) {
                    if (is_op(p, close) || is_op(p, O_COMMA))
                        lex_fail(&p->lx, &lang_exc_SyntaxError, k->line, k->col, 0,
                                 "':' expected after dictionary key");
                    fail_syntax(p);
                }
                e = node_from(p, N_PAIR, k);
                e->a = k;
                e->b = parse_test(p);
                finish(p, e);
                if (items.count == 0 && is_kw(p, "for")) {
                    struct node *c = new_node(p, N_DICTCOMP, open);
                    c->a = k;
                    c->b = e->b;
                    c->kids = parse_comp_fors(p);
                    if (!is_op(p, close))
                        fail_syntax(p);
                    advance(p);
                    return finish(p, c);
                }
            }
        } else {
            e = parse_star_or_test(p);
        }
    element:
        if (items.count == 0 && is_kw(p, "for") && kind != N_DICT) {
            if (e->kind == N_STARRED)
                lex_fail(&p->lx, &lang_exc_SyntaxError, e->line, e->col, 0,
                         "iterable unpacking cannot be used in comprehension");
            struct node *c = new_node(p,
                                      kind == N_LIST  ? N_LISTCOMP
                                      : kind == N_SET ? N_SETCOMP
                                                      : N_GENEXP,
                                      open);
            c->a = e;
            c->kids = parse_comp_fors(p);
            if (!is_op(p, close))
                fail_syntax(p);
            advance(p);
            if (kind == N_TUPLE)
                c->flags |= NF_PAREN;
            return finish(p, c);
        }
        chain_add(&items, e);
        trailing_comma = 0;
        if (!accept_op(p, O_COMMA)) {
            if (!is_op(p, close)) {
                if ((p->tok.kind == TK_NAME || p->tok.kind == TK_NUMBER ||
                     p->tok.kind == TK_STRING) &&
                    p->tok.line == e->end_line) {
                    if (!is_keyword_tok(&p->tok) || is_kw(p, "None") || is_kw(p, "True") ||
                        is_kw(p, "False"))
                        lex_fail(&p->lx, &lang_exc_SyntaxError, e->line, e->col,
                                 p->tok.end_line == e->line ? p->tok.end_col - 1 : 0,
                                 "invalid syntax. Perhaps you forgot a comma?");
                }
                fail_syntax(p);
            }
            break;
        }
        trailing_comma = 1;
    }
    advance(p); /* the closing bracket */
    n->kids = items.head;
    if (kind == N_TUPLE && items.count == 1 && !trailing_comma) {
        struct node *inner = items.head;
        if (inner->kind == N_STARRED)
            lex_fail(&p->lx, &lang_exc_SyntaxError, inner->line, inner->col, 0,
                     "cannot use starred expression here");
        inner->flags |= NF_PAREN;
        return inner; /* (x) is x */
    }
    return finish(p, n);
}

static struct node *parse_atom(struct parser *p)
{
    struct lex_token t = p->tok;
    if (t.kind == TK_NAME) {
        if (tok_is(&t, "None") || tok_is(&t, "True") || tok_is(&t, "False")) {
            struct node *n = new_node(p, N_CONST, &t);
            n->val = t.text[0] == 'N' ? obj_none : t.text[0] == 'T' ? obj_true : obj_false;
            advance(p);
            return n;
        }
        if (is_keyword_tok(&t))
            fail_syntax(p);
        struct node *n = new_node(p, N_NAME, &t);
        n->val = intern_text(p, t.text, t.len);
        advance(p);
        return n;
    }
    if (t.kind == TK_NUMBER)
        return parse_number(p);
    if (t.kind == TK_STRING)
        return parse_strings(p);
    if (t.kind == TK_OP) {
        struct node *n;
        switch (t.op) {
        case O_LPAR:
        case O_LSQB:
        case O_LBRACE: {
            int kind = t.op == O_LPAR ? N_TUPLE : t.op == O_LSQB ? N_LIST : N_DICT;
            int close = t.op == O_LPAR ? O_RPAR : t.op == O_LSQB ? O_RSQB : O_RBRACE;
            enter(p, &t);
            advance(p);
            if (t.op == O_LPAR && is_kw(p, "yield"))
                fail_tok(p, &p->tok, &lang_exc_SyntaxError, "'yield' is not supported yet");
            n = parse_display(p, kind, close, &t);
            p->depth--;
            return n;
        }
        case O_ELLIPSIS:
            n = new_node(p, N_CONST, &t);
            n->val = obj_ellipsis;
            advance(p);
            return n;
        default: break;
        }
    }
    fail_syntax(p);
}

static struct node *parse_slice_item(struct parser *p)
{
    struct lex_token t = p->tok;
    struct node *lo = NULL;
    if (!is_op(p, O_COLON)) {
        lo = parse_star_or_test(p);
        if (!is_op(p, O_COLON))
            return lo;
    }
    struct node *s = new_node(p, N_SLICE, &t);
    s->a = lo;
    advance(p); /* ':' */
    if (!is_op(p, O_COLON) && !is_op(p, O_RSQB) && !is_op(p, O_COMMA))
        s->b = parse_test(p);
    if (accept_op(p, O_COLON) && !is_op(p, O_RSQB) && !is_op(p, O_COMMA))
        s->c = parse_test(p);
    return finish(p, s);
}

static struct node *parse_call_args(struct parser *p, struct node *call)
{
    struct chain args = {0};
    int seen_kw = 0, seen_dstar = 0;
    while (!is_op(p, O_RPAR)) {
        struct node *a;
        struct lex_token t = p->tok;
        if (accept_op(p, O_STAR)) {
            a = new_node(p, N_STARRED, &t);
            a->a = parse_test(p);
            finish(p, a);
            if (seen_dstar)
                lex_fail(&p->lx, &lang_exc_SyntaxError, a->line, a->col, 0,
                         "iterable argument unpacking follows keyword argument unpacking");
        } else if (accept_op(p, O_DSTAR)) {
            a = new_node(p, N_KEYWORD, &t);
            a->a = parse_test(p);
            finish(p, a);
            seen_dstar = 1;
        } else {
            a = parse_test(p);
            if (is_op(p, O_EQ)) {
                if (a->kind != N_NAME)
                    lex_fail(&p->lx, &lang_exc_SyntaxError, a->line, a->col, 0,
                             "expression cannot contain assignment, perhaps you meant \"==\"?");
                advance(p);
                struct node *k = node_from(p, N_KEYWORD, a);
                k->val = a->val;
                k->a = parse_test(p);
                a = finish(p, k);
                seen_kw = 1;
            } else if (is_kw(p, "for")) {
                struct node *g = node_from(p, N_GENEXP, a);
                g->a = a;
                g->kids = parse_comp_fors(p);
                a = finish(p, g);
            } else if (seen_dstar) {
                lex_fail(&p->lx, &lang_exc_SyntaxError, a->line, a->col, 0,
                         "positional argument follows keyword argument unpacking");
            } else if (seen_kw) {
                lex_fail(&p->lx, &lang_exc_SyntaxError, a->line, a->col, 0,
                         "positional argument follows keyword argument");
            }
        }
        chain_add(&args, a);
        if (a->kind == N_GENEXP && !(a->flags & NF_PAREN) &&
            (args.count > 1 || is_op(p, O_COMMA)) &&
            !(is_op(p, O_COMMA) && args.count == 1 && (advance(p), is_op(p, O_RPAR))))
            lex_fail(&p->lx, &lang_exc_SyntaxError, a->line, a->col, a->end_col - 1,
                     "Generator expression must be parenthesized");
        for (struct node *q = args.head; q != a; q = q->next)
            if (q->kind == N_GENEXP && !(q->flags & NF_PAREN))
                lex_fail(&p->lx, &lang_exc_SyntaxError, q->line, q->col, q->end_col - 1,
                         "Generator expression must be parenthesized");
        if (p->prev.kind == TK_OP && p->prev.op == O_COMMA && is_op(p, O_RPAR))
            break;
        if (!accept_op(p, O_COMMA)) {
            if (!is_op(p, O_RPAR)) {
                if (((p->tok.kind == TK_NAME && !is_keyword_tok(&p->tok)) ||
                     p->tok.kind == TK_NUMBER || p->tok.kind == TK_STRING) &&
                    p->tok.line == a->end_line)
                    lex_fail(&p->lx, &lang_exc_SyntaxError, a->line, a->col,
                             p->tok.end_line == a->line ? p->tok.end_col - 1 : 0,
                             "invalid syntax. Perhaps you forgot a comma?");
                fail_syntax(p);
            }
            break;
        }
    }
    advance(p); /* ')' */
    call->kids = args.head;
    return finish(p, call);
}

static struct node *parse_primary(struct parser *p)
{
    struct node *n = parse_atom(p);
    for (;;) {
        struct lex_token t = p->tok;
        if (accept_op(p, O_LPAR)) {
            enter(p, &t);
            struct node *c = node_from(p, N_CALL, n);
            c->a = n;
            n = parse_call_args(p, c);
            p->depth--;
        } else if (accept_op(p, O_LSQB)) {
            enter(p, &t);
            struct node *s = node_from(p, N_SUBSCR, n);
            s->a = n;
            struct node *first = parse_slice_item(p);
            if (is_op(p, O_COMMA)) {
                struct node *tup = node_from(p, N_TUPLE, first);
                struct chain items = {0};
                chain_add(&items, first);
                while (accept_op(p, O_COMMA) && !is_op(p, O_RSQB))
                    chain_add(&items, parse_slice_item(p));
                tup->kids = items.head;
                first = finish(p, tup);
            }
            s->b = first;
            expect_op(p, O_RSQB);
            n = finish(p, s);
            p->depth--;
        } else if (accept_op(p, O_DOT)) {
            if (p->tok.kind != TK_NAME || is_keyword_tok(&p->tok))
                fail_syntax(p);
            struct node *a = node_from(p, N_ATTR, n);
            a->a = n;
            a->val = intern_text(p, p->tok.text, p->tok.len);
            advance(p);
            n = finish(p, a);
        } else {
            return n;
        }
    }
}

/* Binary operator precedence (higher binds tighter); 0: not a binary operator.
 * Levels: 1 or, 2 and, (3 not), 4 comparisons, 5 |, 6 ^, 7 &, 8 shifts, 9 + -,
 * 10 * / // % @, 11 unary, 12 **. */
static int binop_prec(struct parser *p, int *op)
{
    if (p->tok.kind == TK_NAME) {
        if (is_kw(p, "or"))
            return *op = 1, 1;
        if (is_kw(p, "and"))
            return *op = 0, 2;
        if (is_kw(p, "in") || is_kw(p, "is") || is_kw(p, "not"))
            return *op = -1, 4;
        return 0;
    }
    if (p->tok.kind != TK_OP)
        return 0;
    switch (p->tok.op) {
    case O_LT:
    case O_GT:
    case O_EQEQ:
    case O_NE:
    case O_LE:
    case O_GE: return *op = -1, 4;
    case O_VBAR: return *op = BIN_OR, 5;
    case O_CIRCUMFLEX: return *op = BIN_XOR, 6;
    case O_AMP: return *op = BIN_AND, 7;
    case O_LSHIFT: return *op = BIN_LSHIFT, 8;
    case O_RSHIFT: return *op = BIN_RSHIFT, 8;
    case O_PLUS: return *op = BIN_ADD, 9;
    case O_MINUS: return *op = BIN_SUB, 9;
    case O_STAR: return *op = BIN_MUL, 10;
    case O_SLASH: return *op = BIN_TRUEDIV, 10;
    case O_DSLASH: return *op = BIN_FLOORDIV, 10;
    case O_PERCENT: return *op = BIN_MOD, 10;
    case O_AT: return *op = BIN_MATMUL, 10;
    default: return 0;
    }
}

static int parse_cmp_op(struct parser *p)
{
    if (accept_kw(p, "in"))
        return CMP_IN;
    if (accept_kw(p, "not")) {
        if (!accept_kw(p, "in"))
            fail_syntax(p);
        return CMP_NOT_IN;
    }
    if (accept_kw(p, "is"))
        return accept_kw(p, "not") ? CMP_IS_NOT : CMP_IS;
    int op = p->tok.op;
    advance(p);
    switch (op) {
    case O_LT: return OBJ_LT;
    case O_LE: return OBJ_LE;
    case O_EQEQ: return OBJ_EQ;
    case O_NE: return OBJ_NE;
    case O_GT: return OBJ_GT;
    default: return OBJ_GE;
    }
}

/* Unary operators, 'not', and ** (right-associative, binding tighter than a
 * unary minus on its left but not on its right). */
static struct node *parse_unary(struct parser *p, int min_prec)
{
    struct lex_token t = p->tok;
    int uop = -1;
    if (min_prec <= 3 && is_kw(p, "not"))
        uop = U_NOT;
    else if (is_op(p, O_MINUS))
        uop = U_NEG;
    else if (is_op(p, O_PLUS))
        uop = U_POS;
    else if (is_op(p, O_TILDE))
        uop = U_INVERT;
    if (uop >= 0) {
        advance(p);
        enter(p, &t);
        struct node *n = new_node(p, N_UNARY, &t);
        n->op = (uint8_t)uop;
        n->a = uop == U_NOT ? parse_expr_level(p, 3) : parse_unary(p, 11);
        p->depth--;
        return finish(p, n);
    }
    if (min_prec > 3 && is_kw(p, "not"))
        fail_syntax(p);
    if (is_kw(p, "await") || is_kw(p, "yield") || is_kw(p, "lambda"))
        fail_syntax(p);
    struct node *base = parse_primary(p);
    if (is_op(p, O_DSTAR)) {
        advance(p);
        enter(p, &t);
        struct node *n = node_from(p, N_BINOP, base);
        n->op = BIN_POW;
        n->a = base;
        n->b = parse_unary(p, 11);
        p->depth--;
        return finish(p, n);
    }
    return base;
}

static struct node *parse_expr_level(struct parser *p, int min_prec)
{
    struct node *left = parse_unary(p, min_prec);
    for (;;) {
        int op, prec = binop_prec(p, &op);
        if (prec == 0 || prec < min_prec)
            return left;
        if (prec == 4) {
            if (is_kw(p, "not")) {
                /* 'not' here must be 'not in' */
            }
            struct node *c = node_from(p, N_COMPARE, left);
            c->a = left;
            struct chain items = {0};
            while (binop_prec(p, &op) == 4) {
                struct lex_token t = p->tok;
                struct node *it = new_node(p, N_CMPITEM, &t);
                it->op = (uint8_t)parse_cmp_op(p);
                it->a = parse_expr_level(p, 5);
                chain_add(&items, finish(p, it));
            }
            c->kids = items.head;
            left = finish(p, c);
            continue;
        }
        advance(p);
        if (prec <= 2) {
            struct node *b = node_from(p, N_BOOLOP, left);
            b->op = (uint8_t)op;
            struct chain items = {0};
            chain_add(&items, left);
            chain_add(&items, parse_expr_level(p, prec + 1));
            int again;
            while (binop_prec(p, &again) == prec && again == op) {
                advance(p);
                chain_add(&items, parse_expr_level(p, prec + 1));
            }
            b->kids = items.head;
            left = finish(p, b);
            continue;
        }
        struct node *b = node_from(p, N_BINOP, left);
        b->op = (uint8_t)op;
        b->a = left;
        b->b = parse_expr_level(p, prec + 1);
        left = finish(p, b);
    }
}

static struct node *parse_lambda(struct parser *p)
{
    struct node *n = new_node(p, N_LAMBDA, &p->tok);
    advance(p);
    n->a = parse_args_def(p, 1);
    expect_op(p, O_COLON);
    n->b = parse_test(p);
    return finish(p, n);
}

/* test: lambda | or_test ['if' or_test 'else' test] | NAME ':=' test */
static struct node *parse_test(struct parser *p)
{
    if (is_kw(p, "lambda"))
        return parse_lambda(p);
    struct node *n = parse_expr_level(p, 1);
    if (is_op(p, O_WALRUS)) {
        if (n->kind != N_NAME)
            lex_fail(&p->lx, &lang_exc_SyntaxError, n->line, n->col, 0,
                     "cannot use assignment expressions with %s",
                     n->kind == N_ATTR     ? "attribute"
                     : n->kind == N_SUBSCR ? "subscript"
                                           : "expression");
        advance(p);
        struct node *w = node_from(p, N_NAMEDEXPR, n);
        w->a = n;
        w->b = parse_test(p);
        return finish(p, w);
    }
    if (is_kw(p, "if")) {
        struct node *c = node_from(p, N_IFEXP, n);
        advance(p);
        c->b = n;
        c->a = parse_expr_level(p, 1);
        if (!accept_kw(p, "else"))
            lex_fail(&p->lx, &lang_exc_SyntaxError, n->line, n->col, p->prev.end_col - 1,
                     "expected 'else' after 'if' expression");
        c->c = parse_test(p);
        return finish(p, c);
    }
    return n;
}

static struct node *parse_star_or_test(struct parser *p)
{
    struct lex_token t = p->tok;
    if (accept_op(p, O_STAR)) {
        struct node *s = new_node(p, N_STARRED, &t);
        s->a = parse_expr_level(p, 5);
        return finish(p, s);
    }
    return parse_test(p);
}

static int starts_expr(struct parser *p)
{
    if (p->tok.kind == TK_NAME)
        return !is_keyword_tok(&p->tok) || is_kw(p, "None") || is_kw(p, "True") ||
               is_kw(p, "False") || is_kw(p, "not") || is_kw(p, "lambda") || is_kw(p, "await");
    if (p->tok.kind == TK_NUMBER || p->tok.kind == TK_STRING)
        return 1;
    if (p->tok.kind != TK_OP)
        return 0;
    switch (p->tok.op) {
    case O_LPAR:
    case O_LSQB:
    case O_LBRACE:
    case O_MINUS:
    case O_PLUS:
    case O_TILDE:
    case O_STAR:
    case O_ELLIPSIS: return 1;
    default: return 0;
    }
}

/* A comma-separated list: one item, or a tuple. */
static struct node *parse_testlist(struct parser *p, int star)
{
    struct node *first = star ? parse_star_or_test(p) : parse_test(p);
    if (!is_op(p, O_COMMA))
        return first;
    struct node *t = node_from(p, N_TUPLE, first);
    struct chain items = {0};
    chain_add(&items, first);
    while (accept_op(p, O_COMMA) && starts_expr(p))
        chain_add(&items, star ? parse_star_or_test(p) : parse_test(p));
    t->kids = items.head;
    return finish(p, t);
}

/* ---- f-strings ------------------------------------------------------------- */

/* Parse an expression held in [s, end) of a string token (its own lexer). */
static struct node *parse_sub_expr(struct parser *p, const struct lex_token *t, const char *s,
                                   const char *end, int line)
{
    struct parser sub;
    memset(&sub, 0, sizeof sub);
    sub.cx = p->cx;
    sub.depth = p->depth;
    lex_init(&sub.lx, s, (size_t)(end - s), line, &p->cx->err, &p->cx->jmp);
    sub.lx.at_line_start = 0;
    lex_next(&sub.lx, &sub.tok);
    if (sub.tok.kind == TK_END)
        lex_fail(&p->lx, &lang_exc_SyntaxError, t->line, t->col, 0,
                 "f-string: valid expression required before '}'");
    struct node *n = parse_testlist(&sub, 1);
    if (sub.tok.kind == TK_NEWLINE)
        advance(&sub);
    if (sub.tok.kind != TK_END)
        fail_syntax(&sub);
    (void)t;
    return n;
}

static struct node *parse_fstring(struct parser *p, const struct lex_token *t, const char *s,
                                  const char *end, int raw)
{
    struct node *j = new_node(p, N_JOINEDSTR, t);
    struct chain parts = {0};
    const char *lit = s;
    struct obj_strbuf b;
    while (s <= end) {
        if (s == end || *s == '{' || *s == '}') {
            if (s < end && s + 1 < end && s[1] == *s) { /* {{ or }} */
                s += 2;
                continue;
            }
            if (s > lit) {
                /* literal text, with doubled braces halved */
                obj_strbuf_init(&b);
                for (const char *q = lit; q < s; q++) {
                    obj_strbuf_append(&b, q, 1);
                    if ((*q == '{' || *q == '}') && q + 1 < s && q[1] == *q)
                        q++;
                }
                obj_t *text = arena_own(p->cx, obj_strbuf_finish(&b));
                size_t n;
                const char *d = obj_str_utf8(text, &n);
                struct node *c = new_node(p, N_CONST, t);
                c->val = arena_own(p->cx, lex_decode_body(&p->lx, t, d, d + n, raw, 0));
                chain_add(&parts, c);
            }
            if (s == end)
                break;
            if (*s == '}')
                lex_fail(&p->lx, &lang_exc_SyntaxError, t->line, t->col, 0,
                         "f-string: single '}' is not allowed");
            /* a replacement field: find the end of the expression */
            const char *e = ++s;
            int depth = 0;
            char quote = 0;
            while (e < end) {
                char c = *e;
                if (quote) {
                    if (c == quote)
                        quote = 0;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || (c == '}' && depth > 0)) {
                    depth--;
                } else if (depth == 0 &&
                           (c == '}' || c == ':' || (c == '!' && e + 1 < end && e[1] != '=') ||
                            (c == '=' && e + 1 < end && e[1] != '=' && e[-1] != '=' &&
                             e[-1] != '!' && e[-1] != '<' && e[-1] != '>'))) {
                    break;
                }
                e++;
            }
            if (e >= end)
                lex_fail(&p->lx, &lang_exc_SyntaxError, t->line, t->col, 0,
                         "f-string: expecting '}'");
            struct node *f = new_node(p, N_FORMATTED, t);
            f->a = parse_sub_expr(p, t, s, e, t->line);
            int conv = FV_NONE;
            if (*e == '=') {
                /* self-documenting: the text, '=', then repr unless told otherwise */
                struct node *c = new_node(p, N_CONST, t);
                c->val = arena_own(p->cx, obj_str_from_utf8(s, (size_t)(e + 1 - s)));
                chain_add(&parts, c);
                conv = FV_REPR;
                e++;
            }
            if (*e == '!') {
                char k = e + 1 < end ? e[1] : 0;
                if (k != 's' && k != 'r' && k != 'a')
                    lex_fail(&p->lx, &lang_exc_SyntaxError, t->line,
                             t->line == t->end_line ? t->col + (int)(e + 1 - t->text) : t->col, 0,
                             k ? "f-string: invalid conversion character '%c': expected 's', "
                                 "'r', or 'a'"
                               : "f-string: missing conversion character%c",
                             k);
                conv = k == 's' ? FV_STR : k == 'r' ? FV_REPR : FV_ASCII;
                e += 2;
            }
            if (*e == ':') {
                const char *spec = ++e;
                int d2 = 0;
                while (e < end && !(*e == '}' && d2 == 0)) {
                    d2 += *e == '{' ? 1 : *e == '}' ? -1 : 0;
                    e++;
                }
                if (e >= end)
                    lex_fail(&p->lx, &lang_exc_SyntaxError, t->line, t->col, 0,
                             "f-string: expecting '}'");
                f->b = parse_fstring(p, t, spec, e, raw);
                if (conv == FV_REPR && e > spec && spec[-2] == '=')
                    conv = FV_NONE; /* f"{x=:>5}" formats the value itself */
            }
            if (*e != '}')
                lex_fail(&p->lx, &lang_exc_SyntaxError, t->line, t->col, 0,
                         "f-string: expecting '}'");
            f->op = (uint8_t)conv;
            chain_add(&parts, f);
            s = lit = e + 1;
            continue;
        }
        s++;
    }
    j->kids = parts.head;
    return j;
}

/* ---- targets ------------------------------------------------------------------ */

static const char *expr_name(const struct node *n)
{
    switch (n->kind) {
    case N_CALL: return "function call";
    case N_CONST:
        if (n->val == obj_none)
            return "None";
        if (n->val == obj_true)
            return "True";
        if (n->val == obj_false)
            return "False";
        if (n->val == obj_ellipsis)
            return "ellipsis";
        return "literal";
    case N_COMPARE: return "comparison";
    case N_LAMBDA: return "lambda";
    case N_IFEXP: return "conditional expression";
    case N_JOINEDSTR: return "f-string expression";
    case N_NAMEDEXPR: return "named expression";
    case N_LISTCOMP: return "list comprehension";
    case N_SETCOMP: return "set comprehension";
    case N_DICTCOMP: return "dict comprehension";
    case N_GENEXP: return "generator expression";
    case N_DICT: return "dict literal";
    case N_SET: return "set display";
    case N_STARRED: return "starred";
    default: return "expression";
    }
}

/* A valid assignment (del: deletion) target, or a SyntaxError as CPython's. */
static void check_target(struct parser *p, struct node *n, int del, int assign_eq)
{
    switch (n->kind) {
    case N_NAME:
    case N_ATTR:
    case N_SUBSCR: return;
    case N_TUPLE:
    case N_LIST: {
        int stars = 0;
        for (struct node *k = n->kids; k; k = k->next) {
            if (k->kind == N_STARRED && !del) {
                if (++stars > 1)
                    lex_fail(&p->lx, &lang_exc_SyntaxError, n->line, n->col, 0,
                             "multiple starred expressions in assignment");
                check_target(p, k->a, del, 0);
            } else {
                check_target(p, k, del, 0);
            }
        }
        return;
    }
    case N_STARRED:
        if (!del)
            lex_fail(&p->lx, &lang_exc_SyntaxError, n->line, n->col, 0,
                     "starred assignment target must be in a list or tuple");
        break;
    default: break;
    }
    const char *what = expr_name(n);
    if (del)
        lex_fail(&p->lx, &lang_exc_SyntaxError, n->line, n->col,
                 n->end_line == n->line ? n->end_col - 1 : 0, "cannot delete %s", what);
    if (n->kind == N_CONST && n->val != obj_ellipsis && n->val->type != &obj_type_int &&
        n->val->type != &obj_type_str && n->val->type != &obj_type_float &&
        n->val->type != &obj_type_bytes)
        lex_fail(&p->lx, &lang_exc_SyntaxError, n->line, n->col, n->end_col - 1,
                 "cannot assign to %s", what);
    lex_fail(&p->lx, &lang_exc_SyntaxError, n->line, n->col,
             n->end_line == n->line ? n->end_col - 1 : 0, "cannot assign to %s%s", what,
             assign_eq ? " here. Maybe you meant '==' instead of '='?" : "");
}

/* ---- statements --------------------------------------------------------------- */

static struct node *parse_block(struct parser *p, const char *what, int line);
static struct node *parse_stmt(struct parser *p);

static void expect_colon(struct parser *p)
{
    if (!accept_op(p, O_COLON))
        lex_fail(&p->lx, &lang_exc_SyntaxError, p->prev.end_line, p->prev.end_col, 0,
                 "expected ':'");
}

static struct node *parse_import(struct parser *p)
{
    struct node *n = new_node(p, N_IMPORT, &p->tok);
    advance(p);
    struct chain names = {0};
    do {
        struct node *a = new_node(p, N_ALIAS, &p->tok);
        const char *start = p->tok.text;
        if (p->tok.kind != TK_NAME)
            fail_syntax(p);
        advance(p);
        while (accept_op(p, O_DOT)) {
            if (p->tok.kind != TK_NAME)
                fail_syntax(p);
            advance(p);
        }
        a->val = intern_text(p, start, (size_t)(p->prev.text + p->prev.len - start));
        if (accept_kw(p, "as")) {
            if (p->tok.kind != TK_NAME)
                fail_syntax(p);
            a->a = new_node(p, N_NAME, &p->tok);
            a->a->val = intern_text(p, p->tok.text, p->tok.len);
            advance(p);
        }
        chain_add(&names, finish(p, a));
    } while (accept_op(p, O_COMMA));
    n->kids = names.head;
    return finish(p, n);
}

static struct node *parse_from_import(struct parser *p)
{
    struct node *n = new_node(p, N_IMPORTFROM, &p->tok);
    advance(p);
    int level = 0;
    while (is_op(p, O_DOT) || is_op(p, O_ELLIPSIS)) {
        level += is_op(p, O_DOT) ? 1 : 3;
        advance(p);
    }
    n->op = (uint8_t)level;
    if (p->tok.kind == TK_NAME && !is_kw(p, "import")) {
        const char *start = p->tok.text;
        advance(p);
        while (accept_op(p, O_DOT))
            advance(p);
        n->val = intern_text(p, start, (size_t)(p->prev.text + p->prev.len - start));
    }
    if (!accept_kw(p, "import"))
        fail_syntax(p);
    struct chain names = {0};
    if (accept_op(p, O_STAR)) {
        chain_add(&names, new_node(p, N_ALIAS, &p->prev));
    } else {
        int paren = accept_op(p, O_LPAR);
        do {
            if (paren && is_op(p, O_RPAR))
                break;
            if (p->tok.kind != TK_NAME)
                fail_syntax(p);
            struct node *a = new_node(p, N_ALIAS, &p->tok);
            a->val = intern_text(p, p->tok.text, p->tok.len);
            advance(p);
            if (accept_kw(p, "as")) {
                if (p->tok.kind != TK_NAME)
                    fail_syntax(p);
                a->a = new_node(p, N_NAME, &p->tok);
                a->a->val = intern_text(p, p->tok.text, p->tok.len);
                advance(p);
            }
            chain_add(&names, a);
        } while (accept_op(p, O_COMMA));
        if (paren)
            expect_op(p, O_RPAR);
        else if (p->prev.kind == TK_OP && p->prev.op == O_COMMA)
            lex_fail(&p->lx, &lang_exc_SyntaxError, p->prev.line, p->prev.col, 0,
                     "trailing comma not allowed without surrounding parentheses");
    }
    n->kids = names.head;
    return finish(p, n);
}

static struct node *parse_names(struct parser *p, int kind)
{
    struct node *n = new_node(p, kind, &p->tok);
    advance(p);
    struct chain names = {0};
    do {
        if (p->tok.kind != TK_NAME || is_keyword_tok(&p->tok))
            fail_syntax(p);
        struct node *a = new_node(p, N_NAME, &p->tok);
        a->val = intern_text(p, p->tok.text, p->tok.len);
        advance(p);
        chain_add(&names, a);
    } while (accept_op(p, O_COMMA));
    n->kids = names.head;
    return finish(p, n);
}

static struct node *parse_simple(struct parser *p)
{
    struct lex_token t = p->tok;
    struct node *n;
    if (accept_kw(p, "pass"))
        return new_node(p, N_PASS, &t);
    if (accept_kw(p, "break"))
        return new_node(p, N_BREAK, &t);
    if (accept_kw(p, "continue"))
        return new_node(p, N_CONTINUE, &t);
    if (accept_kw(p, "return")) {
        n = new_node(p, N_RETURN, &t);
        if (starts_expr(p))
            n->a = parse_testlist(p, 1);
        return finish(p, n);
    }
    if (accept_kw(p, "raise")) {
        n = new_node(p, N_RAISE, &t);
        if (starts_expr(p)) {
            n->a = parse_test(p);
            if (accept_kw(p, "from"))
                n->b = parse_test(p);
        }
        return finish(p, n);
    }
    if (is_kw(p, "global"))
        return parse_names(p, N_GLOBAL);
    if (is_kw(p, "nonlocal"))
        return parse_names(p, N_NONLOCAL);
    if (accept_kw(p, "del")) {
        n = new_node(p, N_DEL, &t);
        struct node *targets = parse_testlist(p, 0);
        if (targets->kind == N_TUPLE && !(targets->flags & NF_PAREN))
            n->kids = targets->kids;
        else
            n->kids = targets;
        for (struct node *k = n->kids; k; k = k->next)
            check_target(p, k, 1, 0);
        return finish(p, n);
    }
    if (accept_kw(p, "assert")) {
        n = new_node(p, N_ASSERT, &t);
        n->a = parse_test(p);
        if (accept_op(p, O_COMMA))
            n->b = parse_test(p);
        return finish(p, n);
    }
    if (is_kw(p, "import"))
        return parse_import(p);
    if (is_kw(p, "from"))
        return parse_from_import(p);
    if (is_kw(p, "yield"))
        fail_tok(p, &t, &lang_exc_SyntaxError, "'yield' is not supported yet");
    if (!starts_expr(p))
        fail_syntax(p);
    struct node *e = parse_testlist(p, 1);
    if (is_op(p, O_EQ)) {
        n = node_from(p, N_ASSIGN, e);
        struct chain targets = {0};
        struct node *value = e;
        while (accept_op(p, O_EQ)) {
            check_target(p, value, 0, 1);
            chain_add(&targets, value);
            if (is_kw(p, "yield"))
                fail_tok(p, &p->tok, &lang_exc_SyntaxError, "'yield' is not supported yet");
            value = parse_testlist(p, 1);
        }
        n->kids = targets.head;
        for (struct node *k = targets.head; k; k = k->next)
            if (k->next == value)
                k->next = NULL;
        n->a = value;
        return finish(p, n);
    }
    if (p->tok.kind == TK_OP && p->tok.op >= O_PLUSEQ && p->tok.op <= O_ATEQ) {
        static const uint8_t aug[] = {BIN_ADD, BIN_SUB, BIN_MUL,    BIN_TRUEDIV, BIN_FLOORDIV,
                                      BIN_MOD, BIN_POW, BIN_LSHIFT, BIN_RSHIFT,  BIN_AND,
                                      BIN_OR,  BIN_XOR, BIN_MATMUL};
        if (e->kind != N_NAME && e->kind != N_ATTR && e->kind != N_SUBSCR)
            lex_fail(&p->lx, &lang_exc_SyntaxError, e->line, e->col,
                     e->end_line == e->line ? e->end_col - 1 : 0,
                     "'%s' is an illegal expression for augmented assignment",
                     e->kind == N_TUPLE  ? "tuple"
                     : e->kind == N_LIST ? "list"
                                         : expr_name(e));
        n = node_from(p, N_AUGASSIGN, e);
        n->op = aug[p->tok.op - O_PLUSEQ];
        advance(p);
        n->a = e;
        n->b = parse_testlist(p, 1);
        return finish(p, n);
    }
    if (is_op(p, O_COLON) && (e->kind == N_NAME || e->kind == N_ATTR || e->kind == N_SUBSCR)) {
        advance(p);
        n = node_from(p, N_ANNASSIGN, e);
        n->a = e;
        n->b = parse_test(p);
        if (accept_op(p, O_EQ))
            n->c = parse_testlist(p, 1);
        return finish(p, n);
    }
    n = node_from(p, N_EXPR, e);
    n->a = e;
    return n;
}

/* simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static struct node *parse_simple_line(struct parser *p)
{
    struct chain stmts = {0};
    for (;;) {
        chain_add(&stmts, parse_simple(p));
        if (!accept_op(p, O_SEMI))
            break;
        if (p->tok.kind == TK_NEWLINE)
            break;
    }
    if (p->tok.kind != TK_NEWLINE && p->tok.kind != TK_END) {
        struct node *last = stmts.tail;
        if (last->kind == N_EXPR && last->a->kind == N_NAME && starts_expr(p) &&
            (obj_str_equal_cstr(last->a->val, "print") ||
             obj_str_equal_cstr(last->a->val, "exec"))) {
            const char *eol = memchr(p->tok.text, '\n', (size_t)(p->lx.end - p->tok.text));
            int end = p->tok.col + (int)((eol ? eol : p->lx.end) - p->tok.text);
            lex_fail(&p->lx, &lang_exc_SyntaxError, last->line, last->col, end - 1,
                     "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                     obj_str_utf8(last->a->val, NULL), obj_str_utf8(last->a->val, NULL));
        }
        fail_syntax(p);
    }
    if (p->tok.kind == TK_NEWLINE)
        advance(p);
    return stmts.head;
}

static struct node *parse_args_def(struct parser *p, int lambda)
{
    struct node *args = new_node(p, N_ARGS, &p->tok);
    struct chain list = {0};
    int kind = ARG_POS, seen_default = 0, close = lambda ? O_COLON : O_RPAR;
    while (!is_op(p, close)) {
        struct lex_token t = p->tok;
        if (accept_op(p, O_SLASH)) {
            if (kind != ARG_POS || list.count == 0)
                fail_tok(p, &t, &lang_exc_SyntaxError,
                         list.count ? "/ may appear only once"
                                    : "at least one argument must precede /");
            for (struct node *a = list.head; a; a = a->next)
                a->op = ARG_POSONLY;
        } else if (accept_op(p, O_STAR)) {
            if (kind >= ARG_VARARGS)
                fail_tok(p, &t, &lang_exc_SyntaxError, "* argument may appear only once");
            kind = ARG_KWONLY;
            if (p->tok.kind == TK_NAME) {
                struct node *a = new_node(p, N_ARG, &p->tok);
                a->val = intern_text(p, p->tok.text, p->tok.len);
                a->op = ARG_VARARGS;
                advance(p);
                if (!lambda && accept_op(p, O_COLON))
                    (void)parse_test(p);
                chain_add(&list, a);
            } else if (is_op(p, close) || (is_op(p, O_COMMA) && (advance(p), is_op(p, close)))) {
                fail_tok(p, &t, &lang_exc_SyntaxError, "named arguments must follow bare *");
            } else {
                continue;
            }
        } else if (accept_op(p, O_DSTAR)) {
            if (p->tok.kind != TK_NAME)
                fail_syntax(p);
            struct node *a = new_node(p, N_ARG, &p->tok);
            a->val = intern_text(p, p->tok.text, p->tok.len);
            a->op = ARG_VARKW;
            advance(p);
            if (!lambda && accept_op(p, O_COLON))
                (void)parse_test(p);
            chain_add(&list, a);
            accept_op(p, O_COMMA);
            if (!is_op(p, close))
                fail_tok(p, &p->tok, &lang_exc_SyntaxError,
                         "arguments cannot follow var-keyword argument");
            break;
        } else {
            if (p->tok.kind != TK_NAME || is_keyword_tok(&p->tok))
                fail_syntax(p);
            struct node *a = new_node(p, N_ARG, &p->tok);
            a->val = intern_text(p, p->tok.text, p->tok.len);
            a->op = (uint8_t)kind;
            advance(p);
            if (!lambda && accept_op(p, O_COLON))
                (void)parse_test(p);
            if (accept_op(p, O_EQ)) {
                a->a = parse_test(p);
                if (kind == ARG_POS)
                    seen_default = 1;
            } else if (seen_default && kind == ARG_POS) {
                lex_fail(&p->lx, &lang_exc_SyntaxError, a->line, a->col, 0,
                         "parameter without a default follows parameter with a default");
            }
            chain_add(&list, finish(p, a));
        }
        if (!accept_op(p, O_COMMA))
            break;
    }
    if (!is_op(p, close))
        fail_syntax(p);
    args->kids = list.head;
    return args;
}

static struct node *parse_funcdef(struct parser *p)
{
    struct lex_token t = p->tok;
    struct node *n = new_node(p, N_FUNCDEF, &t);
    advance(p);
    if (p->tok.kind != TK_NAME || is_keyword_tok(&p->tok))
        fail_syntax(p);
    n->val = intern_text(p, p->tok.text, p->tok.len);
    advance(p);
    if (!is_op(p, O_LPAR))
        lex_fail(&p->lx, &lang_exc_SyntaxError, p->tok.line, p->tok.col, 0, "expected '('");
    advance(p);
    n->a = parse_args_def(p, 0);
    advance(p); /* ')' */
    if (accept_op(p, O_ARROW))
        (void)parse_test(p);
    expect_colon(p);
    n->kids = parse_block(p, "function definition", t.line);
    return n;
}

static struct node *parse_if(struct parser *p, const char *what)
{
    struct lex_token t = p->tok;
    struct node *n = new_node(p, N_IF, &t);
    advance(p);
    n->a = parse_test(p);
    expect_colon(p);
    n->kids = parse_block(p, what, t.line);
    if (is_kw(p, "elif")) {
        n->d = parse_if(p, "'elif' statement");
    } else if (is_kw(p, "else")) {
        struct lex_token e = p->tok;
        advance(p);
        expect_colon(p);
        n->d = parse_block(p, "'else' statement", e.line);
    }
    return n;
}

static struct node *parse_else(struct parser *p)
{
    if (!is_kw(p, "else"))
        return NULL;
    struct lex_token e = p->tok;
    advance(p);
    expect_colon(p);
    return parse_block(p, "'else' statement", e.line);
}

static struct node *parse_try(struct parser *p)
{
    struct lex_token t = p->tok;
    struct node *n = new_node(p, N_TRY, &t);
    advance(p);
    expect_colon(p);
    n->kids = parse_block(p, "'try' statement", t.line);
    struct chain handlers = {0};
    int bare_seen = 0;
    while (is_kw(p, "except")) {
        struct lex_token h = p->tok;
        struct node *x = new_node(p, N_HANDLER, &h);
        advance(p);
        if (is_op(p, O_STAR))
            fail_tok(p, &p->tok, &lang_exc_SyntaxError, "except* is not supported");
        if (bare_seen)
            fail_tok(p, &h, &lang_exc_SyntaxError, "default 'except:' must be last");
        if (!is_op(p, O_COLON)) {
            x->a = parse_test(p);
            if (is_op(p, O_COMMA))
                lex_fail(&p->lx, &lang_exc_SyntaxError, x->a->line, x->a->col, 0,
                         "multiple exception types must be parenthesized");
            if (accept_kw(p, "as")) {
                if (p->tok.kind != TK_NAME || is_keyword_tok(&p->tok))
                    fail_syntax(p);
                x->val = intern_text(p, p->tok.text, p->tok.len);
                advance(p);
            }
        } else {
            bare_seen = 1;
        }
        expect_colon(p);
        x->kids = parse_block(p, "'except' statement", h.line);
        chain_add(&handlers, x);
    }
    n->b = handlers.head;
    if (handlers.count)
        n->c = parse_else(p);
    if (is_kw(p, "finally")) {
        struct lex_token f = p->tok;
        advance(p);
        expect_colon(p);
        n->d = parse_block(p, "'finally' statement", f.line);
    }
    if (!handlers.count && !n->d) {
        int line, col;
        error_pos(p, &line, &col);
        lex_fail(&p->lx, &lang_exc_SyntaxError, line, col, 0,
                 "expected 'except' or 'finally' block");
    }
    return n;
}

static struct node *parse_compound(struct parser *p)
{
    struct lex_token t = p->tok;
    if (is_kw(p, "if"))
        return parse_if(p, "'if' statement");
    if (is_kw(p, "while")) {
        struct node *n = new_node(p, N_WHILE, &t);
        advance(p);
        n->a = parse_test(p);
        expect_colon(p);
        n->kids = parse_block(p, "'while' statement", t.line);
        n->d = parse_else(p);
        return n;
    }
    if (is_kw(p, "for")) {
        struct node *n = new_node(p, N_FOR, &t);
        advance(p);
        struct chain targets = {0};
        struct lex_token t0 = p->tok;
        int comma = 0;
        do {
            if (is_kw(p, "in"))
                break;
            struct lex_token s = p->tok;
            struct node *e;
            if (accept_op(p, O_STAR)) {
                e = new_node(p, N_STARRED, &s);
                e->a = parse_expr_level(p, 5);
                finish(p, e);
            } else {
                e = parse_expr_level(p, 5);
            }
            chain_add(&targets, e);
            comma = is_op(p, O_COMMA);
        } while (accept_op(p, O_COMMA));
        if (targets.count == 1 && !comma) {
            n->a = targets.head;
        } else {
            n->a = new_node(p, N_TUPLE, &t0);
            n->a->kids = targets.head;
            finish(p, n->a);
        }
        check_target(p, n->a, 0, 0);
        if (!accept_kw(p, "in"))
            fail_syntax(p);
        n->b = parse_testlist(p, 1);
        expect_colon(p);
        n->kids = parse_block(p, "'for' statement", t.line);
        n->d = parse_else(p);
        return n;
    }
    if (is_kw(p, "try"))
        return parse_try(p);
    if (is_kw(p, "def"))
        return parse_funcdef(p);
    if (is_kw(p, "class") || is_kw(p, "with") || is_kw(p, "async") || is_op(p, O_AT)) {
        const char *what = is_kw(p, "class")  ? "class definitions are"
                           : is_kw(p, "with") ? "'with' statements are"
                           : is_op(p, O_AT)   ? "decorators are"
                                              : "'async' is";
        lex_fail(&p->lx, &lang_exc_SyntaxError, t.line, t.col, 0, "%s not supported yet", what);
    }
    return NULL;
}

static struct node *parse_stmt(struct parser *p)
{
    struct node *n = parse_compound(p);
    return n ? n : parse_simple_line(p);
}

/* After ':' — an indented block, or simple statements on the same line. */
static struct node *parse_block(struct parser *p, const char *what, int line)
{
    if (p->tok.kind != TK_NEWLINE)
        return parse_simple_line(p);
    advance(p);
    if (p->tok.kind != TK_INDENT) {
        int eline, ecol;
        error_pos(p, &eline, &ecol);
        lex_fail(&p->lx, &lang_exc_IndentationError, eline, ecol, 0,
                 "expected an indented block after %s on line %d", what, line);
    }
    advance(p);
    struct chain body = {0};
    while (p->tok.kind != TK_DEDENT && p->tok.kind != TK_END) {
        if (p->tok.kind == TK_INDENT)
            fail_syntax(p);
        struct node *s = parse_stmt(p);
        while (s) {
            struct node *nx = s->next;
            s->next = NULL;
            chain_add(&body, s);
            s = nx;
        }
    }
    if (p->tok.kind == TK_DEDENT)
        advance(p);
    return body.head;
}

struct node *parse_module(struct compile_ctx *cx, int mode)
{
    struct parser p;
    memset(&p, 0, sizeof p);
    p.cx = cx;
    lex_init(&p.lx, cx->src, cx->srclen, 1, &cx->err, &cx->jmp);
    lex_next(&p.lx, &p.tok);
    struct node *m = new_node(&p, N_MODULE, &p.tok);
    struct chain body = {0};
    if (mode == LANG_MODE_EVAL) {
        while (p.tok.kind == TK_NEWLINE)
            advance(&p);
        struct node *e = new_node(&p, N_EXPR, &p.tok);
        e->a = parse_testlist(&p, 1);
        while (p.tok.kind == TK_NEWLINE)
            advance(&p);
        if (p.tok.kind != TK_END)
            fail_syntax(&p);
        chain_add(&body, e);
    }
    while (p.tok.kind != TK_END) {
        if (p.tok.kind == TK_NEWLINE) {
            advance(&p);
            continue;
        }
        if (p.tok.kind == TK_INDENT)
            fail_syntax(&p);
        struct node *s = parse_stmt(&p);
        while (s) {
            struct node *nx = s->next;
            s->next = NULL;
            chain_add(&body, s);
            s = nx;
        }
    }
    m->kids = body.head;
    return m;
}
