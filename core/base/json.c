/* JSON literals: strings with the escapes JSON requires, and numbers. */
#include "edushell/base/json.h"

#include <math.h>

/* Runs of bytes that need no escape are copied whole: a document's text
 * is written this way, and a call per byte took most of extract's time. */
void es_json_string(es_buf *b, const char *s, size_t len)
{
    es_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        if (i > run)
            es_buf_append(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': es_buf_puts(b, "\\\""); break;
        case '\\': es_buf_puts(b, "\\\\"); break;
        case '\n': es_buf_puts(b, "\\n"); break;
        case '\r': es_buf_puts(b, "\\r"); break;
        case '\t': es_buf_puts(b, "\\t"); break;
        default: es_buf_printf(b, "\\u%04x", c);
        }
    }
    if (len > run)
        es_buf_append(b, s + run, len - run);
    es_buf_putc(b, '"');
}

void es_json_number(es_buf *b, double v)
{
    if (!isfinite(v))
        es_buf_puts(b, "null");
    else if (v == floor(v) && fabs(v) < 1e15)
        es_buf_printf(b, "%.0f", v);
    else
        es_buf_printf(b, "%.15g", v);
}
