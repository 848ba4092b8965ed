/* Several words found in a text in one pass.
 *
 * Looking for a few words through a whole document with one memmem each
 * reads the text once per word; this reads it once for all of them. A
 * bitmap filter of the words' first bytes passes over almost every place
 * of a text at once, and only where it matches are the words compared.
 * It is keyed by the first three bytes (a Chinese character), fewer when
 * a word is shorter: the first two alone would pass too often, as 全
 * shares them with 公, 六, 共, 关 and 其. */
#include "word_scan.h"

#include <stdint.h>
#include <string.h>

/* The filter key of the first ws->key_bytes bytes at s. */
static inline unsigned lead_key(const word_scan *ws, const unsigned char *s)
{
    uint32_t v = s[0];
    if (ws->key_bytes > 1)
        v |= (uint32_t)s[1] << 8;
    if (ws->key_bytes > 2)
        v |= (uint32_t)s[2] << 16;
    return (v * 2654435761u) >> (32 - WORD_SCAN_KEY_BITS);
}

void word_scan_init(word_scan *ws, const char *text, size_t len, const char *const *words, size_t n)
{
    memset(ws->leads, 0, sizeof ws->leads);
    ws->words = words;
    ws->n = n < WORD_SCAN_MAX ? n : WORD_SCAN_MAX;
    ws->text = text;
    ws->len = len;
    ws->at = 0;
    ws->word = 0;
    ws->key_bytes = 3;
    for (size_t i = 0; i < ws->n; i++) {
        ws->lens[i] = strlen(words[i]);
        ws->next[i] = 0;
        if (ws->lens[i] < ws->key_bytes)
            ws->key_bytes = ws->lens[i] ? ws->lens[i] : 1;
    }
    for (size_t i = 0; i < ws->n; i++)
        if (ws->lens[i] > 0) {
            unsigned key = lead_key(ws, (const unsigned char *)words[i]);
            ws->leads[key >> 3] |= (unsigned char)(1u << (key & 7));
        }
}

/* Whether word i starts at ws->at and may match there. */
static int word_at(const word_scan *ws, size_t i)
{
    size_t n = ws->lens[i];
    return n > 0 && ws->next[i] <= ws->at && n <= ws->len - ws->at &&
           memcmp(ws->text + ws->at, ws->words[i], n) == 0;
}

/* Moves ws->at to the next place whose first bytes may begin a word, or
 * to the end of the text when no word fits before it. */
static void skip_to_lead(word_scan *ws)
{
    const unsigned char *s = (const unsigned char *)ws->text;
    size_t at = ws->at;
    while (at + ws->key_bytes <= ws->len) {
        unsigned key = lead_key(ws, s + at);
        if (ws->leads[key >> 3] & (1u << (key & 7)))
            break;
        at++;
    }
    ws->at = at + ws->key_bytes <= ws->len ? at : ws->len;
}

int word_scan_next(word_scan *ws, size_t *at, size_t *which)
{
    while (ws->at < ws->len) {
        if (ws->word == 0)
            skip_to_lead(ws);
        for (size_t i = ws->word; i < ws->n; i++)
            if (word_at(ws, i)) {
                ws->next[i] = ws->at + ws->lens[i];
                ws->word = i + 1;
                *at = ws->at;
                *which = i;
                return 1;
            }
        ws->word = 0;
        ws->at++;
    }
    return 0;
}

void word_scan_count(const char *text, size_t len, const char *const *words, size_t n, size_t *counts)
{
    word_scan ws;
    word_scan_init(&ws, text, len, words, n);
    for (size_t i = 0; i < ws.n; i++)
        counts[i] = 0;
    size_t at, which;
    while (word_scan_next(&ws, &at, &which))
        counts[which]++;
}
