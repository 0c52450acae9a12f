/* Console line editor and output (see con.h for the contract).
 *
 * Input is a byte stream that may hold anything: the editor is a small state
 * machine (plain bytes, ESC, CSI parameters) that consumes every byte and
 * drops what it does not understand. Cursor moves treat a UTF-8 sequence as
 * one character; every character is assumed one column wide.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config/pyrite_config.h"
#include "kernel/board.h"
#include "kernel/con.h"

#define CTRL(c)    ((c)&0x1F)
#define ESC        0x1B
#define ESCAPE_MAX 16 /* longest escape sequence we wait for before giving up */
/* In raw input a Ctrl-C is data, unless the line then stays quiet this long: a
 * sender of raw data does not stop after one, a user facing a stuck transfer does. */
#define RAW_INTERRUPT_QUIET_MS 1000

enum input_state { INPUT_PLAIN, INPUT_ESC, INPUT_CSI };

static struct {
    char line[CON_LINE_MAX];
    size_t len, cursor;
    size_t overflow; /* bytes refused since the line filled up; 0 again once it is edited */
    char history[CON_HISTORY][CON_LINE_MAX];
    unsigned history_count; /* lines ever stored; newest at (count - 1) % CON_HISTORY */
    unsigned history_back;  /* 0 = editing a new line, k = k-th most recent entry */
    enum input_state state;
    unsigned escape_len;
    char escape_param; /* first parameter byte of a CSI sequence, or 0 */
    int last_was_cr;   /* to swallow the LF of a CRLF */
} con;

/* ---- output -------------------------------------------------------------- */

/* n bytes of text, '\n' sent as CRLF. */
static void put_text(const char *text, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n') {
            board_write(text + start, i - start);
            board_write("\r\n", 2);
            start = i + 1;
        }
    }
    board_write(text + start, n - start);
}

void con_puts(const char *text)
{
    put_text(text, strlen(text));
}

static void put_spaces(size_t n)
{
    for (; n > 0; n--)
        board_write(" ", 1);
}

/* One conversion through snprintf, into a buffer its exact size (a number, a
 * character or a pointer: tens of bytes). `spec` takes a width and a precision
 * ('*' arguments; precision -1 means none) before the value. */
#define FORMAT_ONE(spec, width, precision, type, value)                                            \
    do {                                                                                           \
        type value_ = (value); /* evaluated once: it may be va_arg */                              \
        int n_ = snprintf(NULL, 0, spec, width, precision, value_);                                \
        if (n_ > 0) {                                                                              \
            char text_[n_ + 1];                                                                    \
            snprintf(text_, sizeof text_, spec, width, precision, value_);                         \
            put_text(text_, (size_t)n_);                                                           \
        }                                                                                          \
    } while (0)

/* The argument of an integer conversion with length modifier `size` ('l',
 * 'q' for ll, 'j', 'z', 't', or 0 for none, h and hh), widened. */
static unsigned long long integer_arg(va_list *args, char size, int is_signed)
{
    switch (size) {
    case 'q':
        return is_signed ? (unsigned long long)va_arg(*args, long long)
                         : va_arg(*args, unsigned long long);
    case 'j':
        return is_signed ? (unsigned long long)va_arg(*args, intmax_t) : va_arg(*args, uintmax_t);
    case 'l':
        return is_signed ? (unsigned long long)va_arg(*args, long) : va_arg(*args, unsigned long);
    case 'z': return va_arg(*args, size_t);
    case 't': return (unsigned long long)va_arg(*args, ptrdiff_t);
    default: return is_signed ? (unsigned long long)va_arg(*args, int) : va_arg(*args, unsigned);
    }
}

/* Output too long for con_printf's buffer is formatted one conversion at a
 * time, so that it has no length limit and needs no buffer its size: a %s
 * argument goes out straight from the caller's string, padded here; every
 * other conversion is short and goes through snprintf alone. C99's
 * conversions, but %n and the narrowing of %h and %hh. */
static void print_long(const char *format, va_list *args)
{
    while (*format) {
        const char *percent = strchr(format, '%');
        put_text(format, percent ? (size_t)(percent - format) : strlen(format));
        if (percent == NULL)
            break;
        const char *p = percent + 1;
        char spec[16] = "%"; /* "%" flags "*.*" length conversion */
        size_t k = 1;
        int left = 0, width = 0, precision = -1;
        for (; *p && strchr("-+ #0", *p); p++) {
            left |= *p == '-';
            if (k < 7)
                spec[k++] = *p;
        }
        if (*p == '*') {
            width = va_arg(*args, int);
            p++;
        }
        for (; *p >= '0' && *p <= '9'; p++)
            width = width * 10 + (*p - '0');
        if (width < 0) { /* a negative '*' width is the '-' flag */
            left = 1;
            width = -width;
            spec[k++] = '-';
        }
        if (*p == '.') {
            precision = 0;
            if (*++p == '*') {
                precision = va_arg(*args, int);
                p++;
            }
            for (; *p >= '0' && *p <= '9'; p++)
                precision = precision * 10 + (*p - '0');
        }
        char size = 0;
        for (; *p && strchr("hljztL", *p); p++)
            size = (size == 'l' && *p == 'l') ? 'q' : *p;
        char conv = *p;
        if (conv == '\0')
            break;
        format = p + 1;
        /* Integers go through as long (every type up to size_t fits), or as long
         * long when they are one: a C library built without long long printf
         * support then still prints the rest. */
        int is_signed = conv == 'd' || conv == 'i', wide = size == 'q' || size == 'j';
        const char *rest = !is_signed && !strchr("ouxX", conv) ? (size == 'L' ? "*.*L" : "*.*")
                           : wide                              ? "*.*ll"
                                                               : "*.*l";
        strcpy(spec + k, rest);
        k += strlen(rest);
        spec[k++] = conv;
        spec[k] = '\0';
        switch (conv) {
        case '%': put_text("%", 1); break;
        case 's': {
            const char *s = va_arg(*args, const char *);
            size_t n = 0;
            if (s == NULL)
                s = "(null)";
            while ((precision < 0 || n < (size_t)precision) && s[n])
                n++;
            size_t pad = (size_t)width > n ? (size_t)width - n : 0;
            if (!left)
                put_spaces(pad);
            put_text(s, n);
            if (left)
                put_spaces(pad);
            break;
        }
        case 'c': FORMAT_ONE(spec, width, -1, int, va_arg(*args, int)); break;
        case 'p': FORMAT_ONE(spec, width, -1, void *, va_arg(*args, void *)); break;
        case 'd':
        case 'i':
            if (wide)
                FORMAT_ONE(spec, width, precision, long long, integer_arg(args, size, 1));
            else
                FORMAT_ONE(spec, width, precision, long, integer_arg(args, size, 1));
            break;
        case 'o':
        case 'u':
        case 'x':
        case 'X':
            if (wide)
                FORMAT_ONE(spec, width, precision, unsigned long long, integer_arg(args, size, 0));
            else
                FORMAT_ONE(spec, width, precision, unsigned long, integer_arg(args, size, 0));
            break;
        case 'a':
        case 'A':
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
            if (size == 'L')
                FORMAT_ONE(spec, width, precision, long double, va_arg(*args, long double));
            else
                FORMAT_ONE(spec, width, precision, double, va_arg(*args, double));
            break;
        default: put_text(percent, (size_t)(format - percent)); break; /* not a conversion */
        }
    }
}

void con_printf(const char *format, ...)
{
    char text[128];
    va_list args, again;
    va_start(args, format);
    va_copy(again, args);
    int n = vsnprintf(text, sizeof text, format, args);
    if (n >= 0 && (size_t)n < sizeof text)
        put_text(text, (size_t)n);
    else
        print_long(format, &again);
    va_end(again);
    va_end(args);
}

void con_write_cb(void *ctx, const char *text)
{
    (void)ctx;
    con_puts(text);
}

static void emit(const char *bytes, size_t n)
{
    board_write(bytes, n);
}

static void cursor_left(size_t columns)
{
    if (columns > 0)
        con_printf("\x1b[%uD", (unsigned)columns);
}

/* Display columns of line[from, to): UTF-8 continuation bytes take none. */
static size_t columns(size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += ((unsigned char)con.line[i] & 0xC0) != 0x80;
    return n;
}

/* Redraw from the cursor to the end of the line (erasing what was beyond it),
 * then put the terminal cursor back where con.cursor says. */
static void redraw_tail(void)
{
    emit(con.line + con.cursor, con.len - con.cursor);
    emit("\x1b[K", 3);
    cursor_left(columns(con.cursor, con.len));
}

/* ---- editing ------------------------------------------------------------- */

static void replace_line(const char *text)
{
    con.overflow = 0; /* the refused bytes went with the line they overflowed */
    cursor_left(columns(0, con.cursor));
    size_t n = strlen(text);
    memcpy(con.line, text, n);
    con.len = con.cursor = n;
    emit(con.line, n);
    emit("\x1b[K", 3);
}

static void insert_byte(char c)
{
    if (con.len + 1 >= CON_LINE_MAX) {
        con.overflow++;
        return;
    }
    memmove(con.line + con.cursor + 1, con.line + con.cursor, con.len - con.cursor);
    con.line[con.cursor] = c;
    con.len++;
    emit(&c, 1);
    con.cursor++;
    if (con.cursor < con.len && ((unsigned char)c & 0xC0) != 0xC0)
        redraw_tail();
}

static size_t char_start_before(size_t i)
{
    while (i > 0 && ((unsigned char)con.line[--i] & 0xC0) == 0x80)
        ;
    return i;
}

static size_t char_end_after(size_t i)
{
    while (i < con.len && ((unsigned char)con.line[++i] & 0xC0) == 0x80)
        ;
    return i;
}

static void backspace(void)
{
    if (con.cursor == 0)
        return;
    size_t start = char_start_before(con.cursor);
    memmove(con.line + start, con.line + con.cursor, con.len - con.cursor);
    con.len -= con.cursor - start;
    con.cursor = start;
    con.overflow = 0; /* the line as shown, edited, is the line entered */
    emit("\b", 1);
    redraw_tail();
}

static void move_left(void)
{
    if (con.cursor == 0)
        return;
    con.cursor = char_start_before(con.cursor);
    emit("\b", 1);
}

static void move_right(void)
{
    if (con.cursor == con.len)
        return;
    size_t end = char_end_after(con.cursor);
    emit(con.line + con.cursor, end - con.cursor);
    con.cursor = end;
}

static void history_store(void)
{
    if (con.len == 0)
        return;
    if (con.history_count > 0 &&
        strcmp(con.history[(con.history_count - 1) % CON_HISTORY], con.line) == 0)
        return;
    memcpy(con.history[con.history_count % CON_HISTORY], con.line, con.len + 1);
    con.history_count++;
}

static void history_step(int older)
{
    unsigned available = con.history_count < CON_HISTORY ? con.history_count : CON_HISTORY;
    unsigned back = con.history_back;
    if (older && back < available)
        back++;
    else if (!older && back > 0)
        back--;
    else
        return;
    con.history_back = back;
    replace_line(back == 0 ? "" : con.history[(con.history_count - back) % CON_HISTORY]);
}

static void escape_final(char final)
{
    if (con.escape_param == 0) {
        switch (final) {
        case 'A': history_step(1); return;
        case 'B': history_step(0); return;
        case 'C': move_right(); return;
        case 'D': move_left(); return;
        case 'H':
            cursor_left(columns(0, con.cursor));
            con.cursor = 0;
            return;
        case 'F':
            while (con.cursor < con.len)
                move_right();
            return;
        default: return;
        }
    }
    if (final == '~' && con.escape_param == '3' && con.cursor < con.len) { /* Delete */
        move_right();
        backspace();
    }
}

/* Feed one byte to the escape-sequence machine. Returns 1 when the byte was
 * consumed by a sequence, 0 when it is ordinary input. A control byte ends an
 * unfinished sequence and then acts as itself, as a terminal executes C0
 * controls inside one: a lone ESC must not swallow the Enter or Ctrl-C after it. */
static int escape_feed(unsigned char c)
{
    if (c == ESC) {
        con.state = INPUT_ESC;
        con.escape_len = 0;
        con.escape_param = 0;
        return 1;
    }
    if (con.state != INPUT_PLAIN && (c < 0x20 || c == 0x7F))
        con.state = INPUT_PLAIN;
    switch (con.state) {
    case INPUT_PLAIN: return 0;
    case INPUT_ESC:
        /* ESC [ and ESC O introduce sequences; anything else ends the escape. */
        con.state = (c == '[' || c == 'O') ? INPUT_CSI : INPUT_PLAIN;
        return 1;
    case INPUT_CSI:
        if (++con.escape_len > ESCAPE_MAX || c > 0x7E) {
            con.state = INPUT_PLAIN; /* garbage: drop the sequence */
            return 1;
        }
        if (c >= 0x40) {
            con.state = INPUT_PLAIN;
            escape_final((char)c);
        } else if (con.escape_param == 0 && c >= '0' && c <= '9') {
            con.escape_param = (char)c;
        }
        return 1;
    }
    return 0;
}

static void line_reset(void)
{
    con.len = con.cursor = con.overflow = 0;
    con.history_back = 0;
    con.state = INPUT_PLAIN;
    con.line[0] = '\0';
}

enum con_read_result con_readline(const char *prompt, const char **line)
{
    line_reset();
    con_puts(prompt);
    for (;;) {
        unsigned char c = (unsigned char)board_getc();
        int after_cr = con.last_was_cr;
        con.last_was_cr = c == '\r';
        if (escape_feed(c))
            continue;
        if (c == '\n' && after_cr)
            continue;
        if (c == '\r' || c == '\n') {
            emit("\r\n", 2);
            if (con.overflow > 0) {
                con_printf("error: line too long (%u bytes; the limit is %u), discarded\n",
                           (unsigned)(con.len + con.overflow), (unsigned)(CON_LINE_MAX - 1));
                return CON_ABANDONED;
            }
            con.line[con.len] = '\0';
            history_store();
            *line = con.line;
            return CON_LINE;
        }
        switch (c) {
        case CTRL('C'):
            board_take_interrupt();
            emit("^C\r\n", 4);
            return CON_ABANDONED;
        case CTRL('D'):
            if (con.len == 0) {
                emit("\r\n", 2);
                return CON_SOFT_RESET;
            }
            break;
        case CTRL('H'):
        case 0x7F: backspace(); break;
        default:
            if (c >= 0x20)
                insert_byte((char)c);
            break; /* other control bytes are ignored */
        }
    }
}

/* 1 when no byte arrives for RAW_INTERRUPT_QUIET_MS, 0 as soon as one is there. */
static int line_goes_quiet(void)
{
    uint32_t start = board_ticks_ms();
    while (!board_rx_ready())
        if (board_ticks_ms() - start >= RAW_INTERRUPT_QUIET_MS)
            return 1;
    return 0;
}

int con_read_raw(unsigned char *buffer, size_t n)
{
    int after_cr = con.last_was_cr;
    con.last_was_cr = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)board_getc();
        if (after_cr && c == '\n') { /* the rest of the CRLF that ended the command */
            after_cr = 0;
            continue;
        }
        after_cr = 0;
        buffer[i++] = c;
        if (c == CTRL('C') && i < n && line_goes_quiet()) {
            board_take_interrupt();
            emit("^C\r\n", 4);
            return -1;
        }
    }
    board_take_interrupt(); /* 0x03 bytes of data are no interrupt */
    return 0;
}
