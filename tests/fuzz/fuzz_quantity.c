/* The number and quantity readers, where the extractor calls them: at
 * every digit or Chinese numeral of a normalized text. Input that is not
 * text (as decoding decides) is no input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "edushell/base/uchar.h"
#include "edushell/extract/number.h"
#include "edushell/source/source.h"
#include "edushell/text/normalize.h"
#include "quantity.h"

static vocab words;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    es_err err = {{0}};
    if (vocab_load(&words, EDUSHELL_SOURCE_DATA, &err) != 0)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text;
    size_t len;
    es_err err = {{0}};
    if (es_decode_text((const char *)data, size, &text, &len, NULL, &err) != 0)
        return 0;
    es_view view;
    es_view_build(text, len, &view);
    for (size_t at = 0; at < view.len; at += es_u8_len(view.text + at)) {
        int32_t cp = es_u8_cp(view.text + at);
        if (!(cp >= '0' && cp <= '9') && !es_is_cn_numeral(cp))
            continue;
        es_number num;
        es_number_parse(view.text + at, view.len - at, &num);
        quantity q;
        size_t next;
        quantity_read(&words, view.text, 0, view.len, at, &q, &next);
        quantity_read_cell(&words, view.text, at, view.len, &q);
    }
    es_view_free(&view);
    free(text);
    return 0;
}
