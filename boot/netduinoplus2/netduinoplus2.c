/* Netduino Plus 2 (STM32F405): Cortex-M4F, USART1 on IRQ37.
 *
 * Reading DR clears RXNE. QEMU does not model TX interrupts, and drops input
 * that arrives before UE/RE are set: hosts wait for the banner before typing.
 */
#include "boot/cortexm/cortexm.h"

#define USART1    0x40011000u
#define USART_SR  REG32(USART1 + 0x00u)
#define USART_DR  REG32(USART1 + 0x04u)
#define USART_BRR REG32(USART1 + 0x08u)
#define USART_CR1 REG32(USART1 + 0x0Cu)

#define SR_RXNE    (1u << 5)
#define SR_TXE     (1u << 7)
#define CR1_BASE   ((1u << 13) | (1u << 3) | (1u << 2)) /* UE, TE, RE */
#define CR1_RXNEIE (1u << 5)
#define USART_IRQ  37u

static void usart_init(void)
{
    USART_BRR = PYR_CLOCK_HZ / 2u / 115200u; /* APB2 at half the core clock */
    USART_CR1 = CR1_BASE | CR1_RXNEIE;
}

static void usart_putc(uint8_t byte)
{
    while (!(USART_SR & SR_TXE))
        ;
    USART_DR = byte;
}

static void usart_isr(void)
{
    while (USART_SR & SR_RXNE) {
        if (rx_ring_used(&cortexm.rx) == BOARD_RX_RING) {
            cortexm.rx.throttled = 1;
            USART_CR1 = CR1_BASE;
            return;
        }
        rx_ring_push(&cortexm.rx, (uint8_t)USART_DR);
    }
}

static void usart_resume(void)
{
    USART_CR1 = CR1_BASE | CR1_RXNEIE;
    nvic_pend(USART_IRQ);
}

const struct uart_driver board_uart = {
    .init = usart_init,
    .putc = usart_putc,
    .resume = usart_resume,
    .irq = USART_IRQ,
    .isr = usart_isr,
};

static const struct board_region netduino_regions[] = {
    {"flash: code", 0x08000000u, 1u << 20},
    {"SRAM: stacks, data, bss, object heap", 0x20000000u, 128u << 10},
    {"USART1", USART1, 0x400u},
    {0, 0, 0},
};

const struct board_info board_static_info = {
    .name = PYR_BOARD_NAME,
    .core = PYR_CORE_NAME,
    .clock_hz = PYR_CLOCK_HZ,
    .regions = netduino_regions,
};
