/* The gazetteer: administrative divisions loaded from data/regions.tsv.
 *
 * The file is read once and split in place, so codes and full names point
 * into its bytes; short names that differ from the full name are copied.
 * Names (full and short) are kept in one array sorted by bytes, which makes
 * exact lookup a binary search. The names beginning with one character
 * are neighbours in it: an index by first character gives their range, and
 * a bit per character tells at once that none begins with it, which is
 * the answer for most characters of a text. */
#include "edushell/document/gazetteer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "edushell/base/uchar.h"
#include "region_short.h"

typedef struct name_entry {
    const char *key; /* not NUL-terminated: a prefix of the region's name */
    size_t len;
    long region;
    int level;    /* of the region: equal keys list higher levels first */
    int is_short;
} name_entry;

/* The names beginning with one character: names[lo, hi). */
typedef struct first_char_range {
    int32_t cp;  /* 0 for an empty slot */
    size_t lo, hi;
} first_char_range;

struct es_gazetteer {
    char *data; /* the file, fields NUL-terminated in place */
    es_region *regions;
    size_t n, cap;
    name_entry *names;
    size_t nnames;
    size_t longest; /* bytes of the longest key */
    unsigned char starts[(1 << 16) / 8]; /* a bit per character (below U+10000) some name begins with */
    unsigned char pairs[(1 << 16) / 8];  /* a bit per hash of the first two characters of a name */
    first_char_range *firsts;            /* open addressing, by code point */
    size_t nfirsts;                      /* slots: a power of two */
};

typedef struct parse_state {
    es_gazetteer *gz;
    char **parent_codes; /* parallel to regions until parents are resolved */
} parse_state;

static const char *const level_names[] = {"", "province", "prefecture", "county"};

const char *es_level_name(es_level level)
{
    if (level < ES_LEVEL_PROVINCE || level > ES_LEVEL_COUNTY)
        return "";
    return level_names[level];
}

static int level_from_name(const char *s, es_level *out)
{
    for (int l = ES_LEVEL_PROVINCE; l <= ES_LEVEL_COUNTY; l++) {
        if (strcmp(s, level_names[l]) == 0) {
            *out = (es_level)l;
            return 0;
        }
    }
    return -1;
}

static int is_code(const char *s)
{
    size_t i = 0;
    for (; s[i]; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return i == 6;
}

/* Splits a line at tabs in place; returns the number of fields. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    fields[n++] = line;
    for (char *p = line; *p; p++) {
        if (*p == '\t') {
            *p = '\0';
            if (n == max)
                return max + 1;
            fields[n++] = p + 1;
        }
    }
    return n;
}

static int add_region(parse_state *st, size_t lineno, char *line, es_err *err)
{
    char *f[4];
    if (split_tabs(line, f, 4) != 4)
        return es_err_set(err, "line %zu: expected 4 tab-separated fields", lineno);
    es_region r = {.code = f[0], .name = f[1], .parent = -1, .province = -1};
    if (!is_code(f[0]))
        return es_err_set(err, "line %zu: bad division code '%s'", lineno, f[0]);
    if (!*f[1])
        return es_err_set(err, "line %zu: empty name", lineno);
    if (level_from_name(f[2], &r.level) < 0)
        return es_err_set(err, "line %zu: unknown level '%s'", lineno, f[2]);
    if ((r.level == ES_LEVEL_PROVINCE) != (*f[3] == '\0'))
        return es_err_set(err, "line %zu: a province and only a province has no parent", lineno);
    es_gazetteer *gz = st->gz;
    if (gz->n == gz->cap) {
        gz->cap = gz->cap ? gz->cap * 2 : 1024;
        gz->regions = es_xrealloc(gz->regions, gz->cap * sizeof *gz->regions);
        st->parent_codes = es_xrealloc(st->parent_codes, gz->cap * sizeof *st->parent_codes);
    }
    st->parent_codes[gz->n] = f[3];
    gz->regions[gz->n++] = r;
    return 0;
}

static int is_header(const char *line)
{
    return strcmp(line, "code\tname\tlevel\tparent_code") == 0;
}

/* Reads the lines: comments (#) and blank lines skipped, then the header,
 * then one region per line. */
static int parse_lines(parse_state *st, size_t len, es_err *err)
{
    char *p = st->gz->data, *end = p + len;
    int seen_header = 0;
    for (size_t lineno = 1; p < end; lineno++) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        *eol = '\0';
        if (eol > p && eol[-1] == '\r')
            eol[-1] = '\0';
        char *line = p;
        p = eol + 1;
        if (*line == '\0' || *line == '#')
            continue;
        if (!seen_header) {
            if (!is_header(line))
                return es_err_set(err, "line %zu: expected the header code, name, level, parent_code", lineno);
            seen_header = 1;
            continue;
        }
        if (add_region(st, lineno, line, err) < 0)
            return -1;
    }
    if (st->gz->n == 0)
        return es_err_set(err, "no regions");
    return 0;
}

/* Region indices by code, to resolve parent codes. */
typedef struct code_ref {
    const char *code;
    long index;
} code_ref;

static int cmp_code_ref(const void *a, const void *b)
{
    return strcmp(((const code_ref *)a)->code, ((const code_ref *)b)->code);
}

static int resolve_parents(parse_state *st, es_err *err)
{
    es_gazetteer *gz = st->gz;
    code_ref *refs = es_xmalloc(gz->n * sizeof *refs);
    for (size_t i = 0; i < gz->n; i++)
        refs[i] = (code_ref){gz->regions[i].code, (long)i};
    qsort(refs, gz->n, sizeof *refs, cmp_code_ref);
    int rc = 0;
    for (size_t i = 1; i < gz->n && rc == 0; i++)
        if (strcmp(refs[i - 1].code, refs[i].code) == 0)
            rc = es_err_set(err, "duplicate division code %s", refs[i].code);
    for (size_t i = 0; i < gz->n && rc == 0; i++) {
        if (!*st->parent_codes[i])
            continue;
        code_ref key = {st->parent_codes[i], -1};
        const code_ref *hit = bsearch(&key, refs, gz->n, sizeof *refs, cmp_code_ref);
        if (!hit)
            rc = es_err_set(err, "%s %s: parent %s not found", gz->regions[i].code,
                            gz->regions[i].name, st->parent_codes[i]);
        else
            gz->regions[i].parent = hit->index;
    }
    free(refs);
    return rc;
}

/* Every region's province: follow parents up. Divisions nest at most three
 * deep, so a longer chain means a cycle in the data. */
static int resolve_provinces(es_gazetteer *gz, es_err *err)
{
    for (size_t i = 0; i < gz->n; i++) {
        long at = (long)i;
        for (int depth = 0; gz->regions[at].parent >= 0; depth++) {
            if (depth == 3)
                return es_err_set(err, "%s: parent chain too long", gz->regions[i].code);
            at = gz->regions[at].parent;
        }
        gz->regions[i].province = at;
    }
    return 0;
}

static int cmp_keys(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c != 0)
        return c;
    return (alen > blen) - (alen < blen);
}

/* By key; equal keys list full names first, then higher levels. */
static int cmp_name_entry(const void *pa, const void *pb)
{
    const name_entry *a = pa, *b = pb;
    int c = cmp_keys(a->key, a->len, b->key, b->len);
    if (c != 0)
        return c;
    if (a->is_short != b->is_short)
        return a->is_short - b->is_short;
    if (a->level != b->level)
        return a->level - b->level;
    return (a->region > b->region) - (a->region < b->region);
}

static void add_name(es_gazetteer *gz, const char *key, size_t len, long region, int is_short)
{
    gz->names[gz->nnames++] = (name_entry){key, len, region, (int)gz->regions[region].level, is_short};
    if (len > gz->longest)
        gz->longest = len;
}

/* Short names shorter than two characters are never made (see
 * region_short.h), so every key names something specific enough. */
static void build_names(es_gazetteer *gz)
{
    gz->names = es_xmalloc(2 * gz->n * sizeof *gz->names);
    for (size_t i = 0; i < gz->n; i++) {
        es_region *r = &gz->regions[i];
        size_t full = strlen(r->name);
        size_t short_len = es_region_short_len(r->name);
        add_name(gz, r->name, full, (long)i, 0);
        if (short_len < full) {
            r->short_name = es_xstrndup(r->name, short_len);
            add_name(gz, r->name, short_len, (long)i, 1);
        } else {
            r->short_name = r->name;
        }
    }
    qsort(gz->names, gz->nnames, sizeof *gz->names, cmp_name_entry);
}

/* The bit of a name's first two characters in `pairs`. */
static unsigned pair_key(int32_t first, int32_t second)
{
    return (((uint32_t)first * 2654435761u) ^ ((uint32_t)second * 40503u)) >> 16;
}

static size_t slot_of(const es_gazetteer *gz, int32_t cp)
{
    size_t slot = ((uint32_t)cp * 2654435761u) & (gz->nfirsts - 1);
    while (gz->firsts[slot].cp != 0 && gz->firsts[slot].cp != cp)
        slot = (slot + 1) & (gz->nfirsts - 1);
    return slot;
}

/* The first-character index over the sorted names. */
static void index_first_chars(es_gazetteer *gz)
{
    gz->nfirsts = 16;
    while (gz->nfirsts < 2 * gz->nnames)
        gz->nfirsts *= 2;
    gz->firsts = es_xcalloc(gz->nfirsts, sizeof *gz->firsts);
    for (size_t k = 0; k < gz->nnames;) {
        int32_t cp = es_u8_cp(gz->names[k].key);
        size_t end = k + 1;
        while (end < gz->nnames && es_u8_cp(gz->names[end].key) == cp)
            end++;
        first_char_range *r = &gz->firsts[slot_of(gz, cp)];
        *r = (first_char_range){cp, k, end};
        if (cp < 0x10000)
            gz->starts[cp >> 3] |= (unsigned char)(1u << (cp & 7));
        for (size_t i = k; i < end; i++) {
            const char *key = gz->names[i].key;
            size_t first = es_u8_len(key);
            if (first < gz->names[i].len) {
                unsigned bit = pair_key(cp, es_u8_cp(key + first));
                gz->pairs[bit >> 3] |= (unsigned char)(1u << (bit & 7));
            }
        }
        k = end;
    }
}

es_gazetteer *es_gazetteer_load(const char *path, es_err *err)
{
    es_gazetteer *gz = es_xcalloc(1, sizeof *gz);
    size_t len = 0;
    if (es_read_file(path, &gz->data, &len, err) < 0) {
        free(gz);
        return NULL;
    }
    parse_state st = {gz, NULL};
    int rc = parse_lines(&st, len, err);
    if (rc == 0)
        rc = resolve_parents(&st, err);
    free(st.parent_codes);
    if (rc == 0)
        rc = resolve_provinces(gz, err);
    if (rc < 0) {
        es_gazetteer_free(gz);
        return NULL;
    }
    build_names(gz);
    index_first_chars(gz);
    return gz;
}

void es_gazetteer_free(es_gazetteer *gz)
{
    if (!gz)
        return;
    for (size_t i = 0; i < gz->n; i++)
        if (gz->regions[i].short_name && gz->regions[i].short_name != gz->regions[i].name)
            free((char *)gz->regions[i].short_name);
    free(gz->regions);
    free(gz->names);
    free(gz->firsts);
    free(gz->data);
    free(gz);
}

size_t es_gazetteer_count(const es_gazetteer *gz) { return gz ? gz->n : 0; }

const es_region *es_gazetteer_get(const es_gazetteer *gz, long index)
{
    if (!gz || index < 0 || (size_t)index >= gz->n)
        return NULL;
    return &gz->regions[index];
}

/* First entry whose key is not less than key[0..len). */
static size_t lower_bound(const es_gazetteer *gz, const char *key, size_t len)
{
    size_t lo = 0, hi = gz->nnames;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_keys(gz->names[mid].key, gz->names[mid].len, key, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

long es_gazetteer_find(const es_gazetteer *gz, const char *name)
{
    if (!gz || !name)
        return -1;
    size_t len = strlen(name);
    size_t at = lower_bound(gz, name, len);
    /* Full names sort before short names, and higher levels first. */
    if (at < gz->nnames && !gz->names[at].is_short &&
        cmp_keys(gz->names[at].key, gz->names[at].len, name, len) == 0)
        return gz->names[at].region;
    return -1;
}

/* Whether a[0..n) and b[0..n) are the same bytes. Names of a range
 * differ a few bytes in, so they are compared in place: a call of memcmp
 * for each costs more than the comparison. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return 0;
    return 1;
}

/* Regions whose key is exactly text[0..len), among names[lo, hi): full
 * names only unless allow_short; when both kinds match, the full names are
 * reported. */
static size_t collect(const es_gazetteer *gz, size_t lo, size_t hi, const char *text, size_t len,
                      int allow_short, long *out, size_t max, int *is_short)
{
    size_t count = 0;
    int found_full = 0;
    for (size_t at = lo; at < hi; at++) {
        const name_entry *e = &gz->names[at];
        if (e->len != len || !same_bytes(e->key, text, len))
            continue;
        /* Short entries follow the full ones with the same key. */
        if (e->is_short && (!allow_short || found_full))
            break;
        found_full |= !e->is_short;
        if (count < max)
            out[count] = e->region;
        count++;
    }
    *is_short = count > 0 && !found_full;
    return count;
}

static int starts_char(const char *s) { return ((unsigned char)*s & 0xC0) != 0x80; }

/* The names that may begin the text: those beginning with its first
 * character, or NULL when none begins with its first two. Every name has
 * two characters at least. */
static const first_char_range *names_starting(const es_gazetteer *gz, const char *text, size_t len)
{
    size_t first = es_u8_len(text);
    if (first >= len || first + es_u8_len(text + first) > len)
        return NULL;
    int32_t cp = es_u8_cp(text);
    if (cp == 0 || (cp < 0x10000 && !(gz->starts[cp >> 3] & (1u << (cp & 7)))))
        return NULL;
    unsigned bit = pair_key(cp, es_u8_cp(text + first));
    if (!(gz->pairs[bit >> 3] & (1u << (bit & 7))))
        return NULL;
    const first_char_range *r = &gz->firsts[slot_of(gz, cp)];
    return r->cp == cp ? r : NULL;
}

size_t es_gazetteer_next(const es_gazetteer *gz, const char *text, size_t len, size_t from)
{
    size_t at = from;
    while (at < len) {
        size_t n = es_u8_len(text + at);
        if (n > len - at)
            return len;
        int32_t cp = es_u8_cp(text + at);
        if (cp >= 0x10000 || (gz->starts[cp >> 3] & (1u << (cp & 7)))) {
            size_t next = at + n;
            if (next < len && es_u8_len(text + next) <= len - next) {
                unsigned bit = pair_key(cp, es_u8_cp(text + next));
                if (gz->pairs[bit >> 3] & (1u << (bit & 7)))
                    return at;
            }
        }
        at += n;
    }
    return len;
}

size_t es_gazetteer_match(const es_gazetteer *gz, const char *text, size_t len,
                          int allow_short, long *out, size_t max,
                          size_t *name_len, int *is_short)
{
    if (!gz || !text || len == 0 || !starts_char(text))
        return 0;
    const first_char_range *r = names_starting(gz, text, len);
    if (!r)
        return 0;
    /* The longest name of the range that the text begins with. */
    size_t best = 0;
    for (size_t at = r->lo; at < r->hi; at++) {
        const name_entry *e = &gz->names[at];
        if (e->len > best && e->len <= len && (allow_short || !e->is_short) &&
            same_bytes(e->key, text, e->len))
            best = e->len;
    }
    if (best == 0)
        return 0;
    int kind = 0;
    size_t count = collect(gz, r->lo, r->hi, text, best, allow_short, out, max, &kind);
    *name_len = best;
    *is_short = kind;
    return count;
}
