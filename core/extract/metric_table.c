/* The canonical metric table and the alias matcher.
 *
 * A phrase matches the aliases it ends with, which end in its last
 * character: aliases are indexed by that character, so a match compares a
 * phrase with the few aliases of its bucket, not with the whole table. */
#include "edushell/extract/metric_table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "edushell/base/uchar.h"

#define ALIAS_BUCKETS 1024
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct alias_ref {
    uint32_t def, alias;   /* items[def].aliases[alias] */
    uint32_t len;          /* of the alias without its '=' */
    int exact;             /* written "=...": matches only the whole phrase */
} alias_ref;

struct es_alias_index {
    alias_ref *refs[ALIAS_BUCKETS];
    size_t n[ALIAS_BUCKETS], cap[ALIAS_BUCKETS];
};

/* Characters that never distinguish two metric phrases: quotes, brackets,
 * separators and spaces, ASCII or full-width. */
static const char *const IGNORED[] = {
    " ", "\t", "\"", "'", "(", ")", "-", ",", ".", ":", ";", "、", "，", "。", "；", "：",
    "“", "”", "‘", "’", "《", "》", "〈", "〉", "（", "）", "【", "】", "·", "—", "　",
};

/* Bytes that may begin an ignored character. */
static int may_be_ignored(unsigned char c)
{
    return c < 0x80 ? strchr(" \t\"'()-,.:;", c) != NULL && c != 0 : c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF;
}

static size_t ignored_at(const char *s)
{
    if (!may_be_ignored((unsigned char)*s))
        return 0;
    for (size_t i = 0; i < sizeof IGNORED / sizeof IGNORED[0]; i++) {
        size_t n = strlen(IGNORED[i]);
        if (strncmp(s, IGNORED[i], n) == 0)
            return n;
    }
    return 0;
}

/* Writes the normalized phrase into out (cap bytes, NUL-terminated) and
 * returns its length, or cap when it does not fit. */
static size_t normalize_into(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    while (*s) {
        size_t skip = ignored_at(s);
        if (skip) {
            s += skip;
            continue;
        }
        if (n + 1 >= cap)
            return cap;
        out[n++] = *s++;
    }
    out[n] = '\0';
    return n;
}

char *es_metric_normalize(const char *s)
{
    size_t cap = strlen(s) + 1;
    char *out = es_xmalloc(cap);
    normalize_into(s, out, cap);
    return out;
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

static void index_free(es_alias_index *x)
{
    if (!x)
        return;
    for (size_t b = 0; b < ALIAS_BUCKETS; b++)
        free(x->refs[b]);
    free(x);
}

void es_metrics_free(es_metric_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        def_free(&t->items[i]);
    free(t->items);
    index_free(t->index);
    memset(t, 0, sizeof *t);
}

/* The bucket of the last character of s[0..len). */
static size_t bucket_of_last(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    size_t at = es_u8_prev(s, 0, len);
    return ((uint32_t)es_u8_cp(s + at) * 2654435761u) >> 22;   /* 10 bits */
}

static void index_def(es_alias_index *x, const es_metric_table *t, size_t def)
{
    const es_metric_def *d = &t->items[def];
    for (size_t a = 0; a < d->naliases; a++) {
        int exact = d->aliases[a][0] == '=';
        const char *alias = d->aliases[a] + exact;
        size_t len = strlen(alias);
        size_t b = bucket_of_last(alias, len);
        if (x->n[b] == x->cap[b]) {
            x->cap[b] = x->cap[b] ? 2 * x->cap[b] : 4;
            x->refs[b] = es_xrealloc(x->refs[b], x->cap[b] * sizeof *x->refs[b]);
        }
        x->refs[b][x->n[b]++] = (alias_ref){ (uint32_t)def, (uint32_t)a, (uint32_t)len, exact };
    }
}

/* Every bucket again, in the order of the definitions. */
static void reindex(es_metric_table *t)
{
    index_free(t->index);
    t->index = es_xcalloc(1, sizeof *t->index);
    for (size_t i = 0; i < t->n; i++)
        index_def(t->index, t, i);
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
    int replaced = 0;
    for (size_t i = 0; i < t->n && !d; i++)
        if (strcmp(t->items[i].id, id) == 0) {
            d = &t->items[i];
            def_free(d);
            replaced = 1;
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
    if (replaced || !t->index)
        reindex(t);
    else
        index_def(t->index, t, (size_t)(d - t->items));
}

/* What may stand before an alias in a phrase and still let the phrase be
 * that measure. A phrase ends in its head, but the words before the head
 * can make it another measure: a flow of things built or added (新建改扩建
 * 义务教育学校 are no count of schools), a part of the population (公办幼儿
 * 园在园幼儿, 农村居民人均可支配收入 are no whole), or a level the alias
 * only ends (中小学校舍面积 is not 小学校舍面积). An alias that itself holds
 * such a word matches as it says. */
static const char *const FLOW_WORDS[] = {
    "新增", "新建", "改扩建", "扩建", "改建", "建成", "开工", "竣工", "新改扩建",
};
static const char *const PART_WORDS[] = {
    "公办", "民办", "农村", "城区", "城镇", "乡村", "少数民族", "随班就读", "寄宿", "留守", "脱贫", "其中", "其他",
};
/* A phrase that lists several subjects before the alias (小学和初中适龄人口
 * 入学率) measures them together, not the alias's one. */
static const char *const JOINS[] = {"和", "及", "与", "、"};
static const char *const STRADDLING_WORDS[] = {"大中小学", "中小学", "中小学校"};

static int contains(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, word, n) == 0)
            return 1;
    return 0;
}

static int contains_any(const char *s, size_t len, const char *const *words, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (contains(s, len, words[k]))
            return 1;
    return 0;
}

/* Whether the words before an alias (phrase[0..rest)) let the phrase be
 * the alias's measure. */
static int rest_fits(const char *phrase, size_t rest, const char *alias, size_t alias_len)
{
    if (rest == 0)
        return 1;
    for (size_t k = 0; k < COUNT(JOINS); k++) {
        size_t n = strlen(JOINS[k]);
        if (rest >= n && memcmp(phrase + rest - n, JOINS[k], n) == 0)
            return 0;
    }
    if (contains_any(phrase, rest, FLOW_WORDS, COUNT(FLOW_WORDS)) &&
        !contains_any(alias, alias_len, FLOW_WORDS, COUNT(FLOW_WORDS)))
        return 0;
    for (size_t k = 0; k < COUNT(PART_WORDS); k++)
        if (contains(phrase, rest, PART_WORDS[k]) && !contains(alias, alias_len, PART_WORDS[k]))
            return 0;
    for (size_t k = 0; k < COUNT(STRADDLING_WORDS); k++) {
        size_t n = strlen(STRADDLING_WORDS[k]);
        for (size_t at = rest > n ? rest - n + 1 : 0; at < rest; at++)
            if (memcmp(phrase + at, STRADDLING_WORDS[k], n < rest + alias_len - at ? n : 0) == 0 &&
                at + n <= rest + alias_len && at + n > rest)
                return 0;
    }
    return 1;
}

/* A rate also matches its change in percentage points; schools counted
 * in 处 (sites) are counted as in 所; a rank or an unwritten unit fits any
 * metric. */
static int unit_fits(const char *metric_unit, const char *unit)
{
    if (!*metric_unit || !unit || !*unit || strcmp(unit, "位") == 0)
        return 1;
    if (strcmp(metric_unit, unit) == 0)
        return 1;
    if (strcmp(metric_unit, "所") == 0 && strcmp(unit, "处") == 0)
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
    if (!t->index)
        return NULL;
    /* Phrases are short; a longer one is normalized on the heap. */
    char small[256], *heap = NULL, *norm = small;
    size_t norm_len = normalize_into(metric ? metric : "", small, sizeof small);
    if (norm_len == sizeof small) {
        norm = heap = es_metric_normalize(metric);
        norm_len = strlen(norm);
    }
    const char *best = NULL;
    size_t best_len = 0;
    uint32_t best_def = 0;
    size_t b = bucket_of_last(norm, norm_len);
    for (size_t k = 0; k < t->index->n[b]; k++) {
        alias_ref ref = t->index->refs[b][k];
        const es_metric_def *d = &t->items[ref.def];
        const char *alias = d->aliases[ref.alias] + ref.exact;
        size_t len = ref.len;
        /* The phrase's end is compared first: it rules out most aliases
         * of a bucket at once, before the unit is looked at. */
        if (len < best_len || !ends_with(norm, norm_len, alias, len))
            continue;
        int fits = ref.exact ? norm_len == len : rest_fits(norm, norm_len - len, alias, len);
        if (!fits || !unit_fits(d->unit, unit))
            continue;
        /* On a tie the later definition wins. */
        if (len > best_len || ref.def >= best_def || !best) {
            best = d->id;
            best_len = len;
            best_def = ref.def;
        }
    }
    free(heap);
    return best;
}
