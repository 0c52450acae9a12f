/* Randomized allocator traces for mm, shared by the host unit test
 * (tests/unit/test_mm.c, under ASan/UBSan) and the target image
 * (tests/target/mm_stress_main.c). No libc allocation, no rand(): a xorshift32
 * generator makes every run with a given seed identical on every machine.
 */
#ifndef MM_STRESS_H
#define MM_STRESS_H

#include <stddef.h>
#include <stdint.h>

/* Receives one line of text (no line terminator). */
typedef void (*mm_stress_log_fn)(const char *line);

/* mm_init(region, size), then ops random operations: mm_alloc, mm_free,
 * mm_realloc, the typed fast path, layer-1 blocks, bursts of frees, mm_trim, and an
 * occasional injected failure. Sizes run from 1 byte to a quarter of the region
 * (mostly small), lifetimes from one operation to the whole run. Every block
 * gets a pattern written over it (sampled above 1 KiB), verified before it is
 * freed and across every realloc; alignment and mm_usable_size are checked on
 * every allocation. After every operation: mm_check() when check_every_op is
 * nonzero, else mm_check_quick() (and mm_check() every 4096 operations). At the
 * end everything is freed and the region must be one free block again.
 * Returns 0 on success; otherwise logs what failed (operation number, sizes,
 * mm_check's message) and returns nonzero. log may be NULL. */
int mm_stress_run(void *region, size_t size, uint32_t seed, unsigned long ops, int check_every_op,
                  mm_stress_log_fn log);

/* Fragmentation figure: mm_init(region, size), then a fixed random workload
 * (mixed small and large sizes, one free for every two allocations, frees at
 * random) runs until the first allocation fails. Returns the bytes the callers
 * held at that moment as a percentage of the region, times 100 (8734 = 87.34 %).
 * Frees everything before returning. */
unsigned mm_frag_run(void *region, size_t size, uint32_t seed);

#endif /* MM_STRESS_H */
