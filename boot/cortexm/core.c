/* Cortex-M core support: vector table, reset, stacks, MPU stack guard, SysTick,
 * the fault reporter, exit (semihosting or reset), and the parts of the board
 * interface that do not depend on the UART model.
 *
 * Stacks: thread mode runs on PSP (the main stack, with a no-access MPU region
 * just under it); exceptions and interrupts run on MSP (the handler stack). A
 * main-stack overflow therefore faults while the core stacks onto PSP, and the
 * MemManage handler still has a good stack to report from.
 *
 * ARMv6-M (Cortex-M0, PYR_ARMV6M): the vector table must be at 0x0 (no VTOR),
 * every fault is a HardFault with no status registers to report, and there is
 * no MPU, hence no stack guard.
 *
 * Semihosting is a BKPT 0xAB that a debugger (or QEMU with -semihosting-config)
 * answers. With nobody to answer, the BKPT is a debug event that escalates to
 * HardFault, and one executed inside a fault handler locks the core up. DHCSR's
 * C_DEBUGEN cannot tell: QEMU 7.2 reads DHCSR as 0 with and without
 * semihosting. So reset probes once, with a harmless call (SYS_ERRNO) and
 * cortexm.probing set: if it faults, the fault handler records that no host
 * answers, steps over the BKPT and returns. board_exit uses semihosting only
 * when the probe was answered; otherwise it resets the core (AIRCR.SYSRESETREQ),
 * as a board running on its own must.
 *
 *   RAM:  | guard | main stack -> | handler stack -> | .data .tdata .tbss .bss | heap (small
 * boards)
 */
#include <string.h>

#include "boot/cortexm/cortexm.h"

/* Linker symbols (linker/cortexm.ld). */
extern uint32_t __data_source[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern uint32_t __stack_guard[], __main_stack_limit[], __main_stack_top[], __handler_stack_top[];
extern uint8_t __pyr_heap_start[], __pyr_heap_end[], __tls_base[];
extern void _init_tls(void *tls); /* picolibc: copy .tdata, zero .tbss */
extern void _set_tls(void *tls);

struct cortexm_state cortexm;
typedef void (*vector_fn)(void);
#define VECTOR_IRQS 48 /* covers IRQ37 (STM32 USART1) */
static const vector_fn vectors[16 + VECTOR_IRQS];
static struct board_info info;

#define SEMIHOSTING_SYS_ERRNO    0x13u
#define SEMIHOSTING_SYS_EXIT_EXT 0x20u
#define SEMIHOSTING_APP_EXIT     0x20026u /* ADP_Stopped_ApplicationExit */
#define THUMB_BKPT_SEMIHOSTING   0xBEABu  /* the encoding of bkpt 0xab */
#define AIRCR_SYSRESETREQ        ((0x5FAu << 16) | (1u << 2))
#define SHCSR_FAULTS_ENABLE      ((1u << 16) | (1u << 17) | (1u << 18)) /* Mem, Bus, Usage */
#define CFSR_STACKING_ERRORS     ((1u << 4) | (1u << 12))               /* MSTKERR, STKERR */
#define GUARD_SIZE_LOG2          8                                      /* 256-byte guard */

static void mpu_guard_stack(void)
{
    /* Region 0: the guard, no access for anyone, execute-never. PRIVDEFENA keeps
     * the default map everywhere else, so only the guard is special. */
    MPU_RNR = 0;
    MPU_RBAR = (uint32_t)(uintptr_t)__stack_guard;
    MPU_RASR = (1u << 28) | (0u << 24) | ((GUARD_SIZE_LOG2 - 1u) << 1) | 1u;
    MPU_CTRL = (1u << 2) | 1u; /* PRIVDEFENA | ENABLE */
    __asm volatile("dsb\n\tisb" ::: "memory");
}

static void systick_start(void)
{
    SYST_RVR = PYR_CLOCK_HZ / PYR_TICK_HZ - 1u;
    SYST_CVR = 0;
    SYST_CSR = 7u; /* processor clock, interrupt, enable */
}

static void board_fill_info(void)
{
    info = board_static_info;
    info.heap_start = __pyr_heap_start;
    info.heap_size = (size_t)(__pyr_heap_end - __pyr_heap_start);
#if PYR_HEAP_CAP
    if (info.heap_size > PYR_HEAP_CAP)
        info.heap_size = PYR_HEAP_CAP;
#endif
}

/* One semihosting call: the host's answer in r0. Only when a host answers (or
 * during the probe). */
static uint32_t semihost(uint32_t op, volatile void *arg)
{
    register uint32_t r0 __asm("r0") = op;
    register volatile void *r1 __asm("r1") = arg;
    __asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static void semihosting_probe(void)
{
    cortexm.semihosting = 1; /* the fault handler clears it if the BKPT faults */
    cortexm.probing = 1;
    (void)semihost(SEMIHOSTING_SYS_ERRNO, 0);
    cortexm.probing = 0;
}

/* Runs on PSP (the main stack) once the assembly entry has switched stacks.
 * Used only from that assembly, which LTO does not see: hence `used`. */
_Noreturn void cortexm_start(void);
__attribute__((used)) _Noreturn void cortexm_start(void)
{
    if (!PYR_ARMV6M)
        SCB_VTOR = (uint32_t)(uintptr_t)vectors;
    memcpy(__data_start, __data_source, (size_t)((char *)__data_end - (char *)__data_start));
    memset(__bss_start, 0, (size_t)((char *)__bss_end - (char *)__bss_start));
    _init_tls(__tls_base);
    _set_tls(__tls_base);
    semihosting_probe();
#if PYR_HAS_FPU
    SCB_CPACR |= 0xFu << 20; /* CP10, CP11 full access */
    __asm volatile("dsb\n\tisb" ::: "memory");
#endif
    if (PYR_HAS_MPU)
        mpu_guard_stack();
    if (!PYR_ARMV6M)
        SCB_SHCSR |= SHCSR_FAULTS_ENABLE;
    board_fill_info();
    board_uart.init();
    nvic_enable(board_uart.irq);
    systick_start();
    __asm volatile("cpsie i" ::: "memory");
    kernel_main();
}

/* Reset: MSP already holds the handler-stack top from the vector table. Point
 * PSP at the main stack and make thread mode use it before any C runs. */
__attribute__((naked, noreturn)) void cortexm_reset(void);
__attribute__((naked, noreturn)) void cortexm_reset(void)
{
    __asm volatile("ldr r0, =__main_stack_top\n\t"
                   "msr psp, r0\n\t"
                   "movs r0, #2\n\t"
                   "msr control, r0\n\t"
                   "isb\n\t"
                   "b cortexm_start\n\t"
                   ".ltorg");
}

/* ---- polled output, safe in any context --------------------------------- */

static void raw_puts(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            board_uart.putc('\r');
        board_uart.putc((uint8_t)*s);
    }
}

static void raw_hex(const char *label, uint32_t value)
{
    char text[11] = "0x";
    for (int i = 0; i < 8; i++)
        text[2 + i] = "0123456789abcdef"[(value >> (28 - 4 * i)) & 0xFu];
    text[10] = '\0';
    raw_puts(label);
    raw_puts(text);
}

/* ---- exit ---------------------------------------------------------------- */

_Noreturn void board_exit(int status)
{
    if (cortexm.semihosting) {
        volatile uint32_t block[2] = {SEMIHOSTING_APP_EXIT, (uint32_t)status};
        (void)semihost(SEMIHOSTING_SYS_EXIT_EXT, block);
    }
    /* No host to end (or it did not end us): reset; the status is lost. */
    SCB_AIRCR = AIRCR_SYSRESETREQ;
    for (;;)
        __asm volatile("wfi");
}

_Noreturn void board_panic(const char *message)
{
    __asm volatile("cpsid i" ::: "memory");
    raw_puts("\n*** PANIC: ");
    raw_puts(message);
    raw_puts("\n");
    board_exit(BOARD_EXIT_PANIC);
}

/* ---- faults -------------------------------------------------------------- */

static const char *fault_name(uint32_t ipsr)
{
    switch (ipsr) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    default: return "unexpected exception";
    }
}

static int frame_readable(const uint32_t *frame)
{
    uintptr_t p = (uintptr_t)frame;
    return p % 4 == 0 && p >= (uintptr_t)__main_stack_limit &&
           p + 32 <= (uintptr_t)__handler_stack_top;
}

static _Noreturn void fault_report(uint32_t *frame, uint32_t exc_return)
{
    uint32_t ipsr, cfsr = PYR_ARMV6M ? 0 : SCB_CFSR;
    __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    raw_puts("\n*** FAULT: ");
    raw_puts(fault_name(ipsr & 0x1FFu));
    raw_hex("\nIPSR  ", ipsr);
#if PYR_ARMV6M
    raw_puts("  (ARMv6-M: no CFSR, HFSR, MMFAR or BFAR)");
#else
    raw_hex("  CFSR  ", cfsr);
    raw_hex("  HFSR  ", SCB_HFSR);
    raw_hex("\nMMFAR ", SCB_MMFAR);
    raw_hex("  BFAR  ", SCB_BFAR);
#endif
    raw_hex("  SP    ", (uint32_t)(uintptr_t)frame);
    if ((cfsr & CFSR_STACKING_ERRORS) || !frame_readable(frame)) {
        raw_puts(
            "\nPC    unavailable: the fault hit while stacking (stack overflow into the guard)");
    } else {
        raw_hex("\nPC    ", frame[6]);
        raw_hex("  LR    ", frame[5]);
    }
    raw_puts((exc_return & 4u) ? "\nthread mode, main stack\n" : "\nhandler mode\n");
    board_exit(BOARD_EXIT_FAULT);
}

/* Called from the fault entry on the handler stack with the exception frame
 * pointer (from MSP or PSP) and EXC_RETURN. Returns only when the fault was the
 * semihosting probe's BKPT with no host to answer it: the probe then carries on
 * past the BKPT. Every other fault is reported and ends the image. `used`: only
 * the assembly entry calls it. */
void cortexm_fault(uint32_t *frame, uint32_t exc_return);
__attribute__((used)) void cortexm_fault(uint32_t *frame, uint32_t exc_return)
{
    if (cortexm.probing && frame_readable(frame) &&
        *(const uint16_t *)(uintptr_t)frame[6] == THUMB_BKPT_SEMIHOSTING) {
        cortexm.semihosting = 0;
        frame[6] += 2;
        if (!PYR_ARMV6M)
            SCB_HFSR = SCB_HFSR; /* write-one-to-clear DEBUGEVT */
        return;
    }
    fault_report(frame, exc_return);
}

/* The frame pointer: PSP when the fault came from thread mode (EXC_RETURN bit
 * 2), else MSP. If cortexm_fault returns, popping EXC_RETURN into PC returns
 * from the exception. ARMv6-M has neither IT blocks nor TST with an immediate. */
__attribute__((naked)) void cortexm_fault_entry(void);
__attribute__((naked)) void cortexm_fault_entry(void)
{
#if PYR_ARMV6M
    __asm volatile("mov r1, lr\n\t"
                   "movs r0, #4\n\t"
                   "tst r0, r1\n\t"
                   "bne 1f\n\t"
                   "mrs r0, msp\n\t"
                   "b 2f\n"
                   "1:\n\t"
                   "mrs r0, psp\n"
                   "2:\n\t"
                   "push {r4, lr}\n\t"
                   "bl cortexm_fault\n\t"
                   "pop {r4, pc}");
#else
    __asm volatile("tst lr, #4\n\t"
                   "ite eq\n\t"
                   "mrseq r0, msp\n\t"
                   "mrsne r0, psp\n\t"
                   "mov r1, lr\n\t"
                   "push {r4, lr}\n\t"
                   "bl cortexm_fault\n\t"
                   "pop {r4, pc}");
#endif
}

void board_fault_bad_access(void)
{
#if PYR_HAS_MPU
    /* The stack guard is no-access on every board with an MPU (QEMU's Stellaris
     * model reads unmapped space as zero, so an unmapped address would not do). */
    (void)*(volatile uint32_t *)__stack_guard;
#elif PYR_ARMV6M
    /* No MPU: a word load from an odd address, which ARMv6-M always faults. */
    uintptr_t odd = (uintptr_t)__stack_guard | 1u;
    __asm volatile("" : "+r"(odd)); /* the compiler must not see through it */
    (void)*(volatile uint32_t *)odd;
#else
#error "a board needs an MPU, or an ARMv6-M core, for the deliberate bad access"
#endif
}

static volatile unsigned recursion_limit = ~0u; /* never reached: defeats -Winfinite-recursion */

static unsigned recurse(unsigned depth)
{
    volatile uint8_t frame[64];
    frame[depth % sizeof frame] = (uint8_t)depth;
    if (depth == recursion_limit)
        return 0;
    return recurse(depth + 1) + frame[0];
}

void board_fault_stack_overflow(void)
{
    (void)recurse(0);
}

/* ---- ticks, serial input ------------------------------------------------- */

static void systick_isr(void)
{
    cortexm.ticks_ms = cortexm.ticks_ms + 1;
}

uint32_t board_ticks_ms(void)
{
    return cortexm.ticks_ms;
}

uintptr_t board_stack_limit(void)
{
    return (uintptr_t)__main_stack_limit;
}

void board_write(const char *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++)
        board_uart.putc((uint8_t)bytes[i]);
}

int board_rx_ready(void)
{
    return rx_ring_used(&cortexm.rx) != 0;
}

int board_getc(void)
{
    struct rx_ring *rx = &cortexm.rx;
    for (;;) {
        /* Masking interrupts around the check makes the WFI race-free: a byte
         * that arrives after the check still wakes the core. */
        __asm volatile("cpsid i" ::: "memory");
        if (rx_ring_used(rx) != 0)
            break;
        __asm volatile("wfi\n\tcpsie i" ::: "memory");
    }
    __asm volatile("cpsie i" ::: "memory");
    int byte = rx_ring_pop(rx);
    if (rx->throttled && rx_ring_used(rx) <= BOARD_RX_RING / 2) {
        rx->throttled = 0;
        board_uart.resume();
    }
    return byte;
}

int board_take_interrupt(void)
{
    int pending = cortexm.rx.interrupt;
    cortexm.rx.interrupt = 0;
    return pending;
}

const struct board_info *board_info(void)
{
    return &info;
}

/* ---- vector table -------------------------------------------------------- */

static void unexpected_irq(void)
{
    uint32_t ipsr;
    __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    raw_hex("\n*** unexpected interrupt, IPSR ", ipsr);
    raw_puts("\n");
    board_exit(BOARD_EXIT_FAULT);
}

/* Every external interrupt line lands here; only the UART's is expected. */
static void irq_dispatch(void)
{
    uint32_t ipsr;
    __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    if ((ipsr & 0x1FFu) - 16u == board_uart.irq)
        board_uart.isr();
    else
        unexpected_irq();
}

__attribute__((section(".vectors"), used)) static const vector_fn vectors[16 + VECTOR_IRQS] = {
    [0] = (vector_fn)__handler_stack_top,
    [1] = cortexm_reset,
    [2] = cortexm_fault_entry, /* NMI */
    [3] = cortexm_fault_entry, /* HardFault */
    [4] = cortexm_fault_entry, /* MemManage */
    [5] = cortexm_fault_entry, /* BusFault */
    [6] = cortexm_fault_entry, /* UsageFault */
    [11] = unexpected_irq,     /* SVCall */
    [12] = unexpected_irq,     /* DebugMonitor */
    [14] = unexpected_irq,     /* PendSV */
    [15] = systick_isr,
    [16 ... 16 + VECTOR_IRQS - 1] = irq_dispatch,
};
