/* The normalized view of a raw text, with a map back to raw offsets.
 *
 * Matching runs on the view: full-width ASCII (０-９, Ａ-Ｚ, ％, ．, ～ ...)
 * becomes half-width, the ideographic space a space, other characters are
 * NFKC-normalized (utf8proc), and punctuation variants are unified. Every
 * byte of the view maps back to the raw byte offset of the character it came
 * from, so a figure found in the view points at the exact raw characters. */
#ifndef EDUSHELL_TEXT_NORMALIZE_H
#define EDUSHELL_TEXT_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

typedef struct es_view {
    char *text;    /* normalized UTF-8, NUL-terminated */
    size_t len;
    uint32_t *map; /* len + 1 entries: map[i] = raw offset of the character
                      that view byte i came from; map[len] = raw length */
} es_view;

void es_view_build(const char *raw, size_t len, es_view *out);
void es_view_free(es_view *v);

/* Raw span of view span [vs, ve): from the start of the character at vs to
 * the end of the raw character that produced view byte ve-1. */
void es_view_to_raw(const es_view *v, size_t vs, size_t ve, size_t *rs, size_t *re);

/* The first view offset whose character starts at or after raw offset
 * `raw`: where a raw span given from outside (a table's cell) begins in the
 * view. */
size_t es_view_offset(const es_view *v, size_t raw);

/* Display width of UTF-8 text in a terminal: East Asian wide and full-width
 * characters count 2, combining marks 0. */
size_t es_display_width(const char *s, size_t len);

#endif
