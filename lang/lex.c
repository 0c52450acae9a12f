/* The tokenizer (see lang/lex.h). One pass over the text with no lookahead
 * buffer: the parser keeps the one token of lookahead it needs. Messages and
 * error positions are CPython 3.12's tokenizer's.
 */
#include "lang/lex.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lang/exc.h"
#include "objects/bytes.h"
#include "objects/str.h"

void lex_init(struct lex_state *lx, const char *src, size_t len, int first_line,
              struct lang_syntax_error *err, void *jmp)
{
    memset(lx, 0, sizeof *lx);
    lx->src = lx->p = lx->line_start = src;
    lx->end = src + len;
    lx->line = first_line;
    lx->at_line_start = 1;
    lx->last_was_newline = 1;
    lx->err = err;
    lx->jmp = jmp;
}

_Noreturn void lex_fail(struct lex_state *lx, const obj_type_t *type, int line, int col,
                        int end_col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lx->err->msg, sizeof lx->err->msg, fmt, ap);
    va_end(ap);
    lx->err->type = type;
    lx->err->line = line;
    lx->err->offset = col + 1; /* col < 0: no caret */
    lx->err->end_offset = end_col > col ? end_col + 2 : 0;
    lx->err->no_text = 0;
    longjmp(*(jmp_buf *)lx->jmp, 1);
}

static int is_name_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int col_of(struct lex_state *lx, const char *p)
{
    return (int)(p - lx->line_start);
}

static void newline_at(struct lex_state *lx, const char *after)
{
    lx->line++;
    lx->line_start = after;
}

/* Measure the indentation of a new logical line; skip blank and comment-only
 * lines. Returns 0 at the end of the text. */
static int scan_indent(struct lex_state *lx, int *col, int *alt)
{
    for (;;) {
        int c = 0, a = 0;
        const char *p = lx->p;
        while (p < lx->end && (*p == ' ' || *p == '\t' || *p == '\f')) {
            if (*p == ' ')
                c++, a++;
            else if (*p == '\t')
                c = (c / 8 + 1) * 8, a++;
            else
                c = a = 0;
            p++;
        }
        lx->p = p;
        if (p >= lx->end)
            return 0;
        if (*p == '#') {
            while (p < lx->end && *p != '\n')
                p++;
            lx->p = p;
            if (p >= lx->end)
                return 0;
        }
        if (*lx->p == '\r' && lx->p + 1 < lx->end && lx->p[1] == '\n')
            lx->p++;
        if (*lx->p == '\n') {
            lx->p++;
            newline_at(lx, lx->p);
            continue;
        }
        if (*lx->p == '\\' && lx->p + 1 < lx->end && lx->p[1] == '\n')
            return *col = c, *alt = a, 1; /* a continuation: the line is not blank */
        *col = c;
        *alt = a;
        return 1;
    }
}

static void set_token(struct lex_state *lx, struct lex_token *t, int kind, const char *start)
{
    t->kind = (uint8_t)kind;
    t->op = O_NONE;
    t->text = start;
    t->len = (size_t)(lx->p - start);
    t->end_line = lx->line;
    t->end_col = col_of(lx, lx->p);
}

struct op_spelling {
    char text[4];
    uint8_t op;
};
/* Longest first, so a prefix never shadows a longer operator. */
static const struct op_spelling ops[] = {
    {"**=", O_DSTAREQ},
    {"//=", O_DSLASHEQ},
    {"<<=", O_LSHIFTEQ},
    {">>=", O_RSHIFTEQ},
    {"...", O_ELLIPSIS},
    {"->", O_ARROW},
    {":=", O_WALRUS},
    {"**", O_DSTAR},
    {"//", O_DSLASH},
    {"<<", O_LSHIFT},
    {">>", O_RSHIFT},
    {"==", O_EQEQ},
    {"!=", O_NE},
    {"<=", O_LE},
    {">=", O_GE},
    {"+=", O_PLUSEQ},
    {"-=", O_MINUSEQ},
    {"*=", O_STAREQ},
    {"/=", O_SLASHEQ},
    {"%=", O_PERCENTEQ},
    {"&=", O_AMPEQ},
    {"|=", O_VBAREQ},
    {"^=", O_CIRCUMFLEXEQ},
    {"@=", O_ATEQ},
    {"(", O_LPAR},
    {")", O_RPAR},
    {"[", O_LSQB},
    {"]", O_RSQB},
    {"{", O_LBRACE},
    {"}", O_RBRACE},
    {":", O_COLON},
    {",", O_COMMA},
    {";", O_SEMI},
    {".", O_DOT},
    {"@", O_AT},
    {"+", O_PLUS},
    {"-", O_MINUS},
    {"*", O_STAR},
    {"/", O_SLASH},
    {"%", O_PERCENT},
    {"&", O_AMP},
    {"|", O_VBAR},
    {"^", O_CIRCUMFLEX},
    {"~", O_TILDE},
    {"<", O_LT},
    {">", O_GT},
    {"=", O_EQ},
};

static void lex_number(struct lex_state *lx, const char *start)
{
    const char *p = lx->p;
    int col = col_of(lx, start);
    if (*p == '0' && p + 1 < lx->end && strchr("xXoObB", p[1])) {
        char k = (char)(p[1] | 0x20);
        p += 2;
        int digits = 0;
        for (;;) {
            if (p < lx->end && *p == '_')
                p++;
            unsigned char c = p < lx->end ? (unsigned char)*p : 0;
            int ok = k == 'x'   ? (is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
                     : k == 'o' ? (c >= '0' && c <= '7')
                                : (c == '0' || c == '1');
            if (!ok)
                break;
            digits++;
            p++;
        }
        unsigned char c = p < lx->end ? (unsigned char)*p : 0;
        const char *kind = k == 'x' ? "hexadecimal" : k == 'o' ? "octal" : "binary";
        if (digits == 0 || p[-1] == '_' || is_digit(c) || is_name_start(c)) {
            if (is_digit(c))
                lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, p), 0,
                         "invalid digit '%c' in %s literal", c, kind);
            lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, p) - (digits == 0), 0,
                     "invalid %s literal", kind);
        }
        lx->p = p;
        return;
    }
    int leading_zero = *p == '0', nonzero = 0, is_float = 0;
    while (p < lx->end && (is_digit((unsigned char)*p) || *p == '_')) {
        if (*p == '_' && (p + 1 >= lx->end || !is_digit((unsigned char)p[1])))
            lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, p), 0,
                     "invalid decimal literal");
        nonzero |= *p > '0';
        p++;
    }
    if (p < lx->end && *p == '.') {
        is_float = 1;
        p++;
        while (p < lx->end && (is_digit((unsigned char)*p) || *p == '_'))
            p++;
    }
    if (p < lx->end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        if (q < lx->end && (*q == '+' || *q == '-'))
            q++;
        if (q < lx->end && is_digit((unsigned char)*q)) {
            is_float = 1;
            p = q;
            while (p < lx->end && (is_digit((unsigned char)*p) || *p == '_'))
                p++;
        }
    }
    if (p < lx->end && (*p == 'j' || *p == 'J'))
        lex_fail(lx, &lang_exc_SyntaxError, lx->line, col, col_of(lx, p + 1) - 1,
                 "complex numbers are not supported");
    if (p < lx->end && is_name_start((unsigned char)*p))
        lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, start), 0,
                 "invalid decimal literal");
    if (!is_float && leading_zero && nonzero)
        lex_fail(lx, &lang_exc_SyntaxError, lx->line, col, 0,
                 "leading zeros in decimal integer literals are not permitted; use an 0o "
                 "prefix for octal integers");
    lx->p = p;
}

/* p at the opening quote. */
static void lex_string(struct lex_state *lx, const char *start)
{
    const char *p = lx->p;
    char q = *p;
    int triple = p + 2 < lx->end && p[1] == q && p[2] == q;
    int line = lx->line, col = col_of(lx, start);
    p += triple ? 3 : 1;
    for (;;) {
        if (p >= lx->end || (!triple && *p == '\n')) {
            int at = lx->line - (p > lx->src && p[-1] == '\n');
            if (triple)
                lex_fail(lx, &lang_exc_SyntaxError, line, col, 0,
                         "unterminated triple-quoted string literal (detected at line %d)", at);
            lex_fail(lx, &lang_exc_SyntaxError, line, col, 0,
                     "unterminated string literal (detected at line %d)", at);
        }
        if (*p == '\\' && p + 1 < lx->end) {
            if (p[1] == '\n')
                newline_at(lx, p + 2);
            p += 2;
            continue;
        }
        if (*p == '\n')
            newline_at(lx, p + 1);
        if (*p == q && (!triple || (p + 2 < lx->end && p[1] == q && p[2] == q))) {
            p += triple ? 3 : 1;
            break;
        }
        p++;
    }
    lx->p = p;
}

static void lex_open(struct lex_state *lx, char c, const char *at)
{
    if (lx->paren >= LEX_MAX_PAREN)
        lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, at), 0,
                 "too many nested parentheses");
    lx->paren_stack[lx->paren] = c;
    lx->paren_line[lx->paren] = lx->line;
    lx->paren_col[lx->paren] = col_of(lx, at);
    lx->paren++;
}

static void lex_close(struct lex_state *lx, char c, const char *at)
{
    static const char open_of[] = {[')'] = '(', [']'] = '[', ['}'] = '{'};
    if (lx->paren == 0)
        lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, at), 0, "unmatched '%c'", c);
    char o = lx->paren_stack[lx->paren - 1];
    if (o != open_of[(unsigned char)c]) {
        int ol = lx->paren_line[lx->paren - 1];
        if (ol != lx->line)
            lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, at), 0,
                     "closing parenthesis '%c' does not match opening parenthesis '%c' on "
                     "line %d",
                     c, o, ol);
        lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, at), 0,
                 "closing parenthesis '%c' does not match opening parenthesis '%c'", c, o);
    }
    lx->paren--;
}

void lex_next(struct lex_state *lx, struct lex_token *t)
{
    if (lx->pending_dedents) {
        lx->pending_dedents--;
        t->kind = TK_DEDENT;
        t->text = lx->p;
        t->len = 0;
        t->line = t->end_line = lx->line;
        t->col = t->end_col = col_of(lx, lx->p);
        return;
    }
    if (lx->at_line_start && lx->paren == 0) {
        int col, alt;
        lx->at_line_start = 0;
        if (!scan_indent(lx, &col, &alt))
            col = alt = 0;
        int top = lx->indents[lx->indent_depth];
        if (col > top) {
            if (lx->indent_depth >= LEX_MAX_INDENT)
                lex_fail(lx, &lang_exc_IndentationError, lx->line, col, 0,
                         "too many levels of indentation");
            if (alt <= lx->alt_indents[lx->indent_depth])
                lex_fail(lx, &lang_exc_TabError, lx->line, -1, 0,
                         "inconsistent use of tabs and spaces in indentation");
            lx->indent_depth++;
            lx->indents[lx->indent_depth] = col;
            lx->alt_indents[lx->indent_depth] = alt;
            t->kind = TK_INDENT;
            t->text = lx->p;
            t->len = 0;
            t->line = t->end_line = lx->line;
            t->col = t->end_col = col;
            return;
        }
        if (col < top) {
            int n = 0;
            while (lx->indent_depth > 0 && col < lx->indents[lx->indent_depth]) {
                lx->indent_depth--;
                n++;
            }
            if (col != lx->indents[lx->indent_depth]) {
                const char *eol = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));
                lex_fail(lx, &lang_exc_IndentationError, lx->line, col_of(lx, eol ? eol : lx->end),
                         0, "unindent does not match any outer indentation level");
            }
            if (alt != lx->alt_indents[lx->indent_depth])
                lex_fail(lx, &lang_exc_TabError, lx->line, -1, 0,
                         "inconsistent use of tabs and spaces in indentation");
            lx->pending_dedents = n;
            lex_next(lx, t);
            return;
        }
        if (alt != lx->alt_indents[lx->indent_depth])
            lex_fail(lx, &lang_exc_TabError, lx->line, -1, 0,
                     "inconsistent use of tabs and spaces in indentation");
    }
    const char *p = lx->p;
    for (;;) {
        while (p < lx->end && (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\r'))
            p++;
        if (p < lx->end && *p == '#')
            while (p < lx->end && *p != '\n')
                p++;
        if (p < lx->end && *p == '\\') {
            const char *q = p + 1;
            if (q < lx->end && *q == '\r')
                q++;
            if (q >= lx->end)
                lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, p) + 1, 0,
                         "unexpected EOF while parsing");
            if (*q != '\n')
                lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, p) + 1, 0,
                         "unexpected character after line continuation character");
            p = q + 1;
            newline_at(lx, p);
            continue;
        }
        if (p < lx->end && *p == '\n' && lx->paren > 0) {
            p++;
            newline_at(lx, p);
            continue;
        }
        break;
    }
    lx->p = p;
    t->line = lx->line;
    t->col = col_of(lx, p);
    if (p >= lx->end) {
        if (lx->paren > 0) {
            int i = lx->paren - 1;
            lx->line_start = lx->src; /* the column is the saved one */
            lex_fail(lx, &lang_exc_SyntaxError, lx->paren_line[i], lx->paren_col[i], 0,
                     "'%c' was never closed", lx->paren_stack[i]);
        }
        if (!lx->last_was_newline) {
            lx->last_was_newline = 1;
            set_token(lx, t, TK_NEWLINE, p);
            return;
        }
        if (lx->indent_depth > 0) {
            lx->indent_depth--;
            set_token(lx, t, TK_DEDENT, p);
            return;
        }
        set_token(lx, t, TK_END, p);
        return;
    }
    lx->last_was_newline = 0;
    unsigned char c = (unsigned char)*p;
    if (c == '\n') {
        lx->p = p + 1;
        set_token(lx, t, TK_NEWLINE, p);
        t->len = 1;
        newline_at(lx, lx->p);
        lx->at_line_start = 1;
        lx->last_was_newline = 1;
        return;
    }
    if (is_name_start(c)) {
        const char *q = p;
        while (q < lx->end && (is_name_start((unsigned char)*q) || is_digit((unsigned char)*q)))
            q++;
        /* A string prefix: up to two of r, b, f, u directly before a quote. */
        if (q < lx->end && (*q == '\'' || *q == '"') && q - p <= 2) {
            int ok = 1;
            for (const char *s = p; s < q; s++)
                ok &= strchr("rRbBfFuU", *s) != NULL;
            if (ok) {
                lx->p = q;
                lex_string(lx, p);
                set_token(lx, t, TK_STRING, p);
                return;
            }
        }
        for (const char *s = p; s < q; s++)
            if ((unsigned char)*s >= 0x80 && (unsigned char)*s < 0xC0 && s == p)
                break;
        lx->p = q;
        set_token(lx, t, TK_NAME, p);
        return;
    }
    if (is_digit(c) || (c == '.' && p + 1 < lx->end && is_digit((unsigned char)p[1]))) {
        lex_number(lx, p);
        set_token(lx, t, TK_NUMBER, p);
        return;
    }
    if (c == '\'' || c == '"') {
        lex_string(lx, p);
        set_token(lx, t, TK_STRING, p);
        return;
    }
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t n = strlen(ops[i].text);
        if ((size_t)(lx->end - p) >= n && memcmp(p, ops[i].text, n) == 0) {
            if (ops[i].text[0] == '(' || ops[i].text[0] == '[' || ops[i].text[0] == '{')
                lex_open(lx, ops[i].text[0], p);
            else if (n == 1 && (c == ')' || c == ']' || c == '}'))
                lex_close(lx, (char)c, p);
            lx->p = p + n;
            set_token(lx, t, TK_OP, p);
            t->op = ops[i].op;
            return;
        }
    }
    if (c == '!' || c == '$' || c == '?' || c == '`')
        lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, p), 0, "invalid syntax");
    lex_fail(lx, &lang_exc_SyntaxError, lx->line, col_of(lx, p), 0,
             "invalid non-printable character U+%04X", c);
}

/* ---- string literal values ------------------------------------------------ */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

size_t lex_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

void lex_string_body(const struct lex_token *t, const char **pp, const char **endp, int *raw,
                     int *is_bytes, int *is_f)
{
    const char *p = t->text, *end = t->text + t->len;
    *raw = *is_bytes = *is_f = 0;
    while (*p != '\'' && *p != '"') {
        char c = (char)(*p | 0x20);
        *raw |= c == 'r';
        *is_bytes |= c == 'b';
        *is_f |= c == 'f';
        p++;
    }
    size_t qlen = (end - p >= 6 && p[1] == p[0] && p[2] == p[0]) ? 3 : 1;
    *pp = p + qlen;
    *endp = end - qlen;
}

obj_t *lex_decode_body(struct lex_state *lx, const struct lex_token *t, const char *p,
                       const char *end, int raw, int is_bytes)
{
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80 && is_bytes) {
            obj_strbuf_discard(&b);
            lex_fail(lx, &lang_exc_SyntaxError, t->line, t->col, 0,
                     "bytes can only contain ASCII literal characters");
        }
        if (c != '\\' || raw) {
            obj_strbuf_append(&b, p, 1);
            p++;
            continue;
        }
        char e = p[1];
        p += 2;
        uint32_t v;
        int n;
        switch (e) {
        case '\n': continue;
        case '\\': v = '\\'; break;
        case '\'': v = '\''; break;
        case '"': v = '"'; break;
        case 'a': v = 7; break;
        case 'b': v = 8; break;
        case 'f': v = 12; break;
        case 'n': v = 10; break;
        case 'r': v = 13; break;
        case 't': v = 9; break;
        case 'v': v = 11; break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
            v = (uint32_t)(e - '0');
            for (n = 0; n < 2 && p < end && *p >= '0' && *p <= '7'; n++, p++)
                v = v * 8 + (uint32_t)(*p - '0');
            break;
        case 'x':
        case 'u':
        case 'U':
            if (e != 'x' && is_bytes)
                goto keep;
            n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            v = 0;
            for (int i = 0; i < n; i++) {
                int h = p + i < end ? hexval(p[i]) : -1;
                if (h < 0) {
                    obj_strbuf_discard(&b);
                    lex_fail(lx, &lang_exc_SyntaxError, t->line, t->col, 0,
                             "(%s error) '%s' codec can't decode bytes in position %d-%d: "
                             "truncated %s escape",
                             is_bytes ? "value" : "unicode", is_bytes ? "bytes" : "unicodeescape",
                             0, i + 1,
                             e == 'x'   ? "\\xXX"
                             : e == 'u' ? "\\uXXXX"
                                        : "\\UXXXXXXXX");
                }
                v = v * 16 + (uint32_t)h;
            }
            p += n;
            if (v > 0x10FFFF) {
                obj_strbuf_discard(&b);
                lex_fail(lx, &lang_exc_SyntaxError, t->line, t->col, 0,
                         "(unicode error) 'unicodeescape' codec can't decode bytes in "
                         "position 0-9: illegal Unicode character");
            }
            break;
        default:
        keep:
            /* An unknown escape keeps its backslash (CPython also warns). */
            obj_strbuf_append(&b, p - 2, 2);
            continue;
        }
        if (is_bytes || v < 0x80) {
            char ch = (char)v;
            obj_strbuf_append(&b, &ch, 1);
        } else {
            char out[4];
            obj_strbuf_append(&b, out, lex_utf8_encode(v, out));
        }
    }
    obj_t *s = obj_strbuf_finish(&b);
    if (s == NULL || !is_bytes)
        return s;
    size_t n;
    const char *data = obj_str_utf8(s, &n);
    obj_t *bytes = obj_bytes_from(data, n);
    obj_decref(s);
    return bytes;
}
