/* Functions, cells, built-in functions, bound methods and modules (see
 * lang/func.h). Functions, cells, methods and modules can be part of cycles
 * (a function in its own globals, a cell holding its closure's function), so
 * they are GC types.
 */
#include "lang/func.h"

#include "objects/dict.h"
#include "objects/str.h"

static void func_dealloc(obj_t *o)
{
    lang_func_t *f = (lang_func_t *)o;
    obj_gc_untrack(o);
    obj_decref((obj_t *)f->code);
    obj_decref(f->globals);
    obj_xdecref(f->defaults);
    obj_xdecref(f->kwdefaults);
    obj_xdecref(f->closure);
    obj_free(o);
}

static int func_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    lang_func_t *f = (lang_func_t *)o;
    obj_t *refs[] = {f->globals, f->defaults, f->kwdefaults, f->closure};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i] && visit(refs[i], arg))
            return 1;
    return 0;
}

static int func_clear(obj_t *o)
{
    lang_func_t *f = (lang_func_t *)o;
    obj_clear_ref(&f->defaults);
    obj_clear_ref(&f->kwdefaults);
    obj_clear_ref(&f->closure);
    return 0;
}

static obj_t *func_repr(obj_t *o)
{
    lang_func_t *f = (lang_func_t *)o;
    return obj_str_from_format("<function %s at %p>", obj_str_utf8(f->code->qualname, NULL),
                               (void *)o);
}

const obj_type_t lang_type_function = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "function",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(lang_func_t),
    .dealloc = func_dealloc,
    .repr = func_repr,
    .hash = obj_hash_identity,
    .traverse = func_traverse,
    .clear = func_clear,
};

obj_t *lang_func_new(lang_code_t *code, obj_t *globals)
{
    lang_func_t *f = (lang_func_t *)obj_new(&lang_type_function, 0);
    if (f == NULL)
        return NULL;
    f->code = (lang_code_t *)obj_newref((obj_t *)code);
    f->globals = obj_newref(globals);
    f->defaults = f->kwdefaults = f->closure = NULL;
    obj_gc_track((obj_t *)f);
    return (obj_t *)f;
}

static void cell_dealloc(obj_t *o)
{
    obj_gc_untrack(o);
    obj_xdecref(((lang_cell_t *)o)->ref);
    obj_free(o);
}

static int cell_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    obj_t *r = ((lang_cell_t *)o)->ref;
    return r ? visit(r, arg) : 0;
}

static int cell_clear(obj_t *o)
{
    obj_clear_ref(&((lang_cell_t *)o)->ref);
    return 0;
}

const obj_type_t lang_type_cell = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "cell",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(lang_cell_t),
    .dealloc = cell_dealloc,
    .hash = obj_hash_identity,
    .traverse = cell_traverse,
    .clear = cell_clear,
};

obj_t *lang_cell_new(obj_t *ref)
{
    lang_cell_t *c = (lang_cell_t *)obj_new(&lang_type_cell, 0);
    if (c == NULL) {
        obj_xdecref(ref);
        return NULL;
    }
    c->ref = ref;
    obj_gc_track((obj_t *)c);
    return (obj_t *)c;
}

static obj_t *builtin_repr(obj_t *o)
{
    return obj_str_from_format("<built-in function %s>", ((lang_builtin_t *)o)->name);
}

const obj_type_t lang_type_builtin = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "builtin_function_or_method",
    .basicsize = sizeof(lang_builtin_t),
    .repr = builtin_repr,
    .hash = obj_hash_identity,
};

static void method_dealloc(obj_t *o)
{
    obj_gc_untrack(o);
    obj_decref(((lang_method_t *)o)->self);
    obj_free(o);
}

static int method_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    return visit(((lang_method_t *)o)->self, arg);
}

static obj_t *method_repr(obj_t *o)
{
    lang_method_t *m = (lang_method_t *)o;
    return obj_str_from_format("<built-in method %s of %s object at %p>", m->method->name,
                               m->self->type->name, (void *)m->self);
}

const obj_type_t lang_type_method = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "builtin_function_or_method",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(lang_method_t),
    .dealloc = method_dealloc,
    .repr = method_repr,
    .hash = obj_hash_identity,
    .traverse = method_traverse,
};

obj_t *lang_method_new(obj_t *self, const struct obj_method *m)
{
    lang_method_t *b = (lang_method_t *)obj_new(&lang_type_method, 0);
    if (b == NULL)
        return NULL;
    b->self = obj_newref(self);
    b->method = m;
    obj_gc_track((obj_t *)b);
    return (obj_t *)b;
}

const struct obj_method *lang_find_method(const obj_type_t *t, obj_t *name)
{
    for (; t; t = t->base_type) {
        if (t->methods == NULL)
            continue;
        for (const struct obj_method *m = t->methods; m->name; m++)
            if (obj_str_equal_cstr(name, m->name))
                return m;
    }
    return NULL;
}

static void module_dealloc(obj_t *o)
{
    lang_module_t *m = (lang_module_t *)o;
    obj_gc_untrack(o);
    obj_decref(m->name);
    obj_xdecref(m->dict);
    obj_free(o);
}

static int module_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    lang_module_t *m = (lang_module_t *)o;
    return m->dict ? visit(m->dict, arg) : 0;
}

static int module_clear(obj_t *o)
{
    obj_clear_ref(&((lang_module_t *)o)->dict);
    return 0;
}

static obj_t *module_repr(obj_t *o)
{
    return obj_str_from_format("<module '%s' (built-in)>",
                               obj_str_utf8(((lang_module_t *)o)->name, NULL));
}

const obj_type_t lang_type_module = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "module",
    .flags = OBJ_TYPE_GC,
    .basicsize = sizeof(lang_module_t),
    .dealloc = module_dealloc,
    .repr = module_repr,
    .hash = obj_hash_identity,
    .traverse = module_traverse,
    .clear = module_clear,
};

obj_t *lang_module_new(const char *name)
{
    obj_t *n = obj_str_from_cstr(name);
    if (n == NULL)
        return NULL;
    obj_t *d = obj_dict_new();
    if (d == NULL) {
        obj_decref(n);
        return NULL;
    }
    lang_module_t *m = (lang_module_t *)obj_new(&lang_type_module, 0);
    if (m == NULL) {
        obj_decref(n);
        obj_decref(d);
        return NULL;
    }
    m->name = n;
    m->dict = d;
    obj_gc_track((obj_t *)m);
    return (obj_t *)m;
}
