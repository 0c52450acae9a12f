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

enum input_state { INPUT_PLAIN, INPUT_ESC, INPUT_CSI };

static struct {
    char line[CON_LINE_MAX];
    size_t len, cursor;
    size_t overflow; /* bytes refused since the line filled up */
    char history[CON_HISTORY][CON_LINE_MAX];
    unsigned history_count; /* lines ever stored; newest at (count - 1) % CON_HISTORY */
    unsigned history_back;  /* 0 = editing a new line, k = k-th most recent entry */
    enum input_state state;
    unsigned escape_len;
    char escape_param; /* first parameter byte of a CSI sequence, or 0 */
    int last_was_cr;   /* to swallow the LF of a CRLF */
} con;

/* ---- output -------------------------------------------------------------- */

void con_puts(const char *text)
{
    const char *start = text;
    for (; *text; text++) {
        if (*text == '\n') {
            board_write(start, (size_t)(text - start));
            board_write("\r\n", 2);
            start = text + 1;
        }
    }
    board_write(start, (size_t)(text - start));
}

void con_printf(const char *format, ...)
{
    char text[256];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    con_puts(text);
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

/* Feed one byte to the escape-sequence machine. Returns 1 while a sequence is
 * in progress (the byte was consumed). */
static int escape_feed(unsigned char c)
{
    switch (con.state) {
    case INPUT_PLAIN:
        if (c != ESC)
            return 0;
        con.state = INPUT_ESC;
        con.escape_len = 0;
        con.escape_param = 0;
        return 1;
    case INPUT_ESC:
        /* ESC [ and ESC O introduce sequences; anything else ends the escape. */
        con.state = (c == '[' || c == 'O') ? INPUT_CSI : INPUT_PLAIN;
        return 1;
    case INPUT_CSI:
        if (++con.escape_len > ESCAPE_MAX || c < 0x20 || c > 0x7E) {
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

void con_read_raw(unsigned char *buffer, size_t n)
{
    con.last_was_cr = 0;
    for (size_t i = 0; i < n; i++)
        buffer[i] = (unsigned char)board_getc();
}
