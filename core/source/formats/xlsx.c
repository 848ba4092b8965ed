/* Excel workbooks (XLSX, as Excel, WPS and LibreOffice write them): each
 * sheet a table.
 *
 * A cell reads as it is shown: its stored number formatted by its style's
 * number format (0.982 under 0.00% is 98.20%; 48362 under #,##0 is
 * 48,362), its shared or inline string, a formula's cached result. The
 * top-left cell of a merged range spans it; the cells it covers are not
 * read. Sheets are read as a stream, so a large sheet needs no tree of
 * its XML in memory. */
#include "edushell/source/readers.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>

#include "flow.h"
#include "grid.h"
#include "numfmt.h"
#include "ooxml.h"
#include "packages.h"
#include "xmlutil.h"
#include "ziputil.h"

/* Beyond this many cells with content a workbook is not read. */
enum { MAX_CELLS = 4000000 };

typedef struct workbook {
    char **strings;        /* shared strings */
    size_t nstrings;
    char **xf_formats;     /* each cell style's number format code (NULL: General) */
    size_t nxf;
    int date1904;
    size_t cells;          /* read so far, all sheets */
} workbook;

static void workbook_free(workbook *wb)
{
    for (size_t k = 0; k < wb->nstrings; k++)
        free(wb->strings[k]);
    free(wb->strings);
    for (size_t k = 0; k < wb->nxf; k++)
        free(wb->xf_formats[k]);
    free(wb->xf_formats);
    memset(wb, 0, sizeof *wb);
}

static int read_part(zip_t *z, const char *name, char **bytes, size_t *len, es_err *err)
{
    if (zipr_read(z, name, bytes, len, err) != 0)
        return -1;
    if (*len > INT_MAX) {
        free(*bytes);
        return es_err_set(err, "part %s is too large", name);
    }
    return 0;
}

static xmlTextReaderPtr stream_of(const char *bytes, size_t len)
{
    xml_init();
    return xmlReaderForMemory(bytes, (int)len, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static int is_element(xmlTextReaderPtr r, const char *local)
{
    return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
           strcmp((const char *)xmlTextReaderConstLocalName(r), local) == 0;
}

static int is_end(xmlTextReaderPtr r, const char *local)
{
    return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
           strcmp((const char *)xmlTextReaderConstLocalName(r), local) == 0;
}

static int is_text(xmlTextReaderPtr r)
{
    int t = xmlTextReaderNodeType(r);
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
           t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || t == XML_READER_TYPE_WHITESPACE;
}

static char *attr(xmlTextReaderPtr r, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    char *copy = v ? es_xstrdup((const char *)v) : NULL;
    xmlFree(v);
    return copy;
}

/* --- shared strings ------------------------------------------------------- */

/* Each <si> is one string: its <t>, or the <t> of each rich-text run
 * (LibreOffice splits 2022 | 年 by font); phonetic guides (<rPh>) are not
 * the text. */
static void push_string(workbook *wb, size_t *cap, const es_buf *cur)
{
    if (wb->nstrings == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        wb->strings = es_xrealloc(wb->strings, *cap * sizeof *wb->strings);
    }
    wb->strings[wb->nstrings++] = es_xstrndup(cur->data ? cur->data : "", cur->len);
}

static int read_shared_strings(zip_t *z, const char *part, workbook *wb, es_err *err)
{
    char *bytes;
    size_t len;
    if (read_part(z, part, &bytes, &len, err) != 0)
        return -1;
    xmlTextReaderPtr r = stream_of(bytes, len);
    size_t cap = 0;
    es_buf cur = {0};
    int in_si = 0, in_t = 0, in_rph = 0, rc = 1;
    while (r && (rc = xmlTextReaderRead(r)) == 1) {
        if (is_element(r, "si")) {
            cur.len = 0;
            in_si = !xmlTextReaderIsEmptyElement(r);
            if (!in_si)
                push_string(wb, &cap, &cur);
        } else if (is_end(r, "si")) {
            push_string(wb, &cap, &cur);
            in_si = 0;
        } else if (is_element(r, "rPh")) {
            in_rph = !xmlTextReaderIsEmptyElement(r);
        } else if (is_end(r, "rPh")) {
            in_rph = 0;
        } else if (is_element(r, "t")) {
            in_t = !xmlTextReaderIsEmptyElement(r);
        } else if (is_end(r, "t")) {
            in_t = 0;
        } else if (in_si && in_t && !in_rph && is_text(r)) {
            es_buf_puts(&cur, (const char *)xmlTextReaderConstValue(r));
        }
    }
    es_buf_free(&cur);
    int failed = !r || rc < 0;
    xmlFreeTextReader(r);
    free(bytes);
    return failed ? es_err_set(err, "%s: damaged XML", part) : 0;
}

/* --- styles: each cell style's number format ------------------------------ */

static void read_styles(zip_t *z, const char *part, workbook *wb)
{
    char *bytes;
    size_t len;
    es_err ignored = {{0}};
    if (!part || !zipr_has(z, part) || zipr_read(z, part, &bytes, &len, &ignored) != 0)
        return;
    xmlDoc *doc = xml_parse(bytes, len, part, &ignored);
    free(bytes);
    if (!doc)
        return;
    const xmlNode *root = xmlDocGetRootElement(doc);
    const xmlNode *fmts = xml_child(root, "numFmts");
    const xmlNode *xfs = xml_child(root, "cellXfs");
    for (const xmlNode *xf = xml_child(xfs, "xf"); xf; xf = xml_next(xf, "xf")) {
        long id = xml_attr_long(xf, "numFmtId", 0);
        char *code = NULL;
        for (const xmlNode *f = xml_child(fmts, "numFmt"); f && !code; f = xml_next(f, "numFmt"))
            if (xml_attr_long(f, "numFmtId", -1) == id)
                code = xml_attr(f, "formatCode");
        if (!code && numfmt_builtin(id))
            code = es_xstrdup(numfmt_builtin(id));
        wb->xf_formats = es_xrealloc(wb->xf_formats, (wb->nxf + 1) * sizeof *wb->xf_formats);
        wb->xf_formats[wb->nxf++] = code;
    }
    xmlFreeDoc(doc);
}

/* --- cell references ------------------------------------------------------ */

/* "B12" to row 11, column 1; -1 when it is not a reference. */
static int parse_ref(const char *ref, unsigned *row, unsigned *col)
{
    const char *p = ref;
    unsigned long c = 0, r = 0;
    while (*p == '$')
        p++;
    const char *letters = p;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        c = c * 26 + (unsigned long)((*p | 0x20) - 'a' + 1);
        if (c > GRID_MAX_COLS)
            return -1;
        p++;
    }
    if (p == letters)
        return -1;
    while (*p == '$')
        p++;
    const char *digits = p;
    while (*p >= '0' && *p <= '9') {
        r = r * 10 + (unsigned long)(*p - '0');
        if (r > GRID_MAX_ROWS)
            return -1;
        p++;
    }
    if (p == digits || r == 0 || (*p != '\0' && *p != ':'))
        return -1;
    *row = (unsigned)(r - 1);
    *col = (unsigned)(c - 1);
    return 0;
}

typedef struct merge {
    unsigned row, col, rows, cols;
} merge;

static int parse_range(const char *ref, merge *m)
{
    const char *colon = strchr(ref, ':');
    unsigned r2, c2;
    if (!colon || parse_ref(ref, &m->row, &m->col) != 0 || parse_ref(colon + 1, &r2, &c2) != 0 ||
        r2 < m->row || c2 < m->col)
        return -1;
    m->rows = r2 - m->row + 1;
    m->cols = c2 - m->col + 1;
    return 0;
}

/* --- a sheet ----------------------------------------------------------------- */

typedef struct cell_read {
    unsigned row, col;
    char *type;        /* t: s, n, b, e, str, inlineStr, d */
    long style;
    es_buf value;      /* <v> */
    es_buf inline_text;
    int in_v, in_is_t, in_rph;
} cell_read;

static char *shown_text(const workbook *wb, cell_read *c, size_t *len)
{
    const char *t = c->type ? c->type : "n";
    const char *v = c->value.data ? c->value.data : "";
    es_buf out = {0};
    if (strcmp(t, "inlineStr") == 0) {
        es_buf_append(&out, c->inline_text.data ? c->inline_text.data : "", c->inline_text.len);
    } else if (strcmp(t, "s") == 0) {
        char *end;
        long k = strtol(v, &end, 10);
        if (end != v && k >= 0 && (size_t)k < wb->nstrings)
            es_buf_puts(&out, wb->strings[k]);
    } else if (strcmp(t, "b") == 0) {
        if (c->value.len > 0)
            es_buf_puts(&out, strcmp(v, "0") == 0 ? "FALSE" : "TRUE");
    } else if (strcmp(t, "n") == 0 && c->value.len > 0) {
        char *end;
        double x = strtod(v, &end);
        const char *code = c->style >= 0 && (size_t)c->style < wb->nxf ? wb->xf_formats[c->style] : NULL;
        if (end != v)
            numfmt_format(&out, code, x, wb->date1904);
        else
            es_buf_puts(&out, v);
    } else {
        es_buf_puts(&out, v);   /* str (a formula's text), e (#DIV/0!), d (ISO date) */
    }
    return es_buf_take(&out, len);
}

typedef struct sheet_read {
    workbook *wb;
    grid *g;
    merge *merges;
    size_t nmerges, cap;
    unsigned next_row, next_col;
} sheet_read;

static void start_cell(xmlTextReaderPtr r, sheet_read *s, cell_read *c)
{
    char *ref = attr(r, "r");
    if (!ref || parse_ref(ref, &c->row, &c->col) != 0) {
        c->row = s->next_row > 0 ? s->next_row - 1 : 0;
        c->col = s->next_col;
    }
    free(ref);
    s->next_col = c->col + 1;
    free(c->type);
    c->type = attr(r, "t");
    char *style = attr(r, "s");
    c->style = style ? strtol(style, NULL, 10) : -1;
    free(style);
    c->value.len = c->inline_text.len = 0;
    c->in_v = c->in_is_t = c->in_rph = 0;
}

static int end_cell(sheet_read *s, cell_read *c, es_err *err)
{
    size_t len;
    char *text = shown_text(s->wb, c, &len);
    if (len == 0) {
        free(text);
        return 0;
    }
    if (++s->wb->cells > MAX_CELLS) {
        free(text);
        return es_err_set(err, "workbook too large (more than %d cells with content)", MAX_CELLS);
    }
    grid_add(s->g, c->row, c->col, 1, 1, text, len);
    return 0;
}

static void add_merge(xmlTextReaderPtr r, sheet_read *s)
{
    char *ref = attr(r, "ref");
    merge m;
    if (ref && parse_range(ref, &m) == 0 && (m.rows > 1 || m.cols > 1)) {
        if (s->nmerges == s->cap) {
            s->cap = s->cap ? 2 * s->cap : 16;
            s->merges = es_xrealloc(s->merges, s->cap * sizeof *s->merges);
        }
        s->merges[s->nmerges++] = m;
    }
    free(ref);
}

static void on_node(xmlTextReaderPtr r, sheet_read *s, cell_read *c, int *in_cell)
{
    if (is_element(r, "row")) {
        char *ref = attr(r, "r");
        long row = ref ? strtol(ref, NULL, 10) : 0;
        free(ref);
        s->next_row = row > 0 && row <= (long)GRID_MAX_ROWS ? (unsigned)row : s->next_row + 1;
        s->next_col = 0;
    } else if (is_element(r, "c")) {
        start_cell(r, s, c);
        *in_cell = 1;
    } else if (!*in_cell) {
        if (is_element(r, "mergeCell"))
            add_merge(r, s);
    } else if (is_element(r, "v")) {
        c->in_v = !xmlTextReaderIsEmptyElement(r);
    } else if (is_end(r, "v")) {
        c->in_v = 0;
    } else if (is_element(r, "rPh")) {
        c->in_rph = !xmlTextReaderIsEmptyElement(r);
    } else if (is_end(r, "rPh")) {
        c->in_rph = 0;
    } else if (is_element(r, "t")) {
        c->in_is_t = !xmlTextReaderIsEmptyElement(r);
    } else if (is_end(r, "t")) {
        c->in_is_t = 0;
    } else if (is_text(r)) {
        const char *v = (const char *)xmlTextReaderConstValue(r);
        if (c->in_v)
            es_buf_puts(&c->value, v);
        else if (c->in_is_t && !c->in_rph)
            es_buf_puts(&c->inline_text, v);
    }
}

static int cmp_place(const void *a, const void *b)
{
    const grid_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* The first of the sorted cells[0, n) at or after (row, col). */
static size_t lower_bound(const grid_cell *cells, size_t n, unsigned row, unsigned col)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const grid_cell *c = &cells[mid];
        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The top-left cell of each merged range spans it; text in the cells it
 * covers is hidden in Excel and dropped here. */
static void apply_merges(sheet_read *s)
{
    grid *g = s->g;
    qsort(g->cells, g->n, sizeof *g->cells, cmp_place);
    size_t sorted = g->n;
    for (size_t k = 0; k < s->nmerges; k++) {
        const merge *m = &s->merges[k];
        grid_cell *anchor = NULL;
        for (size_t i = lower_bound(g->cells, sorted, m->row, 0);
             i < sorted && g->cells[i].row - m->row < m->rows; i++) {
            grid_cell *c = &g->cells[i];
            if (c->col < m->col || c->col - m->col >= m->cols)
                continue;
            if (c->row == m->row && c->col == m->col)
                anchor = c;
            else
                c->len = 0;   /* covered: not recorded */
        }
        if (anchor) {
            anchor->rowspan = m->rows;
            anchor->colspan = m->cols;
        } else {
            grid_add(g, m->row, m->col, m->rows, m->cols, NULL, 0);
        }
    }
}

static int read_sheet(zip_t *z, const char *part, workbook *wb, grid *g, es_err *err)
{
    char *bytes;
    size_t len;
    if (read_part(z, part, &bytes, &len, err) != 0)
        return -1;
    xmlTextReaderPtr r = stream_of(bytes, len);
    sheet_read s = {.wb = wb, .g = g};
    cell_read c = {.style = -1};
    int in_cell = 0, rc = 0, read = 1;
    while (r && rc == 0 && (read = xmlTextReaderRead(r)) == 1) {
        if (in_cell && is_end(r, "c")) {
            in_cell = 0;
            rc = end_cell(&s, &c, err);
        } else if (is_element(r, "c") && xmlTextReaderIsEmptyElement(r)) {
            start_cell(r, &s, &c);   /* a styled empty cell */
        } else {
            on_node(r, &s, &c, &in_cell);
        }
    }
    if (rc == 0 && (!r || read < 0))
        rc = es_err_set(err, "%s: damaged XML", part);
    if (rc == 0)
        apply_merges(&s);
    free(c.type);
    es_buf_free(&c.value);
    es_buf_free(&c.inline_text);
    free(s.merges);
    xmlFreeTextReader(r);
    free(bytes);
    return rc;
}

/* --- the workbook ------------------------------------------------------------ */

static int read_sheets(zip_t *z, const char *main, const ooxml_rels *rels, workbook *wb, flow *f,
                       es_err *err)
{
    char *bytes;
    size_t len;
    if (zipr_read(z, main, &bytes, &len, err) != 0)
        return -1;
    xmlDoc *doc = xml_parse(bytes, len, main, err);
    free(bytes);
    if (!doc)
        return -1;
    const xmlNode *root = xmlDocGetRootElement(doc);
    const xmlNode *pr = xml_child(root, "workbookPr");
    wb->date1904 = xml_attr_is(pr, "date1904", "1") || xml_attr_is(pr, "date1904", "true");
    int rc = 0, sheets = 0;
    for (const xmlNode *sh = xml_child(xml_child(root, "sheets"), "sheet"); sh && rc == 0;
         sh = xml_next(sh, "sheet")) {
        char *name = xml_attr(sh, "name");
        char *id = xml_attr(sh, "id");
        const char *part = ooxml_rel_by_id(rels, id);
        if (part && zipr_has(z, part)) {
            grid g;
            grid_init(&g);
            rc = read_sheet(z, part, wb, &g, err);
            if (rc == 0) {
                flow_paragraph(f);
                grid_write(&g, f, name);
            }
            grid_free(&g);
            sheets++;
        }
        free(name);
        free(id);
    }
    xmlFreeDoc(doc);
    if (rc == 0 && sheets == 0)
        rc = es_err_set(err, "workbook has no sheets");
    return rc;
}

int es_read_xlsx_package(zip_t *z, es_source *out, es_err *err)
{
    memset(out, 0, sizeof *out);
    char *main = ooxml_main_part(z, "xl/workbook.xml");
    ooxml_rels rels;
    workbook wb = {0};
    flow f;
    flow_init(&f, FLOW_KEEP_BLANKS);
    int rc = ooxml_rels_load(z, main, &rels, err);
    const char *strings = rc == 0 ? ooxml_rel_by_type(&rels, "sharedStrings") : NULL;
    if (rc == 0 && strings && zipr_has(z, strings))
        rc = read_shared_strings(z, strings, &wb, err);
    if (rc == 0) {
        read_styles(z, ooxml_rel_by_type(&rels, "styles"), &wb);
        rc = read_sheets(z, main, &rels, &wb, &f, err);
    }
    ooxml_rels_free(&rels);
    workbook_free(&wb);
    free(main);
    return flow_finish(&f, rc, ES_FORMAT_XLSX, "workbook text too large", "workbook has no text", out, err);
}

int es_read_xlsx(const char *bytes, size_t len, es_source *out, es_err *err)
{
    return es_read_package_bytes(bytes, len, es_read_xlsx_package, out, err);
}
