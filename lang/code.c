/* Code objects (see lang/code.h): one block holding the struct and its arrays. */
#include "lang/code.h"

#include <string.h>

#include "objects/str.h"
#include "objects/tuple.h"

static void code_dealloc(obj_t *o)
{
    lang_code_t *co = (lang_code_t *)o;
    obj_decref(co->consts);
    obj_decref(co->names);
    obj_decref(co->varnames);
    obj_decref(co->name);
    obj_decref(co->qualname);
    obj_decref(co->filename);
    obj_free(o);
}

static obj_t *code_repr(obj_t *o)
{
    lang_code_t *co = (lang_code_t *)o;
    return obj_str_from_format("<code object %s at %p, file \"%s\", line %d>",
                               obj_str_utf8(co->name, NULL), (void *)o,
                               obj_str_utf8(co->filename, NULL), co->firstline);
}

const obj_type_t lang_type_code = {
    .base = OBJ_TYPE_HEAD_INIT,
    .name = "code",
    .basicsize = sizeof(lang_code_t),
    .dealloc = code_dealloc,
    .repr = code_repr,
    .hash = obj_hash_identity,
};

obj_t *lang_code_new(const lang_code_t *proto, const uint8_t *code, size_t codelen,
                     const uint8_t *lines, size_t linelen, const struct lang_exc_range *exc,
                     size_t nexc, const int16_t *cell2arg)
{
    size_t exc_bytes = nexc * sizeof *exc, cell_bytes = proto->ncells * sizeof *cell2arg;
    /* Arrays in decreasing alignment: ranges, cell map, then bytes. */
    lang_code_t *co =
        (lang_code_t *)obj_new(&lang_type_code, exc_bytes + cell_bytes + codelen + linelen);
    if (co == NULL)
        return NULL;
    obj_t base = co->base;
    *co = *proto;
    co->base = base;
    uint8_t *p = (uint8_t *)(co + 1);
    if (exc_bytes)
        memcpy(p, exc, exc_bytes);
    co->exctable = (const struct lang_exc_range *)p;
    p += exc_bytes;
    if (cell_bytes)
        memcpy(p, cell2arg, cell_bytes);
    co->cell2arg = (const int16_t *)p;
    p += cell_bytes;
    memcpy(p, code, codelen);
    co->code = p;
    p += codelen;
    if (linelen)
        memcpy(p, lines, linelen);
    co->linetable = p;
    co->codelen = (uint16_t)codelen;
    co->linelen = (uint16_t)linelen;
    co->nexc = (uint16_t)nexc;
    obj_incref(co->consts);
    obj_incref(co->names);
    obj_incref(co->varnames);
    obj_incref(co->name);
    obj_incref(co->qualname);
    obj_incref(co->filename);
    return (obj_t *)co;
}

static uint32_t read_varint(const uint8_t **p)
{
    uint32_t v = 0;
    int shift = 0;
    uint8_t b;
    do {
        b = *(*p)++;
        v |= (uint32_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    return v;
}

int lang_code_line(const lang_code_t *co, size_t off)
{
    const uint8_t *p = co->linetable, *end = p + co->linelen;
    size_t addr = 0;
    int line = co->firstline;
    while (p < end) {
        uint32_t da = read_varint(&p);
        uint32_t z = read_varint(&p);
        if (addr + da > off)
            break;
        addr += da;
        line += (z & 1) ? -(int)(z >> 1) - 1 : (int)(z >> 1);
    }
    return line;
}

const struct lang_exc_range *lang_code_handler(const lang_code_t *co, size_t off)
{
    for (size_t i = 0; i < co->nexc; i++)
        if (off >= co->exctable[i].start && off < co->exctable[i].end)
            return &co->exctable[i];
    return NULL;
}
