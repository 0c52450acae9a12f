/* The tokenizer: Python source text to tokens, one at a time, on demand.
 *
 * The parser pulls tokens with lex_next; a token points into the source (no
 * copy). Indentation is tracked on a bounded stack (LEX_MAX_INDENT levels, as
 * CPython's MAXINDENT) and produces INDENT/DEDENT tokens; bracket nesting is
 * bounded by LEX_MAX_PAREN ("too many nested parentheses", as CPython). String
 * tokens keep their prefix and quotes: lex_decode_string turns one into a
 * value. Errors are reported through the shared syntax-error record and a
 * longjmp to the compile entry point (lang/ast.h).
 */
#ifndef LANG_LEX_H
#define LANG_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "objects/object.h"

#define LEX_MAX_INDENT 100
#define LEX_MAX_PAREN  200

enum lex_kind {
    TK_END,
    TK_NAME,
    TK_NUMBER,
    TK_STRING,
    TK_NEWLINE,
    TK_INDENT,
    TK_DEDENT,
    TK_OP,
};

/* Operators and delimiters; the order of the augmented forms follows the binary
 * operator list in lang/ast.h (OP_ADD ..). */
enum lex_op {
    O_NONE,
    O_LPAR,
    O_RPAR,
    O_LSQB,
    O_RSQB,
    O_LBRACE,
    O_RBRACE,
    O_COLON,
    O_COMMA,
    O_SEMI,
    O_DOT,
    O_ARROW,
    O_AT,
    O_WALRUS,
    O_ELLIPSIS,
    O_PLUS,
    O_MINUS,
    O_STAR,
    O_SLASH,
    O_DSLASH,
    O_PERCENT,
    O_DSTAR,
    O_LSHIFT,
    O_RSHIFT,
    O_AMP,
    O_VBAR,
    O_CIRCUMFLEX,
    O_MATMUL_UNUSED,
    O_TILDE,
    O_LT,
    O_GT,
    O_EQEQ,
    O_NE,
    O_LE,
    O_GE,
    O_EQ,
    O_PLUSEQ,
    O_MINUSEQ,
    O_STAREQ,
    O_SLASHEQ,
    O_DSLASHEQ,
    O_PERCENTEQ,
    O_DSTAREQ,
    O_LSHIFTEQ,
    O_RSHIFTEQ,
    O_AMPEQ,
    O_VBAREQ,
    O_CIRCUMFLEXEQ,
    O_ATEQ,
};

struct lex_token {
    uint8_t kind;
    uint8_t op;       /* TK_OP: an enum lex_op */
    const char *text; /* into the source */
    size_t len;
    int line, col; /* 1-based line, 0-based byte column */
    int end_line, end_col;
};

/* What a failed compile reports: the class, the message, where (1-based
 * line, 1-based offset as CPython's SyntaxError.offset; end_offset 0 = one
 * caret). */
struct lang_syntax_error {
    const obj_type_t *type;
    char msg[112];
    int line, offset, end_offset; /* offset 0: no caret */
    int no_text;                  /* raised by the compiler: CPython shows no source line then */
};

struct lex_state {
    const char *src, *end, *p;
    const char *line_start;
    int line;
    int paren; /* open brackets: newlines inside are not tokens */
    int at_line_start;
    int pending_dedents;
    int indent_depth;
    int indents[LEX_MAX_INDENT + 1];
    int alt_indents[LEX_MAX_INDENT + 1]; /* widths with tabs as 1 column: TabError check */
    char paren_stack[LEX_MAX_PAREN];
    int paren_line[LEX_MAX_PAREN], paren_col[LEX_MAX_PAREN];
    int last_was_newline;
    struct lang_syntax_error *err;
    void *jmp; /* jmp_buf * of the compile entry point */
};

void lex_init(struct lex_state *lx, const char *src, size_t len, int first_line,
              struct lang_syntax_error *err, void *jmp);
void lex_next(struct lex_state *lx, struct lex_token *t);
/* Report a syntax error at (line, col 0-based) and leave through the jmp. */
_Noreturn void lex_fail(struct lex_state *lx, const obj_type_t *type, int line, int col,
                        int end_col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* A string token's prefix flags and the text between its quotes. */
void lex_string_body(const struct lex_token *t, const char **p, const char **end, int *raw,
                     int *is_bytes, int *is_f);
/* Decode [p, end) of token t (escapes unless raw): a str, or bytes. New
 * reference, or NULL with an error set; a bad escape is a SyntaxError. */
obj_t *lex_decode_body(struct lex_state *lx, const struct lex_token *t, const char *p,
                       const char *end, int raw, int is_bytes);

/* UTF-8 of code point cp (at most 0x10FFFF) into out; returns its length. */
size_t lex_utf8_encode(uint32_t cp, char out[4]);

#endif /* LANG_LEX_H */
