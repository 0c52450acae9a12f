/* The virtual machine: frames, the eval loop, calls.
 *
 * Frames live in a chunked frame stack on the heap (blocks of at least
 * LANG_FRAME_CHUNK bytes from obj_mem_alloc, used last-in first-out); a
 * Python-to-Python call pushes a frame and continues in the same C loop, so
 * Python recursion never recurses in C. Only calls from C into Python (a
 * sort key, map's function) enter the loop again; those count against
 * LANG_C_DEPTH.
 *
 * Frame layout (one block, pointers):
 *
 *   +------+------+-----+-------+-----+---------+---------+---------+----------------+
 *   | back | code | func| ip .. | ... | locals  |  cells  |  frees  | value stack ->  |
 *   +------+------+-----+-------+-----+---------+---------+---------+----------------+
 *                                     slots[0 .. nlocals+ncells+nfrees)  then stacksize
 *
 * State of a slot: NULL (unbound local / not yet set) or a reference. Cells
 * and frees always hold a cell object while the frame runs.
 */
#ifndef LANG_VM_H
#define LANG_VM_H

#include "lang/code.h"
#include "lang/func.h"
#include "objects/object.h"

struct lang_frame {
    struct lang_frame *back;
    lang_code_t *code;   /* a reference */
    lang_func_t *func;   /* a reference, or NULL for module code */
    obj_t *globals;      /* borrowed: the function or the caller keeps it */
    const uint8_t *ip;   /* next instruction (saved while a callee runs) */
    const uint8_t *last; /* the instruction being executed (lines, handlers) */
    obj_t **sp;
    uint32_t is_entry; /* returning from it leaves the C call of the loop */
    obj_t *slots[];
};

/* Run module-level code in `globals`. New reference, or NULL with an error. */
obj_t *lang_eval_code(lang_code_t *code, obj_t *globals);
/* Call any callable from C. New reference, or NULL with an error. */
obj_t *lang_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames);
/* getattr(o, name): New reference, or NULL with AttributeError. */
obj_t *lang_getattr(obj_t *o, obj_t *name);
int lang_setattr(obj_t *o, obj_t *name, obj_t *value);
/* format(value, spec) as CPython's for the built-in types. */
obj_t *lang_format(obj_t *value, obj_t *spec);
/* Poll the eval breaker from long C loops: -1 with KeyboardInterrupt set when
 * Ctrl-C is pending. */
int lang_check_interrupt(void);

/* The VM's state (one per runtime). */
struct lang_vm {
    struct lang_frame_chunk *chunk;
    int depth, limit; /* Python frames; sys.getrecursionlimit() */
    int c_depth;      /* nested eval loops entered from C */
    obj_t *cur_exc;   /* the exception being handled (sys.exception()), or NULL */
    obj_t *builtins;  /* dict */
    obj_t *modules;   /* dict: sys.modules */
};
extern struct lang_vm lang_vm;

void lang_vm_init(void);
void lang_vm_fini(void);

#endif /* LANG_VM_H */
