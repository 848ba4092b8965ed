/* Reading documents back from lines of JSON (shard.h) into a sink, in
 * batches, as a load does. Records come from elsewhere: every span is
 * checked against the text it points into. */
#include "edushell/load/shard.h"

#include <stdlib.h>
#include <string.h>

#include "edushell/base/json.h"

/* A document read back and the source it borrows from, kept until the
 * batch it is in is flushed. */
typedef struct shard_doc {
    es_source src;
    es_document doc;
    es_put_result result;   /* what the sink's put did */
} shard_doc;

static const char *text_of(const es_json *rec, const char *k)
{
    const es_json *v = es_json_get(rec, k);
    return v && v->type == ES_JSON_STRING ? v->string : NULL;
}

static char *dup_of(const es_json *rec, const char *k)
{
    const char *s = text_of(rec, k);
    return s ? es_xstrdup(s) : NULL;
}

static int int_of(const es_json *rec, const char *k, long long *out)
{
    const es_json *v = es_json_get(rec, k);
    if (!v || v->type != ES_JSON_NUMBER)
        return 0;
    *out = (long long)v->number;
    return 1;
}

/* Element i of an array of numbers, as an integer. */
static long long item(const es_json *a, size_t i)
{
    return i < a->n && a->items[i].type == ES_JSON_NUMBER ? (long long)a->items[i].number : -1;
}

static int read_source(const es_json *rec, es_source *src, es_err *err)
{
    const es_json *text = es_json_get(rec, "text");
    const char *name = text_of(rec, "name"), *format = text_of(rec, "format");
    if (!text || text->type != ES_JSON_STRING || !name)
        return es_err_set(err, "a record without name or text");
    src->name = es_xstrdup(name);
    src->path = dup_of(rec, "path");
    src->text = es_xstrndup(text->string, text->len);
    src->len = text->len;
    for (int f = ES_FORMAT_TEXT; format && f <= ES_FORMAT_RTF; f++)
        if (strcmp(es_format_name((es_format)f), format) == 0)
            src->format = (es_format)f;
    const char *enc = text_of(rec, "encoding");
    for (int e = ES_ENC_UTF8; enc && e <= ES_ENC_BIG5; e++)
        if (strcmp(es_encoding_name((es_encoding)e), enc) == 0)
            src->encoding = (es_encoding)e;
    const es_json *meta = es_json_get(rec, "meta");
    if (meta && meta->type == ES_JSON_OBJECT && meta->n) {
        src->meta = es_xcalloc(meta->n, sizeof *src->meta);
        for (size_t i = 0; i < meta->n; i++)
            if (meta->items[i].type == ES_JSON_STRING) {
                src->meta[src->nmeta].key = es_xstrdup(meta->keys[i]);
                src->meta[src->nmeta++].value = es_xstrdup(meta->items[i].string);
            }
    }
    return 0;
}

static int read_meta(const es_json *rec, es_meta *m)
{
    long long year = 0;
    m->title = dup_of(rec, "title");
    m->region = dup_of(rec, "region");
    m->region_level = dup_of(rec, "region_level");
    m->province = dup_of(rec, "province");
    m->kind = dup_of(rec, "kind");
    m->issuer = dup_of(rec, "issuer");
    m->issued = dup_of(rec, "issued");
    if (int_of(rec, "year", &year))
        m->year = (int)year;
    return 0;
}

static int read_structure(const es_json *rec, size_t len, es_structure *st, es_err *err)
{
    const es_json *secs = es_json_get(rec, "sections"), *sens = es_json_get(rec, "sentences");
    if (!secs || secs->type != ES_JSON_ARRAY || !sens || sens->type != ES_JSON_ARRAY)
        return es_err_set(err, "a record without sections or sentences");
    st->sections = es_xcalloc(secs->n ? secs->n : 1, sizeof *st->sections);
    for (size_t i = 0; i < secs->n; i++, st->nsections++) {
        const es_json *a = &secs->items[i];
        long long start = item(a, 0), end = item(a, 1), parent = item(a, 3);
        if (start < 0 || end < start || (size_t)end > len || parent >= (long long)i || parent < -1)
            return es_err_set(err, "section %zu outside the text", i);
        st->sections[i] = (es_section){.start = (size_t)start, .end = (size_t)end, .marker_end = (size_t)start,
                                       .level = (int)item(a, 2), .parent = (long)parent};
    }
    st->sentences = es_xcalloc(sens->n ? sens->n : 1, sizeof *st->sentences);
    for (size_t i = 0; i < sens->n; i++, st->nsentences++) {
        const es_json *a = &sens->items[i];
        long long start = item(a, 0), end = item(a, 1), section = item(a, 2), paragraph = item(a, 3);
        if (start < 0 || end < start || (size_t)end > len || section >= (long long)secs->n || paragraph < 0)
            return es_err_set(err, "sentence %zu outside the text", i);
        st->sentences[i] = (es_sentence){(size_t)start, (size_t)end, (long)section, (size_t)paragraph};
    }
    return 0;
}

static int kind_named(const char *name, es_ind_kind *out)
{
    for (int k = ES_IND_ACTUAL; name && k <= ES_IND_RANK; k++)
        if (strcmp(es_ind_kind_name((es_ind_kind)k), name) == 0) {
            *out = (es_ind_kind)k;
            return 1;
        }
    return 0;
}

static es_basis basis_named(const char *name)
{
    for (int b = ES_BASIS_ANNUAL; name && b <= ES_BASIS_CUMULATIVE; b++)
        if (strcmp(es_basis_name((es_basis)b), name) == 0)
            return (es_basis)b;
    return ES_BASIS_ANNUAL;
}

static void copy_into(char *dst, size_t cap, const char *s)
{
    snprintf(dst, cap, "%s", s ? s : "");
}

static int read_indicator(const es_json *o, const es_document *doc, es_indicator *ind, es_err *err)
{
    long long start = -1, end = -1, v = 0;
    int_of(o, "start", &start);
    int_of(o, "end", &end);
    const es_json *value = es_json_get(o, "value"), *hi = es_json_get(o, "value_hi");
    if (start < 0 || end < start || (size_t)end > doc->src->len || !value || value->type != ES_JSON_NUMBER ||
        !kind_named(text_of(o, "kind"), &ind->kind))
        return es_err_set(err, "an indicator outside the text, or without value or kind");
    ind->start = (size_t)start;
    ind->end = (size_t)end;
    ind->value = ind->value_hi = value->number;
    if (hi && hi->type == ES_JSON_NUMBER) {
        ind->value_hi = hi->number;
        ind->has_hi = 1;
    }
    ind->sentence = int_of(o, "sentence_seq", &v) && v >= 0 && (size_t)v < doc->structure.nsentences
                  ? (size_t)v : (size_t)-1;
    copy_into(ind->cmp, sizeof ind->cmp, text_of(o, "cmp"));
    copy_into(ind->unit, sizeof ind->unit, text_of(o, "unit"));
    copy_into(ind->scope, sizeof ind->scope, text_of(o, "scope"));
    ind->metric = es_xstrdup(text_of(o, "metric") ? text_of(o, "metric") : "");
    ind->metric_id = dup_of(o, "metric_id");
    ind->year = int_of(o, "year", &v) ? (int)v : 0;
    ind->period_start = int_of(o, "period_start", &v) ? (int)v : 0;
    ind->period_end = int_of(o, "period_end", &v) ? (int)v : 0;
    ind->basis = basis_named(text_of(o, "basis"));
    ind->subject = dup_of(o, "subject");
    if (int_of(o, "table_seq", &v)) {
        ind->table = (int)v + 1;
        ind->row = int_of(o, "cell_row", &v) ? (unsigned)v : 0;
        ind->col = int_of(o, "cell_col", &v) ? (unsigned)v : 0;
        ind->sheet = dup_of(o, "sheet");
    }
    ind->page = int_of(o, "page", &v) ? (int)v : 0;
    return 0;
}

static int read_indicators(const es_json *rec, es_document *doc, es_err *err)
{
    const es_json *list = es_json_get(rec, "indicators");
    if (!list || list->type != ES_JSON_ARRAY)
        return es_err_set(err, "a record without indicators");
    es_indicator_list *out = &doc->indicators;
    out->items = es_xcalloc(list->n ? list->n : 1, sizeof *out->items);
    out->cap = list->n ? list->n : 1;
    for (size_t i = 0; i < list->n; i++, out->n++)
        if (list->items[i].type != ES_JSON_OBJECT || read_indicator(&list->items[i], doc, &out->items[i], err) != 0)
            return -1;
    return 0;
}

/* Relinks indicators to the database's table, as a load there would. */
static void relink(const es_metric_table *metrics, es_indicator_list *list)
{
    for (size_t i = 0; metrics && i < list->n; i++) {
        const char *id = es_metrics_match(metrics, list->items[i].metric, list->items[i].unit);
        free(list->items[i].metric_id);
        list->items[i].metric_id = id ? es_xstrdup(id) : NULL;
    }
}

static int read_record(const char *line, size_t len, const es_metric_table *metrics, shard_doc *sd, es_err *err)
{
    es_json rec;
    if (es_json_parse(line, len, &rec, err) != 0)
        return -1;
    int rc = -1;
    const char *key = text_of(&rec, "path"), *sha = text_of(&rec, "sha256");
    if (rec.type != ES_JSON_OBJECT || !key || !sha || strlen(sha) != 64)
        es_err_set(err, "not a document record (path, sha256)");
    else if (read_source(&rec, &sd->src, err) == 0) {
        es_document *doc = &sd->doc;
        doc->src = &sd->src;
        doc->key = es_xstrdup(key);
        memcpy(doc->sha256, sha, 65);
        if (read_meta(&rec, &doc->meta) == 0 && read_structure(&rec, sd->src.len, &doc->structure, err) == 0 &&
            read_indicators(&rec, doc, err) == 0) {
            relink(metrics, &doc->indicators);
            rc = 0;
        }
    }
    es_json_free(&rec);
    return rc;
}

static void shard_doc_free(shard_doc *sd)
{
    es_document_free(&sd->doc);
    es_source_free(&sd->src);
    free(sd);
}

typedef struct merge {
    const es_sink *sink;
    const es_ingest_events *ev;
    es_ingest_totals *t;
    shard_doc **batch;
    size_t n, cap, text, limit;
    size_t max_text;   /* the longest document's text, 0 for any */
} merge;

static void report(merge *m, const char *where, const char *reason)
{
    m->t->errors++;
    if (m->ev && m->ev->on_error)
        m->ev->on_error(m->ev->ctx, where, reason);
}

static void flush(merge *m)
{
    es_err err = {{0}};
    int rc = m->n && m->sink->flush ? m->sink->flush(m->sink->ctx, &err) : 0;
    for (size_t i = 0; i < m->n; i++) {
        es_document *doc = &m->batch[i]->doc;
        if (rc != 0) {
            report(m, doc->src->name, err.msg);
        } else {
            es_put_result r = m->batch[i]->result;
            m->t->added += r == ES_PUT_ADDED;
            m->t->replaced += r == ES_PUT_REPLACED;
            m->t->unchanged += r == ES_PUT_UNCHANGED;
            m->t->indicators += doc->indicators.n;
            m->t->bytes += doc->src->len;
            if (m->ev && m->ev->on_document)
                m->ev->on_document(m->ev->ctx, doc, r);
        }
        shard_doc_free(m->batch[i]);
    }
    m->n = 0;
    m->text = 0;
}

static void put(merge *m, shard_doc *sd)
{
    es_put_result result;
    es_err err = {{0}};
    if (m->sink->put(m->sink->ctx, &sd->doc, &result, &err) != 0) {
        report(m, sd->doc.src->name, err.msg);
        shard_doc_free(sd);
        return;
    }
    sd->result = result;
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 64;
        m->batch = es_xrealloc(m->batch, m->cap * sizeof *m->batch);
    }
    m->batch[m->n++] = sd;
    m->text += sd->src.len;
    if (m->text >= m->limit)
        flush(m);
}

/* A record holds its document's text once and each indicator's sentence
 * again: a line longer than this many times the longest text is refused
 * unread, so a file without line ends cannot take all memory. */
enum { RECORD_TEXT_FACTOR = 16 };

/* Reads one line into *buf without its line end: its length, or -1 at the
 * end of the file. A line over `limit` bytes (0: any) is read to its end
 * but not kept, and *too_long is set. */
static ssize_t read_line(FILE *f, char **buf, size_t *cap, size_t limit, int *too_long)
{
    size_t len = 0;
    int c = 0, any = 0;
    *too_long = 0;
    while ((c = getc_unlocked(f)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (*too_long)
            continue;
        if (limit && len >= limit) {
            *too_long = 1;
            continue;
        }
        if (len + 1 >= *cap) {
            *cap = *cap ? 2 * *cap : 1 << 16;
            *buf = es_xrealloc(*buf, *cap);
        }
        (*buf)[len++] = (char)c;
    }
    if (!any)
        return -1;
    while (len > 0 && (*buf)[len - 1] == '\r')
        len--;
    return (ssize_t)len;
}

static void read_shard(merge *m, const char *path, const es_metric_table *metrics)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        report(m, path, "cannot open the file");
        return;
    }
    char *line = NULL;
    size_t cap = 0, limit = m->max_text ? m->max_text * RECORD_TEXT_FACTOR : 0;
    ssize_t len;
    int too_long;
    for (size_t lineno = 1; (len = read_line(f, &line, &cap, limit, &too_long)) >= 0; lineno++) {
        char where[4200];
        snprintf(where, sizeof where, "%s:%zu", path, lineno);
        if (too_long) {
            char reason[128];
            snprintf(reason, sizeof reason, "a record longer than %zu bytes (%d times --max-size)", limit,
                     RECORD_TEXT_FACTOR);
            report(m, where, reason);
            continue;
        }
        if (len == 0)
            continue;
        shard_doc *sd = es_xcalloc(1, sizeof *sd);
        es_err err = {{0}};
        if (read_record(line, (size_t)len, metrics, sd, &err) != 0) {
            report(m, where, err.msg);
            shard_doc_free(sd);
            continue;
        }
        if (m->max_text && sd->src.len > m->max_text) {
            char reason[128];
            snprintf(reason, sizeof reason, "a document of %zu bytes, longer than --max-size (%zu)", sd->src.len,
                     m->max_text);
            report(m, where, reason);
            shard_doc_free(sd);
            continue;
        }
        put(m, sd);
    }
    if (ferror(f))
        report(m, path, "read error");
    free(line);
    fclose(f);
}

int es_ingest_shards(const es_sink *sink, const char *const *paths, size_t npaths,
                     const es_metric_table *metrics, size_t batch_bytes, size_t max_size,
                     const es_ingest_events *ev, es_ingest_totals *totals)
{
    es_ingest_totals t = {0};
    merge m = {.sink = sink, .ev = ev, .t = &t, .limit = batch_bytes ? batch_bytes : ES_INGEST_BATCH_BYTES,
               .max_text = max_size};
    for (size_t i = 0; i < npaths; i++) {
        read_shard(&m, paths[i], metrics);
        t.files++;
        if (ev && ev->on_progress)
            ev->on_progress(ev->ctx, i + 1, npaths);
    }
    flush(&m);
    free(m.batch);
    if (totals)
        *totals = t;
    return t.errors ? -1 : 0;
}
