/* The board services every layer may call: time, the Ctrl-C flag and the
 * stack's limit.
 *
 * A board (boot/<board>/, boot/host/) implements these with the rest of the
 * board interface, kernel/board.h. They live here, at the bottom, so that the
 * VM in lang/ can poll for Ctrl-C and read the ticks without including kernel/
 * (includes point down; see docs/architecture.md). Nothing here allocates, and
 * every function may be called from any context.
 */
#ifndef CONFIG_PORT_H
#define CONFIG_PORT_H

#include <stdint.h>

/* Milliseconds since reset, from the tick source. */
uint32_t board_ticks_ms(void);

/* Nonzero once a Ctrl-C (0x03) has been received since the last call; clears it.
 * The byte itself is also delivered through board_getc. */
int board_take_interrupt(void);

/* The lowest address the stack of the thread that runs the kernel may use
 * (stacks grow down). Constant for the life of the image. Recursive C code
 * compares its stack pointer with it, PYR_STACK_MARGIN bytes above
 * (obj_stack_check, objects/stack.h). */
uintptr_t board_stack_limit(void);

#endif /* CONFIG_PORT_H */
