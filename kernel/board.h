/* The board interface: what a board (boot/<board>/, boot/host/) gives the kernel.
 *
 * A board brings the core up (clocks, data/bss, TLS, FPU, MPU stack guard),
 * then calls kernel_main(). Its UART receives by interrupt into a ring of
 * BOARD_RX_RING bytes; when the ring fills the receive interrupt is masked (the
 * emulator, like a real FIFO with flow control, holds further input) and it is
 * unmasked once the ring is half empty. Nothing here allocates.
 */
#ifndef BOARD_H
#define BOARD_H

#include <stddef.h>
#include <stdint.h>

#include "config/port.h"
/* The board's configuration (ring size, core, stack margin) is part of the
 * interface a board implements: boot/ reaches it only through this header. */
#include "config/pyrite_config.h"

/* Exit statuses with a meaning of their own (never 128+n: QEMU's abort is 134). */
enum {
    BOARD_EXIT_FAULT = 86, /* a CPU fault was reported */
    BOARD_EXIT_PANIC = 85, /* the runtime detected corruption and stopped */
};

struct board_region {
    const char *name;
    uintptr_t start;
    size_t size;
};

/* Static facts about the running board, for the banner and `info`. */
struct board_info {
    const char *name;
    const char *core;
    uint32_t clock_hz;
    const struct board_region *regions; /* memory map, ends with a NULL name */
    void *heap_start;                   /* the object-heap region handed to mm */
    size_t heap_size;
};

const struct board_info *board_info(void);

/* Serial line. board_write blocks until every byte is queued to the UART. */
void board_write(const char *bytes, size_t n);
/* Next received byte, waiting (in WFI) until one arrives. */
int board_getc(void);
/* Nonzero when board_getc would not wait. */
int board_rx_ready(void);

/* Under an emulator: end it with this status (semihosting). On hardware: reset. */
_Noreturn void board_exit(int status);

/* Report a runtime panic (message on the serial line) and exit with BOARD_EXIT_PANIC. */
_Noreturn void board_panic(const char *message);

/* Deliberate faults, for tests: a bad memory access, and unbounded recursion into
 * the stack guard. Both end in the fault reporter. */
void board_fault_bad_access(void);
void board_fault_stack_overflow(void);

/* Implemented by the kernel (or by a test or benchmark image): the board calls
 * it once the core is up. */
_Noreturn void kernel_main(void);

#endif /* BOARD_H */
