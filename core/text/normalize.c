/* The normalized view of a raw text (see normalize.h).
 *
 * Most of a Chinese document is ASCII and CJK ideographs, which the view
 * keeps unchanged (but for traditional ideographs, read as simplified:
 * hanzi.h), so those take a fast path; only the remaining characters are
 * looked up in the Unicode tables. */
#include "edushell/text/normalize.h"
#include "edushell/text/hanzi.h"

#include "edushell/base/common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Worst case growth: one raw byte becomes the 3-byte U+FFFD, and NFKC of a
 * character stays within NFKC_MAX_CPS code points of up to 4 bytes each. */
#define NFKC_MAX_CPS 18

typedef struct view_builder {
    es_view *v;
    size_t cap;
} view_builder;

static void reserve(view_builder *b, size_t extra)
{
    if (b->v->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->v->len + extra + 1)
        cap *= 2;
    b->v->text = es_xrealloc(b->v->text, cap);
    b->v->map = es_xrealloc(b->v->map, cap * sizeof *b->v->map);
    b->cap = cap;
}

/* Appends view bytes that all come from the raw character at `raw_at`. */
static void emit(view_builder *b, const char *bytes, size_t n, size_t raw_at)
{
    reserve(b, n);
    memcpy(b->v->text + b->v->len, bytes, n);
    for (size_t i = 0; i < n; i++)
        b->v->map[b->v->len + i] = (uint32_t)raw_at;
    b->v->len += n;
}

static void emit_cp(view_builder *b, int32_t cp, size_t raw_at)
{
    uint8_t enc[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
    emit(b, (const char *)enc, (size_t)n, raw_at);
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is malformed. */
static size_t utf8_seq(const unsigned char *s, size_t left, int32_t *cp)
{
    utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)(left < 4 ? left : 4), cp);
    return n > 0 ? (size_t)n : 0;
}

/* Punctuation the view unifies beyond what NFKC does; 0 when none. */
static int32_t unified_punct(int32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFEE0;            /* full-width ASCII */
    switch (cp) {
    case 0x3000: return ' ';           /* ideographic space */
    case 0x301C: return '~';           /* wave dash */
    case 0x2013: return '-';           /* en dash */
    case 0x2212: return '-';           /* minus sign */
    case 0xFE58: return '-';
    default: return 0;
    }
}

static int is_cjk_ideograph(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* NFKC of a single character, written to the view. */
static void emit_nfkc(view_builder *b, int32_t cp, size_t raw_at)
{
    const utf8proc_property_t *prop = utf8proc_get_property(cp);
    if (prop->decomp_seqindex == UINT16_MAX) {
        emit_cp(b, cp, raw_at);        /* no decomposition: NFKC is identity */
        return;
    }
    utf8proc_int32_t buf[NFKC_MAX_CPS];
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, NFKC_MAX_CPS,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &boundclass);
    if (n <= 0 || n > NFKC_MAX_CPS) {
        emit_cp(b, cp, raw_at);
        return;
    }
    n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        int32_t out = unified_punct(buf[i]);
        emit_cp(b, out ? out : buf[i], raw_at);
    }
}

/* Whether the 3 bytes at s (with left >= 3) encode a character the view
 * keeps unchanged: a CJK ideograph (U+4E00-U+9FFF), which makes up most
 * of a Chinese text, or common CJK punctuation (、。《》「」【】 and the
 * curly quotes and dash), none of which NFKC changes. */
static inline int kept_as_is(const unsigned char *s)
{
    if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
        return 0;
    if (s[0] >= 0xE5 && s[0] <= 0xE9)
        return 1;
    if (s[0] == 0xE4)
        return s[1] >= 0xB8;
    if (s[0] == 0xE3)   /* U+3001-U+3011 */
        return s[1] == 0x80 && s[2] >= 0x81 && s[2] <= 0x91;
    if (s[0] == 0xE2)   /* — ‘ ’ “ ” */
        return s[1] == 0x80 && (s[2] == 0x94 || s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x9C || s[2] == 0x9D);
    return 0;
}

/* Rewrites the 3-byte ideograph at u as its simplified form, which is an
 * ideograph of the same range and so of the same length. */
static inline void fold_traditional(unsigned char *u)
{
    int32_t cp = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    int32_t to = es_hanzi_simplified(cp);
    if (to != cp) {
        u[0] = (unsigned char)(0xE0 | (to >> 12));
        u[1] = (unsigned char)(0x80 | ((to >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (to & 0x3F));
    }
}

/* The ASCII character of a full-width form (ＡＢ，：１２) encoded at s, or 0. */
static inline char full_width_ascii(const unsigned char *s)
{
    if (s[0] != 0xEF)
        return 0;
    if (s[1] == 0xBC && s[2] >= 0x81 && s[2] <= 0xBF)
        return (char)(s[2] - 0x81 + 0x21);
    if (s[1] == 0xBD && s[2] >= 0x80 && s[2] <= 0x9E)
        return (char)(s[2] - 0x80 + 0x60);
    return 0;
}

/* Copies the run of characters at raw[i] that need no table lookup:
 * ASCII, characters kept as they are, full-width ASCII. Returns where the
 * run ends. */
static size_t copy_plain_run(view_builder *b, const char *raw, size_t i, size_t len)
{
    const unsigned char *s = (const unsigned char *)raw;
    reserve(b, len - i);   /* the run is at most the rest of the text */
    char *text = b->v->text + b->v->len;
    uint32_t *map = b->v->map + b->v->len;
    size_t j = i;
    char ascii;
    for (;;) {
        unsigned c = j < len ? s[j] : 0x100;
        if (c < 0x80) {
            *text++ = (char)c;
            *map++ = (uint32_t)j++;
        } else if (len - j < 3) {
            break;
        } else if ((c - 0xE4 <= 0xE9 - 0xE4 && (s[j + 1] & 0xC0) == 0x80 && (s[j + 2] & 0xC0) == 0x80 &&
                    (c != 0xE4 || s[j + 1] >= 0xB8)) ||
                   kept_as_is(s + j)) {
            /* the ideographs U+4E00-U+9FFF are tested before kept_as_is */
            text[0] = (char)c;
            text[1] = (char)s[j + 1];
            text[2] = (char)s[j + 2];
            if (c >= 0xE4)
                fold_traditional((unsigned char *)text);
            map[0] = map[1] = map[2] = (uint32_t)j;
            text += 3;
            map += 3;
            j += 3;
        } else if ((ascii = full_width_ascii(s + j)) != 0) {
            *text++ = ascii;
            *map++ = (uint32_t)j;
            j += 3;
        } else {
            break;
        }
    }
    b->v->len = (size_t)(text - b->v->text);
    return j;
}

void es_view_build(const char *raw, size_t len, es_view *out)
{
    memset(out, 0, sizeof *out);
    view_builder b = { out, 0 };
    reserve(&b, len + 16);
    const unsigned char *s = (const unsigned char *)raw;
    size_t i = 0;
    while (i < len) {
        size_t j = copy_plain_run(&b, raw, i, len);
        if (j > i) {
            i = j;
            continue;
        }
        int32_t cp;
        size_t n = utf8_seq(s + i, len - i, &cp);
        if (n == 0) {
            emit_cp(&b, 0xFFFD, i);
            i++;
            continue;
        }
        int32_t punct;
        if (is_cjk_ideograph(cp))
            emit_cp(&b, es_hanzi_simplified(cp), i);
        else if ((punct = unified_punct(cp)) != 0)
            emit_cp(&b, punct, i);
        else
            emit_nfkc(&b, cp, i);
        i += n;
    }
    reserve(&b, 0);
    out->text[out->len] = '\0';
    out->map[out->len] = (uint32_t)len;
}

void es_view_free(es_view *v)
{
    if (!v)
        return;
    free(v->text);
    free(v->map);
    memset(v, 0, sizeof *v);
}

/* Raw offset just past the raw character that produced view byte `at`. */
static size_t raw_char_end(const es_view *v, size_t at)
{
    size_t start = v->map[at];
    size_t k = at + 1;
    while (k < v->len && v->map[k] == start)
        k++;
    return v->map[k];
}

void es_view_to_raw(const es_view *v, size_t vs, size_t ve, size_t *rs, size_t *re)
{
    if (vs > v->len)
        vs = v->len;
    if (ve > v->len)
        ve = v->len;
    if (ve < vs)
        ve = vs;
    *rs = v->map[vs];
    *re = ve > vs ? raw_char_end(v, ve - 1) : *rs;
}

size_t es_view_offset(const es_view *v, size_t raw)
{
    size_t lo = 0, hi = v->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->map[mid] < raw)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t es_display_width(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t width = 0, i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = utf8_seq(u + i, len - i, &cp);
        if (n == 0) {
            width += 1;
            i++;
            continue;
        }
        int w = utf8proc_charwidth(cp);
        width += w > 0 ? (size_t)w : 0;
        i += n;
    }
    return width;
}
