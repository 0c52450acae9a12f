/* str: immutable Unicode text, stored as UTF-8 with its code-point length.
 *
 * Code-point semantics over UTF-8: len(), indexing, slicing and the indices
 * that methods take and return count code points. When every character is
 * ASCII (length == byte size) indexing is direct; otherwise it walks the
 * UTF-8. The hash is computed once and cached. The bytes are always followed
 * by a NUL, so obj_str_utf8 is a C string.
 *
 * Interning: one table of the interned strings, which does not own them. An
 * interned string that loses its last reference leaves the table and is freed.
 * Equal interned strings are one object.
 *
 * A static (immortal, read-only) str cannot cache its hash at run time: the
 * static strings of objects/str_ids.h (names, Latin-1 characters, '') carry
 * one computed by the compiler and count as interned; any other static str
 * keeps hash -1 and is hashed on use.
 */
#ifndef STR_H
#define STR_H

#include <stdarg.h>

#include "objects/object.h"

extern const obj_type_t obj_type_str, obj_type_str_iterator;

typedef struct {
    obj_var_t base;     /* base.size: bytes of UTF-8, without the NUL */
    obj_ssize_t length; /* code points */
    obj_hash_t hash;    /* -1 until computed */
    uint8_t interned;
    char data[]; /* size + 1 bytes */
} obj_str_t;

static inline int obj_str_check(const obj_t *o)
{
    return (o->type->flags & OBJ_TYPE_STR_SUBCLASS) != 0;
}

/* New reference, or NULL with an error (UnicodeError on invalid UTF-8, MemoryError). */
obj_t *obj_str_from_utf8(const char *text, size_t nbytes);
obj_t *obj_str_from_cstr(const char *text);
/* printf-style formatting into a new str. */
obj_t *obj_str_from_format(const char *format, ...) __attribute__((format(printf, 1, 2)));
obj_t *obj_str_from_vformat(const char *format, va_list args);

/* Borrowed pointer to the NUL-terminated UTF-8 bytes; *nbytes gets the size
 * when not NULL. Valid while the string lives. */
static inline const char *obj_str_utf8(obj_t *s, size_t *nbytes)
{
    obj_str_t *str = (obj_str_t *)s;
    if (nbytes)
        *nbytes = (size_t)str->base.size;
    return str->data;
}

/* Code points. */
static inline obj_ssize_t obj_str_length(obj_t *s)
{
    return ((obj_str_t *)s)->length;
}

/* A new str of nbytes bytes holding `length` code points, its bytes
 * uninitialised (the NUL after them is in place): the caller fills
 * obj_str_buffer() with that much valid UTF-8 before anyone else sees it.
 * New reference, or NULL with MemoryError. */
obj_t *obj_str_new(size_t nbytes, obj_ssize_t length);

/* Writable bytes of a str fresh from obj_str_new. */
static inline char *obj_str_buffer(obj_t *s)
{
    return ((obj_str_t *)s)->data;
}

/* Byte offset of code point i (0 <= i <= length): direct when the text is
 * ASCII, a walk over the UTF-8 otherwise. */
size_t obj_str_offset(obj_t *s, obj_ssize_t i);

/* The code point at *p, which must be valid UTF-8 (as every str's bytes are);
 * advances *p past it. */
static inline uint32_t obj_str_decode(const char **p)
{
    const unsigned char *b = (const unsigned char *)*p;
    uint32_t c = b[0];
    if (c < 0x80) {
        *p += 1;
        return c;
    }
    if (c < 0xE0) {
        *p += 2;
        return (c & 0x1F) << 6 | (b[1] & 0x3Fu);
    }
    if (c < 0xF0) {
        *p += 3;
        return (c & 0x0F) << 12 | (b[1] & 0x3Fu) << 6 | (b[2] & 0x3Fu);
    }
    *p += 4;
    return (c & 0x07) << 18 | (b[1] & 0x3Fu) << 12 | (b[2] & 0x3Fu) << 6 | (b[3] & 0x3Fu);
}

/* str.isprintable() of the one character c (objects/str_methods.c, from the
 * Unicode tables): what repr leaves unescaped. */
int obj_str_isprintable_char(uint32_t c);

/* The methods of str (objects/str_methods.c), ending with a NULL name. */
extern const struct obj_method obj_str_methods[];

/* sep.join(iterable): every item must be a str (TypeError otherwise, with
 * CPython's message). New reference. */
obj_t *obj_str_join(obj_t *sep, obj_t *iterable);

/* The str hash of these bytes (FNV-1a; never -1). bytes shares it, so that
 * hash(b'ab') == hash('ab') as in CPython. */
obj_hash_t obj_str_hash_bytes(const char *data, size_t n);

/* Equal text (no error possible). */
int obj_str_equal(obj_t *a, obj_t *b);
int obj_str_equal_cstr(obj_t *s, const char *text);

/* a + b. New reference. */
obj_t *obj_str_concat(obj_t *a, obj_t *b);

/* Intern: steals a reference to s, returns a new reference to the interned
 * string equal to it (s itself when it becomes the table's entry). On
 * MemoryError growing the table (a benign failure) returns s un-interned. */
obj_t *obj_str_intern(obj_t *s);
/* New reference to the interned string for text. */
obj_t *obj_str_intern_cstr(const char *text);
/* Number of strings in the interned table (for tests). */
size_t obj_str_interned_count(void);

/* A growable text buffer for building reprs: lives on the caller's stack,
 * spills to obj_mem once the inline part is full. After any failure
 * (MemoryError set) appends do nothing and finish returns NULL. */
struct obj_strbuf {
    char *data;
    size_t len, cap;
    int failed;
    char inline_buf[96];
};
void obj_strbuf_init(struct obj_strbuf *b);
void obj_strbuf_append(struct obj_strbuf *b, const char *bytes, size_t n);
void obj_strbuf_append_cstr(struct obj_strbuf *b, const char *text);
void obj_strbuf_append_format(struct obj_strbuf *b, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Append repr(o) / str(o); -1 with an error. */
int obj_strbuf_append_repr(struct obj_strbuf *b, obj_t *o);
int obj_strbuf_append_str(struct obj_strbuf *b, obj_t *o);
/* New str with the contents (NULL with an error); the buffer is released. */
obj_t *obj_strbuf_finish(struct obj_strbuf *b);
/* Release without making a string. */
void obj_strbuf_discard(struct obj_strbuf *b);

#endif /* STR_H */
