/* Generic operations over any object: repr/str, hashing, rich comparison,
 * truth, length, subscripting, iteration, method calls, and the number
 * protocol's dispatch. Each looks up the type's slot and raises CPython's
 * TypeError when there is none.
 */
#define OBJ_INTERNAL
#include <string.h>

#include "objects/int.h"
#include "objects/object.h"
#include "objects/runtime.h"
#include "objects/stack.h"
#include "objects/str.h"

static obj_t *type_repr(obj_t *o)
{
    return obj_str_from_format("<class '%s'>", ((const obj_type_t *)o)->name);
}

static obj_hash_t identity_hash(obj_t *o)
{
    /* CPython's _Py_HashPointer: rotate out the alignment bits. */
    uintptr_t p = (uintptr_t)o;
    obj_hash_t h = (obj_hash_t)((p >> 4) | (p << (8 * sizeof p - 4)));
    return h == -1 ? -2 : h;
}

static obj_t *identity_richcompare(obj_t *a, obj_t *b, int op)
{
    if (op == OBJ_EQ)
        return obj_bool_from(a == b);
    if (op == OBJ_NE)
        return obj_bool_from(a != b);
    return obj_newref(obj_not_implemented);
}

const obj_type_t obj_type_type = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "type",
    .repr = type_repr,
    .hash = identity_hash,
    .richcompare = identity_richcompare,
};

obj_t *obj_repr(obj_t *o)
{
    /* Every nested repr comes back through here. */
    if (obj_stack_check(" while getting the repr of an object"))
        return NULL;
    if (o->type->repr)
        return o->type->repr(o);
    return obj_str_from_format("<%s object at %p>", o->type->name, (void *)o);
}

obj_t *obj_str(obj_t *o)
{
    if (o->type->str)
        return o->type->str(o);
    return obj_repr(o);
}

obj_hash_t obj_hash(obj_t *o)
{
    if (o->type->hash)
        return o->type->hash(o);
    if (o->type->flags & OBJ_TYPE_EXCEPTION || o->type == &obj_type_type)
        return identity_hash(o);
    obj_err_format(&obj_exc_TypeError, "unhashable type: '%s'", o->type->name);
    return -1;
}

/* Hash by identity, for types that define equality as identity. */
obj_hash_t obj_hash_identity(obj_t *o)
{
    return identity_hash(o);
}

static const char *const op_symbols[] = {"<", "<=", "==", "!=", ">", ">="};
static const int swapped_op[] = {OBJ_GT, OBJ_GE, OBJ_EQ, OBJ_NE, OBJ_LT, OBJ_LE};

obj_t *obj_richcompare(obj_t *a, obj_t *b, int op)
{
    /* Every nested comparison (list, tuple, dict, set items) comes back through here. */
    if (obj_stack_check(" in comparison"))
        return NULL;
    obj_t *r;
    if (a->type->richcompare) {
        r = a->type->richcompare(a, b, op);
        if (r != obj_not_implemented)
            return r;
    }
    if (b->type->richcompare) {
        r = b->type->richcompare(b, a, swapped_op[op]);
        if (r != obj_not_implemented)
            return r;
    }
    if (op == OBJ_EQ)
        return obj_bool_from(a == b);
    if (op == OBJ_NE)
        return obj_bool_from(a != b);
    return obj_err_format(&obj_exc_TypeError,
                          "'%s' not supported between instances of '%s' and '%s'", op_symbols[op],
                          a->type->name, b->type->name);
}

int obj_richcompare_bool(obj_t *a, obj_t *b, int op)
{
    if (a == b && (op == OBJ_EQ || op == OBJ_NE))
        return op == OBJ_EQ;
    obj_t *r = obj_richcompare(a, b, op);
    if (r == NULL)
        return -1;
    int truth = obj_is_true(r);
    obj_decref(r);
    return truth;
}

int obj_is_true(obj_t *o)
{
    if (o == obj_true)
        return 1;
    if (o == obj_false || o == obj_none)
        return 0;
    const obj_type_t *t = o->type;
    if (t->number && t->number->bool_)
        return t->number->bool_(o);
    if (t->mapping && t->mapping->length) {
        obj_ssize_t n = t->mapping->length(o);
        return n < 0 ? -1 : n > 0;
    }
    if (t->sequence && t->sequence->length) {
        obj_ssize_t n = t->sequence->length(o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

obj_ssize_t obj_length(obj_t *o)
{
    const obj_type_t *t = o->type;
    if (t->sequence && t->sequence->length)
        return t->sequence->length(o);
    if (t->mapping && t->mapping->length)
        return t->mapping->length(o);
    obj_err_format(&obj_exc_TypeError, "object of type '%s' has no len()", t->name);
    return -1;
}

obj_t *obj_getitem(obj_t *o, obj_t *key)
{
    const obj_type_t *t = o->type;
    if (t->mapping && t->mapping->subscript)
        return t->mapping->subscript(o, key);
    if (t->sequence && t->sequence->item) {
        obj_ssize_t i = obj_number_as_ssize(key);
        if (i == -1 && obj_err_occurred()) {
            if (obj_err_matches(&obj_exc_TypeError))
                obj_err_format(&obj_exc_TypeError, "%s indices must be integers, not %s", t->name,
                               key->type->name);
            return NULL;
        }
        obj_ssize_t n = t->sequence->length(o);
        if (i < 0)
            i += n;
        if (i < 0 || i >= n)
            return obj_err_format(&obj_exc_IndexError, "%s index out of range", t->name);
        return t->sequence->item(o, i);
    }
    return obj_err_format(&obj_exc_TypeError, "'%s' object is not subscriptable", t->name);
}

int obj_setitem(obj_t *o, obj_t *key, obj_t *value)
{
    const obj_type_t *t = o->type;
    if (t->mapping && t->mapping->ass_subscript)
        return t->mapping->ass_subscript(o, key, value);
    obj_err_format(&obj_exc_TypeError, "'%s' object does not support item assignment", t->name);
    return -1;
}

int obj_delitem(obj_t *o, obj_t *key)
{
    const obj_type_t *t = o->type;
    if (t->mapping && t->mapping->ass_subscript)
        return t->mapping->ass_subscript(o, key, NULL);
    obj_err_format(&obj_exc_TypeError, "'%s' object doesn't support item deletion", t->name);
    return -1;
}

int obj_contains(obj_t *container, obj_t *item)
{
    const obj_type_t *t = container->type;
    if (t->sequence && t->sequence->contains)
        return t->sequence->contains(container, item);
    obj_t *it = obj_get_iter(container);
    if (it == NULL)
        return -1;
    int found = 0;
    obj_t *x;
    while (!found && (x = obj_iter_next(it)) != NULL) {
        found = obj_richcompare_bool(x, item, OBJ_EQ);
        obj_decref(x);
    }
    obj_decref(it);
    if (found == 0 && obj_err_occurred())
        return -1;
    return found;
}

obj_t *obj_get_iter(obj_t *o)
{
    if (o->type->iter)
        return o->type->iter(o);
    return obj_err_format(&obj_exc_TypeError, "'%s' object is not iterable", o->type->name);
}

obj_t *obj_iter_next(obj_t *iter)
{
    if (iter->type->iternext)
        return iter->type->iternext(iter);
    return obj_err_format(&obj_exc_TypeError, "'%s' object is not an iterator", iter->type->name);
}

obj_t *obj_call_method(obj_t *self, const char *name, obj_t *const *args, size_t nargs)
{
    for (const obj_type_t *t = self->type; t; t = t->base_type)
        for (const struct obj_method *m = t->methods; m && m->name; m++)
            if (strcmp(m->name, name) == 0)
                return m->fn(self, args, nargs);
    return obj_err_format(&obj_exc_AttributeError, "'%s' object has no attribute '%s'",
                          self->type->name, name);
}

int obj_check_arity(const char *name, size_t nargs, size_t lo, size_t hi)
{
    if (nargs >= lo && nargs <= hi)
        return 0;
    if (lo == hi && lo <= 1)
        obj_err_format(&obj_exc_TypeError, "%s() takes %s (%u given)", name,
                       lo ? "exactly one argument" : "no arguments", (unsigned)nargs);
    else
        obj_err_format(&obj_exc_TypeError, "%s expected at %s %u argument%s, got %u", name,
                       nargs < lo ? "least" : "most", (unsigned)(nargs < lo ? lo : hi),
                       (nargs < lo ? lo : hi) == 1 ? "" : "s", (unsigned)nargs);
    return -1;
}

size_t obj_sizeof(obj_t *o)
{
    if (o->type->size_of)
        return o->type->size_of(o);
    return o->type->basicsize + ((o->type->flags & OBJ_TYPE_GC) ? sizeof(struct obj_gc_head) : 0);
}

/* ---- the shared index iterator ------------------------------------------ */

obj_t *obj_seqiter_new(const obj_type_t *type, obj_t *seq)
{
    obj_seqiter_t *it = (obj_seqiter_t *)obj_new(type, 0);
    if (it == NULL)
        return NULL;
    it->seq = obj_newref(seq);
    it->index = 0;
    obj_gc_track((obj_t *)it);
    return (obj_t *)it;
}

obj_t *obj_seqiter_next(obj_t *o)
{
    obj_seqiter_t *it = (obj_seqiter_t *)o;
    if (it->seq == NULL)
        return NULL;
    const struct obj_sequence_methods *sq = it->seq->type->sequence;
    if ((obj_ssize_t)it->index < sq->length(it->seq))
        return sq->item(it->seq, (obj_ssize_t)it->index++);
    obj_clear_ref(&it->seq);
    return NULL;
}

void obj_seqiter_dealloc(obj_t *o)
{
    obj_gc_untrack(o);
    obj_xdecref(((obj_seqiter_t *)o)->seq);
    obj_free(o);
}

int obj_seqiter_traverse(obj_t *o, obj_visit_fn visit, void *arg)
{
    obj_t *seq = ((obj_seqiter_t *)o)->seq;
    return seq ? visit(seq, arg) : 0;
}

obj_t *obj_iter_self(obj_t *o)
{
    return obj_newref(o);
}

/* ---- number protocol ----------------------------------------------------- */

#define NB_SLOT(name) offsetof(struct obj_number_methods, name)

static obj_binary_fn number_slot(const obj_t *o, size_t offset)
{
    const struct obj_number_methods *nb = o->type->number;
    return nb ? *(const obj_binary_fn *)((const char *)nb + offset) : NULL;
}

/* CPython's binary_op1: the left operand's slot, then the right's if it is of
 * another type; NotImplemented from both means unsupported. */
static obj_t *binary_op(obj_t *a, obj_t *b, size_t offset, const char *symbol)
{
    obj_binary_fn fa = number_slot(a, offset), fb = number_slot(b, offset);
    if (fb == fa)
        fb = NULL;
    if (fa) {
        obj_t *r = fa(a, b);
        if (r != obj_not_implemented)
            return r;
    }
    if (fb) {
        obj_t *r = fb(a, b);
        if (r != obj_not_implemented)
            return r;
    }
    return obj_err_format(&obj_exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                          symbol, a->type->name, b->type->name);
}

obj_t *obj_number_add(obj_t *a, obj_t *b)
{
    obj_binary_fn fa = number_slot(a, NB_SLOT(add)), fb = number_slot(b, NB_SLOT(add));
    if (fa || fb) {
        obj_t *r = binary_op(a, b, NB_SLOT(add), "+");
        if (r || !obj_err_matches(&obj_exc_TypeError) || !a->type->sequence ||
            !a->type->sequence->concat)
            return r;
        obj_err_clear();
    }
    if (a->type->sequence && a->type->sequence->concat)
        return a->type->sequence->concat(a, b);
    return binary_op(a, b, NB_SLOT(add), "+");
}

static obj_t *sequence_repeat(obj_t *seq, obj_t *count)
{
    obj_ssize_t n = obj_number_as_ssize(count);
    if (n == -1 && obj_err_occurred())
        return NULL;
    return seq->type->sequence->repeat(seq, n);
}

static int is_index(obj_t *o)
{
    return o->type->number && o->type->number->index;
}

obj_t *obj_number_multiply(obj_t *a, obj_t *b)
{
    if (number_slot(a, NB_SLOT(multiply)) || number_slot(b, NB_SLOT(multiply))) {
        obj_t *r = binary_op(a, b, NB_SLOT(multiply), "*");
        if (r || !obj_err_matches(&obj_exc_TypeError))
            return r;
        obj_err_clear();
    }
    if (a->type->sequence && a->type->sequence->repeat && is_index(b))
        return sequence_repeat(a, b);
    if (b->type->sequence && b->type->sequence->repeat && is_index(a))
        return sequence_repeat(b, a);
    if (a->type->sequence && a->type->sequence->repeat)
        return obj_err_format(&obj_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                              b->type->name);
    return binary_op(a, b, NB_SLOT(multiply), "*");
}

#define BINARY(fn, slot, symbol)                                                                   \
    obj_t *fn(obj_t *a, obj_t *b)                                                                  \
    {                                                                                              \
        return binary_op(a, b, NB_SLOT(slot), symbol);                                             \
    }
BINARY(obj_number_subtract, subtract, "-")
BINARY(obj_number_remainder, remainder, "%")
BINARY(obj_number_divmod, divmod, "divmod()")
BINARY(obj_number_floor_divide, floor_divide, "//")
BINARY(obj_number_true_divide, true_divide, "/")
BINARY(obj_number_lshift, lshift, "<<")
BINARY(obj_number_rshift, rshift, ">>")
BINARY(obj_number_and, and_, "&")
BINARY(obj_number_xor, xor_, "^")
BINARY(obj_number_or, or_, "|")

obj_t *obj_number_power(obj_t *a, obj_t *b, obj_t *modulus)
{
    const struct obj_number_methods *na = a->type->number, *nb = b->type->number;
    obj_ternary_fn fa = na ? na->power : NULL, fb = nb ? nb->power : NULL;
    if (fb == fa)
        fb = NULL;
    obj_t *r;
    if (fa && (r = fa(a, b, modulus)) != obj_not_implemented)
        return r;
    if (fb && (r = fb(a, b, modulus)) != obj_not_implemented)
        return r;
    if (modulus == obj_none)
        return obj_err_format(&obj_exc_TypeError,
                              "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                              a->type->name, b->type->name);
    return obj_err_format(&obj_exc_TypeError,
                          "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                          a->type->name, b->type->name, modulus->type->name);
}

#define UNARY(fn, slot, symbol)                                                                    \
    obj_t *fn(obj_t *a)                                                                            \
    {                                                                                              \
        const struct obj_number_methods *nb = a->type->number;                                     \
        if (nb && nb->slot)                                                                        \
            return nb->slot(a);                                                                    \
        return obj_err_format(&obj_exc_TypeError, "bad operand type for " symbol ": '%s'",         \
                              a->type->name);                                                      \
    }
UNARY(obj_number_negative, negative, "unary -")
UNARY(obj_number_positive, positive, "unary +")
UNARY(obj_number_absolute, absolute, "abs()")
UNARY(obj_number_invert, invert, "unary ~")

obj_ssize_t obj_number_as_ssize(obj_t *o)
{
    const struct obj_number_methods *nb = o->type->number;
    if (!nb || !nb->index) {
        obj_err_format(&obj_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       o->type->name);
        return -1;
    }
    obj_t *i = nb->index(o);
    if (i == NULL)
        return -1;
    obj_ssize_t v = obj_int_as_ssize(i);
    obj_decref(i);
    return v;
}
