/* PDF documents with a text layer, through poppler-glib.
 *
 * Each page's text comes in poppler's reading order with the box of every
 * character, from which pdf_lines.c rebuilds paragraphs; the offset where
 * each page begins is kept, so a figure can be traced to its page. A PDF
 * restricted by an owner password only (no printing, no copying) opens
 * like any other: the restriction is the reader application's to honour,
 * not the text's. A PDF that needs a password to open, and a scan without
 * a text layer, are refused with what to do.
 *
 * The document is opened from a memory stream with no password: poppler
 * 22.12's other in-memory entry points crash on a wrong password. */
#include "edushell/source/readers.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>
#include <poppler.h>

#include "edushell/base/uchar.h"
#include "flow.h"
#include "pdf_lines.h"

enum { MAX_PAGES = 100000 };

static int open_error(GError *e, es_err *err)
{
    int rc;
    if (e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_ENCRYPTED)
        rc = es_err_set(err, "encrypted PDF: it needs a password to open; save a copy without one");
    else if (e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_DAMAGED)
        rc = es_err_set(err, "damaged or truncated PDF");
    else
        rc = es_err_set(err, "PDF cannot be read (%s)", e && e->message ? e->message : "unknown error");
    g_clear_error(&e);
    return rc;
}

static double median(double *v, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 1; i < n; i++)   /* insertion sort: a page's few hundred widths */
        for (size_t k = i; k > 0 && v[k - 1] > v[k]; k--) {
            double t = v[k];
            v[k] = v[k - 1];
            v[k - 1] = t;
        }
    return v[n / 2];
}

/* A gap between characters wider than this many times the height of the
 * character before it parts two fields (cells of a table's row, a number
 * and a note beside it), not two words, whether the text layer has a
 * space there or none: it is read as a tab, which a line's cleaning
 * keeps. */
#define FIELD_GAP 1.5

static int field_gap(const PopplerRectangle *before, const PopplerRectangle *after)
{
    double height = before->y2 - before->y1;
    return height > 0 && after->x1 - before->x2 > FIELD_GAP * height;
}

/* The page's lines with their boxes: poppler gives one rectangle for each
 * character of its text, line feeds included. */
static void read_page(PopplerPage *page, pdf_page *out)
{
    char *text = poppler_page_get_text(page);
    if (!text)
        return;
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    gboolean boxes = poppler_page_get_text_layout(page, &rects, &nrects) &&
                     (glong)nrects == g_utf8_strlen(text, -1);
    double *widths = es_xmalloc((nrects + 1) * sizeof *widths);
    size_t nwidths = 0;
    const char *s = text;
    guint ci = 0;
    while (*s) {
        es_buf fields = {0};   /* the line, with a tab for each gap between fields */
        double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
        int seen = 0;
        const PopplerRectangle *last = NULL;   /* the line's last character not blank */
        size_t blanks = 0;                     /* spaces after it */
        while (*s && *s != '\n') {
            if (*s == ' ') {
                blanks++;
            } else {
                const PopplerRectangle *r = boxes && ci < nrects ? &rects[ci] : NULL;
                if (last && r && field_gap(last, r))
                    es_buf_putc(&fields, '\t');
                else
                    for (; blanks > 0; blanks--)
                        es_buf_putc(&fields, ' ');
                blanks = 0;
                last = r;
                es_buf_append(&fields, s, (size_t)(g_utf8_next_char(s) - s));
            }
            if (boxes && ci < nrects && *s != ' ') {
                const PopplerRectangle *r = &rects[ci];
                if (!seen || r->x1 < x0)
                    x0 = r->x1;
                if (!seen || r->x2 > x1)
                    x1 = r->x2;
                if (!seen || r->y1 < y0)
                    y0 = r->y1;
                if (!seen || r->y2 > y1)
                    y1 = r->y2;
                seen = 1;
                if ((unsigned char)*s >= 0xE4 && (unsigned char)*s <= 0xE9 && r->x2 > r->x1)
                    widths[nwidths++] = r->x2 - r->x1;   /* an ideograph's width: the em */
            }
            s = g_utf8_next_char(s);
            ci++;
        }
        size_t len;
        char *text_line = es_buf_take(&fields, &len);
        pdf_page_add(out, text_line ? text_line : es_xstrdup(""), len, x0, x1, y0, y1);
        if (*s == '\n') {
            s++;
            ci++;
        }
    }
    out->em = median(widths, nwidths);
    free(widths);
    g_free(rects);
    g_free(text);
}

/* Whether the text layer gives characters at all. Fonts without a map
 * from their glyphs to Unicode (no /ToUnicode) extract as the glyphs'
 * codes: ASCII symbols and letters (!"#$%&), or private-use characters,
 * and no Chinese. Prose has a few marks among its words; that text is
 * marks by a quarter. */
enum { GARBLED_MARKS_PERCENT = 15, GARBLED_HAN_PERCENT = 10, GARBLED_PRIVATE_PERCENT = 30 };

static int text_is_garbled(const pdf_page *pages, size_t npages)
{
    size_t total = 0, marks = 0, han = 0, private_use = 0;
    for (size_t k = 0; k < npages; k++)
        for (size_t i = 0; i < pages[k].n; i++) {
            const char *s = pages[k].lines[i].text;
            size_t len = pages[k].lines[i].len;
            for (size_t at = 0; at < len; at += es_u8_len(s + at)) {
                int32_t cp = es_u8_cp(s + at);
                if (cp == ' ' || cp == '\t')
                    continue;
                total++;
                marks += cp < 0x7F && !es_is_alpha((char)cp) && !es_is_digit((char)cp);
                han += es_is_han(cp);
                private_use += (cp >= 0xE000 && cp <= 0xF8FF) || cp == 0xFFFD;
            }
        }
    if (total == 0)
        return 0;
    return private_use * 100 > GARBLED_PRIVATE_PERCENT * total ||
           (marks * 100 > GARBLED_MARKS_PERCENT * total && han * 100 < GARBLED_HAN_PERCENT * total);
}

static int read_document(PopplerDocument *doc, flow *f, es_source *out, es_err *err)
{
    int npages = poppler_document_get_n_pages(doc);
    if (npages <= 0)
        return es_err_set(err, "PDF has no pages");
    if (npages > MAX_PAGES)
        return es_err_set(err, "PDF has too many pages (%d at most)", MAX_PAGES);
    pdf_page *pages = es_xcalloc((size_t)npages, sizeof *pages);
    int with_text = 0;
    for (int k = 0; k < npages; k++) {
        PopplerPage *page = poppler_document_get_page(doc, k);
        if (page) {
            read_page(page, &pages[k]);
            g_object_unref(page);
        }
        with_text += pdf_page_has_text(&pages[k]);
    }
    int rc = 0;
    if (with_text == 0) {
        rc = es_err_set(err, "scanned PDF: its %d page%s %s without a text layer; run OCR on it "
                             "first (or load the text it was made from)",
                        npages, npages == 1 ? "" : "s", npages == 1 ? "is an image" : "are images");
    } else if (text_is_garbled(pages, (size_t)npages)) {
        rc = es_err_set(err, "PDF text layer gives no readable characters (its fonts lack a map to "
                             "Unicode); run OCR on it, as on a scan");
    } else {
        out->page_starts = es_xcalloc((size_t)npages, sizeof *out->page_starts);
        out->npages = (size_t)npages;
        pdf_write_pages(pages, (size_t)npages, f, out->page_starts);
    }
    for (int k = 0; k < npages; k++)
        pdf_page_free(&pages[k]);
    free(pages);
    return rc;
}

int es_read_pdf(const char *bytes, size_t len, es_source *out, es_err *err)
{
    memset(out, 0, sizeof *out);
    if (len > (size_t)G_MAXSSIZE)
        return es_err_set(err, "PDF too large");
    GInputStream *stream = g_memory_input_stream_new_from_data(bytes, (gssize)len, NULL);
    GError *e = NULL;
    PopplerDocument *doc = poppler_document_new_from_stream(stream, (goffset)len, NULL, NULL, &e);
    if (!doc) {
        g_object_unref(stream);
        return open_error(e, err);
    }
    flow f;
    flow_init(&f, FLOW_KEEP_BLANKS);
    int rc = read_document(doc, &f, out, err);
    g_object_unref(doc);
    g_object_unref(stream);
    if (rc == 0 && f.overflow)
        rc = es_err_set(err, "PDF text too large");
    if (rc != 0) {
        flow_free(&f);
        free(out->page_starts);
        memset(out, 0, sizeof *out);
        return -1;
    }
    out->text = flow_take(&f, &out->len, &out->tables);
    out->format = ES_FORMAT_PDF;
    out->encoding = ES_ENC_UTF8;
    /* A page that ended up after the text's last byte (trailing empty
     * pages) starts at its end. */
    for (size_t k = 0; k < out->npages; k++)
        if (out->page_starts[k] > out->len)
            out->page_starts[k] = out->len;
    return 0;
}
