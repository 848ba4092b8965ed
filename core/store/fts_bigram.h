/* The search index's tokenizer (FTS5, registered on every connection the
 * store opens) and the translation of what a user types into a MATCH
 * expression that answers it exactly.
 *
 * Text is split into runs of characters between separators (spaces and
 * clause punctuation: es_bigram_is_separator). A run c1..cm gives the
 * overlapping pairs c1c2 .. c(m-1)cm, then the single character cm, each
 * at its own position; a run of one character gives that character. ASCII
 * letters are folded to lower case; nothing else is changed.
 *
 * Why that is exact (with detail=full): a query term of m >= 2 characters
 * becomes the phrase of its m-1 pairs, which occur at consecutive
 * positions exactly where the term occurs inside one run; the single
 * character closing each run stands between runs, so no phrase matches
 * across a separator. A term of one character X becomes the prefix query
 * "X"*: every X of a text begins a token (the pair it opens, or the
 * single character that closes its run). So for a term t without
 * separators,
 *     rows matching es_bigram_query(t) == rows where instr(lower(text), lower(t)) > 0
 * and for a text of several terms, the rows containing every term. */
#ifndef EDUSHELL_STORE_FTS_BIGRAM_H
#define EDUSHELL_STORE_FTS_BIGRAM_H

#include <sqlite3.h>

#define ES_BIGRAM_TOKENIZER "edu_bigram"
#define ES_BIGRAM_QUERY_FUNCTION "edu_bigram_query"

/* Registers the tokenizer ES_BIGRAM_TOKENIZER and the SQL function
 * ES_BIGRAM_QUERY_FUNCTION(text), the translation of es_bigram_query
 * (NULL when the text has nothing to search). Returns an SQLite code. */
int es_bigram_register(sqlite3 *db);

/* Translates what a user types into an FTS5 MATCH expression: its terms
 * (runs between separators) joined by AND, each a quoted phrase, a term of
 * one character a prefix query. No input yields an FTS5 syntax error. On
 * SQLITE_OK, *out is a malloc'd expression, or NULL when the text holds no
 * searchable character. */
int es_bigram_query(const char *text, char **out);

/* True for the code points that end a run: whitespace, controls and
 * clause punctuation. */
int es_bigram_is_separator(unsigned cp);

/* Decodes the character at s[0..n) (n >= 1) into *cp and returns its length
 * in bytes (1..4). An invalid or truncated sequence is one character of one
 * byte, with *cp = 0x110000 + that byte (never a separator). */
int es_bigram_decode(const unsigned char *s, int n, unsigned *cp);

/* Finds the next term in s[0..n) at or after byte *pos: on return 1 the
 * term is s[*start..*end) with *nchar characters and *pos is past it;
 * returns 0 when no term is left. The tokenizer and the translator split
 * text with it, so both split alike. */
int es_bigram_next_term(const unsigned char *s, int n, int *pos, int *start, int *end, int *nchar);

#endif
