/* HTML pages to text, with libxml2's HTML parser.
 *
 * The parser copes with the markup of real sites (unclosed tags, stray
 * end tags, every named entity); this file decides what of the tree is
 * text and where lines break: block elements end lines, <p> and headings
 * end paragraphs, <br> breaks a line, scripts and styles are dropped. A
 * table of data (two rows or more, two columns or more, no table inside)
 * is written as a table; a table that lays out a page is read as running
 * text, its cells apart by a space, as a browser shows them. */
#include "edushell/source/readers.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>

#include "flow.h"
#include "grid.h"
#include "xmlutil.h"

/* How an element affects the text around it. */
typedef enum tag_kind {
    TAG_INLINE,    /* no effect: b, span, a, ... */
    TAG_LINE,      /* starts a new line */
    TAG_PARAGRAPH, /* starts a new paragraph (blank line) */
    TAG_BREAK,     /* <br>: always one line break, so <br><br> leaves a blank line */
    TAG_CELL,      /* table cell in running text: apart from its neighbour by a space */
    TAG_TABLE,     /* a table: data or layout */
    TAG_DROPPED    /* its content is not text */
} tag_kind;

static const struct {
    const char *name;
    tag_kind kind;
} tag_kinds[] = {
    {"br", TAG_BREAK},
    {"div", TAG_LINE},      {"li", TAG_LINE},         {"tr", TAG_LINE},
    {"dt", TAG_LINE},       {"dd", TAG_LINE},         {"option", TAG_LINE},
    {"caption", TAG_LINE},  {"center", TAG_LINE},     {"address", TAG_LINE},
    {"figcaption", TAG_LINE}, {"legend", TAG_LINE},   {"summary", TAG_LINE},
    {"p", TAG_PARAGRAPH},   {"h1", TAG_PARAGRAPH},    {"h2", TAG_PARAGRAPH},
    {"h3", TAG_PARAGRAPH},  {"h4", TAG_PARAGRAPH},    {"h5", TAG_PARAGRAPH},
    {"h6", TAG_PARAGRAPH},  {"ul", TAG_PARAGRAPH},    {"ol", TAG_PARAGRAPH},
    {"dl", TAG_PARAGRAPH},  {"section", TAG_PARAGRAPH}, {"article", TAG_PARAGRAPH},
    {"title", TAG_PARAGRAPH}, {"header", TAG_PARAGRAPH}, {"footer", TAG_PARAGRAPH},
    {"nav", TAG_PARAGRAPH}, {"aside", TAG_PARAGRAPH}, {"main", TAG_PARAGRAPH},
    {"blockquote", TAG_PARAGRAPH}, {"pre", TAG_PARAGRAPH}, {"hr", TAG_PARAGRAPH},
    {"form", TAG_PARAGRAPH}, {"figure", TAG_PARAGRAPH}, {"fieldset", TAG_PARAGRAPH},
    {"details", TAG_PARAGRAPH},
    {"td", TAG_CELL},       {"th", TAG_CELL},
    {"table", TAG_TABLE},
    {"script", TAG_DROPPED}, {"style", TAG_DROPPED},  {"template", TAG_DROPPED},
};

enum { MAX_SPAN = 1000 };

/* A cell holding more text than this is a page's column, not a datum:
 * its table lays out the page. */
enum { DATA_CELL_MAX_BYTES = 1500 };

static tag_kind kind_of(const xmlNode *n)
{
    for (size_t k = 0; k < sizeof tag_kinds / sizeof tag_kinds[0]; k++)
        if (strcasecmp(tag_kinds[k].name, (const char *)n->name) == 0)
            return tag_kinds[k].kind;
    return TAG_INLINE;
}

/* ASCII only: <ctype.h> follows the locale, and bytes of UTF-8 sequences
 * must never count as letters. */
static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* --- character references ------------------------------------------------- */

/* HTML maps a numeric reference to nothing valid (&#0;, a surrogate, past
 * U+10FFFF) to U+FFFD, and libxml2 drops it; control characters other
 * than tab and line feed are not text either. Returns a copy with those
 * references rewritten, or NULL when there are none. */
static char *fix_char_refs(const char *html, size_t len, size_t *out_len)
{
    es_buf out = {0};
    size_t copied = 0;
    for (size_t i = 0; i + 2 < len; i++) {
        if (html[i] != '&' || html[i + 1] != '#')
            continue;
        size_t j = i + 2;
        int hex = j < len && (html[j] == 'x' || html[j] == 'X');
        j += (size_t)hex;
        size_t digits = j;
        unsigned long value = 0;
        for (; j < len; j++) {
            char c = ascii_lower(html[j]);
            int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0)
                break;
            if (value <= 0x10FFFF)
                value = value * (hex ? 16 : 10) + (unsigned long)d;
        }
        if (j == digits)
            continue;
        const char *repl = NULL;
        if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            repl = "\xEF\xBF\xBD";
        else if ((value < 0x20 && value != '\t' && value != '\n') || value == 0x7F)
            repl = " ";
        if (!repl)
            continue;
        if (j < len && html[j] == ';')
            j++;
        es_buf_append(&out, html + copied, i - copied);
        es_buf_puts(&out, repl);
        copied = j;
        i = j - 1;
    }
    if (copied == 0)
        return NULL;
    es_buf_append(&out, html + copied, len - copied);
    return es_buf_take(&out, out_len);
}

/* --- the tree to text ----------------------------------------------------- */

static void render(const xmlNode *first, flow *f);

static int is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static int is_cell(const xmlNode *n)
{
    return is_el(n, "td") || is_el(n, "th");
}

/* Calls fn for each row of the table (in thead, tbody, tfoot or the table
 * itself), not those of tables inside it. */
typedef void (*row_fn)(const xmlNode *tr, void *ctx);

static void each_row(const xmlNode *table, row_fn fn, void *ctx)
{
    for (const xmlNode *c = table->children; c; c = c->next) {
        if (is_el(c, "tr")) {
            fn(c, ctx);
        } else if (is_el(c, "thead") || is_el(c, "tbody") || is_el(c, "tfoot")) {
            for (const xmlNode *r = c->children; r; r = r->next)
                if (is_el(r, "tr"))
                    fn(r, ctx);
        }
    }
}

static unsigned span_attr(const xmlNode *n, const char *name)
{
    long v = xml_attr_long(n, name, 1);
    return v < 1 ? 1 : v > MAX_SPAN ? MAX_SPAN : (unsigned)v;
}

typedef struct table_shape {
    unsigned rows, max_cols;
    int nested;   /* a cell holds a table, or a page's worth of text */
} table_shape;

static int has_table_below(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && (is_el(c, "table") || has_table_below(c)))
            return 1;
    return 0;
}

static int has_long_text(const xmlNode *cell)
{
    xmlChar *text = xmlNodeGetContent(cell);
    int is_long = text && strlen((const char *)text) > DATA_CELL_MAX_BYTES;
    xmlFree(text);
    return is_long;
}

static void measure_row(const xmlNode *tr, void *ctx)
{
    table_shape *s = ctx;
    unsigned cols = 0;
    for (const xmlNode *c = tr->children; c; c = c->next) {
        if (!is_cell(c))
            continue;
        cols += span_attr(c, "colspan");
        s->nested |= has_table_below(c) || has_long_text(c);
    }
    s->rows++;
    if (cols > s->max_cols)
        s->max_cols = cols;
}

static int is_data_table(const xmlNode *table)
{
    table_shape s = {0};
    each_row(table, measure_row, &s);
    return !s.nested && s.rows >= 2 && s.max_cols >= 2;
}

typedef struct table_read {
    grid g;
    unsigned row;
} table_read;

static void read_row(const xmlNode *tr, void *ctx)
{
    table_read *t = ctx;
    unsigned col = 0;
    for (const xmlNode *c = tr->children; c; c = c->next) {
        if (!is_cell(c))
            continue;
        flow cell;
        flow_init(&cell, FLOW_COLLAPSE_BLANKS);
        render(c->children, &cell);
        size_t len;
        char *text = flow_take(&cell, &len, NULL);
        col = grid_place(&t->g, t->row, col, span_attr(c, "rowspan"), span_attr(c, "colspan"),
                         text, len);
        col += span_attr(c, "colspan");
    }
    t->row++;
}

static void render_data_table(const xmlNode *table, flow *f)
{
    for (const xmlNode *c = table->children; c; c = c->next)
        if (is_el(c, "caption")) {
            flow_line(f);
            render(c->children, f);
        }
    table_read t = {.row = 0};
    grid_init(&t.g);
    each_row(table, read_row, &t);
    grid_write(&t.g, f, NULL);
    grid_free(&t.g);
    flow_paragraph(f);
}

static void apply(tag_kind kind, flow *f)
{
    switch (kind) {
    case TAG_LINE:
        flow_line(f);
        break;
    case TAG_PARAGRAPH:
    case TAG_TABLE:
        flow_paragraph(f);
        break;
    case TAG_CELL:
        flow_space(f);
        break;
    case TAG_BREAK:
    case TAG_INLINE:
    case TAG_DROPPED:
        break;
    }
}

static void render(const xmlNode *first, flow *f)
{
    for (const xmlNode *n = first; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                flow_puts(f, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        tag_kind kind = kind_of(n);
        if (kind == TAG_DROPPED)
            continue;
        if (kind == TAG_BREAK) {
            flow_break(f);
            continue;
        }
        if (kind == TAG_TABLE && is_data_table(n)) {
            flow_paragraph(f);
            render_data_table(n, f);
            continue;
        }
        apply(kind, f);
        render(n->children, f);
        apply(kind, f);
    }
}

static int html_render(const char *html, size_t len, flow *f, es_err *err)
{
    xml_init();
    size_t fixed_len = 0;
    char *fixed = fix_char_refs(html, len, &fixed_len);
    if (fixed) {
        html = fixed;
        len = fixed_len;
    }
    if (len > INT_MAX) {
        free(fixed);
        return es_err_set(err, "HTML page too large");
    }
    htmlDocPtr doc = htmlReadMemory(len ? html : " ", len ? (int)len : 1, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                    HTML_PARSE_NONET);
    free(fixed);
    if (doc)
        render(doc->children, f);
    xmlFreeDoc(doc);
    return 0;
}

char *es_html_to_text(const char *html, size_t len, size_t *out_len)
{
    flow f;
    flow_init(&f, FLOW_COLLAPSE_BLANKS);
    html_render(html, len, &f, NULL);
    return flow_take(&f, out_len, NULL);
}

int es_read_html(const char *utf8, size_t len, es_source *out, es_err *err)
{
    memset(out, 0, sizeof *out);
    flow f;
    flow_init(&f, FLOW_COLLAPSE_BLANKS);
    int rc = html_render(utf8, len, &f, err);
    return flow_finish(&f, rc, ES_FORMAT_HTML, "HTML page too large", "HTML page has no text", out, err);
}
