/* load_parse.c — splitting batch lines for --load (see load_parse.h). */
#include "load_parse.h"

#include <stdio.h>
#include <string.h>

size_t load_parse_csv(char *line, char **fields, size_t max)
{
    size_t n = 0;
    for (char *s = line;; s++) {
        if (n == max)
            return max + 1;
        fields[n++] = s;
        s += strcspn(s, ",");
        if (!*s)
            return n;
        *s = 0;
    }
}

static char *skip_space(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* The JSON string at *s (after its opening quote), unescaped in place; *s moves past the
 * closing quote. NULL when unterminated. \uXXXX is kept only for ASCII, which is all the
 * writer escapes. */
static char *json_string(char **s)
{
    char *out = *s, *w = *s;
    for (char *r = *s; *r; r++) {
        if (*r == '"') {
            *w = 0;
            *s = r + 1;
            return out;
        }
        if (*r == '\\') {
            r++;
            if (*r == 'u' && strlen(r) >= 5) {
                unsigned code = 0;
                for (int k = 1; k <= 4; k++) {
                    const char h = r[k];
                    code = code * 16 + (unsigned)(h >= 'a'   ? h - 'a' + 10
                                                  : h >= 'A' ? h - 'A' + 10
                                                             : h - '0');
                }
                *w++ = code < 0x80 && code > 0 ? (char)code : '?';
                r += 4;
                continue;
            }
            if (!*r)
                return NULL;
            *w++ = *r == 'n' ? '\n' : *r == 't' ? '\t' : *r;
            continue;
        }
        *w++ = *r;
    }
    return NULL;
}

int load_parse_json_object(char **s, load_member *out, size_t max)
{
    char *p = skip_space(*s);
    if (*p != '{')
        return -1;
    p = skip_space(p + 1);
    size_t n = 0;
    if (*p == '}') {
        *s = p + 1;
        return 0;
    }
    for (;;) {
        if (n == max || *p != '"')
            return -1;
        p++;
        char *key = json_string(&p);
        p = key ? skip_space(p) : p;
        if (!key || *p != ':')
            return -1;
        p++;
        /* a bare token ends at ',' or '}': remember which before it is cut off */
        char *q = skip_space(p);
        char stop = 0;
        if (*q != '"') {
            char *e = q + strcspn(q, ",}");
            stop = *e;
            if (!stop)
                return -1;
            *e = 0;
            char *t = e;
            while (t > q && (t[-1] == ' ' || t[-1] == '\t'))
                *--t = 0;
            out[n].key = key;
            out[n++].value = q;
            p = e + 1;
        } else {
            q++;
            char *v = json_string(&q);
            if (!v)
                return -1;
            out[n].key = key;
            out[n++].value = v;
            p = skip_space(q);
            stop = *p;
            if (stop != ',' && stop != '}')
                return -1;
            p++;
        }
        if (stop == '}') {
            *s = p;
            return (int)n;
        }
        p = skip_space(p);
    }
}

char *load_parse_json_string(char *line, const char *key)
{
    char pat[80];
    snprintf(pat, sizeof pat, "\"%s\": \"", key);
    char *p = strstr(line, pat);
    if (!p)
        return NULL;
    p += strlen(pat);
    return json_string(&p);
}
