/* BBC micro:bit (nRF51822): Cortex-M0, nRF51 UART0 on IRQ2.
 *
 * The UART works by tasks and events: STARTTX / STARTRX start the two halves;
 * a byte written to TXD raises EVENTS_TXDRDY once it is out, and EVENTS_RXDRDY
 * says RXD holds a byte (reading RXD takes it; the event is raised again while
 * more wait). Events are cleared by writing 0. QEMU keeps host input back while
 * its 6-byte FIFO is full, so masking the receive interrupt is flow control.
 */
#include "boot/cortexm/cortexm.h"

#define UART0          0x40002000u
#define UART_STARTRX   REG32(UART0 + 0x000u)
#define UART_STARTTX   REG32(UART0 + 0x008u)
#define UART_RXDRDY    REG32(UART0 + 0x108u)
#define UART_TXDRDY    REG32(UART0 + 0x11Cu)
#define UART_INTENSET  REG32(UART0 + 0x304u)
#define UART_INTENCLR  REG32(UART0 + 0x308u)
#define UART_ENABLE    REG32(UART0 + 0x500u)
#define UART_RXD       REG32(UART0 + 0x518u)
#define UART_TXD       REG32(UART0 + 0x51Cu)
#define INTEN_RXDRDY   (1u << 2)
#define UART_ENABLE_ON 4u
#define UART_IRQ       2u

static void nrf51_init(void)
{
    UART_ENABLE = UART_ENABLE_ON;
    UART_STARTTX = 1;
    UART_STARTRX = 1;
    UART_INTENSET = INTEN_RXDRDY;
}

static void nrf51_putc(uint8_t byte)
{
    UART_TXD = byte;
    while (!UART_TXDRDY)
        ;
    UART_TXDRDY = 0;
}

static void nrf51_isr(void)
{
    while (UART_RXDRDY) {
        if (rx_ring_used(&cortexm.rx) == BOARD_RX_RING) {
            cortexm.rx.throttled = 1;
            UART_INTENCLR = INTEN_RXDRDY;
            return;
        }
        UART_RXDRDY = 0; /* before the read, which raises it again if more wait */
        rx_ring_push(&cortexm.rx, (uint8_t)UART_RXD);
    }
}

static void nrf51_resume(void)
{
    UART_INTENSET = INTEN_RXDRDY; /* interrupts at once if RXDRDY is still set */
}

const struct uart_driver board_uart = {
    .init = nrf51_init,
    .putc = nrf51_putc,
    .resume = nrf51_resume,
    .irq = UART_IRQ,
    .isr = nrf51_isr,
};

static const struct board_region microbit_regions[] = {
    {"flash: code", 0x00000000u, 256u << 10},
    {"RAM: stacks, data, bss, object heap", 0x20000000u, 16u << 10},
    {"UART0 (nRF51)", UART0, 0x1000u},
    {0, 0, 0},
};

const struct board_info board_static_info = {
    .name = PYR_BOARD_NAME,
    .core = PYR_CORE_NAME,
    .clock_hz = PYR_CLOCK_HZ,
    .regions = microbit_regions,
};
