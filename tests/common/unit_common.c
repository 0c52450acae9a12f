/* The part of the portable unit-test harness shared by host and target: check
 * helpers, test data access, and the per-test heap bookkeeping. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mm/mm.h"
#include "objects/object.h"
#include "objects/str.h"
#include "tests/common/unit.h"
#include "tests/common/unit_runner.h"

void unit_check_streq(const char *file, int line, const char *expr, const char *got,
                      const char *want)
{
    if (got == NULL || strcmp(got, want) != 0)
        unit_fail(file, line, "%s: got \"%s\", want \"%s\"", expr, got ? got : "(null)", want);
}

void *unit_check_obj(const char *file, int line, const char *expr, void *o)
{
    if (o == NULL) {
        const obj_type_t *t = obj_err_occurred();
        obj_t *v = obj_err_value();
        unit_fail(file, line, "%s is NULL (error: %s%s%s)", expr, t ? t->name : "none",
                  v ? ": " : "", v ? obj_str_utf8(v, NULL) : "");
    }
    return o;
}

/* ---- heap bookkeeping ---------------------------------------------------- */

static struct {
    size_t bytes_in_use;
    const obj_type_t *types[64];
    long live[64];
    size_t ntypes;
} baseline;

void unit_heap_baseline(void)
{
    obj_err_clear();
    obj_freelists_clear();
    struct mm_stats st;
    mm_get_stats(&st);
    baseline.bytes_in_use = st.bytes_in_use;
    baseline.ntypes = obj_debug_live_by_type(baseline.types, baseline.live, 64);
}

static long baseline_live(const obj_type_t *t)
{
    for (size_t i = 0; i < baseline.ntypes; i++)
        if (baseline.types[i] == t)
            return baseline.live[i];
    return 0;
}

int unit_heap_check(char *why, size_t why_size)
{
    obj_err_clear();
    obj_freelists_clear();
    const obj_type_t *types[64];
    long live[64];
    size_t n = obj_debug_live_by_type(types, live, 64), used = 0;
    why[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        long leaked = live[i] - baseline_live(types[i]);
        if (leaked != 0 && used + 1 < why_size)
            used += (size_t)snprintf(why + used, why_size - used, "%s%ld %s object(s)",
                                     used ? ", " : "leaked ", leaked, types[i]->name);
    }
    struct mm_stats st;
    mm_get_stats(&st);
    if (st.bytes_in_use != baseline.bytes_in_use && used + 1 < why_size)
        used +=
            (size_t)snprintf(why + used, why_size - used, "%smm bytes in use %ld -> %ld",
                             used ? "; " : "", (long)baseline.bytes_in_use, (long)st.bytes_in_use);
    if (mm_check() != 0 && used + 1 < why_size)
        snprintf(why + used, why_size - used, "%smm_check failed", used ? "; " : "");
    return why[0] ? -1 : 0;
}

void unit_fail_alloc_after(long n)
{
    if (n < 0)
        mm_fault_clear();
    else
        mm_fault_fail_from((unsigned long)n + 1);
}

/* ---- failing each allocation of an operation ------------------------------ */

struct heap_mark {
    size_t bytes_in_use, live_objects;
};

static struct heap_mark heap_mark(void)
{
    obj_freelists_clear();
    struct mm_stats st;
    mm_get_stats(&st);
    struct obj_stats os;
    obj_get_stats(&os);
    return (struct heap_mark){st.bytes_in_use, os.live_objects};
}

/* One run of op with mm's injection armed by arm(n). Fails the test if op's
 * result is not allowed, or if the heap differs afterwards. Returns whether a
 * failure was injected (op reached the n-th allocation). */
static int run_failing(const char *file, int line, int (*op)(void *), void *arg,
                       void (*arm)(unsigned long), unsigned long n, int must_succeed)
{
    struct heap_mark before = heap_mark();
    unsigned long injected = mm_fault_count();
    arm(n);
    int r = op(arg);
    mm_fault_clear();
    const char *mode = must_succeed ? "once" : "from there on";
    if (r != 0 && (must_succeed || !obj_err_matches(&obj_exc_MemoryError))) {
        const obj_type_t *t = obj_err_occurred();
        unit_fail(file, line, "allocation %lu failing %s: op failed (error: %s)", n, mode,
                  t ? t->name : "none");
    }
    obj_err_clear();
    struct heap_mark after = heap_mark();
    if (after.bytes_in_use != before.bytes_in_use || after.live_objects != before.live_objects)
        unit_fail(file, line,
                  "allocation %lu failing %s: mm bytes in use %ld -> %ld, live objects %ld -> %ld",
                  n, mode, (long)before.bytes_in_use, (long)after.bytes_in_use,
                  (long)before.live_objects, (long)after.live_objects);
    if (mm_check() != 0)
        unit_fail(file, line, "allocation %lu failing %s: mm_check failed", n, mode);
    return mm_fault_count() != injected;
}

unsigned long unit_each_failure(const char *file, int line, int (*op)(void *), void *arg)
{
    for (unsigned long n = 1;; n++) {
        int reached = run_failing(file, line, op, arg, mm_fault_fail_nth, n, 1);
        if (run_failing(file, line, op, arg, mm_fault_fail_from, n, 0) != reached)
            unit_fail(file, line, "allocation %lu: op allocates differently from run to run", n);
        if (!reached)
            return n - 1;
    }
}
