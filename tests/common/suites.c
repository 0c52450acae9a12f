/* Every portable unit-test suite, for both runners. Add a suite here when you
 * add a tests/objects/test_*.c file. */
#include <stddef.h>

#include "tests/common/unit_runner.h"

extern const struct unit_suite unit_suite_core, unit_suite_int, unit_suite_float, unit_suite_set,
    unit_suite_range, unit_suite_bytes, unit_suite_str, unit_suite_gc, unit_suite_gc_random,
    unit_suite_containers;

const struct unit_suite *const unit_suites[] = {
    &unit_suite_core,
    &unit_suite_int,
    &unit_suite_float,
    &unit_suite_set,
    &unit_suite_range,
    &unit_suite_bytes,
    &unit_suite_str,
    &unit_suite_gc,
    &unit_suite_gc_random,
    &unit_suite_containers,
    NULL,
};
