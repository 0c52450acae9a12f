/* The benchmark marker and output helper (see bench.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "kernel/board.h"
#include "tests/bench/bench.h"

/* SysTick's control and status register, the same on every Cortex-M: 0
 * stops the counter and its interrupt. */
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)

void bench_start(void)
{
    SYST_CSR = 0;
}

__attribute__((noinline)) void bench_mark(void)
{
    __asm volatile("" ::: "memory");
}

void bench_printf(const char *format, ...)
{
    char text[160];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(text, sizeof text, format, args);
    va_end(args);
    if (n > 0)
        board_write(text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
}
