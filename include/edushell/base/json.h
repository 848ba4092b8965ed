/* Writing JSON values into a buffer (export, metadata columns). */
#ifndef EDUSHELL_BASE_JSON_H
#define EDUSHELL_BASE_JSON_H

#include "edushell/base/common.h"

/* A JSON string literal with quotes; s[0..len) must be UTF-8. */
void es_json_string(es_buf *b, const char *s, size_t len);
/* A number the way JSON wants it: integers without a fraction, NaN as null. */
void es_json_number(es_buf *b, double v);

#endif
