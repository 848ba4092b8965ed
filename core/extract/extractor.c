/* The extractor: its vocabulary, loaded once, and the character sets
 * built from it. */
#include "extractor.h"

#include "classify.h"
#include "edushell/base/uchar.h"

#include <stdlib.h>
#include <string.h>

/* Chinese numerals and the quotation marks of quote_delta. */
static const int32_t scanned_chars[] = {
    0x96F6, 0x3007, 0x4E00, 0x4E8C, 0x4E24, 0x4E09, 0x56DB, 0x4E94, 0x516D,
    0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF,
    0x201C, 0x2018, 0x300A, 0x300C, 0x300E, 0x3008,
    0x201D, 0x2019, 0x300B, 0x300D, 0x300F, 0x3009,
};

static void mark(unsigned char *bits, int32_t cp)
{
    bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* Marks the first character of each word of `role` that is 3 bytes long. */
static void mark_first_chars(unsigned char *bits, const vocab *v, vocab_role role)
{
    const vocab_list *list = &v->roles[role];
    for (size_t k = 0; k < list->n; k++)
        if (es_u8_len(list->words[k].text) == 3)
            mark(bits, es_u8_cp(list->words[k].text));
}

static void init_either(es_extractor *ex)
{
    for (size_t k = 0; k < sizeof ex->either; k++)
        ex->either[k] = ex->scanned[k] | ex->cue_start[k];
}

static void init_after_numeral(es_extractor *ex)
{
    mark_first_chars(ex->after_numeral, &ex->words, ROLE_UNIT);
    mark_first_chars(ex->after_numeral, &ex->words, ROLE_CMP_MID);
    static const int32_t joiners[] = { 0x81F3 /* 至 */, 0x5230 /* 到 */, 0x5206 /* 分之 */, 0x3001 /* 、 */ };
    for (size_t k = 0; k < sizeof joiners / sizeof *joiners; k++)
        mark(ex->after_numeral, joiners[k]);
}

static void init_scanned(es_extractor *ex)
{
    for (size_t k = 0; k < sizeof scanned_chars / sizeof *scanned_chars; k++)
        mark(ex->scanned, scanned_chars[k]);
    for (unsigned left = SENTENCE_CUES; left; left &= left - 1) {
        const vocab_list *list = &ex->words.roles[__builtin_ctz(left)];
        for (size_t k = 0; k < list->n; k++)
            if (es_u8_len(list->words[k].text) == 3)   /* every cue word is Chinese */
                mark(ex->cue_start, es_u8_cp(list->words[k].text));
    }
}

es_extractor *es_extractor_new(const char *data_dir, es_err *err)
{
    es_extractor *ex = es_xcalloc(1, sizeof *ex);
    if (vocab_load(&ex->words, data_dir, err) != 0) {
        free(ex);
        return NULL;
    }
    init_scanned(ex);
    init_either(ex);
    init_after_numeral(ex);
    return ex;
}

void es_extractor_free(es_extractor *ex)
{
    if (!ex)
        return;
    vocab_free(&ex->words);
    free(ex);
}

