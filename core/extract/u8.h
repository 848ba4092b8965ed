/* Small UTF-8 helpers for walking the normalized view, which is always
 * valid UTF-8. */
#ifndef EDUSHELL_EXTRACT_U8_H
#define EDUSHELL_EXTRACT_U8_H

#include <stddef.h>
#include <stdint.h>

/* Byte length of the character starting at s[0]. */
static inline size_t u8_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Code point of the character at s[0]. */
static inline int32_t u8_cp(const char *s)
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
static inline size_t u8_prev(const char *s, size_t start, size_t at)
{
    if (at <= start)
        return start;
    at--;
    while (at > start && ((unsigned char)s[at] & 0xC0) == 0x80)
        at--;
    return at;
}

static inline int u8_is_han(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static inline int u8_is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

static inline int u8_is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

#endif
