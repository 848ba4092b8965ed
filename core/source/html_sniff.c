/* Telling an HTML page from other text, and the charset it declares: plain
 * byte scans, without libxml2, so every text file can be told apart
 * without the formats module (formats.h). */
#include <string.h>

#include "edushell/source/source.h"

#include "decode.h"

enum { SNIFF_WINDOW = 1024, CHARSET_WINDOW = 4096 };

/* ASCII-only classes: <ctype.h> follows the locale, and bytes of UTF-8
 * sequences must never count as letters or spaces. */
static int ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static int starts_with_ci(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_lower(s[i]) != lit[i])
            return 0;
    return 1;
}

static size_t find_ci(const char *s, size_t len, size_t from, const char *lit)
{
    for (size_t i = from; i < len; i++)
        if (starts_with_ci(s + i, len - i, lit))
            return i;
    return len;
}

int es_looks_like_html(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && ascii_space(text[i]))
        i++;
    if (i == len || text[i] != '<')
        return 0;
    size_t window = len - i < SNIFF_WINDOW ? len - i : SNIFF_WINDOW;
    static const char *const markers[] = {"<!doctype html", "<html", "<head", "<body"};
    for (size_t m = 0; m < sizeof markers / sizeof markers[0]; m++)
        if (find_ci(text + i, window, 0, markers[m]) < window)
            return 1;
    return 0;
}

int es_html_declared_encoding(const char *bytes, size_t len)
{
    size_t window = len < CHARSET_WINDOW ? len : CHARSET_WINDOW;
    size_t at = 0;
    while ((at = find_ci(bytes, window, at, "<meta")) < window) {
        size_t end = at;
        while (end < window && bytes[end] != '>')
            end++;
        size_t cs = find_ci(bytes, end, at, "charset");
        if (cs < end) {
            size_t v = cs + 7;
            while (v < end && (ascii_space(bytes[v]) || bytes[v] == '=' || bytes[v] == '"' || bytes[v] == '\''))
                v++;
            char label[32];
            size_t n = 0;
            while (v < end && n + 1 < sizeof label && !ascii_space(bytes[v]) && bytes[v] != '"' &&
                   bytes[v] != '\'' && bytes[v] != ';' && bytes[v] != '/')
                label[n++] = bytes[v++];
            label[n] = '\0';
            return es_encoding_from_label(label);
        }
        at = end;
    }
    return -1;
}
