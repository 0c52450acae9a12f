/* The host "board": the same kernel as a Linux process. stdin/stdout are the
 * serial line (raw mode when they are a terminal), the object heap is a static
 * array the size of the default board's PSRAM heap, a fault is a signal caught
 * on an alternate stack, and the stack limit is the main thread's, as the C
 * library reports it. Nothing here calls malloc (the C library does, once,
 * to read the stack's extent).
 */
#define _GNU_SOURCE /* pthread_getattr_np */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "boot/rx_ring.h"
#include "kernel/board.h"

#define HOST_HEAP_SIZE (16u << 20)

static struct {
    struct rx_ring rx;
    struct termios saved_tty;
    int tty_raw;
    int input_closed;
    struct timespec started;
    uintptr_t stack_limit;
    struct board_info info;
    struct board_region regions[2]; /* the heap array, then the terminator */
    _Alignas(4096) unsigned char heap[HOST_HEAP_SIZE];
    unsigned char signal_stack[64 * 1024];
} host;

/* Keep AddressSanitizer out of the way of our own SIGSEGV reporter. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "handle_segv=0:handle_sigbus=0:detect_stack_use_after_return=0";
}

const struct board_info *board_info(void)
{
    return &host.info;
}

void board_write(const char *bytes, size_t n)
{
    while (n > 0) {
        ssize_t done = write(1, bytes, n);
        if (done <= 0)
            _exit(1);
        bytes += done;
        n -= (size_t)done;
    }
}

/* Move whatever stdin has into the ring; wait for input when asked to. Once
 * stdin is closed and the ring drained, the process ends (the serial line was
 * unplugged). */
static void host_poll_input(int wait)
{
    struct pollfd pfd = {.fd = 0, .events = POLLIN};
    while (!host.input_closed && rx_ring_used(&host.rx) < BOARD_RX_RING &&
           poll(&pfd, 1, wait ? -1 : 0) > 0) {
        unsigned char chunk[BOARD_RX_RING];
        size_t room = BOARD_RX_RING - rx_ring_used(&host.rx);
        ssize_t got = read(0, chunk, room);
        if (got <= 0) {
            host.input_closed = 1;
            break;
        }
        for (ssize_t i = 0; i < got; i++)
            rx_ring_push(&host.rx, chunk[i]);
        wait = 0;
    }
}

int board_rx_ready(void)
{
    host_poll_input(0);
    return rx_ring_used(&host.rx) != 0;
}

int board_getc(void)
{
    if (rx_ring_used(&host.rx) == 0)
        host_poll_input(1);
    if (rx_ring_used(&host.rx) == 0)
        board_exit(0);
    return rx_ring_pop(&host.rx);
}

int board_take_interrupt(void)
{
    host_poll_input(0);
    int pending = host.rx.interrupt;
    host.rx.interrupt = 0;
    return pending;
}

uint32_t board_ticks_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint32_t)((now.tv_sec - host.started.tv_sec) * 1000 +
                      (now.tv_nsec - host.started.tv_nsec) / 1000000);
}

uintptr_t board_stack_limit(void)
{
    return host.stack_limit;
}

/* The lowest address of the main thread's stack: its mapping may grow down to
 * there (RLIMIT_STACK). 0, so no check ever fires, if the C library cannot say. */
static uintptr_t main_stack_limit(void)
{
    pthread_attr_t attr;
    void *low = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &low, &size);
        pthread_attr_destroy(&attr);
    }
    return (uintptr_t)low;
}

static void restore_tty(void)
{
    if (host.tty_raw)
        tcsetattr(0, TCSANOW, &host.saved_tty);
}

_Noreturn void board_exit(int status)
{
    restore_tty();
    exit(status);
}

_Noreturn void board_panic(const char *message)
{
    static const char head[] = "\r\n*** PANIC: ";
    board_write(head, sizeof head - 1);
    board_write(message, strlen(message));
    board_write("\r\n", 2);
    restore_tty();
    _exit(BOARD_EXIT_PANIC);
}

static void fault_handler(int sig, siginfo_t *si, void *context)
{
    (void)context;
    char text[160];
    int n = snprintf(text, sizeof text, "\r\n*** FAULT: signal %d (%s) at address %p\r\n", sig,
                     sig == SIGSEGV ? "SIGSEGV" : "SIGBUS", si->si_addr);
    board_write(text, (size_t)n);
    restore_tty();
    _exit(BOARD_EXIT_FAULT);
}

void board_fault_bad_access(void)
{
    volatile int *bad = (volatile int *)(uintptr_t)16;
    (void)*bad;
}

static volatile unsigned recursion_limit = ~0u; /* never reached: defeats -Winfinite-recursion */

static unsigned recurse(unsigned depth)
{
    volatile unsigned char frame[256];
    frame[depth % sizeof frame] = (unsigned char)depth;
    if (depth == recursion_limit)
        return 0;
    return recurse(depth + 1) + frame[0];
}

void board_fault_stack_overflow(void)
{
    (void)recurse(0);
}

int main(void)
{
    clock_gettime(CLOCK_MONOTONIC, &host.started);
    host.stack_limit = main_stack_limit();
    if (isatty(0) && tcgetattr(0, &host.saved_tty) == 0) {
        struct termios raw = host.saved_tty;
        cfmakeraw(&raw);
        raw.c_oflag |= OPOST; /* keep output processing; the kernel sends CRLF anyway */
        tcsetattr(0, TCSANOW, &raw);
        host.tty_raw = 1;
    }
    stack_t ss = {.ss_sp = host.signal_stack, .ss_size = sizeof host.signal_stack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    host.regions[0] =
        (struct board_region){"object heap (static array)", (uintptr_t)host.heap, HOST_HEAP_SIZE};
    host.info = (struct board_info){
        .name = PYR_BOARD_NAME,
        .core = PYR_CORE_NAME,
        .clock_hz = PYR_CLOCK_HZ,
        .regions = host.regions,
        .heap_start = host.heap,
        .heap_size = HOST_HEAP_SIZE,
    };
#if PYR_HEAP_CAP
    if (host.info.heap_size > PYR_HEAP_CAP)
        host.info.heap_size = PYR_HEAP_CAP;
#endif
    kernel_main();
}
