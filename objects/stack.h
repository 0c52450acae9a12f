/* Bounding C recursion by the stack itself.
 *
 * Every C path that recurses on the shape of its data (repr, comparison and
 * hashing of nested containers; later the compiler and every C -> Python
 * re-entry) calls obj_stack_check before it goes one level deeper. The check
 * compares the stack pointer with the board's limit (board_stack_limit,
 * config/port.h) plus PYR_STACK_MARGIN, the room kept for the work between two
 * checks and for raising the error, so nesting is bounded by the stack the
 * board has rather than by a count that fits one board and not another.
 */
#ifndef OBJ_STACK_H
#define OBJ_STACK_H

/* 0 when the stack has room for one more level; otherwise -1 with
 * RecursionError set, its message "maximum recursion depth exceeded" followed
 * by `where` (CPython's wording: " in comparison", " while getting the repr of
 * an object"). Nothing to undo after either answer. */
int obj_stack_check(const char *where);

#endif /* OBJ_STACK_H */
