/* MPS2 boards (AN385 Cortex-M3, AN386 Cortex-M4F, AN500 Cortex-M7): CMSDK UART0.
 *
 * Receive: IRQ0. The interrupt must be acknowledged (INTCLEAR) before DATA is
 * drained or the handler re-enters forever. When the ring is full the RX
 * interrupt is masked and DATA left full, which makes QEMU hold further input.
 */
#include "boot/cortexm/cortexm.h"

#define UART0         0x40004000u
#define UART_DATA     REG32(UART0 + 0x00u)
#define UART_STATE    REG32(UART0 + 0x04u)
#define UART_CTRL     REG32(UART0 + 0x08u)
#define UART_INTCLEAR REG32(UART0 + 0x0Cu)
#define UART_BAUDDIV  REG32(UART0 + 0x10u)

#define STATE_TX_FULL  1u
#define STATE_RX_FULL  2u
#define CTRL_TX_EN     1u
#define CTRL_RX_EN     2u
#define CTRL_RX_INT_EN 8u
#define INT_RX         2u

static void cmsdk_init(void)
{
    UART_BAUDDIV = 16;
    UART_CTRL = CTRL_TX_EN | CTRL_RX_EN | CTRL_RX_INT_EN;
    (void)UART_DATA; /* avoids QEMU's ~1 s start-up delay of piped input */
}

static void cmsdk_putc(uint8_t byte)
{
    while (UART_STATE & STATE_TX_FULL)
        ;
    UART_DATA = byte;
}

static void cmsdk_isr(void)
{
    UART_INTCLEAR = INT_RX;
    while (UART_STATE & STATE_RX_FULL) {
        if (rx_ring_used(&cortexm.rx) == BOARD_RX_RING) {
            cortexm.rx.throttled = 1;
            UART_CTRL = CTRL_TX_EN | CTRL_RX_EN;
            return;
        }
        rx_ring_push(&cortexm.rx, (uint8_t)UART_DATA);
    }
}

static void cmsdk_resume(void)
{
    UART_CTRL = CTRL_TX_EN | CTRL_RX_EN | CTRL_RX_INT_EN;
    nvic_pend(0);
}

const struct uart_driver board_uart = {
    .init = cmsdk_init,
    .putc = cmsdk_putc,
    .resume = cmsdk_resume,
    .irq = 0,
    .isr = cmsdk_isr,
};

static const struct board_region mps2_regions[] = {
    {"code (FPGA RAM)", 0x00000000u, 4u << 20},
    {"SRAM: stacks, data, bss", 0x20000000u, 4u << 20},
    {"PSRAM: object heap", MPS2_PSRAM_BASE, 16u << 20},
    {"UART0 (CMSDK)", UART0, 0x1000u},
    {0, 0, 0},
};

const struct board_info board_static_info = {
    .name = PYR_BOARD_NAME,
    .core = PYR_CORE_NAME,
    .clock_hz = PYR_CLOCK_HZ,
    .regions = mps2_regions,
};
