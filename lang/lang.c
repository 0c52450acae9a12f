/* The language's entry points (see lang/lang.h): the __main__ module, compile
 * then run, uncaught exceptions printed, SystemExit reported to the caller.
 */
#include "lang/lang.h"

#include "gc/gc.h"
#include "lang/builtins.h"
#include "lang/compile.h"
#include "lang/exc.h"
#include "lang/vm.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"

static struct {
    lang_write_fn write;
    obj_t *main_globals;
    size_t compile_peak;
} lang;

void lang_write(const char *bytes, size_t n)
{
    if (lang.write)
        lang.write(bytes, n);
}

size_t lang_last_compile_peak(void)
{
    return lang.compile_peak;
}

int lang_init(lang_write_fn write)
{
    lang.write = write;
    lang_vm_init();
    if (lang_exc_init() < 0 || lang_builtins_init() < 0)
        goto fail;
    lang.main_globals = obj_dict_new();
    if (lang.main_globals == NULL)
        goto fail;
    obj_t *k = obj_str_intern_cstr("__name__"), *v = obj_str_from_cstr("__main__");
    int r = k && v ? obj_dict_setitem(lang.main_globals, k, v) : -1;
    obj_xdecref(k);
    obj_xdecref(v);
    if (r < 0)
        goto fail;
    return 0;
fail:
    obj_err_clear();
    lang_teardown();
    return -1;
}

/* SystemExit's status as the process would see it; prints a non-integer code. */
static int exit_status_of(obj_t *exc)
{
    lang_exc_t *e = (lang_exc_t *)exc;
    obj_t *code = obj_tuple_size(e->args) ? obj_tuple_get(e->args, 0) : obj_none;
    if (code == obj_none)
        return 0;
    if (obj_int_check(code)) {
        int64_t v;
        if (obj_int_as_i64(code, &v) < 0) {
            obj_err_clear();
            return -1;
        }
        return (int)(v & 0xFF);
    }
    obj_t *s = obj_str(code);
    if (s) {
        size_t n;
        const char *d = obj_str_utf8(s, &n);
        lang_write(d, n);
        lang_write("\n", 1);
        obj_decref(s);
    } else {
        obj_err_clear();
    }
    return 1;
}

int lang_exec(const char *src, size_t len, const char *filename, int mode, int *exit_status)
{
    obj_t *code = compile_source(src, len, filename, mode, &lang.compile_peak);
    obj_t *result = NULL;
    if (code) {
        result = lang_eval_code((lang_code_t *)code, lang.main_globals);
        obj_decref(code);
    }
    if (result) {
        int r = 0;
        if (mode == LANG_MODE_EVAL)
            r = lang_print_expr(result);
        obj_decref(result);
        if (r == 0)
            return LANG_OK;
    }
    obj_t *exc = lang_exc_fetch();
    int status = LANG_EXCEPTION;
    if (obj_type_is_subtype(((lang_exc_t *)exc)->cls, &lang_exc_SystemExit)) {
        status = LANG_SYSTEM_EXIT;
        if (exit_status)
            *exit_status = exit_status_of(exc);
    } else {
        lang_exc_print(exc);
    }
    obj_decref(exc);
    return status;
}

void lang_teardown(void)
{
    if (lang.main_globals)
        obj_dict_clear(lang.main_globals);
    obj_clear_ref(&lang.main_globals);
    if (lang_vm.builtins)
        obj_dict_clear(lang_vm.builtins);
    if (lang_vm.modules)
        obj_dict_clear(lang_vm.modules);
    lang_vm_fini();
    lang_exc_fini();
    gc_collect(2);
}
