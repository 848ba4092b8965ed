/* Decoding a file's bytes to UTF-8.
 *
 * Order of evidence, strongest first: a byte order mark; UTF-16 told by its
 * NUL bytes; strict UTF-8, which other encodings of Chinese text almost
 * never pass by chance; then the encoding uchardet recognises, and the
 * legacy Chinese encodings in turn. Every conversion is strict: a byte
 * sequence invalid in the encoding rejects it instead of being replaced, so
 * a wrong guess is never stored.
 *
 * The decoded text becomes a document's raw text, which every offset in the
 * program points into, so nothing is normalized here: line endings,
 * spacing and traditional characters stay exactly as they were written. */
#include "edushell/base/uchar.h"
#include "edushell/source/source.h"

#include "decode.h"
#include "formats.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char utf8_bom[] = "\xEF\xBB\xBF";
enum { UTF8_BOM_LEN = 3, UTF16_BOM_LEN = 2 };

/* Files with more control bytes than this share (1 in N) are not text. */
enum { CONTROL_SHARE_DIVISOR = 100 };

/* uchardet and the UTF-16 test look at this much of a file: enough for a
 * confident answer, and bounded on huge inputs. */
enum { SNIFF_BYTES = 256 * 1024 };

/* A decoding is taken when at least this share (in percent) of its
 * characters are ones Chinese documents are written with. */
enum { PLAUSIBLE_PERCENT = 90 };

static const struct {
    es_encoding enc;
    const char *iconv_name;
    const char *name;
} encodings[] = {
    {ES_ENC_UTF8, "UTF-8", "utf-8"},
    {ES_ENC_GB18030, "GB18030", "gb18030"},
    {ES_ENC_UTF16LE, "UTF-16LE", "utf-16le"},
    {ES_ENC_UTF16BE, "UTF-16BE", "utf-16be"},
    {ES_ENC_BIG5, "BIG5", "big5"},
};

const char *es_encoding_name(es_encoding enc)
{
    for (size_t k = 0; k < sizeof encodings / sizeof encodings[0]; k++)
        if (encodings[k].enc == enc)
            return encodings[k].name;
    return "utf-8";
}

static const char *iconv_name(es_encoding enc)
{
    for (size_t k = 0; k < sizeof encodings / sizeof encodings[0]; k++)
        if (encodings[k].enc == enc)
            return encodings[k].iconv_name;
    return "UTF-8";
}

/* The encoding a charset label names (uchardet's answer, an HTML page's
 * <meta charset>), or -1 when it names none that is read here. GB2312 and
 * GBK are subsets of GB18030, and pages that declare them often use
 * characters only the larger sets have. */
int es_encoding_from_label(const char *label)
{
    static const struct {
        const char *label;
        es_encoding enc;
    } labels[] = {
        {"utf-8", ES_ENC_UTF8},        {"utf8", ES_ENC_UTF8},
        {"gb18030", ES_ENC_GB18030},   {"gbk", ES_ENC_GB18030},
        {"gb2312", ES_ENC_GB18030},    {"x-gbk", ES_ENC_GB18030},
        {"cp936", ES_ENC_GB18030},     {"windows-936", ES_ENC_GB18030},
        {"euc-cn", ES_ENC_GB18030},    {"x-euc-cn", ES_ENC_GB18030},
        {"big5", ES_ENC_BIG5},         {"big-5", ES_ENC_BIG5},
        {"x-x-big5", ES_ENC_BIG5},     {"cp950", ES_ENC_BIG5},
        {"utf-16le", ES_ENC_UTF16LE},  {"utf-16be", ES_ENC_UTF16BE},
    };
    if (!label)
        return -1;
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
        if (strcasecmp(label, labels[k].label) == 0)
            return (int)labels[k].enc;
    return -1;
}

static int only_whitespace(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!es_is_space((char)s[i]))
            return 0;
    return 1;
}

/* Eight bytes at s, in an integer, to test them all at once. */
static inline uint64_t load8(const unsigned char *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    return x;
}

#define BYTES_OF(b) (UINT64_C(0x0101010101010101) * (b))

/* Whether any of eight bytes is below 0x20 or is 0x7F: the bytes that may
 * be controls. Borrows may flag more, never fewer. */
static inline int may_hold_controls(uint64_t x)
{
    uint64_t below_space = (x - BYTES_OF(0x20)) & ~x & BYTES_OF(0x80);
    uint64_t del = x ^ BYTES_OF(0x7F);
    uint64_t is_del = (del - BYTES_OF(0x01)) & ~del & BYTES_OF(0x80);
    return (below_space | is_del) != 0;
}

/* Control bytes of s[0..len): -1 when one is NUL. */
static long count_controls(const unsigned char *s, size_t len)
{
    long controls = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c == 0)
            return -1;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
            controls++;
    }
    return controls;
}

/* Tab, line breaks and form feed occur in real documents; other C0 controls
 * and DEL almost never do, so their density tells text from binary data.
 * Text is tested eight bytes at a time: most hold no byte below a space. */
static int looks_binary(const unsigned char *s, size_t len)
{
    size_t controls = 0, i = 0;
    for (; i + 8 <= len; i += 8) {
        if (!may_hold_controls(load8(s + i)))
            continue;
        long n = count_controls(s + i, 8);
        if (n < 0)
            return 1;
        controls += (size_t)n;
    }
    long n = count_controls(s + i, len - i);
    if (n < 0)
        return 1;
    controls += (size_t)n;
    return controls * CONTROL_SHARE_DIVISOR > len;
}

/* Length of the well-formed UTF-8 sequence at s[0], or 0 when it is not
 * one: overlong forms, surrogates and code points above U+10FFFF are
 * rejected, as the Unicode standard requires. */
static size_t utf8_sequence_len(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;          /* below is overlong */
        else if (c == 0xED)
            hi = 0x9F;          /* above is a surrogate */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;          /* below is overlong */
        else if (c == 0xF4)
            hi = 0x8F;          /* above is past U+10FFFF */
    } else {
        return 0;
    }
    if (avail < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k < need; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return need;
}

/* Whether s[0..3) is a three-byte sequence with a lead byte that allows
 * any continuation byte after it (E1-EC, EE, EF): most characters of a
 * Chinese text, told at once. */
static inline int plain_three_byte(const unsigned char *s)
{
    return (s[0] & 0xF0) == 0xE0 && s[0] != 0xE0 && s[0] != 0xED && (s[1] & 0xC0) == 0x80 &&
           (s[2] & 0xC0) == 0x80;
}

size_t es_first_invalid_utf8(const char *bytes, size_t len)
{
    const unsigned char *s = (const unsigned char *)bytes;
    size_t i = 0;
    while (i < len) {
        if (i + 3 <= len && plain_three_byte(s + i)) {
            i += 3;
            continue;
        }
        /* Runs of ASCII pass eight bytes at a time. */
        if (s[i] < 0x80 && i + 8 <= len && (load8(s + i) & BYTES_OF(0x80)) == 0) {
            i += 8;
            continue;
        }
        size_t n = utf8_sequence_len(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* Converts with iconv; returns -1 on any invalid or truncated sequence
 * rather than substituting. On success *out is NUL-terminated. */
static int convert_strict(const char *from, const char *bytes, size_t len, char **out,
                          size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -1;
    /* Two bytes of a legacy encoding or of UTF-16 become at most three. */
    size_t cap = len / 2 * 3 + 16;
    char *buf = es_xmalloc(cap);
    char *in = (char *)bytes; /* iconv's signature is not const-correct; it only reads */
    size_t in_left = len;
    char *dst = buf;
    size_t dst_left = cap - 1;
    int rc = 0;
    while (in_left > 0) {
        if (iconv(cd, &in, &in_left, &dst, &dst_left) != (size_t)-1)
            continue;
        if (errno != E2BIG) {
            rc = -1;
            break;
        }
        size_t used = (size_t)(dst - buf);
        cap *= 2;
        buf = es_xrealloc(buf, cap);
        dst = buf + used;
        dst_left = cap - used - 1;
    }
    /* A stateful or truncated input leaves a sequence pending. */
    if (rc == 0 && iconv(cd, NULL, NULL, &dst, &dst_left) == (size_t)-1)
        rc = -1;
    iconv_close(cd);
    if (rc != 0) {
        free(buf);
        return -1;
    }
    *out_len = (size_t)(dst - buf);
    buf[*out_len] = '\0';
    *out = buf;
    return 0;
}

/* Characters a Chinese document is written with: ASCII text, CJK
 * ideographs, CJK and general punctuation, full-width forms, Latin-1
 * symbols (·, ×, °), and a few more symbol blocks (①, ■, №). */
static int plausible_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f';
    return (cp >= 0xA0 && cp <= 0xFF) || es_is_han(cp) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2100 && cp <= 0x22FF) ||
           (cp >= 0x2460 && cp <= 0x25FF) || (cp >= 0x0391 && cp <= 0x03C9) ||
           cp == 0xFFFD;
}

/* Percentage of the characters of UTF-8 text that are plausible. */
static unsigned plausible_percent(const char *s, size_t len)
{
    size_t chars = 0, good = 0;
    for (size_t i = 0; i < len; i += es_u8_len(s + i)) {
        chars++;
        good += (size_t)plausible_cp(es_u8_cp(s + i));
    }
    return chars ? (unsigned)(good * 100 / chars) : 100;
}

typedef struct decoded {
    char *text;
    size_t len;
    es_encoding enc;
} decoded;

/* Decodes from `enc`; the result must look like text, not binary data. */
static int decode_as(es_encoding enc, const char *bytes, size_t len, decoded *d)
{
    if (convert_strict(iconv_name(enc), bytes, len, &d->text, &d->len) != 0)
        return -1;
    if (looks_binary((const unsigned char *)d->text, d->len)) {
        free(d->text);
        d->text = NULL;
        return -1;
    }
    d->enc = enc;
    return 0;
}

/* UTF-16 without a byte order mark: text in it has NUL bytes (the high
 * byte of every ASCII character) that no 8-bit text has. Both byte orders
 * are decoded and the one made of plausible characters wins; a swapped
 * decoding turns line breaks and digits into unassigned or Bopomofo code
 * points and spreads ideographs over all of Unicode. */
static int decode_utf16_unmarked(const char *bytes, size_t len, decoded *d)
{
    size_t sample = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    if (len % 2 != 0 || memchr(bytes, '\0', sample) == NULL)
        return -1;
    sample -= sample % 2;
    decoded best = {0};
    unsigned best_score = 0;
    const es_encoding orders[] = {ES_ENC_UTF16LE, ES_ENC_UTF16BE};
    for (size_t k = 0; k < 2; k++) {
        char *probe;
        size_t probe_len;
        /* A sample may end inside a surrogate pair; only whole files must
         * be valid, so the score comes from the largest valid prefix. */
        size_t n = sample;
        while (n >= 2 && convert_strict(iconv_name(orders[k]), bytes, n, &probe, &probe_len) != 0)
            n = n == sample ? n - 2 : 0;
        if (n < 2)
            continue;
        unsigned score = plausible_percent(probe, probe_len);
        free(probe);
        if (score > best_score) {
            best_score = score;
            best.enc = orders[k];
        }
    }
    if (best_score < PLAUSIBLE_PERCENT)
        return -1;
    return decode_as(best.enc, bytes, len, d);
}

/* uchardet's opinion of the bytes (in the formats module), as an encoding
 * read here; -1 when it has none. -2 with the reason in err when the
 * module cannot be loaded: such text is refused rather than read with a
 * guess the module would have corrected. */
static int detected_encoding(const char *bytes, size_t len, es_err *err)
{
    const es_formats *fm = es_formats_get(err);
    if (!fm)
        return -2;
    char label[64];
    if (fm->detect_charset(bytes, len < SNIFF_BYTES ? len : SNIFF_BYTES, label, sizeof label) != 0)
        return -1;
    return es_encoding_from_label(label);
}

/* Legacy Chinese text: the encoding uchardet names first, then GB18030
 * (mainland documents, by far the most common), then Big5. A decoding
 * must also read as Chinese text, so a Latin-1 or random byte soup that
 * happens to be valid GB18030 is not taken for it. */
static int decode_legacy(const char *bytes, size_t len, int preferred, decoded *d, es_err *err)
{
    es_encoding tries[3];
    size_t n = 0;
    int detected = detected_encoding(bytes, len, err);
    if (detected == -2)
        return -2;
    if (preferred >= 0 && preferred != ES_ENC_UTF8)
        tries[n++] = (es_encoding)preferred;
    if (detected == ES_ENC_GB18030 || detected == ES_ENC_BIG5)
        if (n == 0 || tries[0] != (es_encoding)detected)
            tries[n++] = (es_encoding)detected;
    const es_encoding fallbacks[] = {ES_ENC_GB18030, ES_ENC_BIG5};
    for (size_t f = 0; f < 2; f++) {
        int seen = 0;
        for (size_t k = 0; k < n; k++)
            seen |= tries[k] == fallbacks[f];
        if (!seen && n < 3)
            tries[n++] = fallbacks[f];
    }
    for (size_t k = 0; k < n; k++) {
        if (tries[k] == ES_ENC_UTF16LE || tries[k] == ES_ENC_UTF16BE)
            continue;
        if (decode_as(tries[k], bytes, len, d) != 0)
            continue;
        if (plausible_percent(d->text, d->len) >= PLAUSIBLE_PERCENT)
            return 0;
        free(d->text);
        d->text = NULL;
    }
    return -1;
}

static int finish(const decoded *d, char **out, size_t *out_len, es_encoding *enc, es_err *err)
{
    if (only_whitespace((const unsigned char *)d->text, d->len)) {
        free(d->text);
        return es_err_set(err, "empty file");
    }
    *out = d->text;
    *out_len = d->len;
    if (enc)
        *enc = d->enc;
    return 0;
}

/* Text after a UTF-16 byte order mark. */
static int decode_marked_utf16(es_encoding order, const char *bytes, size_t len, char **out,
                               size_t *out_len, es_encoding *enc, es_err *err)
{
    decoded d = {0};
    if (len % 2 != 0 || decode_as(order, bytes, len, &d) != 0)
        return es_err_set(err, "not valid %s text after its byte order mark",
                          order == ES_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE");
    return finish(&d, out, out_len, enc, err);
}

int es_decode_text_as(const char *bytes, size_t len, int preferred, char **out,
                      size_t *out_len, es_encoding *enc, es_err *err)
{
    const unsigned char *s = (const unsigned char *)bytes;
    /* Offsets into a document's text are 32-bit in the normalized view;
     * decoding grows two-byte encodings by half, so the bound holds for
     * the output. */
    if (len > ES_TEXT_MAX / 3 * 2)
        return es_err_set(err, "file too large (%u MiB at most)", (unsigned)(ES_TEXT_MAX / 3 * 2 >> 20));
    if (len >= UTF16_BOM_LEN && s[0] == 0xFF && s[1] == 0xFE)
        return decode_marked_utf16(ES_ENC_UTF16LE, bytes + 2, len - 2, out, out_len, enc, err);
    if (len >= UTF16_BOM_LEN && s[0] == 0xFE && s[1] == 0xFF)
        return decode_marked_utf16(ES_ENC_UTF16BE, bytes + 2, len - 2, out, out_len, enc, err);

    size_t skip = len >= UTF8_BOM_LEN && memcmp(s, utf8_bom, UTF8_BOM_LEN) == 0 ? UTF8_BOM_LEN : 0;
    const char *body = bytes + skip;
    size_t body_len = len - skip;
    if (only_whitespace((const unsigned char *)body, body_len))
        return es_err_set(err, "empty file");

    decoded d = {0};
    if (!skip && decode_utf16_unmarked(bytes, len, &d) == 0)
        return finish(&d, out, out_len, enc, err);
    if (looks_binary((const unsigned char *)body, body_len))
        return es_err_set(err, "binary file");

    size_t bad = es_first_invalid_utf8(body, body_len);
    if (bad == body_len) {
        d = (decoded){es_xstrndup(body, body_len), body_len, ES_ENC_UTF8};
        return finish(&d, out, out_len, enc, err);
    }
    /* A UTF-8 BOM declares the encoding; bytes after it that break UTF-8
     * are damage, not another encoding. */
    int legacy = skip ? -1 : decode_legacy(bytes, len, preferred, &d, err);
    if (legacy == 0)
        return finish(&d, out, out_len, enc, err);
    if (legacy == -2)
        return -1;
    return es_err_set(err, "not UTF-8, UTF-16, GB18030 or Big5 text (invalid UTF-8 at byte %zu)",
                      bad + skip);
}

int es_decode_text(const char *bytes, size_t len, char **out, size_t *out_len,
                   es_encoding *enc, es_err *err)
{
    return es_decode_text_as(bytes, len, -1, out, out_len, enc, err);
}
