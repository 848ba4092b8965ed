/* Decoding text bytes: the pieces the readers share (private to the
 * source stage). */
#ifndef EDUSHELL_SOURCE_DECODE_H
#define EDUSHELL_SOURCE_DECODE_H

#include <stddef.h>

#include "edushell/source/source.h"

/* es_decode_text, trying `preferred` (an es_encoding, or -1 for none)
 * first among the legacy encodings: an HTML page's declared charset. */
int es_decode_text_as(const char *bytes, size_t len, int preferred, char **out,
                      size_t *out_len, es_encoding *enc, es_err *err);

/* The encoding a charset label names ("gb2312", "GBK", "Big5", "UTF-8"...),
 * or -1 when it is none that is read here. */
int es_encoding_from_label(const char *label);

/* Offset of the first byte that breaks strict UTF-8, or len. */
size_t es_first_invalid_utf8(const char *bytes, size_t len);

#endif
