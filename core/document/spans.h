/* Lines and spans of raw text, for the metadata heuristics. */
#ifndef EDUSHELL_SPANS_H
#define EDUSHELL_SPANS_H

#include <stddef.h>

#include "edushell/base/uchar.h"

/* One line without its line break and without surrounding blanks (ASCII
 * spaces, tabs, the ideographic space, no-break spaces). */
typedef struct meta_line {
    const char *s;
    size_t len;
    size_t offset; /* of s in the text */
} meta_line;

/* Reads the line starting at *pos and moves *pos past it; returns 0 when
 * the text is exhausted. */
int meta_line_next(const char *text, size_t len, size_t *pos, meta_line *line);

int meta_starts(const char *s, size_t len, const char *prefix);
int meta_ends(const char *s, size_t len, const char *suffix);
/* First occurrence of needle in s[0..len), or NULL. */
const char *meta_find(const char *s, size_t len, const char *needle);

#endif
