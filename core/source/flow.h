/* Writing a document's raw text as readers walk its structure.
 *
 * Readers of structured formats (HTML, Word, OpenDocument, workbooks, PDF)
 * hand over text, line and paragraph breaks as they meet them; the flow
 * settles breaks and blanks lazily, so the text never has blanks at the end
 * of a line, never more than one blank line in a row, and ends with one
 * line break. Nothing written is ever rewritten, so an offset taken while
 * writing (a table cell's span) stays true. Private to the source stage. */
#ifndef EDUSHELL_SOURCE_FLOW_H
#define EDUSHELL_SOURCE_FLOW_H

#include <stddef.h>

#include "edushell/base/common.h"
#include "edushell/source/source.h"
#include "edushell/source/table.h"

typedef enum flow_blanks {
    FLOW_KEEP_BLANKS,     /* blanks inside a line stay as written (Word, OpenDocument) */
    FLOW_COLLAPSE_BLANKS  /* a run of whitespace is one space (HTML) */
} flow_blanks;

typedef struct flow {
    es_buf out;
    es_buf blanks;        /* blanks owed before the next text on this line */
    int breaks;           /* line breaks owed before the next text: 0, 1 or 2 */
    flow_blanks mode;
    es_table_list tables; /* tables written so far; their cells span `out` */
    size_t limit;         /* most bytes of text; past it `overflow` is set */
    int overflow;
} flow;

void flow_init(flow *f, flow_blanks mode);
void flow_free(flow *f);

/* Inline text. In FLOW_COLLAPSE_BLANKS mode whitespace (no-break space
 * included) becomes one space between words; in both modes line feeds and
 * other control characters inside `s` count as blanks, and bytes that are
 * not UTF-8 become U+FFFD. */
void flow_text(flow *f, const char *s, size_t n);
void flow_puts(flow *f, const char *s);

/* A blank between words (a table cell's neighbour in running text). */
void flow_space(flow *f);

/* The next text starts a line / starts after a blank line. */
void flow_line(flow *f);
void flow_paragraph(flow *f);

/* A line break as written (<br>, a Word break, an empty paragraph): one
 * more line break, at most one blank line. */
void flow_break(flow *f);

/* Settles owed breaks so that the next bytes start a line (nothing at the
 * very start of the text) and returns where they go. */
size_t flow_start_line(flow *f);

/* Settles what is owed before the next text and returns where that text
 * will go (a page's start). */
size_t flow_mark(flow *f);

/* Appends bytes exactly as given (a table row already cleaned). */
void flow_raw(flow *f, const char *s, size_t n);

/* Whether nothing but blanks has been written since the last line start. */
int flow_at_line_start(const flow *f);

/* Hands over the text (ending with one line feed, or empty) and the
 * tables, and resets the flow. */
char *flow_take(flow *f, size_t *len, es_table_list *tables);

/* Ends a reader's flow: when rc is 0 and the text is within the flow's
 * limit and not empty, its text and tables become `out` (UTF-8, in
 * `format`) and 0 is returned; otherwise the flow is freed, `out` left
 * empty, and -1 returned with err set to `too_large` or `no_text` (an
 * error of rc's is kept as it is). */
int flow_finish(flow *f, int rc, es_format format, const char *too_large, const char *no_text,
                es_source *out, es_err *err);

/* One line of text from several: line feeds (and the blanks around them)
 * are removed, with one space left only between two words of Latin
 * letters (or a word and a number); blanks inside a line become one space.
 * Used for a table cell's paragraphs. Returns a new string. */
char *flow_join_lines(const char *s, size_t n, size_t *out_len);

/* Whether a space belongs between the character ending one line and the
 * one starting the next: only between Latin words, not inside Chinese
 * text nor inside a number. */
int flow_space_between(int32_t before, int32_t after);

#endif
