/* The object model: header, types, reference counting, errors, allocation.
 *
 * Every object starts with an obj_t: a 32-bit reference count and a type
 * pointer. An object is freed, through its type's dealloc, the moment its count
 * reaches zero. Containers (types with OBJ_TYPE_GC) also carry a two-word GC
 * header *in front of* the obj_t, which links them into the collector's
 * generation lists (see obj_gc_head below).
 *
 * Ownership, as in CPython's C API. Every function in objects/ says which of:
 *   "New reference."       the caller owns the result and must obj_decref it;
 *   "Borrowed reference."  valid while its container/owner keeps it alive;
 *   "Steals a reference to X."  the callee takes over the caller's reference
 *                          to X, even when it fails.
 * A function returning obj_t * returns NULL with an error set on failure; one
 * returning int returns -1 with an error set (0 or a truth value otherwise).
 *
 * Immortal objects (None, True, False, Ellipsis, NotImplemented, the small ints
 * -5..256, the built-in types, static strings) are const and live in flash. Their
 * refcnt has OBJ_IMMORTAL set; obj_incref/obj_decref test that bit and leave
 * them alone, so no store ever reaches read-only memory.
 *
 *   refcnt:  31 30                                   0
 *           +--+--------------------------------------+
 *           |I |  count (heap objects: 1 .. 2^31-1)    |
 *           +--+--------------------------------------+
 *            I = OBJ_IMMORTAL: a static object; the count is never touched.
 */
#ifndef OBJECT_H
#define OBJECT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "config/pyrite_config.h"

typedef struct obj obj_t;
typedef struct obj_type obj_type_t;
typedef intptr_t obj_hash_t;  /* Py_hash_t: 32 bits on the target, 64 on the host */
typedef intptr_t obj_ssize_t; /* Py_ssize_t */

struct obj {
    uint32_t refcnt;
    const obj_type_t *type;
};

/* Objects whose size varies with an item count (int digits, tuple items, str). */
typedef struct {
    obj_t base;
    obj_ssize_t size;
} obj_var_t;

#define OBJ_IMMORTAL 0x80000000u
/* Initialiser for the header of a static (immortal) object. */
#define OBJ_HEAD_INIT(type_ptr)                                                                    \
    {                                                                                              \
        OBJ_IMMORTAL, (type_ptr)                                                                   \
    }

void obj_dealloc(obj_t *o);

/* Reference counting is the hottest code there is: always inline, as CPython's
 * macros are (-Os would otherwise keep out-of-line copies of these). */
#define OBJ_INLINE static inline __attribute__((always_inline))

/* Add a reference. Immortal objects are left untouched (one test). */
OBJ_INLINE void obj_incref(obj_t *o)
{
    if (!(o->refcnt & OBJ_IMMORTAL))
        o->refcnt++;
}

/* Drop a reference; the object is deallocated when the count reaches zero. */
OBJ_INLINE void obj_decref(obj_t *o)
{
    uint32_t rc = o->refcnt;
    if (rc & OBJ_IMMORTAL)
        return;
    o->refcnt = --rc;
    if (rc == 0)
        obj_dealloc(o);
}

OBJ_INLINE void obj_xincref(obj_t *o)
{
    if (o)
        obj_incref(o);
}

OBJ_INLINE void obj_xdecref(obj_t *o)
{
    if (o)
        obj_decref(o);
}

/* Replace *slot by NULL, then drop the reference it held (safe against
 * re-entrant deallocation that looks at *slot). */
OBJ_INLINE void obj_clear_ref(obj_t **slot)
{
    obj_t *old = *slot;
    if (old) {
        *slot = NULL;
        obj_decref(old);
    }
}

/* Returns its argument with one more reference: `return obj_newref(obj_none);`. */
static inline obj_t *obj_newref(obj_t *o)
{
    obj_incref(o);
    return o;
}

static inline int obj_is_immortal(const obj_t *o)
{
    return (o->refcnt & OBJ_IMMORTAL) != 0;
}

/* ---- the GC header ------------------------------------------------------
 * In front of every object whose type has OBJ_TYPE_GC. Outside a collection,
 * a tracked object is on exactly one generation list: next/prev link the
 * doubly-linked circular list (prev's low bits are flags, objects being 8-byte
 * aligned). An untracked object has next == 0. During a collection the
 * collector reuses prev's upper bits for gc_refs and bit 0 of next as the
 * "tentatively unreachable" mark (as CPython 3.8+ does); gc/collect.c
 * documents that state. The trashcan chains deferred deallocations through
 * next while an object is being destroyed (it is untracked by then).
 *
 *   prev:  31                                   2   1   0
 *         +--------------------------------------+---+---+
 *         |  previous object's header (or refs)   | C | F |
 *         +--------------------------------------+---+---+
 *          F = OBJ_GC_FINALIZED (PEP 442: __del__ already ran)
 *          C = OBJ_GC_COLLECTING (only during a collection)
 */
struct obj_gc_head {
    uintptr_t next;
    uintptr_t prev;
};
#define OBJ_GC_FINALIZED  ((uintptr_t)1)
#define OBJ_GC_COLLECTING ((uintptr_t)2)
#define OBJ_GC_FLAG_MASK  ((uintptr_t)3)

static inline struct obj_gc_head *obj_gc_head_of(const obj_t *o)
{
    return (struct obj_gc_head *)o - 1;
}

static inline obj_t *obj_from_gc_head(const struct obj_gc_head *g)
{
    return (obj_t *)(g + 1);
}

static inline int obj_gc_is_tracked(const obj_t *o)
{
    return obj_gc_head_of(o)->next != 0;
}

/* Link into generation 0 / unlink. Tracking an object twice, or untracking an
 * untracked one, is a no-op. Only objects of OBJ_TYPE_GC types. Untracking is
 * inline: every container's deallocation starts with it. */
void obj_gc_track(obj_t *o);
static inline void obj_gc_untrack(obj_t *o)
{
    struct obj_gc_head *g = obj_gc_head_of(o);
    if (!g->next)
        return;
    struct obj_gc_head *prev = (struct obj_gc_head *)(g->prev & ~OBJ_GC_FLAG_MASK);
    struct obj_gc_head *next = (struct obj_gc_head *)g->next;
    prev->next = (uintptr_t)next;
    next->prev = (uintptr_t)prev | (next->prev & OBJ_GC_FLAG_MASK);
    g->next = 0;
    g->prev &= OBJ_GC_FINALIZED; /* only the PEP 442 mark outlives tracking */
}

/* What the object layer keeps for the collector (gc/): the generation-0 list
 * that obj_gc_track links into, and CPython 3.12's allocation counter. count
 * goes up on every GC-object allocation and down (not below 0) on every
 * GC-object deallocation; when it exceeds threshold (and threshold is not 0) an
 * allocation sets pending, and the owner of the main loop collects at its next
 * safe point: an allocation never collects by itself. */
struct obj_gc_young {
    struct obj_gc_head head; /* generation 0: a circular list, empty when head links to itself */
    long count;
    long threshold; /* 0: automatic collection off */
    int pending;
};
struct obj_gc_young *obj_gc_young(void);

/* ---- types --------------------------------------------------------------- */

typedef obj_t *(*obj_unary_fn)(obj_t *);
typedef obj_t *(*obj_binary_fn)(obj_t *, obj_t *);
typedef obj_t *(*obj_ternary_fn)(obj_t *, obj_t *, obj_t *);
typedef int (*obj_inquiry_fn)(obj_t *);
typedef obj_ssize_t (*obj_len_fn)(obj_t *);
typedef obj_t *(*obj_ssizearg_fn)(obj_t *, obj_ssize_t);
typedef int (*obj_objobj_fn)(obj_t *, obj_t *);
typedef int (*obj_objobjarg_fn)(obj_t *, obj_t *, obj_t *);
typedef int (*obj_visit_fn)(obj_t *, void *);
typedef int (*obj_traverse_fn)(obj_t *, obj_visit_fn, void *);
typedef obj_hash_t (*obj_hash_fn)(obj_t *);
typedef obj_t *(*obj_richcmp_fn)(obj_t *, obj_t *, int);
typedef size_t (*obj_sizeof_fn)(obj_t *);
/* Methods use a vector calling convention: borrowed args, new reference out. */
typedef obj_t *(*obj_method_fn)(obj_t *self, obj_t *const *args, size_t nargs);

/* Rich comparison operators (same values as CPython's Py_LT .. Py_GE). */
enum { OBJ_LT, OBJ_LE, OBJ_EQ, OBJ_NE, OBJ_GT, OBJ_GE };

/* Number protocol. A binary slot returns a new reference, obj_not_implemented
 * (new reference) when it does not handle the operand types, or NULL with an
 * error. power's third argument is obj_none when absent. */
struct obj_number_methods {
    obj_binary_fn add, subtract, multiply, remainder, divmod, floor_divide, true_divide;
    obj_ternary_fn power;
    obj_binary_fn lshift, rshift, and_, xor_, or_;
    obj_unary_fn negative, positive, absolute, invert;
    obj_inquiry_fn bool_; /* 1 true, 0 false, -1 error */
    obj_unary_fn int_, float_, index;
};

struct obj_sequence_methods {
    obj_len_fn length;
    obj_binary_fn concat;
    obj_ssizearg_fn repeat;
    obj_ssizearg_fn item;   /* index already normalised to 0 <= i < len */
    obj_objobj_fn contains; /* 1, 0, or -1 with an error */
};

struct obj_mapping_methods {
    obj_len_fn length;
    obj_binary_fn subscript;        /* o[key], including slices */
    obj_objobjarg_fn ass_subscript; /* o[key] = value; value NULL deletes */
};

struct obj_method {
    const char *name;
    obj_method_fn fn;
};

/* Type flags. */
#define OBJ_TYPE_GC             (1u << 0) /* instances carry a GC header */
#define OBJ_TYPE_INT_SUBCLASS   (1u << 1) /* fast type checks, as CPython's */
#define OBJ_TYPE_STR_SUBCLASS   (1u << 2)
#define OBJ_TYPE_TUPLE_SUBCLASS (1u << 3)
#define OBJ_TYPE_LIST_SUBCLASS  (1u << 4)
#define OBJ_TYPE_DICT_SUBCLASS  (1u << 5)
#define OBJ_TYPE_EXCEPTION      (1u << 6) /* an exception class */

struct obj_type {
    obj_var_t base;
    const char *name;
    const obj_type_t *base_type; /* single inheritance chain (exceptions now, classes later) */
    uint32_t flags;
    uint16_t basicsize; /* bytes of the instance struct, without the GC header */
    uint16_t itemsize;  /* bytes per item of a variable-size instance, or 0 */
    void (*dealloc)(obj_t *);
    obj_unary_fn repr;
    obj_unary_fn str; /* NULL: use repr */
    obj_hash_fn hash; /* NULL: unhashable */
    obj_richcmp_fn richcompare;
    obj_unary_fn iter;
    obj_unary_fn iternext; /* NULL at the end with no error set */
    obj_traverse_fn traverse;
    obj_inquiry_fn clear;
    obj_sizeof_fn size_of; /* bytes the object occupies, blocks it owns included */
    const struct obj_number_methods *number;
    const struct obj_sequence_methods *sequence;
    const struct obj_mapping_methods *mapping;
    const struct obj_method *methods; /* ends with a NULL name */
};

/* The type objects' own type. */
extern const obj_type_t obj_type_type;
#define OBJ_TYPE_HEAD_INIT                                                                         \
    {                                                                                              \
        OBJ_HEAD_INIT(&obj_type_type), 0                                                           \
    }

static inline const obj_type_t *obj_type(const obj_t *o)
{
    return o->type;
}

/* Nonzero when `t` is `base` or derives from it. */
int obj_type_is_subtype(const obj_type_t *t, const obj_type_t *base);

/* ---- singletons (objects/singletons.c) ---------------------------------- */
extern const obj_type_t obj_type_none, obj_type_bool, obj_type_ellipsis, obj_type_not_implemented;
extern obj_t *const obj_none;
extern obj_t *const obj_true;
extern obj_t *const obj_false;
extern obj_t *const obj_ellipsis;
extern obj_t *const obj_not_implemented;

/* Borrowed reference to True or False (immortal, so callers may also return it
 * as a new reference). */
static inline obj_t *obj_bool_from(int truth)
{
    return truth ? obj_true : obj_false;
}

/* ---- errors (objects/errors.c) -------------------------------------------
 * One error indicator (type + value) in the runtime state. Exception classes
 * are static types with OBJ_TYPE_EXCEPTION; instances arrive with the
 * language. The value is the message (a str) or NULL. MemoryError is raised
 * from a preallocated value: reporting it never allocates. */
extern const obj_type_t obj_exc_BaseException, obj_exc_Exception, obj_exc_StopIteration,
    obj_exc_ArithmeticError, obj_exc_OverflowError, obj_exc_ZeroDivisionError, obj_exc_LookupError,
    obj_exc_IndexError, obj_exc_KeyError, obj_exc_MemoryError, obj_exc_TypeError,
    obj_exc_ValueError, obj_exc_UnicodeError, obj_exc_RecursionError, obj_exc_RuntimeError,
    obj_exc_SystemError, obj_exc_AttributeError, obj_exc_NameError, obj_exc_NotImplementedError,
    obj_exc_KeyboardInterrupt, obj_exc_AssertionError;

/* Set the error with a printf-style message. Always returns NULL, so
 * `return obj_err_format(&obj_exc_TypeError, "...")` reads naturally. If the
 * message itself cannot be allocated, the error is MemoryError. */
obj_t *obj_err_format(const obj_type_t *exc, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Set the error with a value. Steals a reference to value (may be NULL). */
void obj_err_set_value(const obj_type_t *exc, obj_t *value);
/* MemoryError from the preallocated instance; never allocates. Returns NULL. */
obj_t *obj_err_no_memory(void);
/* The current error's type, or NULL. */
const obj_type_t *obj_err_occurred(void);
/* Nonzero when an error is set and it is `exc` or derives from it. */
int obj_err_matches(const obj_type_t *exc);
/* Take the error out: *type and *value (new reference or NULL); clears it. */
void obj_err_fetch(const obj_type_t **type, obj_t **value);
void obj_err_clear(void);
/* Borrowed reference to the current error's message (NULL when none). */
obj_t *obj_err_value(void);

/* ---- allocation (objects/object.c) ---------------------------------------
 * Every object allocation goes through here. On failure: free lists are
 * emptied and the memory-pressure hook (the collector, once gc/ registers it)
 * runs, then the request is retried once; only then MemoryError. */

/* Raw memory for an object's parts (item arrays, dict tables). NULL with
 * MemoryError set on failure. */
void *obj_mem_alloc(size_t size);
void *obj_mem_realloc(void *p, size_t size);
void obj_mem_free(void *p);
/* Usable bytes of a block from obj_mem_alloc (capacity without a length field). */
size_t obj_mem_usable(const void *p);

/* A new object of `type` with refcnt 1, `extra` bytes after basicsize (for
 * variable-size objects: items * itemsize). GC types get their header,
 * untracked; the caller tracks once the object is fully initialised. Fields
 * are not zeroed. New reference, or NULL with MemoryError. */
obj_t *obj_new(const obj_type_t *type, size_t extra);
/* Free the memory of an object whose refcnt reached zero (from a dealloc). */
void obj_free(obj_t *o);

/* Called when memory runs out, before MemoryError: should free what it can
 * without running code that could touch the caller's objects, for it runs
 * inside the caller's operation (the collector registers an emergency
 * collection: no finalizers, no callbacks). Returns nonzero if it freed
 * anything. Runs at most once per failing request. */
typedef int (*obj_pressure_fn)(void);
void obj_set_pressure_hook(obj_pressure_fn hook);

/* Empty every free list (layer 3) back into mm. Returns the objects freed. */
size_t obj_freelists_clear(void);

/* ---- the trashcan (objects/object.c) -------------------------------------
 * Bounds the C-stack depth of deallocating a long chain (a list in a list in a
 * list ...). A GC type's dealloc untracks the object, then:
 *
 *     if (!obj_trashcan_begin(o)) return;   // nested too deep: deferred
 *     ... drop references to children ...
 *     obj_trashcan_end();                   // at the outermost level, drains the deferred
 *
 * Beyond OBJ_TRASHCAN_DEPTH nested deallocations the object is chained (through
 * its GC header) onto a list that the outermost obj_trashcan_end drains, so
 * stack use is bounded whatever the chain length. */
int obj_trashcan_begin(obj_t *o);
void obj_trashcan_end(void);

/* ---- hashing --------------------------------------------------------------
 * Numeric hashes are CPython's: reduction modulo the Mersenne prime
 * 2^OBJ_HASH_BITS - 1 (2^31 - 1 on 32-bit targets, 2^61 - 1 on 64-bit hosts),
 * so equal ints and floats hash alike and match CPython on the same word size.
 * A hash is never -1 (that means error): -1 becomes -2. */
#define OBJ_HASH_BITS    (sizeof(void *) == 8 ? 61 : 31)
#define OBJ_HASH_MODULUS (((size_t)1 << OBJ_HASH_BITS) - 1)
#define OBJ_HASH_INF     314159

/* ---- generic operations (objects/abstract.c) ---------------------------- */

/* New references, NULL with an error. */
obj_t *obj_repr(obj_t *o);
obj_t *obj_str(obj_t *o);
/* -1 with an error (TypeError for unhashable types). */
obj_hash_t obj_hash(obj_t *o);
/* CPython's pointer hash, for types whose equality is identity. */
obj_hash_t obj_hash_identity(obj_t *o);
/* New reference (usually a bool), or NULL with an error. */
obj_t *obj_richcompare(obj_t *a, obj_t *b, int op);
/* 1, 0, or -1 with an error. Identity implies equality for == and !=. */
int obj_richcompare_bool(obj_t *a, obj_t *b, int op);
int obj_is_true(obj_t *o);
obj_ssize_t obj_length(obj_t *o);
obj_t *obj_getitem(obj_t *o, obj_t *key);
int obj_setitem(obj_t *o, obj_t *key, obj_t *value);
int obj_delitem(obj_t *o, obj_t *key);
int obj_contains(obj_t *container, obj_t *item);
obj_t *obj_get_iter(obj_t *o);
/* Next item: new reference; NULL at the end (no error) or on error (error set). */
obj_t *obj_iter_next(obj_t *iter);
/* Check a method's argument count: 0, or -1 with CPython's TypeError wording.
 * `name` is what the message shows, e.g. "list.append" or "get". */
int obj_check_arity(const char *name, size_t nargs, size_t lo, size_t hi);
/* Call a method from the type's method table by name. */
obj_t *obj_call_method(obj_t *self, const char *name, obj_t *const *args, size_t nargs);
/* Bytes the object occupies (GC header and owned blocks included). */
size_t obj_sizeof(obj_t *o);

/* Number protocol dispatch (CPython's binary_op1: left operand's slot, then
 * the right's; TypeError when both return NotImplemented). New references. */
obj_t *obj_number_add(obj_t *a, obj_t *b);
obj_t *obj_number_subtract(obj_t *a, obj_t *b);
obj_t *obj_number_multiply(obj_t *a, obj_t *b);
obj_t *obj_number_remainder(obj_t *a, obj_t *b);
obj_t *obj_number_divmod(obj_t *a, obj_t *b);
obj_t *obj_number_floor_divide(obj_t *a, obj_t *b);
obj_t *obj_number_true_divide(obj_t *a, obj_t *b);
obj_t *obj_number_power(obj_t *a, obj_t *b, obj_t *modulus); /* modulus: obj_none if absent */
obj_t *obj_number_lshift(obj_t *a, obj_t *b);
obj_t *obj_number_rshift(obj_t *a, obj_t *b);
obj_t *obj_number_and(obj_t *a, obj_t *b);
obj_t *obj_number_xor(obj_t *a, obj_t *b);
obj_t *obj_number_or(obj_t *a, obj_t *b);
obj_t *obj_number_negative(obj_t *a);
obj_t *obj_number_positive(obj_t *a);
obj_t *obj_number_absolute(obj_t *a);
obj_t *obj_number_invert(obj_t *a);
/* o.__index__() as a C integer; -1 with an error (OverflowError when it does
 * not fit). Check obj_err_occurred() when -1 is a possible value. */
obj_ssize_t obj_number_as_ssize(obj_t *o);

/* ---- runtime lifetime ---------------------------------------------------- */

/* Start the object runtime on the memory manager's region (mm_init must have
 * run). Can be called again after obj_runtime_fini (soft reset). */
int obj_runtime_init(void);
/* Drop every runtime-owned object and empty free lists and caches, so that a
 * caller can check mm is back to its baseline. */
void obj_runtime_fini(void);

/* Debug seams (functional when OBJ_DEBUG is 1, no-ops otherwise):
 * make the n-th object allocation from now fail (0 = the next; -1 disables),
 * retry included; and the live-object count per type, for leak reports.
 * obj_debug_live_by_type fills up to max (type, count) pairs, returns how many. */
void obj_debug_fail_alloc_after(long n);
size_t obj_debug_live_by_type(const obj_type_t **types, long *counts, size_t max);

/* Counters for tests and reports. */
struct obj_stats {
    size_t live_objects;        /* heap objects allocated and not yet freed */
    size_t freelist_objects[4]; /* float, tuple (all sizes), list, dict */
    size_t trashcan_deferred;   /* deallocations deferred since start */
};
void obj_get_stats(struct obj_stats *out);

#endif /* OBJECT_H */
