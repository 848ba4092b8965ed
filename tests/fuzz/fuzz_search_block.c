/* The search file's reading of what it finds on disk, and the split of a
 * text into its terms: any bytes as a block of lists (the first eight
 * bytes its first term and its chunk's first id), and as a sentence's
 * text. A damaged block must be refused, never read past its end. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "search_terms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    es_term_keys keys = {0};
    es_term_keys_add(&keys, data, (int)(size < 1 << 16 ? size : 1 << 16), 5);
    es_term_keys_sort(&keys);
    for (size_t i = 1; i < keys.n; i++)
        if (es_key_term(keys.keys[i - 1]) > es_key_term(keys.keys[i]) || es_key_place(keys.keys[i]) != 5)
            abort();
    es_term_keys_free(&keys);

    uint64_t head = 0;
    memcpy(&head, data, size < 8 ? size : 8);
    size_t skip = size < 8 ? size : 8;
    es_block_reader r;
    es_block_reader_init(&r, data + skip, size - skip, head >> 24, (int64_t)(head & 0xFFFFFF));
    es_term term;
    uint64_t count;
    int got;
    while ((got = es_block_next(&r, &term, &count)) == 1) {
        /* es_block_next refuses a count the block's bytes cannot hold. */
        if (count > size)
            abort();
        int64_t *ids = malloc((size_t)count * sizeof *ids);
        if (!ids || es_block_ids(&r, count, ids) != 0) {
            free(ids);
            break;
        }
        unsigned char out[10 * 4 + 64];
        size_t n = count < 4 ? (size_t)count : 4;
        if (es_list_encode(out, 0, (int64_t)(head & 0xFFFFFF), ids, n) > sizeof out)
            abort();
        free(ids);
    }
    return 0;
}
