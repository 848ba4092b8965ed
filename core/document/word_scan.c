/* Several words found in a text in one pass.
 *
 * Looking for a few words through a whole document with one memmem each
 * reads the text once per word; this reads it once for all of them. A
 * bitmap of the words' first two bytes passes over almost every place of
 * a text at once, and only where it matches are the words compared. */
#include "word_scan.h"

#include <string.h>

/* The key of the two bytes at s: the first, then the second. */
static inline unsigned lead_key(const unsigned char *s)
{
    return (unsigned)s[0] << 8 | s[1];
}

static void mark_lead(word_scan *ws, unsigned key)
{
    ws->leads[key >> 3] |= (unsigned char)(1u << (key & 7));
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
    for (size_t i = 0; i < ws->n; i++) {
        const unsigned char *w = (const unsigned char *)words[i];
        ws->lens[i] = strlen(words[i]);
        ws->next[i] = 0;
        if (ws->lens[i] >= 2)
            mark_lead(ws, lead_key(w));
        else   /* a one-byte word: any second byte */
            for (unsigned b = 0; b < 256; b++)
                mark_lead(ws, (unsigned)w[0] << 8 | b);
    }
}

/* Whether word i starts at ws->at and may match there. */
static int word_at(const word_scan *ws, size_t i)
{
    size_t n = ws->lens[i];
    return n > 0 && ws->next[i] <= ws->at && n <= ws->len - ws->at &&
           memcmp(ws->text + ws->at, ws->words[i], n) == 0;
}

/* Moves ws->at to the next place whose first two bytes begin some word;
 * the last byte of the text begins only a one-byte word. */
static void skip_to_lead(word_scan *ws)
{
    const unsigned char *s = (const unsigned char *)ws->text;
    size_t at = ws->at;
    while (at + 1 < ws->len) {
        unsigned key = lead_key(s + at);
        if (ws->leads[key >> 3] & (1u << (key & 7)))
            break;
        at++;
    }
    ws->at = at;
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
