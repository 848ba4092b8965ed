/* Extraction of a text as a document: the normalized view, structure,
 * metadata and indicators, with every span checked against the text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "edushell/document/gazetteer.h"
#include "edushell/extract/extract.h"
#include "edushell/source/source.h"

static es_extractor *extractor;
static es_gazetteer *gazetteer;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    es_err err = {{0}};
    extractor = es_extractor_new(EDUSHELL_SOURCE_DATA, &err);
    gazetteer = es_gazetteer_load(EDUSHELL_SOURCE_DATA "/regions.tsv", &err);
    if (!extractor || !gazetteer)
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
    es_text_in in = {.text = text, .len = len, .gazetteer = gazetteer};
    es_view view = {0};
    es_structure st = {0};
    es_meta meta = {0};
    es_indicator_list out = {0};
    es_extract_text(extractor, &in, &view, &st, &meta, &out);
    for (size_t k = 0; k < out.n; k++)
        if (out.items[k].start > out.items[k].end || out.items[k].end > len)
            abort(); /* a span outside the text */
    es_indicator_list_free(&out);
    es_meta_free(&meta);
    es_structure_free(&st);
    es_view_free(&view);
    free(text);
    return 0;
}
