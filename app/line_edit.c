/* line_edit.c — the typing field's editing keys (see line_edit.h). */
#include "line_edit.h"

#include <string.h>

#include "session.h"

size_t line_edit_utf8(unsigned cp, char *u)
{
    if (cp < 0x80) {
        u[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (char)(0xc0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (char)(0xe0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    u[0] = (char)(0xf0 | cp >> 18);
    u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    u[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Start of the UTF-8 sequence before byte pos of buf. */
static size_t utf8_prev(const char *buf, size_t pos)
{
    if (pos == 0)
        return 0;
    pos--;
    while (pos > 0 && ((unsigned char)buf[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

/* Remove bytes [from, to) of the line; the cursor goes to from. */
static void cut(line_edit *l, size_t from, size_t to)
{
    memmove(l->buf + from, l->buf + to, strlen(l->buf + to) + 1);
    l->pos = from;
}

/* Readline's basics: Ctrl-U clears to the start, Ctrl-W deletes the word before the
 * cursor, Ctrl-K to the end, Home/Ctrl-A and End/Ctrl-E, ← →. 1 when key was one. */
int line_edit_key(line_edit *l, int key)
{
    const size_t len = strlen(l->buf);
    size_t pos = l->pos <= len ? l->pos : len;
    switch (key) {
    case 0x15: /* Ctrl-U */
        cut(l, 0, pos);
        return 1;
    case 0x0b: /* Ctrl-K */
        l->buf[pos] = 0;
        return 1;
    case 0x17: { /* Ctrl-W: blanks, then the word */
        size_t from = pos;
        while (from > 0 && l->buf[from - 1] == ' ')
            from--;
        while (from > 0 && l->buf[from - 1] != ' ' && l->buf[from - 1] != ',')
            from--;
        cut(l, from, pos);
        return 1;
    }
    case SKEY_BACKSPACE:
        cut(l, utf8_prev(l->buf, pos), pos);
        return 1;
    case SKEY_HOME:
    case 0x01:
        l->pos = 0;
        return 1;
    case SKEY_END:
    case 0x05:
        l->pos = len;
        return 1;
    case SKEY_LEFT:
        l->pos = utf8_prev(l->buf, pos);
        return 1;
    case SKEY_RIGHT:
        while (pos < len && ((unsigned char)l->buf[++pos] & 0xC0) == 0x80)
            ;
        l->pos = pos;
        return 1;
    default:
        return 0;
    }
}
