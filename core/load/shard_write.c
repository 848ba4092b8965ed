/* Writing a document as one line of JSON (shard.h). */
#include "edushell/load/shard.h"

#include <string.h>

#include "edushell/base/json.h"

static void key(es_buf *b, const char *k, int first)
{
    if (!first)
        es_buf_putc(b, ',');
    es_json_string(b, k, strlen(k));
    es_buf_putc(b, ':');
}

static void str(es_buf *b, const char *k, const char *v)
{
    key(b, k, 0);
    if (v)
        es_json_string(b, v, strlen(v));
    else
        es_buf_puts(b, "null");
}

static void span_text(es_buf *b, const char *k, const char *text, size_t start, size_t end)
{
    key(b, k, 0);
    es_json_string(b, text + start, end - start);
}

static void integer(es_buf *b, const char *k, long long v, int present)
{
    key(b, k, 0);
    if (present)
        es_buf_printf(b, "%lld", v);
    else
        es_buf_puts(b, "null");
}

static void write_meta(es_buf *b, const es_source *src)
{
    key(b, "meta", 0);
    if (!src->nmeta) {
        es_buf_puts(b, "null");
        return;
    }
    es_buf_putc(b, '{');
    for (size_t i = 0; i < src->nmeta; i++) {
        key(b, src->meta[i].key, i == 0);
        es_json_string(b, src->meta[i].value, strlen(src->meta[i].value));
    }
    es_buf_putc(b, '}');
}

static void write_structure(es_buf *b, const es_structure *st)
{
    key(b, "sections", 0);
    es_buf_putc(b, '[');
    for (size_t i = 0; i < st->nsections; i++)
        es_buf_printf(b, "%s[%zu,%zu,%d,%ld]", i ? "," : "", st->sections[i].start, st->sections[i].end,
                      st->sections[i].level, st->sections[i].parent);
    es_buf_puts(b, "]");
    key(b, "sentences", 0);
    es_buf_putc(b, '[');
    for (size_t i = 0; i < st->nsentences; i++)
        es_buf_printf(b, "%s[%zu,%zu,%ld,%zu]", i ? "," : "", st->sentences[i].start, st->sentences[i].end,
                      st->sentences[i].section, st->sentences[i].paragraph);
    es_buf_putc(b, ']');
}

/* The fields of an exported indicator, as the store would write them. */
static void write_indicator(es_buf *b, const es_document *doc, const es_indicator *ind)
{
    const char *text = doc->src->text;
    const es_structure *st = &doc->structure;
    int year = ind->year ? ind->year : doc->meta.year;
    int first = ind->period_start ? ind->period_start : year, last = ind->period_end ? ind->period_end : year;
    es_buf_putc(b, '{');
    key(b, "doc", 1);
    es_json_string(b, doc->src->name, strlen(doc->src->name));
    str(b, "region", doc->meta.region);
    integer(b, "start", (long long)ind->start, 1);
    integer(b, "end", (long long)ind->end, 1);
    span_text(b, "number", text, ind->start, ind->end);
    str(b, "metric", ind->metric ? ind->metric : "");
    key(b, "value", 0);
    es_json_number(b, ind->value);
    key(b, "value_hi", 0);
    if (ind->has_hi)
        es_json_number(b, ind->value_hi);
    else
        es_buf_puts(b, "null");
    str(b, "unit", ind->unit);
    str(b, "kind", es_ind_kind_name(ind->kind));
    str(b, "cmp", ind->cmp[0] ? ind->cmp : "=");
    str(b, "scope", ind->scope[0] ? ind->scope : NULL);
    integer(b, "year", year, year != 0);
    integer(b, "period_start", first, first != 0);
    integer(b, "period_end", last, last != 0);
    str(b, "basis", es_basis_name(ind->basis));
    str(b, "subject", ind->subject);
    integer(b, "table_seq", ind->table - 1, ind->table != 0);
    integer(b, "cell_row", ind->row, ind->table != 0);
    integer(b, "cell_col", ind->col, ind->table != 0);
    str(b, "sheet", ind->table ? ind->sheet : NULL);
    integer(b, "page", ind->page, ind->page != 0);
    int in_sentence = ind->sentence < st->nsentences;
    integer(b, "sentence_seq", (long long)ind->sentence, in_sentence);
    key(b, "sentence", 0);
    if (in_sentence)
        es_json_string(b, text + st->sentences[ind->sentence].start,
                       st->sentences[ind->sentence].end - st->sentences[ind->sentence].start);
    else
        es_buf_puts(b, "null");
    str(b, "metric_id", ind->metric_id);
    es_buf_putc(b, '}');
}

static void write_document(es_buf *b, const es_document *doc)
{
    const es_source *src = doc->src;
    const es_meta *m = &doc->meta;
    es_buf_putc(b, '{');
    key(b, "path", 1);
    es_json_string(b, doc->key, strlen(doc->key));
    str(b, "name", src->name);
    str(b, "title", m->title);
    str(b, "region", m->region);
    str(b, "region_level", m->region_level);
    str(b, "province", m->province);
    integer(b, "year", m->year, m->year != 0);
    str(b, "kind", m->kind);
    str(b, "issuer", m->issuer);
    str(b, "issued", m->issued);
    str(b, "sha256", doc->sha256);
    str(b, "format", es_format_name(src->format));
    str(b, "encoding", es_encoding_name(src->encoding));
    write_meta(b, src);
    span_text(b, "text", src->text, 0, src->len);
    write_structure(b, &doc->structure);
    key(b, "indicators", 0);
    es_buf_putc(b, '[');
    for (size_t i = 0; i < doc->indicators.n; i++) {
        if (i)
            es_buf_putc(b, ',');
        write_indicator(b, doc, &doc->indicators.items[i]);
    }
    es_buf_puts(b, "]}\n");
}

static int shard_put(void *ctx, const es_document *doc, es_put_result *result, es_err *err)
{
    es_shard_writer *w = ctx;
    es_buf b = {0};
    write_document(&b, doc);
    size_t n = fwrite(b.data, 1, b.len, w->out);
    size_t want = b.len;
    es_buf_free(&b);
    *result = ES_PUT_ADDED;
    if (n != want)
        return es_err_set(err, "cannot write the record");
    return 0;
}

static int shard_flush(void *ctx, es_err *err)
{
    es_shard_writer *w = ctx;
    if (fflush(w->out) != 0 || ferror(w->out))
        return es_err_set(err, "cannot write the records");
    return 0;
}

es_sink es_shard_sink(es_shard_writer *w)
{
    return (es_sink){.ctx = w, .has = NULL, .put = shard_put, .flush = shard_flush};
}
