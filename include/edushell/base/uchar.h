/* Character classes of UTF-8 text, in one place for every stage: walking
 * characters, blanks (ASCII, the ideographic space, the no-break space),
 * digits (ASCII and full-width), Han characters, Chinese numerals and the
 * marks that end a clause. Callers pass valid UTF-8 (decoded text, or the
 * normalized view); nothing here allocates. */
#ifndef EDUSHELL_BASE_UCHAR_H
#define EDUSHELL_BASE_UCHAR_H

#include <stddef.h>
#include <stdint.h>

/* --- walking UTF-8 ------------------------------------------------------ */

/* Byte length of the character starting at s[0]. */
static inline size_t es_u8_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Code point of the character at s[0]. */
static inline int32_t es_u8_cp(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80)
        return u[0];
    if (u[0] < 0xE0)
        return ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    if (u[0] < 0xF0)
        return ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    return ((u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) | ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

/* Start of the character before offset `at` (not before `start`). */
static inline size_t es_u8_prev(const char *s, size_t start, size_t at)
{
    if (at <= start)
        return start;
    at--;
    while (at > start && ((unsigned char)s[at] & 0xC0) == 0x80)
        at--;
    return at;
}

/* Number of characters in s[0..len). */
static inline size_t es_u8_count(const char *s, size_t len)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* --- ASCII ---------------------------------------------------------------- */

static inline int es_is_digit(char c) { return c >= '0' && c <= '9'; }
static inline int es_is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
/* Space, tab, line breaks, form feed, vertical tab. */
static inline int es_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* --- blanks --------------------------------------------------------------- */

/* Bytes of the blank at s[0..len): an ASCII blank other than a line feed
 * (space, tab, CR, FF, VT), the ideographic space U+3000 or the no-break
 * space U+00A0; 0 when s does not start with one. A line feed is not a
 * blank: it ends a line. */
static inline size_t es_blank_len(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    if (s[0] != '\n' && es_is_space(s[0]))
        return 1;
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return 3;
    if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    return 0;
}

/* Bytes of the blank that ends s[0..len), 0 when none. */
static inline size_t es_blank_before_len(const char *s, size_t len)
{
    for (size_t n = 1; n <= 3 && n <= len; n++)
        if (es_blank_len(s + len - n, n) == n)
            return n;
    return 0;
}

/* --- digits and numerals ------------------------------------------------ */

/* Value of the ASCII or full-width digit (０-９) at s[0..len), its byte
 * length in *n; -1 when s does not start with one. */
static inline int es_digit_value(const char *s, size_t len, size_t *n)
{
    if (len >= 1 && es_is_digit(s[0])) {
        *n = 1;
        return s[0] - '0';
    }
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
        *n = 3;
        return u[2] - 0x90;
    }
    return -1;
}

/* CJK unified ideographs and extension A. */
static inline int es_is_han(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* A Chinese numeral: 零 〇 一 二 两 三 四 五 六 七 八 九 十 百 千 万 亿. */
static inline int es_is_cn_numeral(int32_t cp)
{
    switch (cp) {
    case 0x96F6: case 0x3007: case 0x4E00: case 0x4E8C: case 0x4E24: case 0x4E09:
    case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D:
    case 0x5341: case 0x767E: case 0x5343: case 0x4E07: case 0x4EBF:
        return 1;
    default:
        return 0;
    }
}

/* --- clause marks ---------------------------------------------------------- */

/* Bytes of the mark at text[at] (not past end) that ends a clause in the
 * normalized view, where ，；：！？ have become ASCII: , ; : ! ? a line
 * feed, and 、 。 … —; 0 when there is none. */
static inline size_t es_clause_mark_len(const char *text, size_t at, size_t end)
{
    const unsigned char *u = (const unsigned char *)text + at;
    switch (u[0]) {
    case ',': case ';': case ':': case '!': case '?': case '\n':
        return 1;
    case 0xE3:   /* 、 。 */
        return end - at >= 3 && u[1] == 0x80 && (u[2] == 0x81 || u[2] == 0x82) ? 3 : 0;
    case 0xE2:   /* … — */
        return end - at >= 3 && u[1] == 0x80 && (u[2] == 0xA6 || u[2] == 0x94) ? 3 : 0;
    default:
        return 0;
    }
}

#endif
