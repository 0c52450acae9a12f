/* The stack check (see stack.h). The frame address of this (never inlined)
 * function stands for the caller's stack pointer: it lies below everything
 * the caller has pushed. */
#include <stdint.h>

#include "config/port.h"
#include "config/pyrite_config.h"
#include "objects/object.h"
#include "objects/stack.h"

__attribute__((noinline)) int obj_stack_check(const char *where)
{
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
    if (sp >= board_stack_limit() + PYR_STACK_MARGIN)
        return 0;
    obj_err_format(&obj_exc_RecursionError, "maximum recursion depth exceeded%s", where);
    return -1;
}
