/* load_parse.h — the text of batch files as --load reads it: CSV lines split at commas
 * and the flat JSON objects batch.c writes (one per line), parsed in place. Only what
 * reluscope writes needs to be read; anything else is reported as malformed. */
#ifndef LOAD_PARSE_H
#define LOAD_PARSE_H

#include <stddef.h>

#include "param.h"

enum { LOAD_MAX_FIELDS = 96 };

/* A key = value of a head, copied out of the line. */
typedef struct {
    char key[64];
    char value[PARAM_MAX_LIST * 24];
} load_field;

/* A member of a JSON object, pointing into the parsed line. */
typedef struct {
    char *key, *value; /* value: the string's text, or the bare token (number, null) */
} load_member;

/* Split line (no newline) at commas, in place, into at most max fields; returns the count,
 * or max + 1 when there are more. */
size_t load_parse_csv(char *line, char **fields, size_t max);

/* Parse the flat JSON object starting at the '{' at *s (strings and bare tokens only),
 * in place, into at most max members; *s moves past its '}'. Returns the count, or -1
 * when malformed or too long. */
int load_parse_json_object(char **s, load_member *out, size_t max);

/* The text of the string member "key": "..." of line, unescaped in place (the line is
 * changed from there on), or NULL when line has none. */
char *load_parse_json_string(char *line, const char *key);

#endif
