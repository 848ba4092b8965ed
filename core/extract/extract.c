/* The extraction driver: the path from a text to its indicators, and the
 * walk over a document's sentences and tables. */
#include "edushell/extract/extract.h"

#include "classify.h"
#include "extractor.h"
#include "scan.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edushell/base/uchar.h"

/* A span of the view that a table covers. */
typedef struct covered {
    size_t start, end;
} covered;

static int by_start(const void *a, const void *b)
{
    const covered *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

static covered *table_spans(const es_extract_input *in)
{
    covered *spans = es_xmalloc((in->ntables ? in->ntables : 1) * sizeof *spans);
    for (size_t k = 0; k < in->ntables; k++)
        spans[k] = (covered){ in->tables[k].start, in->tables[k].end };
    qsort(spans, in->ntables, sizeof *spans, by_start);
    return spans;
}

/* The subjects of a document's paragraphs as the sentences are read. */
typedef struct topics {
    size_t paragraph;      /* of the sentence read last */
    scan_topic heading;    /* named by the last heading, for the paragraphs under it */
    scan_topic current;    /* the paragraph's, as its figures set it */
} topics;

/* A heading or a short line without a sentence's end. */
#define MAX_TOPIC_LINE_CHARS 20

/* At a paragraph's start: a heading naming a school level (义务教育,
 * 二、学前教育和特殊教育) makes it the subject of the paragraphs under it,
 * another heading ends that; a paragraph starts from its heading's. */
static void enter_paragraph(const vocab *v, const es_extract_input *in, size_t k, topics *t)
{
    const es_span *para = &in->st->paragraphs[k];
    const char *text = in->view->text;
    size_t start = para->start, end = para->end;
    for (size_t s = 0; s < in->st->nsections; s++)
        if (in->st->sections[s].start == start) {
            start = in->st->sections[s].marker_end;
            break;
        }
    /* Blanks and the dashes of a lead label (——小学。) */
    for (;;) {
        if (start < end && text[start] == ' ')
            start++;
        else if (end - start >= 3 && memcmp(text + start, "—", 3) == 0)
            start += 3;
        else
            break;
    }
    size_t chars = es_u8_count(text + start, end - start);
    int stops = end > start && (text[end - 1] == ';' || (end - start >= 3 && memcmp(text + end - 3, "。", 3) == 0));
    if (chars > 0 && chars <= MAX_TOPIC_LINE_CHARS && !stops) {
        const vocab_word *level = vocab_match_at(v, ROLE_LEVEL, text, start, end);
        t->heading.text[0] = '\0';
        if (level && level->len < sizeof t->heading.text)
            snprintf(t->heading.text, sizeof t->heading.text, "%.*s", (int)level->len, text + start);
    }
    /* Lines with no mark at their end run on (全市义务教育阶段学校中 / 新建有6所):
     * objects named there are looked for from where the run began. */
    size_t from = para->start;
    if (k > 0) {
        const es_span *prev = &in->st->paragraphs[k - 1];
        size_t pe = prev->end;
        while (pe > prev->start && text[pe - 1] == ' ')
            pe--;
        if (pe > prev->start && !es_clause_mark_len(text, es_u8_prev(text, prev->start, pe), pe) &&
            text[pe - 1] != ')' && t->current.from <= prev->start)
            from = t->current.from;
    }
    t->current = t->heading;
    t->current.from = from;
}

/* A sentence that is only a school level (——小学。) labels what follows. */
static void lead_label(const vocab *v, const es_extract_input *in, const es_sentence *sent, topics *t)
{
    const char *text = in->view->text;
    size_t start = sent->start, end = sent->end;
    while (end - start >= 3 && memcmp(text + start, "—", 3) == 0)
        start += 3;
    if (end - start >= 3 && memcmp(text + end - 3, "。", 3) == 0)
        end -= 3;
    const vocab_word *level = start < end ? vocab_match_at(v, ROLE_LEVEL, text, start, end) : NULL;
    if (level && level->len == end - start && level->len < sizeof t->current.text)
        snprintf(t->current.text, sizeof t->current.text, "%.*s", (int)level->len, text + start);
}

/* Reads sentence k, leaving out what tables cover: their cells are read
 * with what their columns say. */
static void read_sentence(const es_extractor *ex, const es_extract_input *in, const part *parts, size_t k,
                          const covered *spans, topics *t, es_indicator_list *out)
{
    const es_sentence *sent = &in->st->sentences[k];
    if (k == 0 || sent->paragraph != t->paragraph) {
        t->paragraph = sent->paragraph;
        enter_paragraph(&ex->words, in, sent->paragraph, t);
    }
    lead_label(&ex->words, in, sent, t);
    scan_span sp = {
        .sentence = k, .start = sent->start, .end = sent->end,
        .zone = parts[sent->paragraph].zone, .part_year = parts[sent->paragraph].year,
        .span_first = parts[sent->paragraph].span_first, .span_last = parts[sent->paragraph].span_last,
        .topic = &t->current,
    };
    /* A heading's numbering marker (8. (二)) is not part of its first clause. */
    if (sent->section >= 0 && in->st->sections[sent->section].start == sent->start)
        sp.clause_floor = in->st->sections[sent->section].marker_end;
    size_t from = sp.start;
    for (size_t t = 0; t < in->ntables && from < sent->end; t++) {
        if (spans[t].end <= from || spans[t].start >= sent->end)
            continue;
        if (spans[t].start > from) {
            sp.start = from;
            sp.end = spans[t].start;
            scan_stretch(ex, in, &sp, out);
        }
        from = spans[t].end;
    }
    if (from < sent->end) {
        sp.start = from;
        sp.end = sent->end;
        scan_stretch(ex, in, &sp, out);
    }
}

static int by_position(const void *a, const void *b)
{
    const es_indicator *x = a, *y = b;
    if (x->start != y->start)
        return (x->start > y->start) - (x->start < y->start);
    return (x->end > y->end) - (x->end < y->end);
}

void es_extract(const es_extractor *ex, const es_extract_input *in, es_indicator_list *out)
{
    part *parts = classify_parts(&ex->words, in);
    covered *spans = table_spans(in);
    size_t first = out->n;
    topics t = { 0 };
    for (size_t k = 0; k < in->st->nsentences; k++)
        read_sentence(ex, in, parts, k, spans, &t, out);
    for (size_t t = 0; t < in->ntables; t++)
        table_read(ex, in, parts, &in->tables[t], (int)t + 1, out);
    /* Figures of tables join the others in text order. */
    if (in->ntables && out->n - first > 1)
        qsort(out->items + first, out->n - first, sizeof *out->items, by_position);
    free(spans);
    free(parts);
}

/* The document's tables with their cells' spans in the view: the
 * source's first (mapped from raw offsets), then those found in the text,
 * which are in the view already and are shared, not copied. */
static es_table *tables_in_view(const es_source *src, const es_view *view, const es_structure *st, size_t *n)
{
    size_t from_src = src ? src->tables.n : 0;
    *n = from_src + st->tables.n;
    if (*n == 0)
        return NULL;
    es_table *tables = es_xcalloc(*n, sizeof *tables);
    if (st->tables.n)
        memcpy(tables + from_src, st->tables.items, st->tables.n * sizeof *tables);
    for (size_t k = 0; k < from_src; k++) {
        const es_table *raw = &src->tables.items[k];
        es_table *t = &tables[k];
        *t = *raw;
        t->start = es_view_offset(view, raw->start);
        t->end = es_view_offset(view, raw->end);
        t->cells = es_xmalloc((raw->ncells ? raw->ncells : 1) * sizeof *t->cells);
        t->cap = raw->ncells;
        for (size_t c = 0; c < raw->ncells; c++) {
            t->cells[c] = raw->cells[c];
            t->cells[c].start = es_view_offset(view, raw->cells[c].start);
            t->cells[c].end = es_view_offset(view, raw->cells[c].end);
        }
    }
    return tables;
}

/* The page of each figure of a paged source. */
static void set_pages(const es_source *src, es_indicator_list *out)
{
    if (!src || src->npages == 0)
        return;
    for (size_t k = 0; k < out->n; k++) {
        size_t lo = 0, hi = src->npages;   /* pages starting at or before the figure */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (src->page_starts[mid] <= out->items[k].start)
                lo = mid + 1;
            else
                hi = mid;
        }
        out->items[k].page = (int)(lo ? lo : 1);
    }
}

void es_extract_text(const es_extractor *ex, const es_text_in *in, es_view *view, es_structure *st,
                     es_meta *meta, es_indicator_list *out)
{
    es_view_build(in->text, in->len, view);
    es_segment(view->text, view->len, st);
    const char *kind = in->doc_kind;
    int year = in->doc_year;
    if (meta) {
        es_source bare = { .text = (char *)in->text, .len = in->len };
        es_meta_infer(in->gazetteer, in->src ? in->src : &bare, view, meta);
        if (kind) {
            free(meta->kind);
            meta->kind = es_xstrdup(kind);
        }
        if (year)
            meta->year = year;
        kind = meta->kind;
        year = meta->year;
    }
    size_t ntables;
    es_table *tables = tables_in_view(in->src, view, st, &ntables);
    es_extract_input x = {
        .view = view, .st = st, .doc_kind = kind, .doc_year = year, .tables = tables, .ntables = ntables,
    };
    size_t first = out->n;
    es_extract(ex, &x, out);
    for (size_t k = 0; in->src && k < in->src->tables.n; k++)
        free(tables[k].cells);
    free(tables);
    /* Nothing found leaves items NULL, and NULL + 0 is undefined. */
    es_indicator_list page_part = { out->items ? out->items + first : NULL, out->n - first, 0 };
    set_pages(in->src, &page_part);
    es_structure_to_raw(st, view);
}
