/* line_edit.h — readline's basics for a one-line typing field held in a caller's
 * NUL-terminated buffer, with the cursor as a byte offset. Curses-free, so the session
 * and its tests drive the same code. */
#ifndef LINE_EDIT_H
#define LINE_EDIT_H

#include <stddef.h>

typedef struct {
    char *buf;  /* NUL-terminated UTF-8 */
    size_t pos; /* the cursor: a byte offset into buf */
} line_edit;

/* Apply an editing key (Ctrl-U/K/W/A/E, Backspace, Home, End, ← →; SKEY_* codes of
 * session.h): 1 when key was one of them, 0 otherwise (the caller inserts text). */
int line_edit_key(line_edit *l, int key);

/* cp (a Unicode scalar value) as UTF-8 into u (4 bytes); returns its length. */
size_t line_edit_utf8(unsigned cp, char *u);

#endif
