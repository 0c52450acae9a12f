/* str_ids: the static strings of objects/str_ids.h (the names, the Latin-1
 * characters, the empty string) and their lookup: a direct index for a
 * character, a binary search over the names (OBJ_STR_IDS is in byte order).
 * Every object here is const: in flash on the boards, no RAM at all.
 */
#include <string.h>

#include "objects/str_ids.h"

/* FNV-1a of a string literal's first OBJ_STR_ID_MAX bytes, folded by the
 * compiler. Step i mixes in byte i while the literal has one and is the
 * identity after its end; it names h once, so the nested expansion grows
 * linearly with the number of steps. */
#define FNV_STEP(h, s, i)                                                                          \
    (((h) ^                                                                                        \
      (uintptr_t)(unsigned char)(s)[(i) < sizeof(s) - 1 ? (i) : 0] * ((i) < sizeof(s) - 1)) *      \
     ((i) < sizeof(s) - 1 ? OBJ_STR_FNV_PRIME : 1))
#define FNV_4(h, s, i)  FNV_STEP(FNV_STEP(FNV_STEP(FNV_STEP(h, s, i), s, i + 1), s, i + 2), s, i + 3)
#define FNV_16(h, s, i) FNV_4(FNV_4(FNV_4(FNV_4(h, s, i), s, i + 4), s, i + 8), s, i + 12)
#define FNV_32(s)       FNV_16(FNV_16(OBJ_STR_FNV_BASIS, s, 0), s, 16)
/* obj_str_hash_bytes's result: never -1. */
#define HASH_OF(h) ((obj_hash_t)(h) == -1 ? (obj_hash_t)-2 : (obj_hash_t)(h))

#define ID_CHECK(name) _Static_assert(sizeof #name - 1 <= OBJ_STR_ID_MAX, #name " is too long");
OBJ_STR_IDS(ID_CHECK)

#define ID_INIT(name)                                                                              \
    .id_##name = {{OBJ_HEAD_INIT(&obj_type_str), sizeof #name - 1},                                \
                  sizeof #name - 1,                                                                \
                  HASH_OF(FNV_32(#name)),                                                          \
                  1,                                                                               \
                  #name},
const struct obj_str_ids obj_str_ids = {OBJ_STR_IDS(ID_INIT)};

#define ID_POINTER(name) &obj_str_ids.id_##name.base.base,
static const obj_t *const sorted_ids[] = {OBJ_STR_IDS(ID_POINTER)};

const obj_str_empty_t obj_str_ids_empty = {
    {OBJ_HEAD_INIT(&obj_type_str), 0}, 0, HASH_OF(OBJ_STR_FNV_BASIS), 1, ""};

/* Code point c < 256 as UTF-8: one byte below 0x80, two from there. */
#define WIDE(c)  ((c) >= 0x80)
#define BYTE0(c) (WIDE(c) ? 0xC0 | (c) >> 6 : (c))
#define BYTE1(c) (WIDE(c) ? 0x80 | ((c)&0x3F) : 0)
#define CHAR_HASH(c)                                                                               \
    HASH_OF(                                                                                       \
        ((OBJ_STR_FNV_BASIS ^ (uintptr_t)BYTE0(c)) * OBJ_STR_FNV_PRIME ^ (uintptr_t)BYTE1(c)) *    \
        (WIDE(c) ? OBJ_STR_FNV_PRIME : 1))
#define CHAR(c)                                                                                    \
    {{OBJ_HEAD_INIT(&obj_type_str), 1 + WIDE(c)},                                                  \
     1,                                                                                            \
     CHAR_HASH(c),                                                                                 \
     1,                                                                                            \
     {(char)BYTE0(c), (char)BYTE1(c), 0}},
#define CHAR_4(c)  CHAR(c) CHAR(c + 1) CHAR(c + 2) CHAR(c + 3)
#define CHAR_16(c) CHAR_4(c) CHAR_4(c + 4) CHAR_4(c + 8) CHAR_4(c + 12)
#define CHAR_64(c) CHAR_16(c) CHAR_16(c + 16) CHAR_16(c + 32) CHAR_16(c + 48)
const obj_str_char_t obj_str_ids_latin1[256] = {CHAR_64(0) CHAR_64(64) CHAR_64(128) CHAR_64(192)};

_Static_assert(offsetof(obj_str_char_t, data) == offsetof(obj_str_t, data),
               "a static str has obj_str_t's layout");

obj_t *obj_str_ids_find(const char *text, size_t n)
{
    const unsigned char *b = (const unsigned char *)text;
    if (n == 0)
        return obj_str_ids_empty_str();
    if (n == 1)
        return obj_str_ids_char(b[0]);
    if (n == 2 && b[0] >= 0xC2 && b[0] <= 0xC3)
        return obj_str_ids_char((b[0] & 0x1Fu) << 6 | (b[1] & 0x3Fu));
    if (n > OBJ_STR_ID_MAX)
        return NULL;
    size_t lo = 0, hi = sizeof sorted_ids / sizeof sorted_ids[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const obj_str_t *id = (const obj_str_t *)sorted_ids[mid];
        size_t size = (size_t)id->base.size;
        int c = memcmp(text, id->data, n < size ? n : size);
        if (c == 0)
            c = (n > size) - (n < size);
        if (c == 0)
            return (obj_t *)id;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
