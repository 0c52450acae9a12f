/* str: immutable Unicode text, stored as UTF-8 with its code-point length.
 *
 * Code-point semantics over UTF-8: len(), indexing and slicing count code
 * points. When every character is ASCII (length == byte size) indexing is
 * direct; otherwise it walks the UTF-8. The hash is computed once and cached.
 * The bytes are always followed by a NUL, so obj_str_utf8 is a C string.
 *
 * Interning: one table of the interned strings, which does not own them. An
 * interned string that loses its last reference leaves the table and is freed.
 * Equal interned strings are one object.
 *
 * A static (immortal, read-only) str cannot cache its hash: hash stays -1 and
 * is recomputed on use, which is cheap for the short names that are static.
 */
#ifndef STR_H
#define STR_H

#include "object.h"

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
