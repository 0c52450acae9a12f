/* Internal to the unit-test harness: what the host and target runners share. */
#ifndef UNIT_RUNNER_H
#define UNIT_RUNNER_H

#include <stddef.h>

#include "tests/common/unit.h"

/* Every suite (UNIT_SUITE), in link order: the bounds of section unit_suites,
 * which GNU ld defines on the host and linker/cortexm.ld on the target. */
extern const struct unit_suite *const __start_unit_suites[], *const __stop_unit_suites[];

/* Record mm bytes in use and live objects per type (free lists emptied first). */
void unit_heap_baseline(void);
/* 0 when the heap is back at the baseline and mm_check holds; otherwise -1
 * and a description of the difference in why. */
int unit_heap_check(char *why, size_t why_size);

#endif /* UNIT_RUNNER_H */
