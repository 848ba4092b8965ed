/* The canonical metric table and the alias matcher. */
#include "edushell/extract/metric_table.h"

#include <stdlib.h>
#include <string.h>

/* Characters that never distinguish two metric phrases: quotes, brackets,
 * separators and spaces, ASCII or full-width. */
static const char *const IGNORED[] = {
    " ", "\t", "\"", "'", "(", ")", "-", ",", ".", ":", ";", "、", "，", "。", "；", "：",
    "“", "”", "‘", "’", "《", "》", "〈", "〉", "（", "）", "【", "】", "·", "—", "　",
};

static size_t ignored_at(const char *s)
{
    for (size_t i = 0; i < sizeof IGNORED / sizeof IGNORED[0]; i++) {
        size_t n = strlen(IGNORED[i]);
        if (strncmp(s, IGNORED[i], n) == 0)
            return n;
    }
    return 0;
}

char *es_metric_normalize(const char *s)
{
    es_buf b = {0};
    while (*s) {
        size_t skip = ignored_at(s);
        if (skip) {
            s += skip;
            continue;
        }
        es_buf_putc(&b, *s++);
    }
    return es_buf_take(&b, NULL);
}

static void def_free(es_metric_def *d)
{
    free(d->id);
    free(d->name);
    free(d->category);
    free(d->unit);
    free(d->direction);
    for (size_t i = 0; i < d->naliases; i++)
        free(d->aliases[i]);
    free(d->aliases);
}

void es_metrics_free(es_metric_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        def_free(&t->items[i]);
    free(t->items);
    memset(t, 0, sizeof *t);
}

/* An alias written "=生产总值" matches only the whole phrase: alone it is
 * the GDP, at the end of 海洋生产总值 it is not. The '=' is kept in the
 * stored alias. */
static void add_alias(es_metric_def *d, const char *alias)
{
    int exact = alias[0] == '=';
    char *bare = es_metric_normalize(alias + exact);
    if (!*bare) {
        free(bare);
        return;
    }
    es_buf b = {0};
    es_buf_puts(&b, exact ? "=" : "");
    es_buf_puts(&b, bare);
    free(bare);
    char *norm = es_buf_take(&b, NULL);
    for (size_t i = 0; i < d->naliases; i++)
        if (strcmp(d->aliases[i], norm) == 0) {
            free(norm);
            return;
        }
    d->aliases = es_xrealloc(d->aliases, (d->naliases + 1) * sizeof *d->aliases);
    d->aliases[d->naliases++] = norm;
}

void es_metrics_put(es_metric_table *t, const char *id, const char *name, const char *const *aliases,
                    size_t naliases, const char *category, const char *unit, const char *direction)
{
    es_metric_def *d = NULL;
    for (size_t i = 0; i < t->n && !d; i++)
        if (strcmp(t->items[i].id, id) == 0) {
            d = &t->items[i];
            def_free(d);
        }
    if (!d) {
        if (t->n == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 64;
            t->items = es_xrealloc(t->items, t->cap * sizeof *t->items);
        }
        d = &t->items[t->n++];
    }
    memset(d, 0, sizeof *d);
    d->id = es_xstrdup(id);
    d->name = es_xstrdup(name);
    d->category = es_xstrdup(category ? category : "");
    d->unit = es_xstrdup(unit ? unit : "");
    d->direction = es_xstrdup(direction && *direction ? direction : "higher");
    add_alias(d, name);
    for (size_t i = 0; i < naliases; i++)
        add_alias(d, aliases[i]);
}

/* A rate also matches its change in percentage points; a rank or an
 * unwritten unit fits any metric. */
static int unit_fits(const char *metric_unit, const char *unit)
{
    if (!*metric_unit || !unit || !*unit || strcmp(unit, "位") == 0)
        return 1;
    if (strcmp(metric_unit, unit) == 0)
        return 1;
    return strcmp(metric_unit, "%") == 0 && strcmp(unit, "个百分点") == 0;
}

/* A Chinese noun phrase ends in its head: 全市普惠性幼儿园覆盖率 is a
 * coverage rate, 海洋生产总值占GDP比重 a share and not the GDP, so an alias
 * must end the phrase, not merely occur in it. */
static int ends_with(const char *s, size_t len, const char *suffix, size_t suffix_len)
{
    return suffix_len <= len && memcmp(s + len - suffix_len, suffix, suffix_len) == 0;
}

const char *es_metrics_match(const es_metric_table *t, const char *metric, const char *unit)
{
    char *norm = es_metric_normalize(metric ? metric : "");
    size_t norm_len = strlen(norm);
    const char *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < t->n; i++) {
        const es_metric_def *d = &t->items[i];
        if (!unit_fits(d->unit, unit))
            continue;
        for (size_t a = 0; a < d->naliases; a++) {
            const char *alias = d->aliases[a];
            int exact = alias[0] == '=';
            size_t len = strlen(alias + exact);
            int fits = exact ? strcmp(norm, alias + 1) == 0 : ends_with(norm, norm_len, alias, len);
            if (fits && len >= best_len) { /* on a tie the later definition wins */
                best = d->id;
                best_len = len;
            }
        }
    }
    free(norm);
    return best;
}
