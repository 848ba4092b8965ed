/* Lines and spans of raw text. */
#include "spans.h"

#include <string.h>

size_t meta_blank_len(const char *s, size_t len)
{
    static const char *const wide_blanks[] = {"\xE3\x80\x80", "\xC2\xA0"}; /* U+3000, U+00A0 */
    if (len == 0)
        return 0;
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v')
        return 1;
    for (size_t i = 0; i < sizeof wide_blanks / sizeof wide_blanks[0]; i++)
        if (meta_starts(s, len, wide_blanks[i]))
            return strlen(wide_blanks[i]);
    return 0;
}

/* Bytes of the blank that ends s[0..len), 0 when none. */
static size_t trailing_blank_len(const char *s, size_t len)
{
    for (size_t n = 1; n <= 3 && n <= len; n++)
        if (meta_blank_len(s + len - n, n) == n)
            return n;
    return 0;
}

int meta_line_next(const char *text, size_t len, size_t *pos, meta_line *line)
{
    if (*pos >= len)
        return 0;
    size_t start = *pos;
    const char *nl = memchr(text + start, '\n', len - start);
    size_t end = nl ? (size_t)(nl - text) : len;
    *pos = nl ? end + 1 : len;
    size_t n;
    while (start < end && (n = meta_blank_len(text + start, end - start)) > 0)
        start += n;
    while (end > start && (n = trailing_blank_len(text + start, end - start)) > 0)
        end -= n;
    *line = (meta_line){text + start, end - start, start};
    return 1;
}

int meta_starts(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return n <= len && memcmp(s, prefix, n) == 0;
}

int meta_ends(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return n <= len && memcmp(s + len - n, suffix, n) == 0;
}

const char *meta_find(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0 || n > len)
        return NULL;
    for (size_t i = 0; i + n <= len; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
            return s + i;
    return NULL;
}

int meta_digit_at(const char *s, size_t len, size_t *n)
{
    if (len >= 1 && s[0] >= '0' && s[0] <= '9') {
        *n = 1;
        return s[0] - '0';
    }
    /* Full-width ０-９: EF BC 90 .. EF BC 99. */
    if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
        (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
        *n = 3;
        return (unsigned char)s[2] - 0x90;
    }
    return -1;
}

size_t meta_utf8_count(const char *s, size_t len)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}
