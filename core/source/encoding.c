/* Decoding a file's bytes to UTF-8: strict UTF-8 first, GB18030 otherwise.
 *
 * The decoded text becomes a document's raw text, which every offset in the
 * program points into, so nothing is normalized here: line endings and
 * spacing stay exactly as they were in the file. */
#include "edushell/base/uchar.h"
#include "edushell/source/source.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static const char utf8_bom[] = "\xEF\xBB\xBF";
enum { UTF8_BOM_LEN = 3 };

/* Files with more control bytes than this share (1 in N) are not text. */
enum { CONTROL_SHARE_DIVISOR = 100 };

static int has_utf8_bom(const unsigned char *s, size_t len)
{
    return len >= UTF8_BOM_LEN && memcmp(s, utf8_bom, UTF8_BOM_LEN) == 0;
}

static int only_whitespace(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!es_is_space((char)s[i]))
            return 0;
    return 1;
}

/* Tab, line breaks and form feed occur in real documents; other C0 controls
 * and DEL almost never do, so their density tells text from binary data. */
static int looks_binary(const unsigned char *s, size_t len)
{
    size_t controls = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c == 0)
            return 1;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
            controls++;
    }
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

/* Offset of the first byte that breaks UTF-8, or len when all are valid. */
static size_t first_invalid_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_sequence_len(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* Converts GB18030 bytes with iconv; returns -1 on any invalid or truncated
 * sequence rather than substituting, so a wrong guess is never stored. */
static int gb18030_to_utf8(const char *bytes, size_t len, char **out, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return -1;
    /* A GB18030 character takes 1-4 bytes and becomes at most 4 in UTF-8;
     * two-byte Han characters become three, so 2x plus slack rarely grows. */
    size_t cap = len * 2 + 16;
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

int es_decode_text(const char *bytes, size_t len, char **out, size_t *out_len,
                   es_encoding *enc, es_err *err)
{
    const unsigned char *s = (const unsigned char *)bytes;
    size_t skip = has_utf8_bom(s, len) ? UTF8_BOM_LEN : 0;
    const unsigned char *body = s + skip;
    size_t body_len = len - skip;

    /* Offsets into a document's text are 32-bit in the normalized view;
     * decoding can grow GB18030 by half, so the bound holds for the output. */
    if (len > ES_TEXT_MAX / 3 * 2)
        return es_err_set(err, "file too large (%u MiB at most)", (unsigned)(ES_TEXT_MAX / 3 * 2 >> 20));
    if (only_whitespace(body, body_len))
        return es_err_set(err, "empty file");
    if (looks_binary(body, body_len))
        return es_err_set(err, "binary file");

    size_t bad = first_invalid_utf8(body, body_len);
    if (bad == body_len) {
        *out = es_xstrndup((const char *)body, body_len);
        *out_len = body_len;
        if (enc)
            *enc = ES_ENC_UTF8;
        return 0;
    }
    /* A UTF-8 BOM declares the encoding; bytes after it that break UTF-8
     * are damage, not GB18030. */
    if (!skip && gb18030_to_utf8(bytes, len, out, out_len) == 0) {
        if (enc)
            *enc = ES_ENC_GB18030;
        return 0;
    }
    return es_err_set(err, "not UTF-8 or GB18030 text (invalid UTF-8 at byte %zu)",
                      bad + skip);
}
