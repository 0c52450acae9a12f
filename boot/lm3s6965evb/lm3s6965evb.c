/* TI Stellaris LM3S6965EVB: Cortex-M3, PL011 UART0 on IRQ5.
 *
 * The PL011 receive interrupt only fires when the FIFO goes from empty to
 * non-empty (QEMU models no receive timeout), so after unmasking we pend the
 * line ourselves to drain whatever is already waiting.
 */
#include "boot/cortexm/cortexm.h"

#define UART0     0x4000C000u
#define UART_DR   REG32(UART0 + 0x000u)
#define UART_FR   REG32(UART0 + 0x018u)
#define UART_CR   REG32(UART0 + 0x030u)
#define UART_IMSC REG32(UART0 + 0x038u)
#define UART_ICR  REG32(UART0 + 0x044u)

#define FR_RXFE   (1u << 4)
#define FR_TXFF   (1u << 5)
#define CR_ENABLE ((1u << 0) | (1u << 8) | (1u << 9)) /* UARTEN, TXE, RXE */
#define INT_RX    ((1u << 4) | (1u << 6))             /* RXIM, RTIM */
#define UART_IRQ  5u

static void pl011_init(void)
{
    UART_CR = CR_ENABLE;
    UART_IMSC = INT_RX;
    nvic_pend(UART_IRQ);
}

static void pl011_putc(uint8_t byte)
{
    while (UART_FR & FR_TXFF)
        ;
    UART_DR = byte;
}

static void pl011_isr(void)
{
    while (!(UART_FR & FR_RXFE)) {
        if (rx_ring_used(&cortexm.rx) == BOARD_RX_RING) {
            cortexm.rx.throttled = 1;
            UART_IMSC = 0;
            return;
        }
        rx_ring_push(&cortexm.rx, (uint8_t)UART_DR);
    }
    UART_ICR = INT_RX;
}

static void pl011_resume(void)
{
    UART_IMSC = INT_RX;
    nvic_pend(UART_IRQ);
}

const struct uart_driver board_uart = {
    .init = pl011_init,
    .putc = pl011_putc,
    .resume = pl011_resume,
    .irq = UART_IRQ,
    .isr = pl011_isr,
};

static const struct board_region lm3s_regions[] = {
    {"flash: code", 0x00000000u, 256u << 10},
    {"SRAM: stacks, data, bss, object heap", 0x20000000u, 64u << 10},
    {"UART0 (PL011)", UART0, 0x1000u},
    {0, 0, 0},
};

const struct board_info board_static_info = {
    .name = PYR_BOARD_NAME,
    .core = PYR_CORE_NAME,
    .clock_hz = PYR_CLOCK_HZ,
    .regions = lm3s_regions,
};
