/* The console: line editor, output helpers and the evaluator plug-in point.
 *
 * Output goes straight to the board's serial line; '\n' is sent as CRLF. The
 * line editor echoes, accepts CR or LF (CRLF counts once), edits with
 * backspace and left/right, recalls history with up/down, abandons the line on
 * Ctrl-C and reports a soft reset on Ctrl-D at an empty line. A control byte
 * ends an unfinished escape sequence and then acts as itself. Once a line is
 * full, further bytes are refused (not echoed) and the line, if entered as it
 * stands, is discarded with a message giving its length as typed; editing it
 * (backspace, delete, history) makes the line shown the line entered. Nothing
 * here allocates.
 */
#ifndef CON_H
#define CON_H

#include <stddef.h>

/* Formatted output (printf conventions) to the serial line, of any length. */
void con_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Plain text to the serial line. */
void con_puts(const char *text);
/* For callers that write through a (ctx, text) callback, such as mm's report. */
void con_write_cb(void *ctx, const char *text);

enum con_read_result {
    CON_LINE,       /* a line was entered */
    CON_ABANDONED,  /* Ctrl-C: the caller prompts again */
    CON_SOFT_RESET, /* Ctrl-D at an empty line */
};

/* Read one edited line after printing `prompt`. On CON_LINE, *line points at
 * the NUL-terminated text (borrowed: valid until the next call). */
enum con_read_result con_readline(const char *prompt, const char **line);

/* Read exactly n raw bytes from the serial line, no echo, no editing; 0 when
 * done. The LF of a CRLF that ended the previous line is not data. A Ctrl-C is
 * data too, unless no byte follows it for a second while more are expected:
 * then the read is abandoned (`^C`) and -1 returned. */
int con_read_raw(unsigned char *buffer, size_t n);

#endif /* CON_H */
