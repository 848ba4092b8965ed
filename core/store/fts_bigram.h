/* The tokenizer of the index of metric phrases (FTS5, registered on every
 * connection the store opens), the translation of what a user types into
 * a MATCH expression, and the check that makes its answer exact. The
 * sentences' index splits text into the same tokens (search_terms.h) and
 * answers the same way (search_read.c).
 *
 * Text is split into runs of characters between separators (spaces and
 * clause punctuation: es_bigram_is_separator). A run c1..cm gives the
 * overlapping pairs c1c2 .. c(m-1)cm, then the single character cm, each
 * at its own position; a run of one character gives that character. ASCII
 * letters are folded to lower case; nothing else is changed.
 *
 * What the index answers (it keeps which rows hold a token, not where:
 * detail=none). A query term of one character X becomes the prefix query
 * "X"*: every X of a text begins a token (the pair it opens, or the single
 * character that closes its run), so the rows found are exactly the rows
 * holding X. A term of two characters is one pair: exactly the rows
 * holding it. A term of m > 2 characters becomes its m-1 pairs ANDed: the
 * rows holding all of them, among which the rows holding the term; the
 * caller keeps those with es_bigram_contains (SQL edu_bigram_contains).
 * So for a text q of several terms,
 *     rows matching es_bigram_query(q) and edu_bigram_contains(text, q)
 *       == rows where instr(lower(text), lower(t)) > 0 for every term t,
 * and es_bigram_exact(q) says when the match alone is enough. */
#ifndef EDUSHELL_STORE_FTS_BIGRAM_H
#define EDUSHELL_STORE_FTS_BIGRAM_H

#include <stddef.h>

#include <sqlite3.h>

#define ES_BIGRAM_TOKENIZER "edu_bigram"
#define ES_BIGRAM_QUERY_FUNCTION "edu_bigram_query"

/* Registers the tokenizer ES_BIGRAM_TOKENIZER and the SQL functions
 * ES_BIGRAM_QUERY_FUNCTION(text), the translation of es_bigram_query
 * (NULL when the text has nothing to search), edu_bigram_exact(text) and
 * edu_bigram_contains(haystack, text). Returns an SQLite code. */
int es_bigram_register(sqlite3 *db);

/* Translates what a user types into an FTS5 MATCH expression: its terms
 * (runs between separators) joined by AND, each as its quoted pairs joined
 * by AND, a term of one character a prefix query. No input yields an FTS5 syntax error. On
 * SQLITE_OK, *out is a malloc'd expression, or NULL when the text holds no
 * searchable character. */
int es_bigram_query(const char *text, char **out);

/* 1 when every term of text has at most two characters: then the rows
 * matching es_bigram_query(text) are exactly those holding its terms. */
int es_bigram_exact(const char *text);

/* 1 when hay[0..n) holds every term of text (ASCII letters in either case),
 * else 0. A term that is not valid UTF-8 is held by no text. */
int es_bigram_contains(const char *hay, size_t n, const char *text);

/* True for the code points that end a run: whitespace, controls and
 * clause punctuation. */
int es_bigram_is_separator(unsigned cp);

/* Decodes the character at s[0..n) (n >= 1) into *cp and returns its length
 * in bytes (1..4). An invalid or truncated sequence is one character of one
 * byte, with *cp = 0x110000 + that byte (never a separator). */
int es_bigram_decode(const unsigned char *s, int n, unsigned *cp);

/* The character at s[at] as the tokenizers walk a text: its code point in
 * *cp and its length; at the end (at == n) a space, which ends the last
 * run. One byte's test for ASCII before a whole decode. */
static inline int es_bigram_char_at(const unsigned char *s, int n, int at, unsigned *cp)
{
    if (at >= n) {
        *cp = ' ';
        return 1;
    }
    if (s[at] < 0x80) {
        *cp = s[at];
        return 1;
    }
    return es_bigram_decode(s + at, n - at, cp);
}

/* Finds the next term in s[0..n) at or after byte *pos: on return 1 the
 * term is s[*start..*end) with *nchar characters and *pos is past it;
 * returns 0 when no term is left. The tokenizer and the translator split
 * text with it, so both split alike. */
int es_bigram_next_term(const unsigned char *s, int n, int *pos, int *start, int *end, int *nchar);

#endif
