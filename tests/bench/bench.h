/* Benchmark images: the marker the icount plugin watches, and output helpers.
 *
 * The plugin (tools/icount/icount.c) records the exact instruction count each
 * time bench_mark() is entered. Bracket a measured call with two marks; the
 * host reporter subtracts the counts and the calibrated cost of an empty pair.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>

/* Call first: stops SysTick, so that no tick interrupt lands inside a
 * measured window and runs are bit-identical (nothing here needs the ticks). */
void bench_start(void);

/* Empty and never inlined: its entry is the measurement point. */
void bench_mark(void);

/* printf-style output over the board's serial line. */
void bench_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif /* BENCH_H */
