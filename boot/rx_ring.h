/* The receive ring shared by every board: filled by the UART interrupt (or, on
 * the host, by a non-blocking read), drained by board_getc.
 *
 * Single producer (interrupt), single consumer (main loop): head is written
 * only by the producer, tail only by the consumer, both free-running uint32_t
 * counters, so used = head - tail and no lock is needed. Internal to boot/.
 */
#ifndef RX_RING_H
#define RX_RING_H

#include <stdint.h>

#include "kernel/board.h"

struct rx_ring {
    volatile uint32_t head;     /* bytes ever pushed */
    volatile uint32_t tail;     /* bytes ever popped */
    volatile uint8_t interrupt; /* a 0x03 arrived and was not yet taken */
    volatile uint8_t throttled; /* the producer stopped because the ring was full */
    uint8_t bytes[BOARD_RX_RING];
};

static inline uint32_t rx_ring_used(const struct rx_ring *r)
{
    return r->head - r->tail;
}

/* Producer side. Returns 0 when the ring is full (the byte is not taken). */
static inline int rx_ring_push(struct rx_ring *r, uint8_t byte)
{
    if (rx_ring_used(r) == BOARD_RX_RING)
        return 0;
    r->bytes[r->head % BOARD_RX_RING] = byte;
    r->head = r->head + 1;
    if (byte == 0x03)
        r->interrupt = 1;
    return 1;
}

/* Consumer side; the ring must not be empty. */
static inline uint8_t rx_ring_pop(struct rx_ring *r)
{
    uint8_t byte = r->bytes[r->tail % BOARD_RX_RING];
    r->tail = r->tail + 1;
    return byte;
}

#endif /* RX_RING_H */
