/* A PDF's text: pages, lines joined into paragraphs, page starts, from any bytes: a source or one error. */
#include <stddef.h>
#include <stdint.h>

#include "edushell/source/readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    es_source src;
    es_err err = {{0}};
    if (es_read_pdf((const char *)data, size, &src, &err) == 0)
        es_source_free(&src);
    return 0;
}
