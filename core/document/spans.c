/* Lines and spans of text. */

/* memmem (GNU, and POSIX 2024) finds a word in a text fastest. */
#define _GNU_SOURCE
#include "spans.h"

#include <string.h>

int meta_line_next(const char *text, size_t len, size_t *pos, meta_line *line)
{
    if (*pos >= len)
        return 0;
    size_t start = *pos;
    const char *nl = memchr(text + start, '\n', len - start);
    size_t end = nl ? (size_t)(nl - text) : len;
    *pos = nl ? end + 1 : len;
    size_t n;
    while (start < end && (n = es_blank_len(text + start, end - start)) > 0)
        start += n;
    while (end > start && (n = es_blank_before_len(text + start, end - start)) > 0)
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
    return memmem(s, len, needle, n);
}
