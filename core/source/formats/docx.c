/* Word documents (DOCX, as Word, WPS and LibreOffice write them).
 *
 * The body of word/document.xml is read in order: each paragraph one
 * line, its runs joined (Word splits runs wherever the font or script
 * changes: 覆盖率达 | 92.81%), its list number written out; each table as
 * a table. Inserted revisions read as text, deleted ones do not; footnotes,
 * endnotes and comments live in other parts and are left out, as are
 * field codes (their results are read). Text boxes are read after the
 * paragraph that anchors them. */
#include "edushell/source/readers.h"

#include <stdlib.h>
#include <string.h>

#include "docx_numbering.h"
#include "flow.h"
#include "grid.h"
#include "ooxml.h"
#include "packages.h"
#include "xmlutil.h"
#include "ziputil.h"

enum { MAX_DEPTH = 64 };

typedef struct docx {
    docx_numbering *numbering;
    int depth;            /* of nested blocks: tables in cells in tables ... */
} docx;

static void blocks(docx *d, const xmlNode *parent, flow *f);

/* --- runs ------------------------------------------------------------------- */

typedef struct para_state {
    const xmlNode *boxes[16];   /* text boxes met in the paragraph, read after it */
    size_t nboxes;
    int wrote;                  /* any text */
} para_state;

static void text_of(const xmlNode *t, flow *f, para_state *ps)
{
    for (const xmlNode *c = t->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            flow_puts(f, (const char *)c->content);
            ps->wrote = 1;
        }
}

static void note_text_boxes(const xmlNode *n, para_state *ps)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        /* Drawings carry a box twice (the modern choice and a fallback). */
        if (xml_is(c, "Fallback"))
            continue;
        if (xml_is(c, "txbxContent")) {
            if (ps->nboxes < sizeof ps->boxes / sizeof ps->boxes[0])
                ps->boxes[ps->nboxes++] = c;
            continue;
        }
        note_text_boxes(c, ps);
    }
}

static void run(const xmlNode *r, flow *f, para_state *ps)
{
    for (const xmlNode *c = r->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *n = (const char *)c->name;
        if (strcmp(n, "t") == 0) {
            text_of(c, f, ps);
        } else if (strcmp(n, "tab") == 0 || strcmp(n, "ptab") == 0) {
            flow_text(f, "\t", 1);
        } else if (strcmp(n, "br") == 0 || strcmp(n, "cr") == 0) {
            flow_break(f);
        } else if (strcmp(n, "noBreakHyphen") == 0) {
            flow_text(f, "-", 1);
            ps->wrote = 1;
        } else if (strcmp(n, "drawing") == 0 || strcmp(n, "pict") == 0 ||
                   strcmp(n, "AlternateContent") == 0 || strcmp(n, "object") == 0) {
            note_text_boxes(c, ps);
        }
        /* delText, instrText (field codes), footnote and comment
         * references, symbols and soft hyphens are not text. */
    }
}

static void math_text(const xmlNode *n, flow *f, para_state *ps)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (xml_is(c, "t"))
            text_of(c, f, ps);
        else if (c->type == XML_ELEMENT_NODE)
            math_text(c, f, ps);
    }
}

/* The inline content of a paragraph, or of an element that wraps runs. */
static void inline_content(const xmlNode *parent, flow *f, para_state *ps)
{
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *n = (const char *)c->name;
        if (strcmp(n, "r") == 0) {
            run(c, f, ps);
        } else if (strcmp(n, "hyperlink") == 0 || strcmp(n, "smartTag") == 0 ||
                   strcmp(n, "customXml") == 0 || strcmp(n, "ins") == 0 ||
                   strcmp(n, "moveTo") == 0 || strcmp(n, "fldSimple") == 0 ||
                   strcmp(n, "dir") == 0 || strcmp(n, "bdo") == 0 ||
                   strcmp(n, "sdtContent") == 0 || strcmp(n, "rubyBase") == 0) {
            inline_content(c, f, ps);
        } else if (strcmp(n, "sdt") == 0) {
            const xmlNode *content = xml_child(c, "sdtContent");
            if (content)
                inline_content(content, f, ps);
        } else if (strcmp(n, "ruby") == 0) {
            const xmlNode *base = xml_child(c, "rubyBase");
            if (base)
                inline_content(base, f, ps);
        } else if (strcmp(n, "oMath") == 0 || strcmp(n, "oMathPara") == 0) {
            math_text(c, f, ps);
        } else if (strcmp(n, "AlternateContent") == 0) {
            const xmlNode *choice = xml_child(c, "Choice");
            if (choice)
                inline_content(choice, f, ps);
        }
        /* del, moveFrom: deleted text; pPr, bookmarks, proofing marks. */
    }
}

static void paragraph(docx *d, const xmlNode *p, flow *f)
{
    para_state ps = {.nboxes = 0};
    es_buf label = {0};
    docx_numbering_label(d->numbering, xml_child(p, "pPr"), &label);
    if (label.len > 0) {
        flow_text(f, label.data, label.len);
        ps.wrote = 1;
    }
    es_buf_free(&label);
    inline_content(p, f, &ps);
    /* An empty paragraph is a blank line, as it looks in Word. */
    if (ps.wrote)
        flow_line(f);
    else
        flow_break(f);
    for (size_t k = 0; k < ps.nboxes; k++)
        blocks(d, ps.boxes[k], f);
}

/* --- tables ----------------------------------------------------------------- */

/* The rows of a table, or the cells of a row, through the content
 * controls and custom XML that may wrap them. */
typedef struct node_list {
    const xmlNode **items;
    size_t n, cap;
} node_list;

/* A hostile file's tables are capped; Word's have at most 63 columns. */
enum { MAX_ROWS = 65536, MAX_CELLS = 1024 };

static void collect(const xmlNode *parent, const char *name, node_list *out, size_t max)
{
    for (const xmlNode *c = parent ? parent->children : NULL; c && out->n < max; c = c->next) {
        if (xml_is(c, name)) {
            if (out->n == out->cap) {
                out->cap = out->cap ? 2 * out->cap : 16;
                out->items = es_xrealloc(out->items, out->cap * sizeof *out->items);
            }
            out->items[out->n++] = c;
        } else if (xml_is(c, "sdt")) {
            collect(xml_child(c, "sdtContent"), name, out, max);
        } else if (xml_is(c, "customXml")) {
            collect(c, name, out, max);
        }
    }
}

static node_list children_named(const xmlNode *parent, const char *name, size_t max)
{
    node_list l = {0};
    collect(parent, name, &l, max);
    return l;
}

static unsigned grid_before(const xmlNode *tr)
{
    long n = xml_attr_long(xml_child(xml_child(tr, "trPr"), "gridBefore"), "val", 0);
    return n > 1000 ? 1000 : (unsigned)n;
}

static unsigned grid_span(const xmlNode *tc)
{
    long span = xml_attr_long(xml_child(xml_child(tc, "tcPr"), "gridSpan"), "val", 1);
    return span < 1 ? 1 : span > 1000 ? 1000 : (unsigned)span;
}

/* Whether the cell continues a vertical merge from the cell above:
 * <w:vMerge/> or val="continue"; val="restart" starts one. */
static int continues_merge(const xmlNode *tc)
{
    const xmlNode *vm = xml_child(xml_child(tc, "tcPr"), "vMerge");
    if (!vm)
        return 0;
    char *val = xml_attr(vm, "val");
    int cont = !val || strcmp(val, "continue") == 0;
    free(val);
    return cont;
}

static int is_data_table(const node_list *rows)
{
    if (rows->n < 2)
        return 0;
    unsigned max_cols = 0;
    int nested = 0;
    for (size_t i = 0; i < rows->n && !nested; i++) {
        node_list cells = children_named(rows->items[i], "tc", MAX_CELLS);
        unsigned cols = grid_before(rows->items[i]);
        for (size_t k = 0; k < cells.n && !nested; k++) {
            nested = xml_find(cells.items[k], "tbl") != NULL;   /* it lays the table out */
            cols += grid_span(cells.items[k]);
        }
        free(cells.items);
        if (cols > max_cols)
            max_cols = cols;
    }
    return !nested && max_cols >= 2;
}

static char *cell_text(docx *d, const xmlNode *tc, size_t *len)
{
    flow cell;
    flow_init(&cell, FLOW_KEEP_BLANKS);
    blocks(d, tc, &cell);
    return flow_take(&cell, len, NULL);
}

static void data_table(docx *d, const node_list *rows, flow *f)
{
    grid g;
    grid_init(&g);
    for (size_t i = 0; i < rows->n; i++) {
        node_list cells = children_named(rows->items[i], "tc", MAX_CELLS);
        unsigned col = grid_before(rows->items[i]);
        for (size_t k = 0; k < cells.n; k++) {
            const xmlNode *tc = cells.items[k];
            unsigned span = grid_span(tc);
            grid_cell *above = i > 0 && continues_merge(tc) ? grid_cell_covering(&g, (unsigned)i - 1, col) : NULL;
            if (above && above->row + above->rowspan == i) {
                above->rowspan++;
            } else {
                size_t len;
                char *text = cell_text(d, tc, &len);
                grid_add(&g, (unsigned)i, col, 1, span, text, len);
            }
            col += span;
        }
        free(cells.items);
    }
    grid_write(&g, f, NULL);
    grid_free(&g);
}

static void table(docx *d, const xmlNode *tbl, flow *f)
{
    node_list rows = children_named(tbl, "tr", MAX_ROWS);
    if (is_data_table(&rows)) {
        data_table(d, &rows, f);
    } else {
        for (size_t i = 0; i < rows.n; i++) {
            node_list cells = children_named(rows.items[i], "tc", MAX_CELLS);
            for (size_t k = 0; k < cells.n; k++)
                blocks(d, cells.items[k], f);
            free(cells.items);
        }
    }
    free(rows.items);
    flow_line(f);
}

/* --- blocks ----------------------------------------------------------------- */

static void blocks(docx *d, const xmlNode *parent, flow *f)
{
    if (d->depth >= MAX_DEPTH)
        return;
    d->depth++;
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *n = (const char *)c->name;
        if (strcmp(n, "p") == 0) {
            paragraph(d, c, f);
        } else if (strcmp(n, "tbl") == 0) {
            table(d, c, f);
        } else if (strcmp(n, "sdt") == 0) {
            const xmlNode *content = xml_child(c, "sdtContent");
            if (content)
                blocks(d, content, f);
        } else if (strcmp(n, "customXml") == 0 || strcmp(n, "ins") == 0 ||
                   strcmp(n, "moveTo") == 0 || strcmp(n, "txbxContent") == 0) {
            blocks(d, c, f);
        } else if (strcmp(n, "AlternateContent") == 0) {
            const xmlNode *choice = xml_child(c, "Choice");
            if (choice)
                blocks(d, choice, f);
        }
    }
    d->depth--;
}

/* --- the package ------------------------------------------------------------ */

/* Parses an optional part; NULL when it is missing or cannot be read. */
static xmlDoc *optional_part(zip_t *z, const char *name)
{
    if (!name || !zipr_has(z, name))
        return NULL;
    char *bytes;
    size_t len;
    es_err ignored = {{0}};
    if (zipr_read(z, name, &bytes, &len, &ignored) != 0)
        return NULL;
    xmlDoc *doc = xml_parse(bytes, len, name, &ignored);
    free(bytes);
    return doc;
}

static int read_body(zip_t *z, const char *main, flow *f, es_err *err)
{
    char *bytes;
    size_t len;
    if (zipr_read(z, main, &bytes, &len, err) != 0)
        return -1;
    xmlDoc *doc = xml_parse(bytes, len, main, err);
    free(bytes);
    if (!doc)
        return -1;
    const xmlNode *body = xml_child(xmlDocGetRootElement(doc), "body");
    if (!body) {
        xmlFreeDoc(doc);
        return es_err_set(err, "%s has no document body", main);
    }
    ooxml_rels rels;
    es_err ignored = {{0}};
    ooxml_rels_load(z, main, &rels, &ignored);
    xmlDoc *numbering = optional_part(z, ooxml_rel_by_type(&rels, "numbering"));
    xmlDoc *styles = optional_part(z, ooxml_rel_by_type(&rels, "styles"));
    docx d = {.numbering = docx_numbering_new(numbering, styles)};
    blocks(&d, body, f);
    docx_numbering_free(d.numbering);
    xmlFreeDoc(numbering);
    xmlFreeDoc(styles);
    ooxml_rels_free(&rels);
    xmlFreeDoc(doc);
    return 0;
}

int es_read_docx_package(zip_t *z, es_source *out, es_err *err)
{
    memset(out, 0, sizeof *out);
    char *main = ooxml_main_part(z, "word/document.xml");
    flow f;
    flow_init(&f, FLOW_KEEP_BLANKS);
    int rc = read_body(z, main, &f, err);
    free(main);
    return flow_finish(&f, rc, ES_FORMAT_DOCX, "document text too large", "Word document has no text", out, err);
}

int es_read_docx(const char *bytes, size_t len, es_source *out, es_err *err)
{
    return es_read_package_bytes(bytes, len, es_read_docx_package, out, err);
}
