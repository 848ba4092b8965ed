/* HTML to text, and telling HTML from text: any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "edushell/source/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    es_looks_like_html((const char *)data, size);
    size_t len = 0;
    free(es_html_to_text((const char *)data, size, &len));
    return 0;
}
