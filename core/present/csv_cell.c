/* CSV cells as spreadsheets read them. */
#include <string.h>

#include "edushell/present/sheet.h"

/* A formula needs something after its sign: "=" or "-" alone (a
 * comparator, a dash for nothing) is left as it is. */
int es_sheet_formula_like(const char *s, size_t n)
{
    return n > 1 && strchr("=+-@\t\r", s[0]) != NULL;
}

void es_csv_put_text(es_buf *b, const char *s, size_t n)
{
    int neutralise = es_sheet_formula_like(s, n);
    int quote = neutralise || memchr(s, ',', n) || memchr(s, '"', n) || memchr(s, '\n', n) ||
                memchr(s, '\r', n);
    if (!quote) {
        es_buf_append(b, s, n);
        return;
    }
    es_buf_putc(b, '"');
    if (neutralise)
        es_buf_putc(b, '\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            es_buf_putc(b, '"');
        es_buf_putc(b, s[i]);
    }
    es_buf_putc(b, '"');
}
