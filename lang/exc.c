/* Exception instances and the printing of uncaught exceptions (see
 * lang/exc.h).
 */
#include "lang/exc.h"

#include <string.h>

#include "lang/lang.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"

#define EXCEPTION(cname, pyname, parent)                                                           \
    const obj_type_t lang_exc_##cname = {                                                          \
        .base = OBJ_TYPE_HEAD_INIT,                                                                \
        .name = pyname,                                                                            \
        .base_type = parent,                                                                       \
        .flags = OBJ_TYPE_EXCEPTION,                                                               \
    }

EXCEPTION(SyntaxError, "SyntaxError", &obj_exc_Exception);
EXCEPTION(IndentationError, "IndentationError", &lang_exc_SyntaxError);
EXCEPTION(TabError, "TabError", &lang_exc_IndentationError);
EXCEPTION(ImportError, "ImportError", &obj_exc_Exception);
EXCEPTION(ModuleNotFoundError, "ModuleNotFoundError", &lang_exc_ImportError);
EXCEPTION(UnboundLocalError, "UnboundLocalError", &obj_exc_NameError);
EXCEPTION(SystemExit, "SystemExit", &obj_exc_BaseException);
EXCEPTION(GeneratorExit, "GeneratorExit", &obj_exc_BaseException);
EXCEPTION(EOFError, "EOFError", &obj_exc_Exception);
EXCEPTION(OSError, "OSError", &obj_exc_Exception);

static const obj_type_t *const classes[] = {
    &obj_exc_BaseException,
    &obj_exc_Exception,
    &obj_exc_StopIteration,
    &obj_exc_ArithmeticError,
    &obj_exc_OverflowError,
    &obj_exc_ZeroDivisionError,
    &obj_exc_LookupError,
    &obj_exc_IndexError,
    &obj_exc_KeyError,
    &obj_exc_MemoryError,
    &obj_exc_TypeError,
    &obj_exc_ValueError,
    &obj_exc_UnicodeError,
    &obj_exc_RecursionError,
    &obj_exc_RuntimeError,
    &obj_exc_SystemError,
    &obj_exc_AttributeError,
    &obj_exc_NameError,
    &obj_exc_NotImplementedError,
    &obj_exc_KeyboardInterrupt,
    &obj_exc_AssertionError,
    &lang_exc_SyntaxError,
    &lang_exc_IndentationError,
    &lang_exc_TabError,
    &lang_exc_ImportError,
    &lang_exc_ModuleNotFoundError,
    &lang_exc_UnboundLocalError,
    &lang_exc_SystemExit,
    &lang_exc_GeneratorExit,
    &lang_exc_EOFError,
    &lang_exc_OSError,
    NULL,
};

const obj_type_t *lang_exc_class_at(size_t i)
{
    return classes[i];
}

static void exc_clear_tb(lang_exc_t *e)
{
    for (size_t i = 0; i < e->ntb; i++)
        obj_decref((obj_t *)e->tb[i].code);
    e->ntb = 0;
}

static void exc_dealloc(obj_t *o)
{
    lang_exc_t *e = (lang_exc_t *)o;
    obj_gc_untrack(o);
    if (!obj_trash_begin(o))
        return;
    obj_xdecref(e->args);
    obj_xdecref(e->context);
    obj_xdecref(e->cause);
    exc_clear_tb(e);
    obj_mem_free(e->tb);
    obj_free(o);
    obj_trash_end();
}

static int exc_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    lang_exc_t *e = (lang_exc_t *)o;
    obj_t *refs[] = {e->args, e->context, e->cause};
    for (size_t i = 0; i < 3; i++)
        if (refs[i] && visit(refs[i], arg))
            return 1;
    return 0;
}

static int exc_clear(obj_t *o)
{
    lang_exc_t *e = (lang_exc_t *)o;
    obj_clear_ref(&e->context);
    obj_clear_ref(&e->cause);
    obj_clear_ref(&e->args);
    return 0;
}

static obj_t *exc_repr(obj_t *o)
{
    lang_exc_t *e = (lang_exc_t *)o;
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    obj_strbuf_append_cstr(&b, e->cls->name);
    if (obj_tuple_size(e->args) == 1) {
        obj_strbuf_append_cstr(&b, "(");
        obj_strbuf_append_repr(&b, obj_tuple_get(e->args, 0));
        obj_strbuf_append_cstr(&b, ")");
    } else {
        obj_strbuf_append_repr(&b, e->args);
    }
    return obj_strbuf_finish(&b);
}

const obj_type_t lang_type_exc = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "BaseException",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(lang_exc_t),
    .dealloc = exc_dealloc,
    .repr = exc_repr,
    .str = lang_exc_str,
    .hash = obj_hash_identity,
    .traverse = exc_traverse,
    .clear = exc_clear,
};

const obj_type_t *lang_type_of(const obj_t *o)
{
    return lang_exc_check(o) ? ((const lang_exc_t *)o)->cls : o->type;
}

obj_t *lang_exc_new(const obj_type_t *cls, obj_t *args)
{
    if (args == NULL)
        return NULL;
    lang_exc_t *e = (lang_exc_t *)obj_new(&lang_type_exc, 0);
    if (e == NULL) {
        obj_decref(args);
        return NULL;
    }
    e->cls = cls;
    e->args = args;
    e->context = e->cause = NULL;
    e->suppress_context = 0;
    e->ntb = e->tb_cap = 0;
    e->tb = NULL;
    obj_gc_track((obj_t *)e);
    return (obj_t *)e;
}

/* MemoryError must be reportable without memory: one instance made at start,
 * reused (its traceback and context reset at each use). */
static obj_t *memory_error;

obj_t *lang_exc_fetch(void)
{
    const obj_type_t *type;
    obj_t *value;
    obj_err_fetch(&type, &value);
    if (value && lang_exc_check(value))
        return value;
    obj_t *exc = NULL;
    if (type != &obj_exc_MemoryError) {
        obj_t *args = value ? obj_tuple_pack(1, value) : obj_tuple_new(0);
        exc = lang_exc_new(type, args);
    }
    obj_xdecref(value);
    if (exc == NULL) {
        obj_err_clear();
        lang_exc_t *m = (lang_exc_t *)memory_error;
        exc_clear_tb(m);
        obj_clear_ref(&m->context);
        obj_clear_ref(&m->cause);
        exc = obj_newref(memory_error);
    }
    return exc;
}

void lang_exc_restore(obj_t *exc)
{
    obj_err_set_value(((lang_exc_t *)exc)->cls, exc);
}

void lang_exc_add_tb(obj_t *exc, lang_code_t *code, int line)
{
    lang_exc_t *e = (lang_exc_t *)exc;
    if (e->ntb == e->tb_cap) {
        if (e->tb_cap >= 0x8000)
            return;
        size_t cap = e->tb_cap ? e->tb_cap * 2u : 4u;
        struct lang_tb_entry *tb = obj_mem_realloc(e->tb, cap * sizeof *tb);
        if (tb == NULL) {
            obj_err_clear(); /* benign: the entry is dropped */
            return;
        }
        e->tb = tb;
        e->tb_cap = (uint16_t)cap;
    }
    e->tb[e->ntb].code = (lang_code_t *)obj_newref((obj_t *)code);
    e->tb[e->ntb].line = line;
    e->ntb++;
}

obj_t *lang_exc_str(obj_t *o)
{
    lang_exc_t *e = (lang_exc_t *)o;
    size_t n = obj_tuple_size(e->args);
    if (n == 0)
        return obj_str_from_cstr("");
    if (n == 1) {
        obj_t *a = obj_tuple_get(e->args, 0);
        if (obj_type_is_subtype(e->cls, &obj_exc_KeyError))
            return obj_repr(a);
        return obj_str(a);
    }
    if (obj_type_is_subtype(e->cls, &lang_exc_SyntaxError))
        return obj_str(obj_tuple_get(e->args, 0));
    return obj_str(e->args);
}

obj_t *lang_exc_syntax(const obj_type_t *cls, const char *msg, const char *filename, int line,
                       int offset, int end_offset, const char *src, size_t len)
{
    /* the text of line `line` (none for errors the compiler found) */
    const char *p = src, *end = src ? src + len : src;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    const char *e = src ? memchr(p, '\n', (size_t)(end - p)) : NULL;
    if (e == NULL)
        e = end;
    obj_t *details = obj_tuple_new(6);
    if (details == NULL)
        return NULL;
    obj_t *items[6] = {obj_str_from_cstr(filename),
                       obj_int_from_ssize(line),
                       obj_int_from_ssize(offset),
                       src ? obj_str_from_utf8(p, (size_t)(e - p)) : obj_newref(obj_none),
                       obj_int_from_ssize(line),
                       obj_int_from_ssize(end_offset)};
    int ok = 1;
    for (int i = 0; i < 6; i++) {
        ok &= items[i] != NULL;
        obj_tuple_set_new(details, (size_t)i, items[i] ? items[i] : obj_newref(obj_none));
    }
    obj_t *m = ok ? obj_str_from_cstr(msg) : NULL;
    if (m == NULL) {
        obj_decref(details);
        return NULL;
    }
    obj_t *args = obj_tuple_new(2);
    if (args == NULL) {
        obj_decref(details);
        obj_decref(m);
        return NULL;
    }
    obj_tuple_set_new(args, 0, m);
    obj_tuple_set_new(args, 1, details);
    return lang_exc_new(cls, args);
}

obj_t *lang_exc_getattr(obj_t *o, obj_t *name)
{
    lang_exc_t *e = (lang_exc_t *)o;
    obj_t *v = NULL;
    if (obj_str_equal_cstr(name, "args"))
        v = e->args;
    else if (obj_str_equal_cstr(name, "__context__"))
        v = e->context ? e->context : obj_none;
    else if (obj_str_equal_cstr(name, "__cause__"))
        v = e->cause ? e->cause : obj_none;
    else if (obj_str_equal_cstr(name, "__suppress_context__"))
        v = obj_bool_from(e->suppress_context);
    else if (obj_str_equal_cstr(name, "__class__"))
        v = (obj_t *)e->cls;
    else if (obj_type_is_subtype(e->cls, &lang_exc_SystemExit) && obj_str_equal_cstr(name, "code"))
        v = obj_tuple_size(e->args) == 0   ? obj_none
            : obj_tuple_size(e->args) == 1 ? obj_tuple_get(e->args, 0)
                                           : e->args;
    else if (obj_type_is_subtype(e->cls, &lang_exc_SyntaxError) && obj_tuple_size(e->args) == 2) {
        static const char *const fields[] = {"filename", "lineno",     "offset",
                                             "text",     "end_lineno", "end_offset"};
        if (obj_str_equal_cstr(name, "msg"))
            v = obj_tuple_get(e->args, 0);
        for (size_t i = 0; i < 6; i++)
            if (obj_str_equal_cstr(name, fields[i]))
                v = obj_tuple_get(obj_tuple_get(e->args, 1), i);
    }
    if (v == NULL)
        return obj_err_format(&obj_exc_AttributeError, "'%s' object has no attribute '%s'",
                              e->cls->name, obj_str_utf8(name, NULL));
    return obj_newref(v);
}

/* ---- printing ---- */

static void write_cstr(const char *s)
{
    lang_write(s, strlen(s));
}

static void write_obj_str(obj_t *s)
{
    size_t n;
    const char *d = obj_str_utf8(s, &n);
    lang_write(d, n);
}

static void print_syntax_details(lang_exc_t *e)
{
    obj_t *d = obj_tuple_get(e->args, 1);
    obj_t *text = obj_tuple_get(d, 3);
    write_cstr("  File \"");
    write_obj_str(obj_tuple_get(d, 0));
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    obj_strbuf_append_format(&b, "\", line %ld\n", (long)obj_int_as_ssize(obj_tuple_get(d, 1)));
    if (obj_str_check(text)) {
        size_t n;
        const char *s = obj_str_utf8(text, &n);
        size_t lead = 0;
        while (lead < n && (s[lead] == ' ' || s[lead] == '\t' || s[lead] == '\f'))
            lead++;
        size_t stop = n;
        while (stop > lead && (s[stop - 1] == '\r' || s[stop - 1] == ' '))
            stop--;
        obj_strbuf_append_cstr(&b, "    ");
        obj_strbuf_append(&b, s + lead, stop - lead);
        obj_strbuf_append_cstr(&b, "\n");
        long off = (long)obj_int_as_ssize(obj_tuple_get(d, 2));
        long end_off = (long)obj_int_as_ssize(obj_tuple_get(d, 5));
        long col = off - 1 - (long)lead;
        if (off > 0 && col >= 0 && off - 1 <= (long)n) {
            /* caret columns count characters, not bytes */
            long width = 0;
            for (const char *q = s + lead; q < s + lead + col && q < s + n; width++)
                (void)obj_str_decode(&q);
            obj_strbuf_append_cstr(&b, "    ");
            for (long i = 0; i < width; i++)
                obj_strbuf_append_cstr(&b, " ");
            long carets = end_off > off ? end_off - off : 1;
            for (long i = 0; i < carets; i++)
                obj_strbuf_append_cstr(&b, "^");
            obj_strbuf_append_cstr(&b, "\n");
        }
    }
    obj_t *out = obj_strbuf_finish(&b);
    if (out) {
        write_obj_str(out);
        obj_decref(out);
    } else {
        obj_err_clear();
    }
}

static void print_one(lang_exc_t *e)
{
    if (e->ntb) {
        write_cstr("Traceback (most recent call last):\n");
        for (size_t i = e->ntb; i-- > 0;) {
            lang_code_t *co = e->tb[i].code;
            if (co->flags & CO_HIDDEN)
                continue;
            write_cstr("  File \"");
            write_obj_str(co->filename);
            obj_t *line = obj_str_from_format("\", line %d, in ", e->tb[i].line);
            if (line) {
                write_obj_str(line);
                obj_decref(line);
            } else {
                obj_err_clear();
            }
            write_obj_str(co->name);
            write_cstr("\n");
        }
    }
    int syntax = obj_type_is_subtype(e->cls, &lang_exc_SyntaxError) && obj_tuple_size(e->args) == 2;
    if (syntax)
        print_syntax_details(e);
    write_cstr(e->cls->name);
    obj_t *s = lang_exc_str((obj_t *)e);
    if (s == NULL) {
        obj_err_clear();
        write_cstr(": <exception str() failed>\n");
        return;
    }
    if (obj_str_length(s) > 0) {
        write_cstr(": ");
        write_obj_str(s);
    }
    obj_decref(s);
    write_cstr("\n");
}

#define CHAIN_MAX 32

void lang_exc_print(obj_t *exc)
{
    /* Walk the chain to its oldest member (bounded, cycle-safe), then print
     * oldest first with the linking sentences. */
    lang_exc_t *chain[CHAIN_MAX];
    int is_cause[CHAIN_MAX];
    int n = 0;
    lang_exc_t *e = (lang_exc_t *)exc;
    while (e && n < CHAIN_MAX) {
        for (int i = 0; i < n; i++)
            if (chain[i] == e)
                goto done;
        chain[n] = e;
        obj_t *next = e->cause ? e->cause : e->suppress_context ? NULL : e->context;
        is_cause[n] = e->cause != NULL;
        n++;
        e = next && lang_exc_check(next) ? (lang_exc_t *)next : NULL;
    }
done:
    for (int i = n - 1; i >= 0; i--) {
        print_one(chain[i]);
        if (i > 0)
            write_cstr(is_cause[i - 1] ? "\nThe above exception was the direct cause of the "
                                         "following exception:\n\n"
                                       : "\nDuring handling of the above exception, another "
                                         "exception occurred:\n\n");
    }
}

int lang_exc_init(void)
{
    if (memory_error)
        return 0;
    memory_error = lang_exc_new(&obj_exc_MemoryError, obj_tuple_new(0));
    return memory_error ? 0 : -1;
}

void lang_exc_fini(void)
{
    obj_clear_ref(&memory_error);
}
