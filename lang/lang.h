/* The language's entry points: compile and run Python source.
 *
 * lang_init starts the language on a running object runtime (after gc_init);
 * lang_exec compiles `src` (scratch memory all released before it returns,
 * on every path) and runs it in the __main__ module's globals, printing an
 * uncaught exception as CPython does (traceback, then the exception line)
 * through the write hook; lang_teardown drops everything the language owns
 * so that the heap can be checked empty (soft reset).
 */
#ifndef LANG_LANG_H
#define LANG_LANG_H

#include <stddef.h>

enum {
    LANG_MODE_FILE,   /* a module: statements, results discarded */
    LANG_MODE_SINGLE, /* one REPL input: expression statements echo repr(value), bind _ */
    LANG_MODE_EVAL,   /* one expression; its repr is echoed as in single mode */
};

/* lang_exec results. */
enum {
    LANG_OK = 0,
    LANG_EXCEPTION = 1,  /* an uncaught exception (printed) */
    LANG_SYSTEM_EXIT = 2 /* SystemExit: the status is in *exit_status */
};

/* Where the language prints (stdout and stderr alike, in order). */
typedef void (*lang_write_fn)(const char *bytes, size_t n);

int lang_init(lang_write_fn write);
int lang_exec(const char *src, size_t len, const char *filename, int mode, int *exit_status);
void lang_teardown(void);

/* Print through the hook (used by print(), tracebacks, the REPL echo). */
void lang_write(const char *bytes, size_t n);

/* Bytes of compile scratch at the peak of the last lang_exec (arena blocks). */
size_t lang_last_compile_peak(void);

#endif /* LANG_LANG_H */
