/* Source detection and decoding: any bytes, under any of the names a
 * load meets (the first byte picks it), become sources or one error. */
#include <stddef.h>
#include <stdint.h>

#include "edushell/source/source.h"

static const char *const NAMES[] = {"doc.txt", "page.html", "corpus.csv", "noextension", "doc.htm"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *name = NAMES[data[0] % (sizeof NAMES / sizeof NAMES[0])];
    es_source_list out = {0};
    es_err err = {{0}};
    es_source_from_bytes(name, (const char *)data + 1, size - 1, &out, &err);
    es_source_list_free(&out);
    return 0;
}
