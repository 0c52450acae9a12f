/* The eval loop (see lang/vm.h).
 *
 * Dispatch is by computed goto: each opcode's code ends by fetching the next
 * one and jumping through the label table. The eval breaker (a pending
 * collection, a pending Ctrl-C) is polled at backward jumps, calls and
 * returns only, where no C code holds borrowed references.
 *
 * Errors: an instruction that fails jumps to `error` with the objects-layer
 * error set; the error is turned into an exception instance, gets a
 * traceback entry for this frame's current line, and the frame's exception
 * table is searched. With no handler the frame is popped and the search goes
 * on in the caller (which adds its own traceback entry), until the entry
 * frame, where the loop returns NULL with the exception in the indicator.
 */
#include "lang/vm.h"

#include <stdio.h>
#include <string.h>

#include "config/port.h"
#include "gc/gc.h"
#include "lang/builtins.h"
#include "lang/exc.h"
#include "lang/lang.h"
#include "objects/dict.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"

struct lang_vm lang_vm;

/* ---- the frame stack ---------------------------------------------------- */

struct lang_frame_chunk {
    struct lang_frame_chunk *prev;
    char *top, *end;
};

static struct lang_frame *frame_alloc(size_t size)
{
    struct lang_frame_chunk *c = lang_vm.chunk;
    size = (size + 7) & ~(size_t)7;
    if (c == NULL || (size_t)(c->end - c->top) < size) {
        size_t want = sizeof *c + size;
        if (want < LANG_FRAME_CHUNK)
            want = LANG_FRAME_CHUNK;
        struct lang_frame_chunk *n = obj_mem_alloc(want);
        if (n == NULL)
            return NULL;
        n->prev = c;
        n->top = (char *)(n + 1);
        n->end = (char *)n + want;
        lang_vm.chunk = c = n;
    }
    struct lang_frame *f = (struct lang_frame *)c->top;
    c->top += size;
    return f;
}

/* Frames are freed in reverse order of allocation; an emptied chunk goes back
 * to the heap (the first one too, so that an idle VM holds no memory). */
static void frame_release(struct lang_frame *f)
{
    struct lang_frame_chunk *c = lang_vm.chunk;
    c->top = (char *)f;
    if (c->top == (char *)(c + 1)) {
        lang_vm.chunk = c->prev;
        obj_mem_free(c);
    }
}

static size_t frame_nslots(const lang_code_t *co)
{
    return (size_t)co->nlocals + co->ncells + co->nfrees;
}

static struct lang_frame *frame_new(lang_code_t *co, lang_func_t *func, obj_t *globals)
{
    if (lang_vm.depth >= lang_vm.limit) {
        obj_err_format(&obj_exc_RecursionError, "maximum recursion depth exceeded");
        return NULL;
    }
    size_t n = frame_nslots(co);
    struct lang_frame *f = frame_alloc(sizeof *f + (n + co->stacksize) * sizeof(obj_t *));
    if (f == NULL)
        return NULL;
    f->back = NULL;
    f->code = (lang_code_t *)obj_newref((obj_t *)co);
    f->func = func ? (lang_func_t *)obj_newref((obj_t *)func) : NULL;
    f->globals = globals;
    f->ip = f->last = co->code;
    f->sp = f->slots + n;
    f->is_entry = 0;
    memset(f->slots, 0, n * sizeof(obj_t *));
    lang_vm.depth++;
    return f;
}

static void frame_free(struct lang_frame *f)
{
    size_t n = frame_nslots(f->code);
    for (obj_t **p = f->slots + n; p < f->sp; p++)
        obj_decref(*p);
    for (size_t i = 0; i < n; i++)
        obj_xdecref(f->slots[i]);
    obj_decref((obj_t *)f->code);
    obj_xdecref((obj_t *)f->func);
    lang_vm.depth--;
    frame_release(f);
}

/* ---- argument binding ------------------------------------------------------- */

static const char *qualname_of(lang_code_t *co)
{
    return obj_str_utf8(co->qualname, NULL);
}

/* "'a', 'b' and 'c'" */
static obj_t *name_list(lang_code_t *co, obj_t **slots, size_t from, size_t to, size_t *count)
{
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    size_t n = 0, total = 0;
    for (size_t i = from; i < to; i++)
        total += slots[i] == NULL;
    for (size_t i = from; i < to; i++) {
        if (slots[i])
            continue;
        if (n > 0)
            obj_strbuf_append_cstr(&b, n + 1 == total ? (total > 2 ? ", and " : " and ") : ", ");
        obj_strbuf_append_repr(&b, obj_tuple_get(co->varnames, i));
        n++;
    }
    *count = n;
    return obj_strbuf_finish(&b);
}

static int missing_error(lang_code_t *co, obj_t **slots, size_t from, size_t to, const char *kind)
{
    size_t n;
    obj_t *names = name_list(co, slots, from, to, &n);
    if (names == NULL)
        return -1;
    obj_err_format(&obj_exc_TypeError, "%s() missing %zu required %s argument%s: %s",
                   qualname_of(co), n, kind, n == 1 ? "" : "s", obj_str_utf8(names, NULL));
    obj_decref(names);
    return -1;
}

/* Fill the new frame's parameters from a call's arguments (borrowed). */
static int bind_args(struct lang_frame *f, lang_func_t *fn, obj_t *const *args, size_t nargs,
                     obj_t *kwnames)
{
    lang_code_t *co = fn->code;
    obj_t **slots = f->slots;
    size_t argc = co->argcount, kwonly = co->kwonlycount;
    size_t nkw = kwnames ? obj_tuple_size(kwnames) : 0;
    size_t npos = nargs - nkw;
    size_t extra = argc + kwonly;
    obj_t *kwdict = NULL;
    if (co->flags & CO_VARKEYWORDS) {
        kwdict = obj_dict_new();
        if (kwdict == NULL)
            return -1;
        slots[extra + ((co->flags & CO_VARARGS) ? 1 : 0)] = kwdict;
    }
    size_t take = npos < argc ? npos : argc;
    for (size_t i = 0; i < take; i++)
        slots[i] = obj_newref(args[i]);
    if (co->flags & CO_VARARGS) {
        size_t nv = npos > argc ? npos - argc : 0;
        obj_t *t = obj_tuple_new(nv);
        if (t == NULL)
            return -1;
        for (size_t i = 0; i < nv; i++)
            obj_tuple_set_new(t, i, obj_newref(args[argc + i]));
        slots[extra] = t;
    } else if (npos > argc) {
        size_t ndef = fn->defaults ? obj_tuple_size(fn->defaults) : 0;
        size_t kwgiven = 0;
        for (size_t k = 0; k < nkw; k++)
            for (size_t j = co->posonlycount; j < argc + kwonly; j++)
                if (obj_str_equal(obj_tuple_get(kwnames, k), obj_tuple_get(co->varnames, j)))
                    kwgiven++;
        char given[128] = "";
        if (kwgiven)
            snprintf(given, sizeof given,
                     " positional argument%s (and %zu keyword-only "
                     "argument%s)",
                     npos == 1 ? "" : "s", kwgiven, kwgiven == 1 ? "" : "s");
        if (ndef)
            obj_err_format(&obj_exc_TypeError,
                           "%s() takes from %zu to %zu positional arguments but %zu%s %s given",
                           qualname_of(co), argc - ndef, argc, npos, given,
                           npos == 1 && !kwgiven ? "was" : "were");
        else
            obj_err_format(&obj_exc_TypeError,
                           "%s() takes %zu positional argument%s but %zu%s %s given",
                           qualname_of(co), argc, argc == 1 ? "" : "s", npos, given,
                           npos == 1 && !kwgiven ? "was" : "were");
        return -1;
    }
    for (size_t k = 0; k < nkw; k++) {
        obj_t *name = obj_tuple_get(kwnames, k), *value = args[npos + k];
        size_t j = co->posonlycount;
        for (; j < argc + kwonly; j++)
            if (obj_tuple_get(co->varnames, j) == name ||
                obj_str_equal(obj_tuple_get(co->varnames, j), name))
                break;
        if (j < argc + kwonly) {
            if (slots[j]) {
                obj_err_format(&obj_exc_TypeError, "%s() got multiple values for argument '%s'",
                               qualname_of(co), obj_str_utf8(name, NULL));
                return -1;
            }
            slots[j] = obj_newref(value);
            continue;
        }
        if (kwdict) {
            if (obj_dict_setitem(kwdict, name, value) < 0)
                return -1;
            continue;
        }
        for (j = 0; j < co->posonlycount; j++)
            if (obj_str_equal(obj_tuple_get(co->varnames, j), name)) {
                obj_err_format(&obj_exc_TypeError,
                               "%s() got some positional-only arguments passed as keyword "
                               "arguments: '%s'",
                               qualname_of(co), obj_str_utf8(name, NULL));
                return -1;
            }
        obj_err_format(&obj_exc_TypeError, "%s() got an unexpected keyword argument '%s'",
                       qualname_of(co), obj_str_utf8(name, NULL));
        return -1;
    }
    if (npos < argc) {
        size_t ndef = fn->defaults ? obj_tuple_size(fn->defaults) : 0;
        size_t first_def = argc - ndef;
        for (size_t i = npos; i < argc; i++)
            if (slots[i] == NULL && i >= first_def)
                slots[i] = obj_newref(obj_tuple_get(fn->defaults, i - first_def));
        for (size_t i = npos; i < argc; i++)
            if (slots[i] == NULL)
                return missing_error(co, slots, 0, argc, "positional");
    }
    for (size_t i = argc; i < argc + kwonly; i++) {
        if (slots[i])
            continue;
        obj_t *d = fn->kwdefaults ? obj_dict_getitem(fn->kwdefaults, obj_tuple_get(co->varnames, i))
                                  : NULL;
        if (d)
            slots[i] = obj_newref(d);
    }
    for (size_t i = argc; i < argc + kwonly; i++)
        if (slots[i] == NULL)
            return missing_error(co, slots, argc, argc + kwonly, "keyword-only");
    /* cells and frees */
    for (size_t i = 0; i < co->ncells; i++) {
        int a = co->cell2arg[i];
        obj_t *init = NULL;
        if (a >= 0) {
            init = slots[a];
            slots[a] = NULL;
        }
        obj_t *cell = lang_cell_new(init);
        if (cell == NULL)
            return -1;
        slots[co->nlocals + i] = cell;
    }
    for (size_t i = 0; i < co->nfrees; i++)
        slots[co->nlocals + co->ncells + i] = obj_newref(obj_tuple_get(fn->closure, i));
    return 0;
}

/* A frame for calling fn, its parameters bound; NULL with an error. */
static struct lang_frame *call_frame(lang_func_t *fn, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames)
{
    struct lang_frame *f = frame_new(fn->code, fn, fn->globals);
    if (f == NULL)
        return NULL;
    if (bind_args(f, fn, args, nargs, kwnames) < 0) {
        frame_free(f);
        return NULL;
    }
    return f;
}

static obj_t *run(struct lang_frame *f);

obj_t *lang_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames)
{
    const obj_type_t *t = callable->type;
    if (t == &lang_type_function) {
        if (lang_vm.c_depth >= LANG_C_DEPTH)
            return obj_err_format(&obj_exc_RecursionError,
                                  "maximum recursion depth exceeded while calling a Python "
                                  "object");
        struct lang_frame *f = call_frame((lang_func_t *)callable, args, nargs, kwnames);
        if (f == NULL)
            return NULL;
        f->is_entry = 1;
        lang_vm.c_depth++;
        obj_t *r = run(f);
        lang_vm.c_depth--;
        return r;
    }
    if (t == &lang_type_builtin)
        return ((const lang_builtin_t *)callable)->fn(args, nargs, kwnames);
    if (t == &lang_type_method) {
        lang_method_t *m = (lang_method_t *)callable;
        return lang_call_method(m->self, m->method, args, nargs, kwnames);
    }
    if (t == &obj_type_type)
        return lang_call_type((const obj_type_t *)callable, args, nargs, kwnames);
    return obj_err_format(&obj_exc_TypeError, "'%s' object is not callable",
                          lang_type_of(callable)->name);
}

/* ---- attributes ------------------------------------------------------------------ */

obj_t *lang_getattr(obj_t *o, obj_t *name)
{
    const obj_type_t *t = o->type;
    if (t == &lang_type_module) {
        lang_module_t *m = (lang_module_t *)o;
        obj_t *v = obj_dict_getitem(m->dict, name);
        if (v)
            return obj_newref(v);
        if (obj_err_occurred())
            return NULL;
        return obj_err_format(&obj_exc_AttributeError, "module '%s' has no attribute '%s'",
                              obj_str_utf8(m->name, NULL), obj_str_utf8(name, NULL));
    }
    if (t == &lang_type_exc)
        return lang_exc_getattr(o, name);
    if (obj_str_equal_cstr(name, "__name__")) {
        if (t == &obj_type_type)
            return obj_str_from_cstr(((const obj_type_t *)o)->name);
        if (t == &lang_type_function)
            return obj_newref(((lang_func_t *)o)->code->name);
        if (t == &lang_type_builtin)
            return obj_str_from_cstr(((const lang_builtin_t *)o)->name);
    }
    if (t == &lang_type_function && obj_str_equal_cstr(name, "__qualname__"))
        return obj_newref(((lang_func_t *)o)->code->qualname);
    if (obj_str_equal_cstr(name, "__class__"))
        return obj_newref((obj_t *)lang_type_of(o));
    const struct obj_method *m = lang_find_method(t, name);
    if (m)
        return lang_method_new(o, m);
    obj_t *v = lang_builtin_attr(o, name);
    if (v || obj_err_occurred())
        return v;
    if (t == &obj_type_type)
        return obj_err_format(&obj_exc_AttributeError, "type object '%s' has no attribute '%s'",
                              ((const obj_type_t *)o)->name, obj_str_utf8(name, NULL));
    return obj_err_format(&obj_exc_AttributeError, "'%s' object has no attribute '%s'",
                          lang_type_of(o)->name, obj_str_utf8(name, NULL));
}

int lang_setattr(obj_t *o, obj_t *name, obj_t *value)
{
    if (o->type == &lang_type_module) {
        lang_module_t *m = (lang_module_t *)o;
        if (value)
            return obj_dict_setitem(m->dict, name, value);
        return obj_dict_delitem(m->dict, name);
    }
    if (lang_find_method(o->type, name))
        obj_err_format(&obj_exc_AttributeError, "'%s' object attribute '%s' is read-only",
                       lang_type_of(o)->name, obj_str_utf8(name, NULL));
    else
        obj_err_format(&obj_exc_AttributeError, "'%s' object has no attribute '%s'",
                       lang_type_of(o)->name, obj_str_utf8(name, NULL));
    return -1;
}

/* ---- helpers of the loop ---------------------------------------------------------- */

int lang_check_interrupt(void)
{
    if (board_take_interrupt()) {
        obj_err_set_value(&obj_exc_KeyboardInterrupt, NULL);
        return -1;
    }
    return 0;
}

/* The eval breaker: collect if a collection is pending, raise on Ctrl-C. */
static int breaker(void)
{
    if (obj_gc_young()->pending)
        gc_collect_pending();
    return lang_check_interrupt();
}

static obj_t *binary_op(int op, obj_t *a, obj_t *b)
{
    /* small ints: one digit each way, so the result fits in 64 bits */
    if (a->type == &obj_type_int && b->type == &obj_type_int) {
        obj_int_t *x = (obj_int_t *)a, *y = (obj_int_t *)b;
        obj_ssize_t xs = x->base.size, ys = y->base.size;
        if (xs >= -1 && xs <= 1 && ys >= -1 && ys <= 1) {
            int64_t u = xs * (int64_t)x->digit[0], v = ys * (int64_t)y->digit[0];
            switch (op & ~BIN_INPLACE) {
            case BIN_ADD: return obj_int_from_i64(u + v);
            case BIN_SUB: return obj_int_from_i64(u - v);
            case BIN_MUL: return obj_int_from_i64(u * v);
            case BIN_AND: return obj_int_from_i64(u & v);
            case BIN_OR: return obj_int_from_i64(u | v);
            case BIN_XOR: return obj_int_from_i64(u ^ v);
            case BIN_FLOORDIV:
            case BIN_MOD:
                if (v == 0)
                    break;
                {
                    int64_t q = u / v, r = u % v;
                    if (r && ((r < 0) != (v < 0)))
                        q--, r += v;
                    return obj_int_from_i64((op & ~BIN_INPLACE) == BIN_MOD ? r : q);
                }
            default: break;
            }
        }
    }
    switch (op & ~BIN_INPLACE) {
    case BIN_ADD: return obj_number_add(a, b);
    case BIN_SUB: return obj_number_subtract(a, b);
    case BIN_MUL: return obj_number_multiply(a, b);
    case BIN_TRUEDIV: return obj_number_true_divide(a, b);
    case BIN_FLOORDIV: return obj_number_floor_divide(a, b);
    case BIN_MOD:
        if (obj_str_check(a))
            return lang_str_percent(a, b);
        return obj_number_remainder(a, b);
    case BIN_POW: return obj_number_power(a, b, obj_none);
    case BIN_LSHIFT: return obj_number_lshift(a, b);
    case BIN_RSHIFT: return obj_number_rshift(a, b);
    case BIN_AND: return obj_number_and(a, b);
    case BIN_OR: return obj_number_or(a, b);
    case BIN_XOR: return obj_number_xor(a, b);
    default:
        return obj_err_format(&obj_exc_TypeError,
                              "unsupported operand type(s) for @: '%s' and '%s'",
                              lang_type_of(a)->name, lang_type_of(b)->name);
    }
}

static obj_t *compare_op(int op, obj_t *a, obj_t *b)
{
    switch (op) {
    case CMP_IS: return obj_newref(obj_bool_from(a == b));
    case CMP_IS_NOT: return obj_newref(obj_bool_from(a != b));
    case CMP_IN:
    case CMP_NOT_IN: {
        int r = obj_contains(b, a);
        if (r < 0)
            return NULL;
        return obj_newref(obj_bool_from(op == CMP_IN ? r : !r));
    }
    default: break;
    }
    if (a->type == &obj_type_int && b->type == &obj_type_int) {
        obj_int_t *x = (obj_int_t *)a, *y = (obj_int_t *)b;
        obj_ssize_t xs = x->base.size, ys = y->base.size;
        if (xs >= -1 && xs <= 1 && ys >= -1 && ys <= 1) {
            int64_t u = xs * (int64_t)x->digit[0], v = ys * (int64_t)y->digit[0];
            int r;
            switch (op) {
            case OBJ_LT: r = u < v; break;
            case OBJ_LE: r = u <= v; break;
            case OBJ_EQ: r = u == v; break;
            case OBJ_NE: r = u != v; break;
            case OBJ_GT: r = u > v; break;
            default: r = u >= v; break;
            }
            return obj_bool_from(r);
        }
    }
    return obj_richcompare(a, b, op);
}

static int exc_matches(obj_t *exc, obj_t *spec)
{
    if (obj_tuple_check(spec)) {
        for (size_t i = 0; i < obj_tuple_size(spec); i++) {
            int r = exc_matches(exc, obj_tuple_get(spec, i));
            if (r)
                return r;
        }
        return 0;
    }
    if (spec->type != &obj_type_type || !(((const obj_type_t *)spec)->flags & OBJ_TYPE_EXCEPTION)) {
        obj_err_format(&obj_exc_TypeError,
                       "catching classes that do not inherit from BaseException is not allowed");
        return -1;
    }
    return obj_type_is_subtype(((lang_exc_t *)exc)->cls, (const obj_type_t *)spec);
}

/* An exception instance from what `raise` was given; NULL with TypeError. */
static obj_t *exc_from(obj_t *v, const char *what)
{
    if (lang_exc_check(v))
        return obj_newref(v);
    if (v->type == &obj_type_type && (((const obj_type_t *)v)->flags & OBJ_TYPE_EXCEPTION)) {
        obj_t *e = lang_call(v, NULL, 0, NULL);
        if (e && !lang_exc_check(e)) {
            obj_decref(e);
            return obj_err_format(&obj_exc_TypeError,
                                  "calling %s should have returned an "
                                  "instance of BaseException",
                                  ((const obj_type_t *)v)->name);
        }
        return e;
    }
    return obj_err_format(&obj_exc_TypeError, "%s must derive from BaseException", what);
}

static int unpack(obj_t *seq, size_t before, size_t after, int star, obj_t **out)
{
    size_t want = before + after;
    if ((obj_tuple_check(seq) || obj_list_check(seq)) && !star) {
        size_t n = obj_tuple_check(seq) ? obj_tuple_size(seq) : obj_list_size(seq);
        if (n == want) {
            for (size_t i = 0; i < n; i++) {
                obj_t *x = obj_tuple_check(seq) ? obj_tuple_get(seq, i) : obj_list_get(seq, i);
                out[want - 1 - i] = obj_newref(x);
            }
            return 0;
        }
    }
    obj_t *it = obj_get_iter(seq);
    if (it == NULL) {
        if (obj_err_matches(&obj_exc_TypeError)) {
            obj_err_format(&obj_exc_TypeError, "cannot unpack non-iterable %s object",
                           lang_type_of(seq)->name);
        }
        return -1;
    }
    size_t total = want + (star ? 1 : 0), got = 0;
    obj_t **items = out; /* filled top-down: items[total-1] is the first */
    for (; got < before; got++) {
        obj_t *x = obj_iter_next(it);
        if (x == NULL)
            goto short_;
        items[total - 1 - got] = x;
    }
    if (!star) {
        obj_t *x = obj_iter_next(it);
        if (x) {
            obj_decref(x);
            obj_decref(it);
            for (size_t i = 0; i < got; i++)
                obj_decref(items[total - 1 - i]);
            obj_err_format(&obj_exc_ValueError, "too many values to unpack (expected %zu)", want);
            return -1;
        }
        if (obj_err_occurred())
            goto fail;
        obj_decref(it);
        return 0;
    }
    obj_t *rest = obj_list_from_iterable(it);
    if (rest == NULL)
        goto fail;
    size_t rn = obj_list_size(rest);
    if (rn < after) {
        obj_decref(rest);
        obj_decref(it);
        for (size_t i = 0; i < got; i++)
            obj_decref(items[total - 1 - i]);
        return (void)obj_err_format(&obj_exc_ValueError,
                                    "not enough values to unpack (expected at least %zu, got %zu)",
                                    want, before + rn),
               -1;
    }
    for (size_t i = 0; i < after; i++) {
        items[after - 1 - i] = obj_newref(obj_list_get(rest, rn - after + i));
    }
    for (size_t i = 0; i < after; i++) {
        obj_list_set(rest, rn - 1 - i, NULL);
    }
    ((obj_list_t *)rest)->base.size = (obj_ssize_t)(rn - after);
    items[after] = rest;
    obj_decref(it);
    return 0;
short_:
    if (obj_err_occurred())
        goto fail;
    obj_decref(it);
    for (size_t i = 0; i < got; i++)
        obj_decref(items[total - 1 - i]);
    if (star)
        obj_err_format(&obj_exc_ValueError,
                       "not enough values to unpack (expected at least %zu, got %zu)", want, got);
    else
        obj_err_format(&obj_exc_ValueError, "not enough values to unpack (expected %zu, got %zu)",
                       want, got);
    return -1;
fail:
    obj_decref(it);
    for (size_t i = 0; i < got; i++)
        obj_decref(items[total - 1 - i]);
    return -1;
}

static obj_t *load_global(obj_t *globals, obj_t *name)
{
    obj_t *v = obj_dict_getitem(globals, name);
    if (v == NULL && !obj_err_occurred())
        v = obj_dict_getitem(lang_vm.builtins, name);
    if (v)
        return obj_newref(v);
    if (!obj_err_occurred())
        obj_err_format(&obj_exc_NameError, "name '%s' is not defined", obj_str_utf8(name, NULL));
    return NULL;
}

static obj_t *make_function(obj_t *code, obj_t **extra, int flags, obj_t *globals)
{
    lang_func_t *f = (lang_func_t *)lang_func_new((lang_code_t *)code, globals);
    if (f == NULL)
        return NULL;
    int i = 0;
    if (flags & MF_DEFAULTS)
        f->defaults = obj_newref(extra[i++]);
    if (flags & MF_KWDEFAULTS)
        f->kwdefaults = obj_newref(extra[i++]);
    if (flags & MF_CLOSURE)
        f->closure = obj_newref(extra[i++]);
    return (obj_t *)f;
}

static obj_t *build_string(obj_t **items, size_t n)
{
    struct obj_strbuf b;
    obj_strbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *d = obj_str_utf8(items[i], &len);
        obj_strbuf_append(&b, d, len);
    }
    return obj_strbuf_finish(&b);
}

static obj_t *format_value(obj_t *v, int conv, obj_t *spec)
{
    obj_t *c = NULL;
    if (conv == FV_STR)
        c = obj_str(v);
    else if (conv == FV_REPR)
        c = obj_repr(v);
    else if (conv == FV_ASCII)
        c = lang_ascii(v);
    else
        c = obj_newref(v);
    if (c == NULL)
        return NULL;
    if (spec == NULL && obj_str_check(c) && c->type == &obj_type_str)
        return c;
    obj_t *r = lang_format(c, spec);
    obj_decref(c);
    return r;
}

/* ---- the loop ------------------------------------------------------------ */

obj_t *lang_eval_code(lang_code_t *code, obj_t *globals)
{
    struct lang_frame *f = frame_new(code, NULL, globals);
    if (f == NULL)
        return NULL;
    f->is_entry = 1;
    return run(f);
}

static obj_t *run(struct lang_frame *f)
{
#define LANG_OP_LABEL(name) &&L_##name,
    static const void *const targets[] = {LANG_OPCODES(LANG_OP_LABEL)};
#undef LANG_OP_LABEL
    lang_code_t *co;
    obj_t **slots, **sp, *exc = NULL;
    const uint8_t *ip, *instr;
    unsigned op, arg = 0;

#define LOAD_FRAME()                                                                               \
    do {                                                                                           \
        co = f->code;                                                                              \
        slots = f->slots;                                                                          \
        sp = f->sp;                                                                                \
        ip = f->ip;                                                                                \
    } while (0)
#define SAVE_FRAME()                                                                               \
    do {                                                                                           \
        f->sp = sp;                                                                                \
        f->ip = ip;                                                                                \
        f->last = instr;                                                                           \
    } while (0)
#define DISPATCH()                                                                                 \
    do {                                                                                           \
        instr = ip;                                                                                \
        op = *ip++;                                                                                \
        if (op > OP_HAVE_ARG) {                                                                    \
            arg = (unsigned)ip[0] | (unsigned)ip[1] << 8;                                          \
            ip += 2;                                                                               \
        }                                                                                          \
        goto *targets[op];                                                                         \
    } while (0)
#define TARGET(name) L_##name
#define PUSH(v)      (*sp++ = (v))
#define POP()        (*--sp)
#define TOP()        (sp[-1])
#define PEEK(n)      (sp[-(ptrdiff_t)(n)])
#define NAME(i)      obj_tuple_get(co->names, (i))
#define JUMP_TO(off) (ip = co->code + (off))

    LOAD_FRAME();
    DISPATCH();

    TARGET(NOP) : TARGET(HAVE_ARG) : TARGET(END_FOR) : DISPATCH();

    TARGET(POP_TOP) : obj_decref(POP());
    DISPATCH();

    TARGET(PUSH_NULL) : PUSH(obj_newref(obj_none));
    DISPATCH();

    TARGET(LOAD_CONST) : PUSH(obj_newref(obj_tuple_get(co->consts, arg)));
    DISPATCH();

    TARGET(LOAD_FAST) :
    {
        obj_t *v = slots[arg];
        if (v == NULL) {
            obj_err_format(
                &lang_exc_UnboundLocalError,
                "cannot access local variable '%s' where it is not associated with a value",
                obj_str_utf8(obj_tuple_get(co->varnames, arg), NULL));
            goto error;
        }
        PUSH(obj_newref(v));
        DISPATCH();
    }

    TARGET(STORE_FAST) :
    {
        obj_t *old = slots[arg];
        slots[arg] = POP();
        obj_xdecref(old);
        DISPATCH();
    }

    TARGET(DELETE_FAST) : if (slots[arg] == NULL)
    {
        obj_err_format(&lang_exc_UnboundLocalError,
                       "cannot access local variable '%s' where it is not associated with a value",
                       obj_str_utf8(obj_tuple_get(co->varnames, arg), NULL));
        goto error;
    }
    obj_clear_ref(&slots[arg]);
    DISPATCH();

    TARGET(LOAD_DEREF) :
    {
        obj_t *v = ((lang_cell_t *)slots[arg])->ref;
        if (v == NULL) {
            const char *name = obj_str_utf8(obj_tuple_get(co->varnames, arg), NULL);
            if (arg < (unsigned)co->nlocals + co->ncells)
                obj_err_format(
                    &lang_exc_UnboundLocalError,
                    "cannot access local variable '%s' where it is not associated with a "
                    "value",
                    name);
            else
                obj_err_format(&obj_exc_NameError,
                               "cannot access free variable '%s' where it is not associated with a "
                               "value in enclosing scope",
                               name);
            goto error;
        }
        PUSH(obj_newref(v));
        DISPATCH();
    }

    TARGET(STORE_DEREF) :
    {
        lang_cell_t *c = (lang_cell_t *)slots[arg];
        obj_t *old = c->ref;
        c->ref = POP();
        obj_xdecref(old);
        DISPATCH();
    }

    TARGET(DELETE_DEREF) :
    {
        lang_cell_t *c = (lang_cell_t *)slots[arg];
        if (c->ref == NULL) {
            obj_err_format(
                &lang_exc_UnboundLocalError,
                "cannot access local variable '%s' where it is not associated with a value",
                obj_str_utf8(obj_tuple_get(co->varnames, arg), NULL));
            goto error;
        }
        obj_clear_ref(&c->ref);
        DISPATCH();
    }

    TARGET(LOAD_CLOSURE) : PUSH(obj_newref(slots[arg]));
    DISPATCH();

    TARGET(LOAD_NAME) : TARGET(LOAD_GLOBAL) :
    {
        obj_t *v = load_global(f->globals, NAME(arg));
        if (v == NULL)
            goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_NAME) : TARGET(STORE_GLOBAL) :
    {
        obj_t *v = POP();
        int r = obj_dict_setitem(f->globals, NAME(arg), v);
        obj_decref(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_NAME) : TARGET(DELETE_GLOBAL) : if (obj_dict_delitem(f->globals, NAME(arg)) < 0)
    {
        if (obj_err_matches(&obj_exc_KeyError))
            obj_err_format(&obj_exc_NameError, "name '%s' is not defined",
                           obj_str_utf8(NAME(arg), NULL));
        goto error;
    }
    DISPATCH();

    TARGET(LOAD_ATTR) :
    {
        obj_t *o = TOP();
        obj_t *v = lang_getattr(o, NAME(arg));
        if (v == NULL)
            goto error;
        sp[-1] = v;
        obj_decref(o);
        DISPATCH();
    }

    TARGET(STORE_ATTR) :
    {
        obj_t *o = POP(), *v = POP();
        int r = lang_setattr(o, NAME(arg), v);
        obj_decref(o);
        obj_decref(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_ATTR) :
    {
        obj_t *o = POP();
        int r = lang_setattr(o, NAME(arg), NULL);
        obj_decref(o);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(UNARY_NEGATIVE) : TARGET(UNARY_POSITIVE) : TARGET(UNARY_INVERT) : TARGET(UNARY_NOT) :
    {
        obj_t *v = TOP(), *r;
        if (op == OP_UNARY_NOT) {
            int t = obj_is_true(v);
            if (t < 0)
                goto error;
            r = obj_bool_from(!t);
        } else {
            r = op == OP_UNARY_NEGATIVE   ? obj_number_negative(v)
                : op == OP_UNARY_POSITIVE ? obj_number_positive(v)
                                          : obj_number_invert(v);
            if (r == NULL)
                goto error;
        }
        sp[-1] = r;
        obj_decref(v);
        DISPATCH();
    }

    TARGET(BINARY_OP) :
    {
        obj_t *b = POP(), *a = TOP();
        obj_t *r = binary_op((int)arg, a, b);
        obj_decref(b);
        if (r == NULL) {
            sp[-1] = a;
            goto error;
        }
        sp[-1] = r;
        obj_decref(a);
        DISPATCH();
    }

    TARGET(COMPARE_OP) :
    {
        obj_t *b = POP(), *a = TOP();
        obj_t *r = compare_op((int)arg, a, b);
        obj_decref(b);
        if (r == NULL)
            goto error;
        sp[-1] = r;
        obj_decref(a);
        DISPATCH();
    }

    TARGET(BINARY_SUBSCR) :
    {
        obj_t *k = POP(), *o = TOP();
        obj_t *r = obj_getitem(o, k);
        obj_decref(k);
        if (r == NULL)
            goto error;
        sp[-1] = r;
        obj_decref(o);
        DISPATCH();
    }

    TARGET(STORE_SUBSCR) :
    {
        obj_t *k = POP(), *o = POP(), *v = POP();
        int r = v ? obj_setitem(o, k, v) : obj_delitem(o, k);
        obj_decref(k);
        obj_decref(o);
        obj_decref(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_SUBSCR) :
    {
        obj_t *k = POP(), *o = POP();
        int r = obj_delitem(o, k);
        obj_decref(k);
        obj_decref(o);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(BUILD_SLICE) :
    {
        obj_t *step = arg == 3 ? POP() : NULL;
        obj_t *stop = POP(), *start = POP();
        obj_t *s = obj_slice_new(start, stop, step ? step : obj_none);
        obj_decref(start);
        obj_decref(stop);
        obj_xdecref(step);
        if (s == NULL)
            goto error;
        PUSH(s);
        DISPATCH();
    }

    TARGET(BUILD_TUPLE) :
    {
        obj_t *t = obj_tuple_new(arg);
        if (t == NULL)
            goto error;
        sp -= arg;
        for (unsigned i = 0; i < arg; i++)
            obj_tuple_set_new(t, i, sp[i]);
        PUSH(t);
        DISPATCH();
    }

    TARGET(BUILD_LIST) :
    {
        obj_t *l = obj_list_new(arg);
        if (l == NULL)
            goto error;
        sp -= arg;
        for (unsigned i = 0; i < arg; i++)
            obj_list_set_new(l, i, sp[i]);
        PUSH(l);
        DISPATCH();
    }

    TARGET(BUILD_SET) :
    {
        obj_t *s = obj_set_new(NULL);
        if (s == NULL)
            goto error;
        int r = 0;
        for (unsigned i = arg; i > 0; i--)
            if (r == 0)
                r = obj_set_add(s, PEEK(i));
        for (unsigned i = 0; i < arg; i++)
            obj_decref(POP());
        if (r < 0) {
            obj_decref(s);
            goto error;
        }
        PUSH(s);
        DISPATCH();
    }

    TARGET(BUILD_MAP) :
    {
        obj_t *d = obj_dict_new();
        if (d == NULL)
            goto error;
        int r = 0;
        for (unsigned i = 2 * arg; i > 0 && r == 0; i -= 2)
            r = obj_dict_setitem(d, PEEK(i), PEEK(i - 1));
        for (unsigned i = 0; i < 2 * arg; i++)
            obj_decref(POP());
        if (r < 0) {
            obj_decref(d);
            goto error;
        }
        PUSH(d);
        DISPATCH();
    }

    TARGET(BUILD_STRING) :
    {
        obj_t *s = build_string(sp - arg, arg);
        if (s == NULL)
            goto error;
        for (unsigned i = 0; i < arg; i++)
            obj_decref(POP());
        PUSH(s);
        DISPATCH();
    }

    TARGET(LIST_APPEND) :
    {
        obj_t *v = POP();
        int r = obj_list_append(PEEK(arg), v);
        obj_decref(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(SET_ADD) :
    {
        obj_t *v = POP();
        int r = obj_set_add(PEEK(arg), v);
        obj_decref(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(MAP_ADD) :
    {
        obj_t *v = POP(), *k = POP();
        int r = obj_dict_setitem(PEEK(arg), k, v);
        obj_decref(v);
        obj_decref(k);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(LIST_EXTEND) :
    {
        obj_t *v = POP();
        int r = obj_list_extend(PEEK(arg), v);
        if (r < 0 && obj_err_matches(&obj_exc_TypeError) && !v->type->iter)
            obj_err_format(&obj_exc_TypeError, "Value after * must be an iterable, not %s",
                           lang_type_of(v)->name);
        obj_decref(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(SET_UPDATE) :
    {
        obj_t *v = POP();
        int r = obj_set_update(PEEK(arg), v);
        obj_decref(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DICT_UPDATE) : TARGET(DICT_MERGE) :
    {
        obj_t *v = POP();
        int r = lang_dict_merge(PEEK(arg), v, op == OP_DICT_MERGE);
        obj_decref(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(LIST_TO_TUPLE) :
    {
        obj_t *l = TOP();
        obj_t *t = obj_list_as_tuple(l);
        if (t == NULL)
            goto error;
        sp[-1] = t;
        obj_decref(l);
        DISPATCH();
    }

    TARGET(JUMP) : if (co->code + arg <= instr)
    {
        JUMP_TO(arg);
        SAVE_FRAME();
        if (breaker() < 0)
            goto error;
        DISPATCH();
    }
    JUMP_TO(arg);
    DISPATCH();

    TARGET(POP_JUMP_IF_FALSE) : TARGET(POP_JUMP_IF_TRUE) :
    {
        obj_t *v = POP();
        int t;
        if (v == obj_true)
            t = 1;
        else if (v == obj_false || v == obj_none)
            t = 0;
        else {
            t = obj_is_true(v);
            if (t < 0) {
                obj_decref(v);
                goto error;
            }
        }
        obj_decref(v);
        if (t == (op == OP_POP_JUMP_IF_TRUE))
            JUMP_TO(arg);
        DISPATCH();
    }

    TARGET(JUMP_IF_FALSE_OR_POP) : TARGET(JUMP_IF_TRUE_OR_POP) :
    {
        int t = obj_is_true(TOP());
        if (t < 0)
            goto error;
        if (t == (op == OP_JUMP_IF_TRUE_OR_POP))
            JUMP_TO(arg);
        else
            obj_decref(POP());
        DISPATCH();
    }

    TARGET(GET_ITER) :
    {
        obj_t *o = TOP();
        obj_t *it = obj_get_iter(o);
        if (it == NULL)
            goto error;
        sp[-1] = it;
        obj_decref(o);
        DISPATCH();
    }

    TARGET(FOR_ITER) :
    {
        obj_t *it = TOP();
        obj_t *v = it->type->iternext(it);
        if (v) {
            PUSH(v);
            DISPATCH();
        }
        if (obj_err_occurred()) {
            if (!obj_err_matches(&obj_exc_StopIteration))
                goto error;
            obj_err_clear();
        }
        obj_decref(POP());
        JUMP_TO(arg);
        DISPATCH();
    }

    TARGET(UNPACK_SEQUENCE) : TARGET(UNPACK_EX) :
    {
        obj_t *seq = POP();
        int star = op == OP_UNPACK_EX;
        size_t before = star ? (arg & 0xFF) : arg, after = star ? arg >> 8 : 0;
        int r = unpack(seq, before, after, star, sp);
        obj_decref(seq);
        if (r < 0)
            goto error;
        sp += before + after + (size_t)star;
        DISPATCH();
    }

    TARGET(COPY) :
    {
        obj_t *v = PEEK(arg);
        PUSH(obj_newref(v));
        DISPATCH();
    }

    TARGET(SWAP) :
    {
        obj_t *t = sp[-1];
        sp[-1] = sp[-(int)arg];
        sp[-(int)arg] = t;
        DISPATCH();
    }

    TARGET(CALL_METHOD) : TARGET(CALL_METHOD_KW) :
    {
        unsigned nargs = ip[0];
        ip++;
        obj_t *kwnames = op == OP_CALL_METHOD_KW ? POP() : NULL;
        obj_t **args = sp - nargs, *self = args[-1], *r;
        const struct obj_method *m = NULL;
        if (self->type != &lang_type_module && self->type != &obj_type_type)
            m = lang_find_method(self->type, NAME(arg));
        if (m) {
            r = lang_call_method(self, m, args, nargs, kwnames);
        } else {
            obj_t *callable = lang_getattr(self, NAME(arg));
            if (callable == NULL) {
                obj_xdecref(kwnames);
                goto error;
            }
            if (callable->type == &lang_type_function) {
                /* a Python function from a module: call it in this loop */
                struct lang_frame *nf = call_frame((lang_func_t *)callable, args, nargs, kwnames);
                obj_decref(callable);
                obj_xdecref(kwnames);
                if (nf == NULL)
                    goto error;
                while (sp > args - 1)
                    obj_decref(POP());
                SAVE_FRAME();
                nf->back = f;
                f = nf;
                LOAD_FRAME();
                DISPATCH();
            }
            r = lang_call(callable, args, nargs, kwnames);
            obj_decref(callable);
        }
        obj_xdecref(kwnames);
        while (sp > args - 1)
            obj_decref(POP());
        if (r == NULL)
            goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(CALL) : TARGET(CALL_KW) : TARGET(CALL_EX) :
    {
        obj_t *kwnames = NULL, *r;
        obj_t **args;
        size_t nargs;
        obj_t *kwdict = NULL, *argtuple = NULL, **flat = NULL;
        if (op == OP_CALL_EX) {
            if (arg & CALLEX_KWARGS)
                kwdict = POP();
            argtuple = POP();
            nargs = obj_tuple_size(argtuple);
            if (lang_flatten_call(argtuple, kwdict, &flat, &kwnames) < 0) {
                obj_decref(argtuple);
                obj_xdecref(kwdict);
                goto error;
            }
            args = flat;
            nargs += kwnames ? obj_tuple_size(kwnames) : 0;
        } else {
            if (op == OP_CALL_KW)
                kwnames = POP();
            nargs = arg;
            args = sp - nargs;
        }
        obj_t **callable_slot = op == OP_CALL_EX ? sp - 1 : args - 1;
        obj_t *callable = *callable_slot;
        if (callable->type == &lang_type_function) {
            struct lang_frame *nf = call_frame((lang_func_t *)callable, args, nargs, kwnames);
            obj_xdecref(kwnames);
            if (op == OP_CALL_EX) {
                lang_free_flat(flat, nargs);
                obj_decref(argtuple);
                obj_xdecref(kwdict);
            }
            if (nf == NULL)
                goto error;
            while (sp > callable_slot)
                obj_decref(POP());
            SAVE_FRAME();
            nf->back = f;
            f = nf;
            LOAD_FRAME();
            if (breaker() < 0)
                goto error;
            DISPATCH();
        }
        SAVE_FRAME();
        r = lang_call(callable, args, nargs, kwnames);
        obj_xdecref(kwnames);
        if (op == OP_CALL_EX) {
            lang_free_flat(flat, nargs);
            obj_decref(argtuple);
            obj_xdecref(kwdict);
        }
        while (sp > callable_slot)
            obj_decref(POP());
        if (r == NULL)
            goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(MAKE_FUNCTION) :
    {
        obj_t *code = POP();
        int n =
            ((arg & MF_DEFAULTS) != 0) + ((arg & MF_KWDEFAULTS) != 0) + ((arg & MF_CLOSURE) != 0);
        obj_t *fn = make_function(code, sp - n, (int)arg, f->globals);
        obj_decref(code);
        for (int i = 0; i < n; i++)
            obj_decref(POP());
        if (fn == NULL)
            goto error;
        PUSH(fn);
        DISPATCH();
    }

    TARGET(RETURN_VALUE) :
    {
        obj_t *r = POP();
        struct lang_frame *back = f->back;
        int entry = f->is_entry;
        f->sp = sp;
        frame_free(f);
        if (entry)
            return r;
        f = back;
        LOAD_FRAME();
        PUSH(r);
        if (breaker() < 0)
            goto error;
        DISPATCH();
    }

    TARGET(LOAD_ASSERTION_ERROR) : PUSH((obj_t *)&obj_exc_AssertionError);
    DISPATCH();

    TARGET(RAISE_VARARGS) :
    {
        if (arg == 0) {
            if (lang_vm.cur_exc == NULL) {
                obj_err_format(&obj_exc_RuntimeError, "No active exception to reraise");
                goto error;
            }
            exc = obj_newref(lang_vm.cur_exc);
            goto unwind; /* as RERAISE: the traceback continues */
        }
        obj_t *cause = arg == 2 ? POP() : NULL;
        obj_t *v = POP();
        SAVE_FRAME();
        exc = exc_from(v, "exceptions");
        obj_decref(v);
        if (exc == NULL) {
            obj_xdecref(cause);
            goto error;
        }
        if (cause) {
            lang_exc_t *e = (lang_exc_t *)exc;
            obj_t *c = NULL;
            if (cause != obj_none) {
                c = exc_from(cause, "exception causes");
                if (c == NULL) {
                    obj_decref(cause);
                    obj_decref(exc);
                    goto error;
                }
            }
            obj_decref(cause);
            obj_t *old = e->cause;
            e->cause = c;
            obj_xdecref(old);
            e->suppress_context = 1;
        }
        goto raised;
    }

    TARGET(PUSH_EXC_INFO) :
    {
        obj_t *e = POP();
        PUSH(lang_vm.cur_exc ? lang_vm.cur_exc : obj_newref(obj_none));
        lang_vm.cur_exc = obj_newref(e);
        PUSH(e);
        DISPATCH();
    }

    TARGET(POP_EXCEPT) :
    {
        obj_t *prev = POP();
        obj_t *old = lang_vm.cur_exc;
        if (prev == obj_none) {
            obj_decref(prev);
            prev = NULL;
        }
        lang_vm.cur_exc = prev;
        obj_xdecref(old);
        DISPATCH();
    }

    TARGET(CHECK_EXC_MATCH) :
    {
        obj_t *spec = POP();
        int r = exc_matches(TOP(), spec);
        obj_decref(spec);
        if (r < 0)
            goto error;
        PUSH(obj_bool_from(r));
        DISPATCH();
    }

    TARGET(RERAISE) : exc = POP();
    goto unwind;

    TARGET(CLEANUP_RERAISE) :
    {
        exc = POP();
        obj_t *prev = POP(), *old = lang_vm.cur_exc;
        if (prev == obj_none) {
            obj_decref(prev);
            prev = NULL;
        }
        lang_vm.cur_exc = prev;
        obj_xdecref(old);
        goto unwind;
    }

    TARGET(PRINT_EXPR) :
    {
        obj_t *v = POP();
        int r = lang_print_expr(v);
        obj_decref(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(FORMAT_VALUE) :
    {
        obj_t *spec = (arg & FV_SPEC) ? POP() : NULL;
        obj_t *v = TOP();
        obj_t *r = format_value(v, (int)(arg & 3), spec);
        obj_xdecref(spec);
        if (r == NULL)
            goto error;
        sp[-1] = r;
        obj_decref(v);
        DISPATCH();
    }

    TARGET(IMPORT_NAME) :
    {
        obj_t *name = TOP();
        obj_t *m = lang_import(name);
        if (m == NULL)
            goto error;
        sp[-1] = m;
        obj_decref(name);
        DISPATCH();
    }

    TARGET(IMPORT_FROM) :
    {
        obj_t *m = TOP();
        obj_t *v = lang_getattr(m, NAME(arg));
        if (v == NULL) {
            if (obj_err_matches(&obj_exc_AttributeError) && m->type == &lang_type_module)
                obj_err_format(&lang_exc_ImportError,
                               "cannot import name '%s' from '%s' (unknown "
                               "location)",
                               obj_str_utf8(NAME(arg), NULL),
                               obj_str_utf8(((lang_module_t *)m)->name, NULL));
            goto error;
        }
        PUSH(v);
        DISPATCH();
    }

error:
    SAVE_FRAME();
    {
        int from_c = !(obj_err_value() && lang_exc_check(obj_err_value()));
        exc = lang_exc_fetch();
        if (!from_c)
            goto traceback;
    }
raised:
    /* a new exception raised while another is handled: chain it */
    if (lang_vm.cur_exc && lang_vm.cur_exc != exc) {
        lang_exc_t *e = (lang_exc_t *)exc;
        if (e->context == NULL)
            e->context = obj_newref(lang_vm.cur_exc);
    }
traceback:
    lang_exc_add_tb(exc, co, lang_code_line(co, (size_t)(instr - co->code)));
unwind:
    for (;;) {
        const struct lang_exc_range *h = lang_code_handler(co, (size_t)(instr - co->code));
        if (h) {
            obj_t **base = slots + frame_nslots(co) + h->depth;
            while (sp > base)
                obj_decref(POP());
            PUSH(exc);
            exc = NULL;
            JUMP_TO(h->handler);
            DISPATCH();
        }
        struct lang_frame *back = f->back;
        int entry = f->is_entry;
        f->sp = sp;
        frame_free(f);
        if (entry) {
            lang_exc_restore(exc);
            return NULL;
        }
        f = back;
        LOAD_FRAME();
        instr = f->last;
        lang_exc_add_tb(exc, co, lang_code_line(co, (size_t)(instr - co->code)));
    }
}

void lang_vm_init(void)
{
    lang_vm.limit = LANG_RECURSION_LIMIT;
    lang_vm.depth = lang_vm.c_depth = 0;
    lang_vm.cur_exc = NULL;
    lang_vm.chunk = NULL;
}

void lang_vm_fini(void)
{
    obj_clear_ref(&lang_vm.cur_exc);
    obj_clear_ref(&lang_vm.builtins);
    obj_clear_ref(&lang_vm.modules);
}
