/* Writing a document's raw text as readers walk its structure (flow.h). */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "edushell/base/uchar.h"

static const char replacement_char[] = "\xEF\xBF\xBD";

void flow_init(flow *f, flow_blanks mode)
{
    memset(f, 0, sizeof *f);
    f->mode = mode;
    f->limit = ES_TEXT_MAX;
}

void flow_free(flow *f)
{
    es_buf_free(&f->out);
    es_buf_free(&f->blanks);
    es_table_list_free(&f->tables);
    memset(f, 0, sizeof *f);
}

static int at_text_start(const flow *f)
{
    return f->out.len == 0;
}

/* Writes what is owed before the next text: line breaks, or the blanks
 * owed on this line. */
static void settle(flow *f)
{
    if (f->breaks > 0) {
        /* Breaks already written (a table's last row) count. */
        int have = 0;
        while (have < f->breaks && (size_t)have < f->out.len &&
               f->out.data[f->out.len - 1 - (size_t)have] == '\n')
            have++;
        if (!at_text_start(f) && f->breaks > have)
            es_buf_append(&f->out, "\n\n", (size_t)(f->breaks - have));
        f->breaks = 0;
        f->blanks.len = 0;
        return;
    }
    if (f->blanks.len > 0) {
        es_buf_append(&f->out, f->blanks.data, f->blanks.len);
        f->blanks.len = 0;
    }
}

static void put(flow *f, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (f->out.len + n > f->limit) {
        f->overflow = 1;
        return;
    }
    settle(f);
    es_buf_append(&f->out, s, n);
}

/* A blank of the source: kept as written, or one space, owed until text
 * follows on the same line. Blanks at a line start are dropped. */
static void owe_blank(flow *f, const char *s, size_t n)
{
    if (f->mode == FLOW_COLLAPSE_BLANKS) {
        if (f->breaks == 0 && f->blanks.len == 0 && !flow_at_line_start(f))
            es_buf_putc(&f->blanks, ' ');
        return;
    }
    if (f->breaks > 0 || flow_at_line_start(f))
        return;
    es_buf_append(&f->blanks, s, n);
}

int flow_at_line_start(const flow *f)
{
    return f->out.len == 0 || f->out.data[f->out.len - 1] == '\n';
}

/* Bytes of the whitespace character at s (ASCII whitespace and other
 * controls, the no-break space), 0 when s starts with none. The
 * ideographic space is text: Chinese documents indent with it. */
static size_t whitespace_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x20 || u[0] == ' ' || u[0] == 0x7F)
        return 1;   /* controls count as blanks: raw text holds none but \t and \n */
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    return 0;
}

void flow_text(flow *f, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t w = whitespace_len(s + i, n - i);
        if (w > 0) {
            /* A tab stays a tab when blanks are kept; other controls and
             * the no-break space become a space. */
            char c = s[i] == '\t' && f->mode == FLOW_KEEP_BLANKS ? '\t' : ' ';
            if (w == 2 && f->mode == FLOW_KEEP_BLANKS)
                owe_blank(f, s + i, 2);
            else
                owe_blank(f, &c, 1);
            i += w;
            continue;
        }
        size_t j = i;
        while (j < n && whitespace_len(s + j, n - j) == 0)
            j++;
        /* Text from a library is UTF-8 already; a damaged file's is not
         * always, and raw text must be. */
        size_t k = i;
        while (k < j) {
            size_t bad = k + es_first_invalid_utf8(s + k, j - k);
            put(f, s + k, bad - k);
            if (bad == j)
                break;
            put(f, replacement_char, 3);
            k = bad + 1;
        }
        i = j;
    }
}

void flow_puts(flow *f, const char *s)
{
    flow_text(f, s, strlen(s));
}

void flow_space(flow *f)
{
    owe_blank(f, " ", 1);
}

void flow_line(flow *f)
{
    if (f->breaks < 1)
        f->breaks = 1;
    if (at_text_start(f))
        f->breaks = 0;
    f->blanks.len = 0;
}

void flow_paragraph(flow *f)
{
    f->breaks = at_text_start(f) ? 0 : 2;
    f->blanks.len = 0;
}

void flow_break(flow *f)
{
    if (!at_text_start(f) && f->breaks < 2)
        f->breaks++;
    f->blanks.len = 0;
}

size_t flow_start_line(flow *f)
{
    flow_line(f);
    settle(f);
    return f->out.len;
}

size_t flow_mark(flow *f)
{
    settle(f);
    return f->out.len;
}

void flow_raw(flow *f, const char *s, size_t n)
{
    put(f, s, n);
}

char *flow_take(flow *f, size_t *len, es_table_list *tables)
{
    if (f->out.len > 0)
        es_buf_putc(&f->out, '\n');
    char *text = es_buf_take(&f->out, len);
    if (tables) {
        *tables = f->tables;
        memset(&f->tables, 0, sizeof f->tables);
    }
    flow_free(f);
    return text;
}

int flow_finish(flow *f, int rc, es_format format, const char *too_large, const char *no_text,
                es_source *out, es_err *err)
{
    if (rc == 0 && f->overflow)
        rc = es_err_set(err, "%s", too_large);
    if (rc != 0) {
        flow_free(f);
        return -1;
    }
    out->text = flow_take(f, &out->len, &out->tables);
    out->format = format;
    out->encoding = ES_ENC_UTF8;
    if (out->len == 0) {
        es_source_free(out);
        return es_err_set(err, "%s", no_text);
    }
    return 0;
}

/* --- joining lines ---------------------------------------------------------- */

static int cp_is_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int latin_word_char(int32_t cp)
{
    return cp < 0x80 && (es_is_alpha((char)cp) || es_is_digit((char)cp));
}

/* Digits on both sides are one number broken by the line (3 | 6个). */
int flow_space_between(int32_t before, int32_t after)
{
    if (cp_is_digit(before) && cp_is_digit(after))
        return 0;
    return latin_word_char(before) && latin_word_char(after);
}

static int is_line_blank(const char *s, size_t n, size_t *w)
{
    if (n == 0)
        return 0;
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\r') {
        *w = 1;
        return 1;
    }
    *w = es_blank_len(s, n);
    return *w > 0 && s[0] != '\n';
}

char *flow_join_lines(const char *s, size_t n, size_t *out_len)
{
    es_buf out = {0};
    size_t i = 0;
    int pending_break = 0, pending_space = 0;
    while (i < n) {
        size_t w;
        if (s[i] == '\n') {
            pending_break = 1;
            i++;
            continue;
        }
        if (is_line_blank(s + i, n - i, &w)) {
            pending_space = 1;
            i += w;
            continue;
        }
        size_t len = es_u8_len(s + i);
        if (len > n - i)
            len = n - i;
        if (out.len > 0 && (pending_break || pending_space)) {
            int32_t before = es_u8_cp(out.data + es_u8_prev(out.data, 0, out.len));
            int32_t after = es_u8_cp(s + i);
            /* Blanks inside a line stay one space; a line break leaves one
             * only between two Latin words. */
            if (!pending_break || flow_space_between(before, after))
                es_buf_putc(&out, ' ');
        }
        pending_break = pending_space = 0;
        es_buf_append(&out, s + i, len);
        i += len;
    }
    return es_buf_take(&out, out_len);
}
