/* Document metadata: the inferences of title, kind, year, date, issuer and
 * region combined with the hints a CSV corpus row carries. A hint from the
 * row wins over what the text suggests: the corpus was curated by hand. */
#include "edushell/document/metadata.h"

#include <stdlib.h>
#include <string.h>

#include "edushell/base/common.h"
#include "meta_infer.h"

/* Metadata is read on the view; the strings kept (title, issuer) are the
 * raw text's characters of the span found. */
static char *raw_copy(const es_source *src, const es_view *view, meta_span span)
{
    size_t rs, re;
    es_view_to_raw(view, span.start, span.end, &rs, &re);
    return es_xstrndup(src->text + rs, re - rs);
}

/* Value of a metadata column, or NULL when absent or empty. The lookup is
 * done here rather than through es_source_meta so that metadata depends
 * only on the es_source layout. */
static const char *hint(const es_source *src, const char *key)
{
    for (size_t i = 0; i < src->nmeta; i++)
        if (src->meta[i].key && strcmp(src->meta[i].key, key) == 0)
            return (src->meta[i].value && *src->meta[i].value) ? src->meta[i].value : NULL;
    return NULL;
}

static int year_hint(const es_source *src)
{
    const char *value = hint(src, "year");
    if (!value)
        return 0;
    char *end = NULL;
    long year = strtol(value, &end, 10);
    return (end != value && *end == '\0' && year >= 1949 && year <= 2099) ? (int)year : 0;
}

static char *date_hint(const es_source *src)
{
    const char *value = hint(src, "publish_date");
    int y, m, d;
    if (value && es_meta_parse_date(value, strlen(value), &y, &m, &d) > 0)
        return es_meta_iso_date(y, m, d);
    return NULL;
}

static void set_region(const es_gazetteer *gz, long index, es_meta *out)
{
    const es_region *r = es_gazetteer_get(gz, index);
    if (!r)
        return;
    out->region = es_xstrdup(r->name);
    out->region_level = es_xstrdup(es_level_name(r->level));
    out->province = es_xstrdup(es_gazetteer_get(gz, r->province)->name);
}

/* The region named, and the level the document speaks for. A region
 * above the level its own words say (河南省 named in a county's page,
 * 全县) is not whom it is about: its level is kept, its name not. A
 * region whose kind of division the words name (重庆市, 全市) keeps its
 * own level. */
static void infer_region(const es_gazetteer *gz, const es_source *src, const es_view *view, es_meta *out)
{
    const char *province = hint(src, "province");
    long index = province ? es_gazetteer_find(gz, province) : -1;
    if (index >= 0) {
        set_region(gz, index, out);
        return;
    }
    meta_scope_counts counts;
    es_count_scope_words(view->text, view->len, &counts);
    index = es_infer_region(gz, view->text, view->len, out->title, out->issuer, &counts);
    const char *ending = NULL;
    es_level words = es_infer_scope_level(&counts, &ending);
    const es_region *r = es_gazetteer_get(gz, index);
    if (r && words > r->level && !(ending && strncmp(r->name + strlen(r->name) - 3, ending, 3) == 0))
        index = -1;
    if (index >= 0)
        set_region(gz, index, out);
    else if (words)
        out->region_level = es_xstrdup(es_level_name(words));
}

static void infer_kind(const es_source *src, const es_view *view, es_meta *out)
{
    const char *kind = es_kind_of_title(hint(src, "title"));
    if (!kind)
        kind = es_infer_kind(view->text, view->len, out->title);
    out->kind = kind ? es_xstrdup(kind) : NULL;
}

static int infer_year(const es_source *src, const es_view *view, const es_meta *out, size_t title_end)
{
    int year = year_hint(src);
    if (year == 0)
        year = es_year_of_title(out->title, out->kind);
    /* A work report looks back on last year more often than it names the
     * year it plans for: the session's date says which year that is. */
    if (year == 0 && out->kind && strcmp(out->kind, ES_KIND_GOVREPORT) == 0)
        year = es_year_of_session(view->text, view->len);
    if (year == 0)
        year = es_year_of_dateline(view->text, view->len, title_end);
    if (year == 0)
        year = es_year_of_text(view->text, view->len);
    if (year == 0)
        year = es_year_of_period_heading(view->text, view->len);
    /* Last, the year the page was put out, when nothing else says. */
    if (year == 0 && out->issued)
        year = atoi(out->issued);
    return year;
}

static char *infer_issuer(const es_source *src, const es_view *view)
{
    meta_span span;
    if (!es_infer_issuer(view->text, view->len, &span))
        return NULL;
    char *raw = raw_copy(src, view, span);
    char *issuer = es_collapse_blanks(raw, strlen(raw));
    free(raw);
    return issuer;
}

void es_meta_infer(const es_gazetteer *gz, const es_source *src, const es_view *view, es_meta *out)
{
    memset(out, 0, sizeof *out);
    if (!src || !src->text || !view || !view->text)
        return;
    const char *title = hint(src, "title");
    meta_span span = {0, 0};
    if (title)
        out->title = es_xstrdup(title);
    else if (es_infer_title(view->text, view->len, &span))
        out->title = raw_copy(src, view, span);
    out->issuer = infer_issuer(src, view);
    out->issued = date_hint(src);
    if (!out->issued)
        out->issued = es_infer_issued(view->text, view->len);
    infer_kind(src, view, out);
    out->year = infer_year(src, view, out, span.end);
    if (gz)
        infer_region(gz, src, view, out);
}

void es_meta_free(es_meta *m)
{
    if (!m)
        return;
    free(m->title);
    free(m->region);
    free(m->region_level);
    free(m->province);
    free(m->kind);
    free(m->issuer);
    free(m->issued);
    memset(m, 0, sizeof *m);
}
