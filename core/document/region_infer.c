/* The region a document is about, found by scoring the gazetteer names it
 * mentions.
 *
 * Where a name stands says how much it counts: in the issuing body it
 * decides almost alone (太仓市教育局), in the title it counts much, in the
 * body a full name counts a little and more before an organisation word
 * (无锡市教育局, 上海市人民政府, 广东省第十四届人民代表大会). Short names
 * of provinces count anywhere (美丽河南), those of prefectures only before
 * words that make them names of institutions (无锡教育, 无锡职业技术学院).
 * Lines that copy the document to other bodies (抄：苏州市教育局办公室)
 * name no one it is about. Only the body's first pages are read, and the
 * gazetteer's index by first character passes over most characters at
 * once. Names shared by several counties score for all
 * of them; mentions of a county's prefecture or province break the tie,
 * and between equals the higher level wins. */
#include "meta_infer.h"

#include <stdlib.h>
#include <string.h>

#include "edushell/base/common.h"
#include "spans.h"
#include "word_scan.h"

/* Weights of one mention. */
#define W_ISSUER 20 /* in the issuing body */
#define W_TITLE 8   /* in the title */
#define W_FULL 2    /* a full name in the body */
#define W_ORG 4     /* added when an organisation word follows */
#define W_SHORT 1   /* a short name before an institution word */
#define W_NESTED 1  /* for each enclosing region that is mentioned too */
/* Below this the text names no region: one full name is enough. */
#define W_MIN W_FULL

/* Same-name regions considered at one mention (鼓楼区 is four). */
#define MATCH_MAX 16

/* Words after a full name that make it an organisation or its office. */
static const char *const org_words[] = {
    "教育局", "教育厅", "教育委员会", "教委", "人民政府", "政府", "委", "人民代表大会",
    "人大", "第", "省长", "市长", "县长", "区长",
};

/* Words after a short name that make it the name of an institution. */
static const char *const institution_words[] = {
    "教育", "学院", "大学", "职业", "师范", "中学", "小学", "高中", "实验", "日报",
    "市委", "省委", "市政府", "省政府", "县委", "县政府", "区委", "区政府", "融媒", "新闻", "一中",
};

/* Lines starting so copy or address the document to other bodies. */
static const char *const copy_line_starts[] = {"抄", "主送"};

/* Words before a name that make the mention a title given by a higher body
 * (被定为河南省教育综合改革试点县): it names the giver, not whom the document
 * is about. */
static const char *const designations[] = {"被定为", "被评为", "命名为", "被确定为", "被列为", "授予", "评为"};
#define DESIGNATION_REACH 15

/* A county's short name (琼海 of 琼海市) counts when a text repeats it this
 * often: once, it is as likely an ordinary word (和平, 城关). */
#define SHORT_REPEATS 3
/* In the count of a short name's mentions, one as an institution's name
 * adds this: the count holds both (mentions % SHORT_NAMED, named / ...). */
#define SHORT_NAMED 1000
/* Counties of one prefecture named side by side: the document is about
 * the prefecture (茅箭区, 张湾区, 郧西县 … of 十堰市). */
#define SIBLINGS 3

/* Scope words: a document about a city says 全市, about a province 全省. */
static const struct {
    const char *word;
    const char *name_ending; /* of the regions with that scope */
} scopes[] = {
    {"全省", "省"},
    {"全市", "市"},
    {"全县", "县"},
    {"全区", "区"}, /* autonomous regions and districts alike */
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct weights {
    long full, org, short_name;
} weights;

static int starts_any(const char *s, size_t len, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (meta_starts(s, len, words[i]))
            return 1;
    return 0;
}

/* What follows a name. */
typedef struct mention {
    int is_short;
    int org;         /* an organisation word: 教育局, 人民政府, 第…届 */
    int institution; /* an institution word: 教育, 学院, 中学 */
    size_t chars;    /* characters of the name */
} mention;

/* The weight of a mention for one of the regions bearing the name. */
static long hit_weight(const es_region *r, const weights *w, const mention *m)
{
    if (m->is_short) {
        /* Province short names are distinctive (江苏, 内蒙古) and are how
         * reports name their own province in running text (美丽河南); a
         * county's (和平, 新华, 城关) is an ordinary word too often. */
        if (r->level == ES_LEVEL_PROVINCE || (r->level == ES_LEVEL_PREFECTURE && m->institution))
            return w->short_name;
        return 0;
    }
    /* Two-character names (城区, 郊区, 沛县) hide inside ordinary words. */
    if (m->chars <= 2 && !m->org)
        return 0;
    return w->full + (m->org ? w->org : 0);
}

/* Whether a designation ends just before s[at]. */
static int designated(const char *s, size_t at)
{
    size_t from = at > DESIGNATION_REACH ? at - DESIGNATION_REACH : 0;
    for (size_t i = 0; i < COUNT(designations); i++)
        if (meta_find(s + from, at - from, designations[i]))
            return 1;
    return 0;
}

/* Scores the names in s[0..len); short names of counties and prefectures
 * that score nothing alone are counted in `shorts` when it is given. */
static void score_span(const es_gazetteer *gz, const char *s, size_t len, const weights *w, long *scores,
                       long *shorts)
{
    long hits[MATCH_MAX];
    size_t at = 0;
    while ((at = es_gazetteer_next(gz, s, len, at)) < len) {
        size_t name_len = 0;
        int is_short = 0;
        size_t count = es_gazetteer_match(gz, s + at, len - at, 1, hits, MATCH_MAX, &name_len, &is_short);
        if (count == 0) {
            at++;
            while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
                at++;
            continue;
        }
        const char *after = s + at + name_len;
        size_t after_len = len - at - name_len;
        const mention m = {
            .is_short = is_short,
            .org = starts_any(after, after_len, org_words, COUNT(org_words)),
            .institution = starts_any(after, after_len, institution_words, COUNT(institution_words)),
            .chars = es_u8_count(s + at, name_len),
        };
        for (size_t i = 0; i < count && i < MATCH_MAX && !designated(s, at); i++) {
            long weight = hit_weight(es_gazetteer_get(gz, hits[i]), w, &m);
            scores[hits[i]] += weight;
            /* Counted as repeats: a short name used once at least as the
             * name of a place's institution (琼海中学, 琼海融媒). */
            if (shorts && weight == 0 && is_short)
                shorts[hits[i]] += m.institution ? SHORT_NAMED : 1;
        }
        at += name_len;
    }
}

/* The body is read as far as its first pages: where a document names
 * whom it is about, in its opening lines, letterhead and first paragraphs. */
#define REGION_BODY_BYTES 8192

static void score_body(const es_gazetteer *gz, const char *text, size_t len, long *scores, long *shorts)
{
    if (len > REGION_BODY_BYTES)
        len = REGION_BODY_BYTES;
    const weights body = {W_FULL, W_ORG, W_SHORT};
    size_t pos = 0;
    meta_line l;
    while (meta_line_next(text, len, &pos, &l))
        if (!starts_any(l.s, l.len, copy_line_starts, COUNT(copy_line_starts)))
            score_span(gz, l.s, l.len, &body, scores, shorts);
}

/* A short name the body repeats (琼海 ×8 for 琼海市) counts as a name,
 * when the text's scope agrees with its kind of division (我市 for a city)
 * or no scope is said. Names shared by several regions count for none. */
static void count_repeated_short_names(const es_gazetteer *gz, const long *shorts, long *base, const char *scope)
{
    size_t n = es_gazetteer_count(gz);
    for (size_t i = 0; i < n; i++) {
        long named = shorts[i] / SHORT_NAMED, mentions = named + shorts[i] % SHORT_NAMED;
        if (mentions < SHORT_REPEATS || named == 0)
            continue;
        const es_region *r = es_gazetteer_get(gz, (long)i);
        if (scope && !meta_ends(r->name, strlen(r->name), scope))
            continue;
        base[i] += mentions * W_SHORT;
    }
}

/* When the region found is a county named beside other counties of its
 * prefecture, the document is about the prefecture. */
static long common_parent(const es_gazetteer *gz, const long *base, long best)
{
    const es_region *r = es_gazetteer_get(gz, best);
    if (!r || r->level != ES_LEVEL_COUNTY || r->parent < 0)
        return best;
    size_t n = es_gazetteer_count(gz), siblings = 0;
    for (size_t i = 0; i < n; i++)
        if (base[i] > 0 && es_gazetteer_get(gz, (long)i)->parent == r->parent)
            siblings++;
    return siblings >= SIBLINGS ? r->parent : best;
}

/* The name ending of the scope the text speaks of most, or NULL. */
static const char *dominant_scope(const meta_scope_counts *counts)
{
    const char *ending = NULL;
    size_t best = 0;
    for (size_t i = 0; i < COUNT(scopes); i++) {
        size_t n = counts->scope[i];
        if (n > best) {
            best = n;
            ending = scopes[i].name_ending;
        } else if (n == best) {
            ending = NULL;
        }
    }
    return ending;
}

/* Adds the nesting bonus and doubles the regions of the text's scope. */
static void adjust_scores(const es_gazetteer *gz, const long *base, long *scores, const char *scope)
{
    size_t n = es_gazetteer_count(gz);
    for (size_t i = 0; i < n; i++) {
        if (base[i] <= 0)
            continue;
        const es_region *r = es_gazetteer_get(gz, (long)i);
        long score = base[i];
        if (r->parent >= 0 && base[r->parent] > 0)
            score += W_NESTED;
        if (r->province != (long)i && r->province != r->parent && base[r->province] > 0)
            score += W_NESTED;
        if (scope && meta_ends(r->name, strlen(r->name), scope))
            score *= 2;
        scores[i] = score;
    }
}

static long best_region(const es_gazetteer *gz, const long *scores)
{
    long best = -1;
    size_t n = es_gazetteer_count(gz);
    for (size_t i = 0; i < n; i++) {
        if (scores[i] < W_MIN)
            continue;
        if (best < 0 || scores[i] > scores[best] ||
            (scores[i] == scores[best] &&
             es_gazetteer_get(gz, (long)i)->level < es_gazetteer_get(gz, best)->level))
            best = (long)i;
    }
    return best;
}

/* Words a document says whom it speaks for with: its own (我市, 本县)
 * count three times as much as its scope (全市). 全区 is a district's, or
 * an autonomous region's when that is the region found. */
static const struct {
    const char *word;
    es_level level;
    int weight;
} level_words[] = {
    {"我省", ES_LEVEL_PROVINCE, 3}, {"全省", ES_LEVEL_PROVINCE, 1},
    {"我市", ES_LEVEL_PREFECTURE, 3}, {"全市", ES_LEVEL_PREFECTURE, 1},
    {"我州", ES_LEVEL_PREFECTURE, 3}, {"全州", ES_LEVEL_PREFECTURE, 1},
    {"我盟", ES_LEVEL_PREFECTURE, 3}, {"全盟", ES_LEVEL_PREFECTURE, 1},
    {"我县", ES_LEVEL_COUNTY, 3}, {"全县", ES_LEVEL_COUNTY, 1},
    {"我区", ES_LEVEL_COUNTY, 3}, {"全区", ES_LEVEL_COUNTY, 1},
    {"我旗", ES_LEVEL_COUNTY, 3}, {"全旗", ES_LEVEL_COUNTY, 1},
    {"区教育局", ES_LEVEL_COUNTY, 3}, {"县教育局", ES_LEVEL_COUNTY, 3},
};

/* Words after a scope that compare with others in it (全市前列, 全省第一,
 * 全省平均水平): the document speaks for a part of that scope; or that make
 * it part of another word (全市场). */
static const char *const ranking_words[] = {
    "第", "前", "领先", "排名", "平均", "一流", "同类", "唯一", "之首", "首位", "最", "先进", "场",
};

_Static_assert(COUNT(level_words) == META_LEVEL_WORDS, "a count for each level word");
_Static_assert(COUNT(scopes) == META_SCOPE_WORDS, "a count for each scope word");
_Static_assert(META_LEVEL_WORDS + META_SCOPE_WORDS <= WORD_SCAN_MAX, "one scan finds every word");

/* Both lists are looked for in one scan; a word on both (全市) is found
 * for each, as two scans would find it. */
void es_count_scope_words(const char *text, size_t len, meta_scope_counts *counts)
{
    const char *words[META_LEVEL_WORDS + META_SCOPE_WORDS];
    for (size_t i = 0; i < META_LEVEL_WORDS; i++) {
        words[i] = level_words[i].word;
        counts->level[i] = 0;
    }
    for (size_t i = 0; i < META_SCOPE_WORDS; i++) {
        words[META_LEVEL_WORDS + i] = scopes[i].word;
        counts->scope[i] = 0;
    }
    word_scan ws;
    word_scan_init(&ws, text, len, words, META_LEVEL_WORDS + META_SCOPE_WORDS);
    size_t at, i;
    while (word_scan_next(&ws, &at, &i)) {
        size_t after = at + ws.lens[i];
        if (i >= META_LEVEL_WORDS)
            counts->scope[i - META_LEVEL_WORDS]++;
        else if (!starts_any(text + after, len - after, ranking_words, COUNT(ranking_words)))
            counts->level[i]++;
    }
}

es_level es_infer_scope_level(const meta_scope_counts *counts, const char **ending)
{
    long weights[ES_LEVEL_COUNTY + 1] = {0};
    const char *endings[ES_LEVEL_COUNTY + 1] = {NULL};
    /* A level's ending is that of its first word in the table the text uses. */
    for (size_t i = 0; i < COUNT(level_words); i++) {
        if (counts->level[i] == 0)
            continue;
        es_level level = level_words[i].level;
        if (weights[level] == 0)
            endings[level] = level_words[i].word + strlen(level_words[i].word) - 3;
        weights[level] += (long)counts->level[i] * level_words[i].weight;
    }
    es_level best = 0;
    for (int l = ES_LEVEL_PROVINCE; l <= ES_LEVEL_COUNTY; l++)
        if (weights[l] > 0 && (best == 0 || weights[l] > weights[best]))
            best = (es_level)l;
    if (ending)
        *ending = best ? endings[best] : NULL;
    return best;
}

long es_infer_region(const es_gazetteer *gz, const char *text, size_t len,
                     const char *title, const char *issuer, const meta_scope_counts *counts)
{
    size_t n = es_gazetteer_count(gz);
    if (n == 0)
        return -1;
    long *base = es_xcalloc(n, sizeof *base);
    long *scores = es_xcalloc(n, sizeof *scores);
    long *shorts = es_xcalloc(n, sizeof *shorts);
    const weights in_issuer = {W_ISSUER, 0, W_ISSUER / 2};
    const weights in_title = {W_TITLE, 0, W_TITLE / 2};
    if (issuer)
        score_span(gz, issuer, strlen(issuer), &in_issuer, base, NULL);
    if (title)
        score_span(gz, title, strlen(title), &in_title, base, NULL);
    score_body(gz, text, len, base, shorts);
    const char *scope = dominant_scope(counts);
    count_repeated_short_names(gz, shorts, base, scope);
    adjust_scores(gz, base, scores, scope);
    long best = best_region(gz, scores);
    if (best >= 0)
        best = common_parent(gz, base, best);
    free(base);
    free(scores);
    free(shorts);
    return best;
}
