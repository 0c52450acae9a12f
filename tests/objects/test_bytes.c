/* bytes tests: construction, CPython's repr, the sequence and mapping slots,
 * comparison, the hash shared with str, iteration, every method with the
 * results and messages CPython 3.12 gives, sizes, and allocation failures.
 * Runs on the host (cmocka) and in QEMU.
 */
#include <stdarg.h>
#include <string.h>

#include "objects/bytes.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "tests/common/unit.h"

void unit_fail_alloc_after(long n);

static obj_t *num(long v)
{
    return CHECK_OBJ(obj_int_from_ssize(v));
}

static obj_t *b(const char *text)
{
    return CHECK_OBJ(obj_bytes_from(text, strlen(text)));
}

static obj_t *text(const char *s)
{
    return CHECK_OBJ(obj_str_from_cstr(s));
}

static void check_repr(obj_t *o, const char *want)
{
    obj_t *r = CHECK_OBJ(obj_repr(o));
    CHECK_STREQ(obj_str_utf8(r, NULL), want);
    obj_decref(r);
}

/* repr(r) == want; takes r. */
static void check(obj_t *r, const char *want)
{
    CHECK_OBJ(r);
    check_repr(r, want);
    obj_decref(r);
}

static void check_error(obj_t *r, const obj_type_t *type, const char *message)
{
    CHECK(r == NULL);
    CHECK(obj_err_occurred() == type);
    obj_t *v = obj_err_value();
    CHECK(v != NULL && obj_str_check(v));
    CHECK_STREQ(obj_str_utf8(v, NULL), message);
    obj_err_clear();
}

static obj_t *vcall(obj_t *self, const char *name, size_t nargs, va_list ap)
{
    obj_t *args[4] = {0};
    for (size_t i = 0; i < nargs; i++)
        args[i] = va_arg(ap, obj_t *);
    obj_t *r = obj_call_method(self, name, args, nargs);
    for (size_t i = 0; i < nargs; i++)
        obj_decref(args[i]);
    return r;
}

/* self.name(args...), taking (decref'ing) the arguments after the call. New
 * reference or NULL. */
static obj_t *call(obj_t *self, const char *name, size_t nargs, ...)
{
    va_list ap;
    va_start(ap, nargs);
    obj_t *r = vcall(self, name, nargs, ap);
    va_end(ap);
    return r;
}

/* The same, taking self too. */
static obj_t *callx(obj_t *self, const char *name, size_t nargs, ...)
{
    va_list ap;
    va_start(ap, nargs);
    obj_t *r = vcall(self, name, nargs, ap);
    va_end(ap);
    obj_decref(self);
    return r;
}

/* ---- construction and repr --------------------------------------------------- */

static void test_construction_and_repr(void)
{
    obj_t *e = CHECK_OBJ(obj_bytes_from(NULL, 0));
    CHECK(obj_bytes_check(e) && obj_is_immortal(e) && obj_bytes_size(e) == 0);
    CHECK(obj_bytes_data(e)[0] == '\0');
    check_repr(e, "b''");
    struct {
        const char *data;
        size_t n;
        const char *repr;
    } cases[] = {
        {"abc", 3, "b'abc'"},
        {"it's", 4, "b\"it's\""},
        {"say \"hi\"", 8, "b'say \"hi\"'"},
        {"both ' and \"", 12, "b'both \\' and \"'"},
        {"\x00\x01\t\n\r\\\x7f\x80\xff", 9, "b'\\x00\\x01\\t\\n\\r\\\\\\x7f\\x80\\xff'"},
        {"\x1f ~", 3, "b'\\x1f ~'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        obj_t *x = CHECK_OBJ(obj_bytes_from(cases[i].data, cases[i].n));
        CHECK_EQ(obj_bytes_size(x), cases[i].n);
        CHECK(memcmp(obj_bytes_data(x), cases[i].data, cases[i].n) == 0);
        CHECK(obj_bytes_data(x)[cases[i].n] == '\0');
        check_repr(x, cases[i].repr);
        obj_decref(x);
    }
    /* bytes(o) */
    obj_t *three = num(3);
    check(obj_bytes_from_object(three), "b'\\x00\\x00\\x00'");
    obj_t *l = CHECK_OBJ(obj_list_new(0));
    long v[] = {1, 2, 255};
    for (int i = 0; i < 3; i++) {
        obj_t *x = num(v[i]);
        CHECK(obj_list_append(l, x) == 0);
        obj_decref(x);
    }
    check(obj_bytes_from_object(l), "b'\\x01\\x02\\xff'");
    obj_t *x = b("xy");
    obj_t *same = CHECK_OBJ(obj_bytes_from_object(x));
    CHECK(same == x);
    obj_decref(same);
    obj_t *s = text("abc"), *m1 = num(-1), *big = num(256);
    check_error(obj_bytes_from_object(s), &obj_exc_TypeError,
                "string argument without an encoding");
    check_error(obj_bytes_from_object(m1), &obj_exc_ValueError, "negative count");
    CHECK(obj_list_append(l, big) == 0);
    check_error(obj_bytes_from_object(l), &obj_exc_ValueError, "bytes must be in range(0, 256)");
    obj_list_set(l, 3, obj_newref(s));
    check_error(obj_bytes_from_object(l), &obj_exc_TypeError,
                "'str' object cannot be interpreted as an integer");
    check_error(obj_bytes_from_object(obj_none), &obj_exc_TypeError,
                "cannot convert 'NoneType' object to bytes");
    obj_decref(s);
    obj_decref(m1);
    obj_decref(big);
    obj_decref(x);
    obj_decref(l);
    obj_decref(three);
}

/* ---- slots ---------------------------------------------------------------------- */

static obj_t *slice_of(obj_t *o, obj_t *start, obj_t *stop, obj_t *step)
{
    obj_t *s = CHECK_OBJ(obj_slice_new(start, stop, step));
    obj_t *r = obj_getitem(o, s);
    obj_decref(s);
    obj_xdecref(start);
    obj_xdecref(stop);
    obj_xdecref(step);
    return r;
}

static void test_slots(void)
{
    obj_t *h = b("hello world");
    CHECK_EQ(obj_length(h), 11);
    obj_t *i = num(1);
    check(obj_getitem(h, i), "101");
    obj_decref(i);
    i = num(-1);
    check(obj_getitem(h, i), "100");
    obj_decref(i);
    i = num(20);
    check_error(obj_getitem(h, i), &obj_exc_IndexError, "index out of range");
    obj_decref(i);
    i = text("a");
    check_error(obj_getitem(h, i), &obj_exc_TypeError,
                "byte indices must be integers or slices, not str");
    check(slice_of(h, num(1), num(5), NULL), "b'ello'");
    check(slice_of(h, NULL, NULL, num(-2)), "b'drwolh'");
    check(slice_of(h, NULL, NULL, num(3)), "b'hlwl'");
    obj_t *all = CHECK_OBJ(slice_of(h, NULL, NULL, NULL));
    CHECK(all == h);
    obj_decref(all);
    /* in */
    obj_t *c = num(104), *wor = b("wor"), *empty = b(""), *xyz = b("xyz"), *big = num(256);
    CHECK_EQ(obj_contains(h, c), 1);
    CHECK_EQ(obj_contains(h, wor), 1);
    CHECK_EQ(obj_contains(h, empty), 1);
    CHECK_EQ(obj_contains(h, xyz), 0);
    CHECK_EQ(obj_contains(h, big), -1);
    check_error(NULL, &obj_exc_ValueError, "byte must be in range(0, 256)");
    CHECK_EQ(obj_contains(h, i), -1);
    check_error(NULL, &obj_exc_TypeError, "a bytes-like object is required, not 'str'");
    /* + and * */
    obj_t *ab = b("ab"), *cd = b("cd");
    check(obj_number_add(ab, cd), "b'abcd'");
    check_error(obj_number_add(ab, i), &obj_exc_TypeError, "can't concat str to bytes");
    obj_t *r = CHECK_OBJ(obj_number_add(ab, empty));
    CHECK(r == ab);
    obj_decref(r);
    obj_t *n3 = num(3), *n0 = num(0), *m1 = num(-1), *n1 = num(1);
    check(obj_number_multiply(ab, n3), "b'ababab'");
    check(obj_number_multiply(n3, ab), "b'ababab'");
    check(obj_number_multiply(ab, n0), "b''");
    check(obj_number_multiply(ab, m1), "b''");
    r = CHECK_OBJ(obj_number_multiply(ab, n1));
    CHECK(r == ab);
    obj_decref(r);
    /* comparison */
    obj_t *abc = b("abc"), *bb = b("b");
    CHECK_EQ(obj_richcompare_bool(ab, abc, OBJ_LT), 1);
    CHECK_EQ(obj_richcompare_bool(bb, abc, OBJ_GT), 1);
    CHECK_EQ(obj_richcompare_bool(empty, ab, OBJ_LT), 1);
    obj_t *ab2 = b("ab");
    CHECK_EQ(obj_richcompare_bool(ab, ab2, OBJ_EQ), 1);
    CHECK_EQ(obj_richcompare_bool(ab, ab2, OBJ_GE), 1);
    CHECK_EQ(obj_richcompare_bool(ab, cd, OBJ_NE), 1);
    obj_t *sab = text("ab");
    CHECK_EQ(obj_richcompare_bool(ab, sab, OBJ_EQ), 0);
    /* the hash is str's for the same bytes: hash(b'ab') == hash('ab') */
    CHECK_EQ(obj_hash(ab), obj_hash(sab));
    CHECK_EQ(obj_hash(ab), obj_hash(ab2));
    obj_t *estr = text("");
    CHECK_EQ(obj_hash(empty), obj_hash(estr));
    obj_decref(estr);
    /* iteration */
    obj_t *l = CHECK_OBJ(obj_list_from_iterable(abc));
    check_repr(l, "[97, 98, 99]");
    obj_decref(l);
    obj_t *it = CHECK_OBJ(obj_get_iter(empty));
    CHECK(obj_type(it) == &obj_type_bytes_iterator);
    CHECK(obj_iter_next(it) == NULL && obj_err_occurred() == NULL);
    obj_decref(it);
    obj_t *list[] = {h, i, c, wor, empty, xyz, big, ab, cd, n3, n0, m1, n1, abc, bb, ab2, sab};
    for (size_t k = 0; k < sizeof list / sizeof list[0]; k++)
        obj_decref(list[k]);
}

/* ---- methods --------------------------------------------------------------------- */

static void test_decode(void)
{
    obj_t *r = CHECK_OBJ(callx(b("\xc3\xa9t\xc3\xa9"), "decode", 0));
    CHECK(obj_str_check(r) && obj_str_equal_cstr(r, "\xc3\xa9t\xc3\xa9"));
    obj_decref(r);
    obj_t *x = b("abc");
    r = CHECK_OBJ(call(x, "decode", 1, text("ascii")));
    CHECK(obj_str_equal_cstr(r, "abc"));
    obj_decref(r);
    r = CHECK_OBJ(call(x, "decode", 2, text("UTF_8"), text("strict")));
    CHECK(obj_str_equal_cstr(r, "abc"));
    obj_decref(r);
    obj_t *latin = b("\xe9t\xe9");
    r = CHECK_OBJ(call(latin, "decode", 1, text("latin-1")));
    CHECK(obj_str_equal_cstr(r, "\xc3\xa9t\xc3\xa9") && obj_str_length(r) == 3);
    obj_decref(r);
    CHECK(call(latin, "decode", 0) == NULL);
    CHECK(obj_err_matches(&obj_exc_UnicodeError));
    obj_err_clear();
    obj_t *bad = b("a\xff");
    check_error(call(bad, "decode", 1, text("ascii")), &obj_exc_UnicodeError,
                "'ascii' codec can't decode byte 0xff in position 1: ordinal not in range(128)");
    check_error(call(x, "decode", 1, text("foo")), &obj_exc_LookupError, "unknown encoding: foo");
    check_error(call(x, "decode", 1, num(1)), &obj_exc_TypeError,
                "decode() argument 'encoding' must be str, not int");
    check_error(call(x, "decode", 2, text("utf-8"), text("ignore")), &obj_exc_NotImplementedError,
                "decode(): only errors='strict' is supported, not 'ignore'");
    obj_decref(bad);
    obj_decref(latin);
    obj_decref(x);
}

static void test_hex(void)
{
    obj_t *x = CHECK_OBJ(obj_bytes_from("\x01\x02\x03\x04\x05", 5));
    check(call(x, "hex", 0), "'0102030405'");
    check(call(x, "hex", 1, text(":")), "'01:02:03:04:05'");
    check(call(x, "hex", 2, text(":"), num(2)), "'01:0203:0405'");
    check(call(x, "hex", 2, text(":"), num(-2)), "'0102:0304:05'");
    check(call(x, "hex", 2, b("-"), num(3)), "'0102-030405'");
    check(call(x, "hex", 2, text(" "), num(-3)), "'010203 0405'");
    check(call(x, "hex", 2, text(":"), num(0)), "'0102030405'");
    check(call(x, "hex", 2, text(":"), num(5)), "'0102030405'");
    check(call(x, "hex", 2, text(":"), num(6)), "'0102030405'");
    obj_t *e = b(""), *ab = b("\xab");
    check(call(e, "hex", 1, text(":")), "''");
    check(call(ab, "hex", 2, text(":"), num(2)), "'ab'");
    check_error(call(x, "hex", 1, text("::")), &obj_exc_ValueError, "sep must be length 1.");
    check_error(call(x, "hex", 1, num(1)), &obj_exc_TypeError, "object of type 'int' has no len()");
    check_error(call(x, "hex", 1, text("\xc3\xa9")), &obj_exc_ValueError, "sep must be ASCII.");
    obj_decref(e);
    obj_decref(ab);
    obj_decref(x);
}

static obj_t *tuple2(obj_t *a, obj_t *c)
{
    obj_t *t = CHECK_OBJ(obj_tuple_pack(2, a, c));
    obj_decref(a);
    obj_decref(c);
    return t;
}

static void test_affixes(void)
{
    obj_t *h = b("hello world"), *e = b(""), *abc = b("abc");
    const obj_t *T = obj_true, *F = obj_false;
    struct {
        obj_t *r;
        const obj_t *want;
    } cases[] = {
        {call(h, "startswith", 1, b("hell")), T},
        {call(h, "startswith", 2, b("world"), num(6)), T},
        {call(h, "startswith", 1, tuple2(b("x"), b("he"))), T},
        {call(h, "endswith", 1, b("world")), T},
        {call(h, "endswith", 3, b("lo"), num(0), num(5)), T},
        {call(h, "endswith", 1, b("")), T},
        {call(e, "startswith", 2, b(""), num(1)), F},
        {call(abc, "startswith", 2, b(""), num(3)), T},
        {call(abc, "startswith", 2, b(""), num(4)), F},
        {call(abc, "endswith", 2, b("c"), num(-1)), T},
        {call(abc, "endswith", 2, b(""), num(4)), F},
        {call(abc, "startswith", 3, b("b"), num(1), obj_newref(obj_none)), T},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_OBJ(cases[i].r);
        CHECK(cases[i].r == cases[i].want);
    }
    check_error(call(h, "startswith", 1, text("h")), &obj_exc_TypeError,
                "startswith first arg must be bytes or a tuple of bytes, not str");
    check_error(call(h, "startswith", 1, tuple2(b("a"), text("h"))), &obj_exc_TypeError,
                "a bytes-like object is required, not 'str'");
    check_error(call(h, "endswith", 0), &obj_exc_TypeError,
                "endswith expected at least 1 argument, got 0");
    obj_decref(h);
    obj_decref(e);
    obj_decref(abc);
}

static void test_find_count(void)
{
    obj_t *h = b("hello world");
    check(call(h, "find", 1, b("o")), "4");
    check(call(h, "find", 2, b("o"), num(5)), "7");
    check(call(h, "find", 3, b("o"), num(5), num(7)), "-1");
    check(call(h, "find", 1, num(111)), "4");
    check(call(h, "find", 1, b("")), "0");
    check(call(h, "find", 2, b(""), num(11)), "11");
    check(call(h, "find", 2, b(""), num(12)), "-1");
    check(call(h, "find", 1, b("zz")), "-1");
    check(call(h, "find", 2, b("o"), num(-4)), "7");
    check(call(h, "find", 3, b("l"), obj_newref(obj_none), obj_newref(obj_none)), "2");
    check(call(h, "index", 1, b("w")), "6");
    check(call(h, "count", 1, b("l")), "3");
    check(call(h, "count", 2, b("o"), num(5)), "1");
    check(call(h, "count", 1, b("")), "12");
    check(call(h, "count", 1, num(108)), "3");
    obj_t *a4 = b("aaaa"), *abc = b("abc");
    check(call(a4, "count", 1, b("aa")), "2");
    check(call(abc, "count", 2, b(""), num(5)), "0");
    check(call(abc, "count", 3, b(""), num(1), num(2)), "2");
    check_error(call(h, "find", 1, text("o")), &obj_exc_TypeError,
                "argument should be integer or bytes-like object, not 'str'");
    check_error(call(h, "find", 1, num(300)), &obj_exc_ValueError, "byte must be in range(0, 256)");
    check_error(call(h, "find", 2, b("o"), text("x")), &obj_exc_TypeError,
                "slice indices must be integers or None or have an __index__ method");
    check_error(call(h, "index", 1, b("zz")), &obj_exc_ValueError, "subsection not found");
    check_error(call(h, "find", 0), &obj_exc_TypeError, "find expected at least 1 argument, got 0");
    /* huge bounds clip */
    const char *huge = "100000000000000000000000000";
    check(call(h, "find", 3, b("d"), num(0), CHECK_OBJ(obj_int_from_string(huge, 27, 10))), "10");
    obj_decref(a4);
    obj_decref(abc);
    obj_decref(h);
}

static obj_t *list_of_bytes(int n, ...)
{
    obj_t *l = CHECK_OBJ(obj_list_new(0));
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        obj_t *x = va_arg(ap, obj_t *);
        CHECK(obj_list_append(l, x) == 0);
        obj_decref(x);
    }
    va_end(ap);
    return l;
}

static void test_join_split_strip(void)
{
    obj_t *sep = b(", "), *dash = b("-"), *e = b("");
    check(call(sep, "join", 1, list_of_bytes(3, b("a"), b("bc"), b(""))), "b'a, bc, '");
    check(call(e, "join", 1, list_of_bytes(0)), "b''");
    obj_t *x = b("x");
    obj_t *r = CHECK_OBJ(call(dash, "join", 1, tuple2(obj_newref(x), b("y"))));
    check_repr(r, "b'x-y'");
    obj_decref(r);
    r = CHECK_OBJ(call(dash, "join", 1, list_of_bytes(1, obj_newref(x))));
    CHECK(r == x); /* a single bytes comes back as it is */
    obj_decref(r);
    check_error(call(dash, "join", 1, list_of_bytes(2, b("a"), text("b"))), &obj_exc_TypeError,
                "sequence item 1: expected a bytes-like object, str found");
    check_error(call(dash, "join", 1, num(5)), &obj_exc_TypeError, "'int' object is not iterable");

    check(callx(b("  a b\t\nc  "), "split", 0), "[b'a', b'b', b'c']");
    check(callx(b("a,b,,c"), "split", 1, b(",")), "[b'a', b'b', b'', b'c']");
    check(callx(b("a,b,,c"), "split", 2, b(","), num(1)), "[b'a', b'b,,c']");
    check(callx(b("  a  b  c  "), "split", 2, obj_newref(obj_none), num(1)), "[b'a', b'b  c  ']");
    check(call(e, "split", 0), "[]");
    check(call(e, "split", 1, b(",")), "[b'']");
    check(callx(b("abc"), "split", 1, b("abc")), "[b'', b'']");
    check(callx(b("  a b c"), "split", 2, obj_newref(obj_none), num(0)), "[b'a b c']");
    check(callx(b("a::b::"), "split", 1, b("::")), "[b'a', b'b', b'']");
    obj_t *whole = b("abc");
    r = CHECK_OBJ(call(whole, "split", 0));
    CHECK(obj_list_get(r, 0) == whole);
    obj_decref(r);
    check_error(call(whole, "split", 1, b("")), &obj_exc_ValueError, "empty separator");
    check_error(call(whole, "split", 1, text("a")), &obj_exc_TypeError,
                "a bytes-like object is required, not 'str'");

    check(callx(b("  xy \t"), "strip", 0), "b'xy'");
    check(callx(b("xxhixx"), "strip", 1, b("x")), "b'hi'");
    check(callx(b("xxhixx"), "lstrip", 1, b("x")), "b'hixx'");
    check(callx(b("xxhixx"), "rstrip", 1, b("x")), "b'xxhi'");
    check(callx(b(" a "), "lstrip", 0), "b'a '");
    check(callx(b(" a "), "rstrip", 0), "b' a'");
    check(callx(b("   "), "strip", 0), "b''");
    r = CHECK_OBJ(call(whole, "strip", 1, b("")));
    CHECK(r == whole);
    obj_decref(r);
    r = CHECK_OBJ(call(whole, "strip", 1, obj_newref(obj_none)));
    CHECK(r == whole);
    obj_decref(r);
    check_error(call(whole, "strip", 1, text("a")), &obj_exc_TypeError,
                "a bytes-like object is required, not 'str'");
    obj_decref(whole);
    obj_decref(x);
    obj_decref(sep);
    obj_decref(dash);
    obj_decref(e);
}

/* ---- sizes and allocation failures ------------------------------------------------- */

static void test_sizes(void)
{
    obj_t *x = b("abc");
    /* header (refcnt, type, size, hash) + 3 bytes + NUL, in mm's 8-byte classes */
    size_t header = 2 * sizeof(void *) + sizeof(obj_ssize_t) + sizeof(obj_hash_t);
    CHECK_EQ(obj_sizeof(x), (header + 4 + 7) & ~(size_t)7);
    if (sizeof(void *) == 4)
        CHECK_EQ(obj_sizeof(x), 24);
    obj_decref(x);
}

static void test_allocation_failures(void)
{
    obj_t *x = b("hello world, hello bytes"), *sep = b(", "),
          *l = list_of_bytes(3, b("a"), b("b"), b("c"));
    obj_t *three = num(3), *o = b("o");
    for (int op = 0; op < 8; op++) {
        long n;
        for (n = 0;; n++) {
            unit_fail_alloc_after(n);
            obj_t *args[] = {o};
            obj_t *r = op == 0   ? obj_bytes_from("abc", 3)
                       : op == 1 ? obj_repr(x)
                       : op == 2 ? obj_number_multiply(x, three)
                       : op == 3 ? obj_call_method(sep, "join", &l, 1)
                       : op == 4 ? obj_call_method(x, "split", args, 1)
                       : op == 5 ? obj_call_method(x, "hex", NULL, 0)
                       : op == 6 ? obj_bytes_from_object(three)
                                 : obj_call_method(x, "decode", NULL, 0);
            unit_fail_alloc_after(-1);
            if (r) {
                obj_decref(r);
                break;
            }
            CHECK(obj_err_matches(&obj_exc_MemoryError));
            obj_err_clear();
            CHECK(n < 100);
        }
        CHECK(n > 0);
    }
    obj_decref(x);
    obj_decref(sep);
    obj_decref(l);
    obj_decref(three);
    obj_decref(o);
}

/* bytes from a 40-item list (its buffer grows twice, by realloc), then
 * decoded as Latin-1 with bytes above 0x7F: each mm allocation failed in turn. */
static int op_from_iterable_and_latin1(void *arg)
{
    (void)arg;
    obj_t *l = obj_list_new(40);
    if (l == NULL)
        return -1;
    for (size_t i = 0; i < 40; i++)
        obj_list_set_new(l, i, obj_int_from_ssize((obj_ssize_t)(0xC0 + i)));
    obj_t *x = obj_bytes_from_object(l);
    obj_decref(l);
    if (x == NULL)
        return -1;
    obj_t *encoding = obj_str_from_cstr("latin-1");
    obj_t *s = encoding ? obj_call_method(x, "decode", &encoding, 1) : NULL;
    obj_xdecref(encoding);
    obj_decref(x);
    if (s == NULL)
        return -1;
    int ok = obj_str_length(s) == 40;
    obj_decref(s);
    return ok ? 0 : -1;
}

static void test_each_mm_failure(void)
{
    CHECK(UNIT_EACH_FAILURE(op_from_iterable_and_latin1, NULL) >= 5);
}

UNIT_SUITE(bytes, UNIT_TEST(test_construction_and_repr), UNIT_TEST(test_slots),
           UNIT_TEST(test_decode), UNIT_TEST(test_hex), UNIT_TEST(test_affixes),
           UNIT_TEST(test_find_count), UNIT_TEST(test_join_split_strip), UNIT_TEST(test_sizes),
           UNIT_TEST(test_allocation_failures), UNIT_TEST(test_each_mm_failure));
