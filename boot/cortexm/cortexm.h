/* Cortex-M core support shared by the boards in boot/: system registers, the
 * exit (semihosting or reset), the fault reporter and the polled-output hook each board's
 * UART driver provides. Internal to boot/.
 */
#ifndef CORTEXM_H
#define CORTEXM_H

#include <stddef.h>
#include <stdint.h>

#include "boot/rx_ring.h"
#include "kernel/board.h"

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* System control space (ARMv7-M). */
#define SCB_VTOR     REG32(0xE000ED08u)
#define SCB_AIRCR    REG32(0xE000ED0Cu)
#define SCB_SHCSR    REG32(0xE000ED24u)
#define SCB_CFSR     REG32(0xE000ED28u)
#define SCB_HFSR     REG32(0xE000ED2Cu)
#define SCB_MMFAR    REG32(0xE000ED34u)
#define SCB_BFAR     REG32(0xE000ED38u)
#define SCB_CPACR    REG32(0xE000ED88u)
#define SYST_CSR     REG32(0xE000E010u)
#define SYST_RVR     REG32(0xE000E014u)
#define SYST_CVR     REG32(0xE000E018u)
#define MPU_CTRL     REG32(0xE000ED94u)
#define MPU_RNR      REG32(0xE000ED98u)
#define MPU_RBAR     REG32(0xE000ED9Cu)
#define MPU_RASR     REG32(0xE000EDA0u)
#define NVIC_ISER(n) REG32(0xE000E100u + 4u * (n))
#define NVIC_ISPR(n) REG32(0xE000E200u + 4u * (n))

static inline void nvic_enable(unsigned irq)
{
    NVIC_ISER(irq / 32u) = 1u << (irq % 32u);
}

static inline void nvic_pend(unsigned irq)
{
    NVIC_ISPR(irq / 32u) = 1u << (irq % 32u);
}

/* What a board's UART driver gives the shared core code. */
struct uart_driver {
    void (*init)(void);
    void (*putc)(uint8_t byte); /* polled: safe in the fault handler */
    void (*resume)(void);       /* unmask receive and pend the interrupt */
    unsigned irq;               /* NVIC line of the receive interrupt */
    void (*isr)(void);
};

/* Provided by each board file. */
extern const struct uart_driver board_uart;
extern const struct board_info board_static_info;

/* Shared state of the core support: one struct (see cortexm/core.c). */
struct cortexm_state {
    struct rx_ring rx;
    volatile uint32_t ticks_ms;
    /* Semihosting (see cortexm/core.c): semihosting says a host answered the
     * probe made at reset; probing is set only while that probe runs. */
    volatile int semihosting;
    volatile int probing;
};
extern struct cortexm_state cortexm;

#endif /* CORTEXM_H */
