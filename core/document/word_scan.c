/* Several words found in a text in one pass.
 *
 * Looking for a few words through a whole document with one memmem each
 * reads the text once per word; this reads it once for all of them, and
 * like memmem it does not look at every place. It is the Wu-Manber search:
 * a window as long as the shortest word slides along the text, and the
 * last two bytes of the window (a block) say how far it may move without
 * passing over a word: as far as from the block's last place in a word's
 * first bytes to the window's end, or the whole window when no word holds
 * the block. Where the shift is nought, a word may start at the window,
 * and the words are compared there. */
#include "word_scan.h"

#include <stdint.h>
#include <string.h>

/* The shift table's key of the block of ws->block bytes at s. */
static inline unsigned block_key(const word_scan *ws, const unsigned char *s)
{
    if (ws->block == 1)
        return s[0];
    return (((uint32_t)s[0] << 8 | s[1]) * 2654435761u) >> (32 - WORD_SCAN_SHIFT_BITS);
}

/* Lowers the shifts of the blocks of a word's first ws->window bytes. */
static void note_word(word_scan *ws, const unsigned char *w)
{
    for (size_t end = ws->block - 1; end < ws->window; end++) {
        unsigned key = block_key(ws, w + end + 1 - ws->block);
        size_t shift = ws->window - 1 - end;
        if (shift < ws->shift[key])
            ws->shift[key] = (unsigned char)shift;
    }
}

void word_scan_init(word_scan *ws, const char *text, size_t len, const char *const *words, size_t n)
{
    ws->words = words;
    ws->n = n < WORD_SCAN_MAX ? n : WORD_SCAN_MAX;
    ws->text = text;
    ws->len = len;
    ws->at = 0;
    ws->word = 0;
    ws->window = WORD_SCAN_WINDOW_MAX;
    for (size_t i = 0; i < ws->n; i++) {
        ws->lens[i] = strlen(words[i]);
        ws->next[i] = 0;
        if (ws->lens[i] > 0 && ws->lens[i] < ws->window)
            ws->window = ws->lens[i];
    }
    ws->block = ws->window >= 2 ? 2 : 1;
    memset(ws->shift, (int)(ws->window - ws->block + 1), sizeof ws->shift);
    for (size_t i = 0; i < ws->n; i++)
        if (ws->lens[i] > 0)
            note_word(ws, (const unsigned char *)words[i]);
}

/* Whether word i starts at ws->at and may match there. */
static int word_at(const word_scan *ws, size_t i)
{
    size_t n = ws->lens[i];
    return n > 0 && ws->next[i] <= ws->at && n <= ws->len - ws->at &&
           memcmp(ws->text + ws->at, ws->words[i], n) == 0;
}

/* Moves ws->at to the next place a word may start, or to the end of the
 * text when no word fits before it. */
static void skip_to_candidate(word_scan *ws)
{
    const unsigned char *s = (const unsigned char *)ws->text;
    size_t at = ws->at, window = ws->window, last_block = window - ws->block;
    while (at + window <= ws->len) {
        unsigned shift = ws->shift[block_key(ws, s + at + last_block)];
        if (shift == 0)
            break;
        at += shift;
    }
    ws->at = at + window <= ws->len ? at : ws->len;
}

int word_scan_next(word_scan *ws, size_t *at, size_t *which)
{
    while (ws->at < ws->len) {
        if (ws->word == 0)
            skip_to_candidate(ws);
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
