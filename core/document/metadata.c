/* Document metadata: the inferences of title, kind, year, date, issuer and
 * region combined with the hints a CSV corpus row carries. A hint from the
 * row wins over what the text suggests: the corpus was curated by hand. */
#include "edushell/document/metadata.h"

#include <stdlib.h>
#include <string.h>

#include "edushell/base/common.h"
#include "meta_infer.h"

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

static void infer_region(const es_gazetteer *gz, const es_source *src, es_meta *out)
{
    const char *province = hint(src, "province");
    long index = province ? es_gazetteer_find(gz, province) : -1;
    if (index < 0)
        index = es_infer_region(gz, src->text, src->len, out->title, out->issuer);
    set_region(gz, index, out);
}

static void infer_kind(const es_source *src, es_meta *out)
{
    const char *kind = es_kind_of_title(hint(src, "title"));
    if (!kind)
        kind = es_kind_of_title(out->title);
    if (!kind)
        kind = es_kind_of_headings(src->text, src->len);
    out->kind = kind ? es_xstrdup(kind) : NULL;
}

static int infer_year(const es_source *src, const es_meta *out)
{
    int year = year_hint(src);
    if (year == 0)
        year = es_year_of_title(out->title);
    /* A work report looks back on last year more often than it names the
     * year it plans for: the session's date says which year that is. */
    if (year == 0 && out->kind && strcmp(out->kind, ES_KIND_GOVREPORT) == 0)
        year = es_year_of_session(src->text, src->len);
    if (year == 0)
        year = es_year_of_text(src->text, src->len);
    return year;
}

void es_meta_infer(const es_gazetteer *gz, const es_source *src, es_meta *out)
{
    memset(out, 0, sizeof *out);
    if (!src || !src->text)
        return;
    const char *title = hint(src, "title");
    out->title = title ? es_xstrdup(title) : es_infer_title(src->text, src->len);
    out->issuer = es_infer_issuer(src->text, src->len);
    out->issued = date_hint(src);
    if (!out->issued)
        out->issued = es_infer_issued(src->text, src->len);
    infer_kind(src, out);
    out->year = infer_year(src, out);
    if (gz)
        infer_region(gz, src, out);
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
