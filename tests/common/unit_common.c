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
    obj_debug_fail_alloc_after(n);
}
