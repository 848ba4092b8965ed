/* OpenDocument text (ODT, as LibreOffice and WPS write it).
 *
 * content.xml's office:text is read in order: paragraphs and headings one
 * per line (LibreOffice writes runs of spaces as <text:s text:c="4"/>),
 * lists with their numbers written out from the list styles, tables as
 * tables. Notes (footnotes, endnotes), annotations and tracked deletions
 * are left out; fields are read as the text they show; frames' text boxes
 * after the paragraph that anchors them. */
#include "edushell/source/readers.h"

#include <stdlib.h>
#include <string.h>

#include "listnum.h"
#include "odf.h"
#include "xmlutil.h"

enum { MAX_DEPTH = 64, LIST_LEVELS = 10, MAX_REPEAT = 100000, MAX_BOXES = 16 };

/* --- list styles -------------------------------------------------------- */

typedef struct list_level {
    char *format;          /* listnum's name; NULL: a bullet */
    char *prefix, *suffix, *bullet;
    long start;
    long display;          /* levels shown: 2 shows "1.2" */
} list_level;

typedef struct list_style {
    char *name;
    list_level lv[LIST_LEVELS];
    long count[LIST_LEVELS];
    int used[LIST_LEVELS];
} list_style;

struct odf_lists {
    list_style *styles;
    size_t n;
    es_buf pending;        /* the label of the list item being read */
};

/* OpenDocument's style:num-format values, as listnum's names. */
static const char *format_name(const char *f)
{
    static const struct {
        const char *odf, *name;
    } names[] = {
        {"1", "decimal"}, {"a", "lowerLetter"}, {"A", "upperLetter"}, {"i", "lowerRoman"},
        {"I", "upperRoman"}, {"一, 二, 三, ...", "chineseCounting"},
        {"壹, 贰, 叁, ...", "chineseLegalSimplified"}, {"甲, 乙, 丙, ...", "ideographTraditional"},
        {"子, 丑, 寅, ...", "ideographZodiac"}, {"①, ②, ③, ...", "decimalEnclosedCircle"},
        {"１, ２, ３, ...", "decimalFullWidth"},
    };
    if (!f || !*f)
        return "none";
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(f, names[k].odf) == 0)
            return names[k].name;
    return "decimal";
}

static void read_list_style(odf_lists *l, const xmlNode *node)
{
    l->styles = es_xrealloc(l->styles, (l->n + 1) * sizeof *l->styles);
    list_style *s = &l->styles[l->n++];
    memset(s, 0, sizeof *s);
    s->name = xml_attr(node, "name");
    for (const xmlNode *c = xml_child(node, NULL); c; c = xml_next(c, NULL)) {
        long level = xml_attr_long(c, "level", 0);
        if (level < 1 || level > LIST_LEVELS)
            continue;
        list_level *lv = &s->lv[level - 1];
        if (xml_is(c, "list-level-style-number")) {
            char *f = xml_attr(c, "num-format");
            lv->format = es_xstrdup(format_name(f));
            free(f);
            lv->prefix = xml_attr(c, "num-prefix");
            lv->suffix = xml_attr(c, "num-suffix");
            lv->start = xml_attr_long(c, "start-value", 1);
            lv->display = xml_attr_long(c, "display-levels", 1);
        } else if (xml_is(c, "list-level-style-bullet")) {
            lv->bullet = xml_attr(c, "bullet-char");
        }
    }
}

static void read_list_styles(odf_lists *l, const xmlNode *n)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (xml_is(c, "list-style"))
            read_list_style(l, c);
        else if (xml_is(c, "automatic-styles") || xml_is(c, "styles"))
            read_list_styles(l, c);
    }
}

odf_lists *odf_lists_new(xmlDoc *content, xmlDoc *styles)
{
    odf_lists *l = es_xcalloc(1, sizeof *l);
    if (content)
        read_list_styles(l, xmlDocGetRootElement(content));
    if (styles)
        read_list_styles(l, xmlDocGetRootElement(styles));
    return l;
}

void odf_lists_free(odf_lists *l)
{
    if (!l)
        return;
    for (size_t k = 0; k < l->n; k++) {
        for (int v = 0; v < LIST_LEVELS; v++) {
            free(l->styles[k].lv[v].format);
            free(l->styles[k].lv[v].prefix);
            free(l->styles[k].lv[v].suffix);
            free(l->styles[k].lv[v].bullet);
        }
        free(l->styles[k].name);
    }
    free(l->styles);
    es_buf_free(&l->pending);
    free(l);
}

static list_style *find_list_style(odf_lists *l, const char *name)
{
    for (size_t k = 0; l && name && k < l->n; k++)
        if (l->styles[k].name && strcmp(l->styles[k].name, name) == 0)
            return &l->styles[k];
    return NULL;
}

static void number_label(es_buf *out, const list_style *s, const list_level *lv, int level);

/* Counts a list item at `level` (0-based) and makes its label pending. */
static void label_item(odf_lists *l, list_style *s, int level, long start_value)
{
    l->pending.len = 0;
    if (!s)
        return;
    list_level *lv = &s->lv[level];
    if (start_value >= 0)
        s->count[level] = start_value;
    else if (s->used[level])
        s->count[level]++;
    else
        s->count[level] = lv->start;
    s->used[level] = 1;
    for (int k = level + 1; k < LIST_LEVELS; k++)
        s->used[k] = 0;
    if (!lv->format) {
        if (lv->bullet && *lv->bullet)
            es_buf_puts(&l->pending, lv->bullet);
    } else if (strcmp(lv->format, "none") != 0 || lv->prefix || lv->suffix) {
        number_label(&l->pending, s, lv, level);
    }
    /* A label ending in a Chinese mark (、 ） •) needs no blank to read. */
    if (l->pending.len > 0 && (unsigned char)l->pending.data[l->pending.len - 1] < 0x80)
        es_buf_putc(&l->pending, ' ');
}

static void number_label(es_buf *out, const list_style *s, const list_level *lv, int level)
{
    if (lv->prefix)
        es_buf_puts(out, lv->prefix);
    long shown = lv->display < 1 ? 1 : lv->display > level + 1 ? level + 1 : lv->display;
    int first = level + 1 - (int)shown;
    for (int k = first; k <= level; k++) {
        if (k > first)
            es_buf_putc(out, '.');   /* 1.2: the levels shown, dotted */
        listnum_format(out, s->lv[k].format ? s->lv[k].format : "decimal",
                       s->used[k] ? s->count[k] : s->lv[k].start);
    }
    if (lv->suffix)
        es_buf_puts(out, lv->suffix);
}

static void reset_from(list_style *s, int level)
{
    for (int k = level; s && k < LIST_LEVELS; k++)
        s->used[k] = 0;
}

/* --- inline text ---------------------------------------------------------- */

typedef struct para_state {
    const xmlNode *boxes[MAX_BOXES];
    size_t nboxes;
    int wrote;
} para_state;

static void note_boxes(const xmlNode *frame, para_state *ps)
{
    for (const xmlNode *c = frame->children; c; c = c->next) {
        if (xml_is(c, "text-box") || xml_is(c, "custom-shape") || xml_is(c, "rect")) {
            if (ps->nboxes < MAX_BOXES)
                ps->boxes[ps->nboxes++] = c;
        } else if (xml_is(c, "frame") || xml_is(c, "a") || xml_is(c, "g")) {
            note_boxes(c, ps);
        }
    }
}

static void inline_text(const xmlNode *parent, flow *f, para_state *ps)
{
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content && *c->content) {
                flow_puts(f, (const char *)c->content);
                ps->wrote = 1;
            }
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *n = (const char *)c->name;
        if (strcmp(n, "s") == 0) {
            long spaces = xml_attr_long(c, "c", 1);
            for (long k = 0; k < spaces && k < 1000; k++)
                flow_text(f, " ", 1);
        } else if (strcmp(n, "tab") == 0) {
            flow_text(f, "\t", 1);
        } else if (strcmp(n, "line-break") == 0) {
            flow_break(f);
        } else if (strcmp(n, "note") == 0 || strcmp(n, "annotation") == 0 ||
                   strcmp(n, "ruby-text") == 0) {
            continue;   /* notes and comments are not the text */
        } else if (strcmp(n, "frame") == 0 || strcmp(n, "custom-shape") == 0) {
            note_boxes(c, ps);
            if (strcmp(n, "custom-shape") == 0 && ps->nboxes < MAX_BOXES)
                ps->boxes[ps->nboxes++] = c;
        } else {
            /* Spans, links, fields (dates, page numbers, references) and
             * the rest: the text they hold. */
            inline_text(c, f, ps);
        }
    }
}

/* --- blocks ----------------------------------------------------------------- */

static void paragraph(odf *o, const xmlNode *p, flow *f)
{
    para_state ps = {.nboxes = 0};
    if (o->lists && o->lists->pending.len > 0) {
        flow_text(f, o->lists->pending.data, o->lists->pending.len);
        o->lists->pending.len = 0;
        ps.wrote = 1;
    }
    inline_text(p, f, &ps);
    if (ps.wrote)
        flow_line(f);
    else
        flow_break(f);
    for (size_t k = 0; k < ps.nboxes; k++)
        odf_blocks(o, ps.boxes[k], f);
}

static void block(odf *o, const xmlNode *c, flow *f);

/* A list: its style is named on the outermost list and holds every
 * level's format; a list inside an item is one level deeper. */
static void list(odf *o, const xmlNode *node, list_style *outer_style, int level, flow *f)
{
    list_style *style = outer_style;
    if (!style) {
        char *name = xml_attr(node, "style-name");
        style = find_list_style(o->lists, name);
        free(name);
    }
    if (level >= LIST_LEVELS)
        level = LIST_LEVELS - 1;
    char *cont = xml_attr(node, "continue-list");
    if (!cont && !xml_attr_is(node, "continue-numbering", "true"))
        reset_from(style, level);
    free(cont);
    for (const xmlNode *item = node->children; item; item = item->next) {
        if (!xml_is(item, "list-item") && !xml_is(item, "list-header"))
            continue;
        if (o->lists && xml_is(item, "list-item"))
            label_item(o->lists, style, level, xml_attr_long(item, "start-value", -1));
        for (const xmlNode *c = item->children; c; c = c->next) {
            if (xml_is(c, "list"))
                list(o, c, style, level + 1, f);
            else
                block(o, c, f);
        }
        if (o->lists)
            o->lists->pending.len = 0;
    }
}

/* --- tables ----------------------------------------------------------------- */

static long repeat_attr(const xmlNode *n, const char *name)
{
    long r = xml_attr_long(n, name, 1);
    return r < 1 ? 1 : r > MAX_REPEAT ? MAX_REPEAT : r;
}

static unsigned span_attr(const xmlNode *n, const char *name)
{
    long s = xml_attr_long(n, name, 1);
    return s < 1 ? 1 : s > 1000 ? 1000 : (unsigned)s;
}

typedef struct table_walk {
    odf *o;
    odf_cell_fn cell_text;
    grid *g;
    unsigned row;
} table_walk;

static void table_row(table_walk *w, const xmlNode *tr)
{
    long rows = repeat_attr(tr, "number-rows-repeated");
    /* A repeated row is read once; it is copied only when it has text. */
    unsigned col = 0;
    size_t first_cell = w->g->n;
    for (const xmlNode *c = tr->children; c; c = c->next) {
        if (!xml_is(c, "table-cell") && !xml_is(c, "covered-table-cell"))
            continue;
        long cols = repeat_attr(c, "number-columns-repeated");
        size_t len = 0;
        char *text = xml_is(c, "table-cell") ? w->cell_text(w->o, c, &len) : NULL;
        unsigned rs = span_attr(c, "number-rows-spanned"), cs = span_attr(c, "number-columns-spanned");
        if (text && (len > 0 || rs > 1 || cs > 1)) {
            for (long k = 0; k < cols && col < GRID_MAX_COLS; k++, col++)
                grid_add(w->g, w->row, col, rs, cs, es_xstrdup(text), len);
        } else {
            col = cols > (long)(GRID_MAX_COLS - col) ? GRID_MAX_COLS : col + (unsigned)cols;
        }
        free(text);
    }
    size_t last_cell = w->g->n;
    for (long r = 1; r < rows && last_cell > first_cell && w->row + 1 < GRID_MAX_ROWS; r++) {
        w->row++;
        for (size_t k = first_cell; k < last_cell; k++) {
            grid_cell c = w->g->cells[k];   /* grid_add may move the cells */
            grid_add(w->g, w->row, c.col, c.rowspan, c.colspan, es_xstrdup(c.text), c.len);
        }
    }
    if (last_cell == first_cell)
        w->row = rows > (long)(GRID_MAX_ROWS - 1 - w->row) ? GRID_MAX_ROWS - 1 : w->row + (unsigned)(rows - 1);
    if (w->row + 1 < GRID_MAX_ROWS)
        w->row++;
}

static void table_rows(table_walk *w, const xmlNode *parent)
{
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (xml_is(c, "table-row"))
            table_row(w, c);
        else if (xml_is(c, "table-header-rows") || xml_is(c, "table-rows") ||
                 xml_is(c, "table-row-group"))
            table_rows(w, c);
    }
}

void odf_table_grid(odf *o, const xmlNode *table, odf_cell_fn cell_text, grid *g)
{
    table_walk w = {o, cell_text, g, 0};
    table_rows(&w, table);
}

char *odf_cell_blocks(odf *o, const xmlNode *cell, size_t *len)
{
    flow f;
    flow_init(&f, FLOW_KEEP_BLANKS);
    odf_blocks(o, cell, &f);
    return flow_take(&f, len, NULL);
}

static int has_nested_table(const xmlNode *table)
{
    for (const xmlNode *c = table->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xml_is(c, "table-cell") && xml_find(c, "table"))
            return 1;
        if (!xml_is(c, "table-cell") && has_nested_table(c))
            return 1;
    }
    return 0;
}

/* A table that lays out the page (or has one row): its cells read as
 * blocks. */
static void layout_rows(odf *o, const xmlNode *parent, flow *f)
{
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (xml_is(c, "table-row")) {
            for (const xmlNode *cell = xml_child(c, "table-cell"); cell; cell = xml_next(cell, "table-cell"))
                odf_blocks(o, cell, f);
        } else if (xml_is(c, "table-header-rows") || xml_is(c, "table-rows") ||
                   xml_is(c, "table-row-group")) {
            layout_rows(o, c, f);
        }
    }
}

static void table(odf *o, const xmlNode *node, flow *f)
{
    grid g;
    grid_init(&g);
    int nested = has_nested_table(node);
    if (!nested)
        odf_table_grid(o, node, odf_cell_blocks, &g);
    unsigned rows = 0, cols = 0;
    for (size_t k = 0; k < g.n; k++) {
        if (g.cells[k].row + 1 > rows)
            rows = g.cells[k].row + 1;
        if (g.cells[k].col + g.cells[k].colspan > cols)
            cols = g.cells[k].col + g.cells[k].colspan;
    }
    if (!nested && rows >= 2 && cols >= 2) {
        grid_write(&g, f, NULL);
    } else {
        layout_rows(o, node, f);
    }
    grid_free(&g);
    flow_line(f);
}

/* --- blocks ----------------------------------------------------------------- */

static void block(odf *o, const xmlNode *c, flow *f)
{
    if (c->type != XML_ELEMENT_NODE)
        return;
    const char *n = (const char *)c->name;
    if (strcmp(n, "p") == 0 || strcmp(n, "h") == 0) {
        paragraph(o, c, f);
    } else if (strcmp(n, "list") == 0) {
        list(o, c, NULL, 0, f);
    } else if (strcmp(n, "table") == 0) {
        table(o, c, f);
    } else if (strcmp(n, "section") == 0 || strcmp(n, "index-body") == 0 ||
               strcmp(n, "text-box") == 0 || strcmp(n, "frame") == 0 ||
               strcmp(n, "custom-shape") == 0 || strcmp(n, "a") == 0 ||
               strcmp(n, "table-of-content") == 0 || strcmp(n, "illustration-index") == 0 ||
               strcmp(n, "table-index") == 0 || strcmp(n, "alphabetical-index") == 0 ||
               strcmp(n, "user-index") == 0 || strcmp(n, "bibliography") == 0 ||
               strcmp(n, "object-index") == 0 || strcmp(n, "index-title") == 0) {
        odf_blocks(o, c, f);
    }
    /* tracked-changes (deleted text), declarations, forms: not text. */
}

void odf_blocks(odf *o, const xmlNode *parent, flow *f)
{
    if (o->depth >= MAX_DEPTH)
        return;
    o->depth++;
    for (const xmlNode *c = parent->children; c; c = c->next)
        block(o, c, f);
    o->depth--;
}
