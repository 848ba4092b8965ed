/* HTML pages to plain text.
 *
 * Policy documents published as web pages carry their content in ordinary
 * block markup; what matters for extraction is the words and figures in
 * reading order with paragraph breaks kept, so this is a small tolerant
 * scanner rather than a full HTML parser. The input is already UTF-8. */
#include "edushell/source/source.h"

#include <stdlib.h>
#include <string.h>

/* How a tag affects the text around it. */
typedef enum tag_kind {
    TAG_INLINE,    /* no effect: b, span, a, ... */
    TAG_LINE,      /* starts a new line */
    TAG_PARAGRAPH, /* starts a new paragraph (blank line) */
    TAG_BREAK,     /* <br>: always one line break, so <br><br> leaves a blank line */
    TAG_CELL,      /* table cell: separated from its neighbour by a space */
    TAG_RAW        /* content is not text and is dropped with the tag */
} tag_kind;

static const struct {
    const char *name;
    tag_kind kind;
} tag_kinds[] = {
    {"br", TAG_BREAK},
    {"div", TAG_LINE},      {"li", TAG_LINE},         {"tr", TAG_LINE},
    {"dt", TAG_LINE},       {"dd", TAG_LINE},         {"option", TAG_LINE},
    {"p", TAG_PARAGRAPH},   {"h1", TAG_PARAGRAPH},    {"h2", TAG_PARAGRAPH},
    {"h3", TAG_PARAGRAPH},  {"h4", TAG_PARAGRAPH},    {"h5", TAG_PARAGRAPH},
    {"h6", TAG_PARAGRAPH},  {"table", TAG_PARAGRAPH}, {"ul", TAG_PARAGRAPH},
    {"ol", TAG_PARAGRAPH},  {"dl", TAG_PARAGRAPH},    {"section", TAG_PARAGRAPH},
    {"article", TAG_PARAGRAPH}, {"title", TAG_PARAGRAPH}, {"header", TAG_PARAGRAPH},
    {"footer", TAG_PARAGRAPH},  {"nav", TAG_PARAGRAPH},   {"aside", TAG_PARAGRAPH},
    {"main", TAG_PARAGRAPH},    {"blockquote", TAG_PARAGRAPH}, {"pre", TAG_PARAGRAPH},
    {"hr", TAG_PARAGRAPH},      {"form", TAG_PARAGRAPH},  {"figure", TAG_PARAGRAPH},
    {"td", TAG_CELL},       {"th", TAG_CELL},
    {"script", TAG_RAW},    {"style", TAG_RAW},
};

/* The named entities that occur in Chinese government pages; anything else
 * is left as written rather than guessed at. */
static const struct {
    const char *name;
    unsigned codepoint;
} named_entities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},    {"nbsp", ' '},      {"ensp", ' '},      {"emsp", ' '},
    {"thinsp", ' '},   {"ldquo", 0x201C},  {"rdquo", 0x201D},  {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"mdash", 0x2014},  {"ndash", 0x2013},  {"hellip", 0x2026},
    {"middot", 0x00B7}, {"bull", 0x2022},  {"times", 0x00D7},  {"divide", 0x00F7},
    {"deg", 0x00B0},   {"plusmn", 0x00B1}, {"permil", 0x2030}, {"yen", 0x00A5},
    {"laquo", 0x00AB}, {"raquo", 0x00BB},  {"copy", 0x00A9},   {"reg", 0x00AE},
    {"trade", 0x2122}, {"sect", 0x00A7},
};

enum { TAG_NAME_MAX = 16, ENTITY_NAME_MAX = 10, SNIFF_WINDOW = 1024 };

/* ASCII-only classes: <ctype.h> follows the locale, and bytes of UTF-8
 * sequences must never count as letters or spaces. */
static int ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static int ascii_digit(char c) { return c >= '0' && c <= '9'; }
static int ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int ascii_alnum(char c) { return ascii_alpha(c) || ascii_digit(c); }
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

static int contains_ci(const char *s, size_t len, const char *lit)
{
    for (size_t i = 0; i < len; i++)
        if (starts_with_ci(s + i, len - i, lit))
            return 1;
    return 0;
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
        if (contains_ci(text + i, window, markers[m]))
            return 1;
    return 0;
}

static void put_codepoint(es_buf *out, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    es_buf_append(out, u, n);
}

/* Numeric references may name anything; text must stay valid UTF-8 and free
 * of stray control characters. */
static unsigned sanitize_codepoint(unsigned cp)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F)
        return ' ';
    return cp;
}

/* `s` points just past "&#". Returns bytes consumed after "&#", or 0. */
static size_t numeric_entity(const char *s, size_t len, unsigned *cp)
{
    size_t i = 0;
    int hex = len > 0 && (s[0] == 'x' || s[0] == 'X');
    if (hex)
        i++;
    size_t digits_start = i;
    unsigned value = 0;
    for (; i < len; i++) {
        char c = ascii_lower(s[i]);
        unsigned digit;
        if (ascii_digit(c))
            digit = (unsigned)(c - '0');
        else if (hex && c >= 'a' && c <= 'f')
            digit = (unsigned)(c - 'a' + 10);
        else
            break;
        /* Saturate instead of overflowing; anything this large is invalid. */
        if (value <= 0x10FFFF)
            value = value * (hex ? 16u : 10u) + digit;
    }
    if (i == digits_start)
        return 0;
    if (i < len && s[i] == ';')
        i++;
    *cp = sanitize_codepoint(value);
    return i;
}

/* `s` points just past '&'. Returns bytes consumed after '&', or 0. */
static size_t named_entity(const char *s, size_t len, unsigned *cp)
{
    size_t n = 0;
    while (n < len && n <= ENTITY_NAME_MAX && ascii_alnum(s[n]))
        n++;
    if (n == 0 || n >= len || s[n] != ';')
        return 0;
    for (size_t k = 0; k < sizeof named_entities / sizeof named_entities[0]; k++) {
        const char *name = named_entities[k].name;
        if (strlen(name) == n && memcmp(name, s, n) == 0) {
            *cp = named_entities[k].codepoint;
            return n + 1;
        }
    }
    return 0;
}

/* Decodes the entity at html[i] == '&' into out; returns the index after
 * it. An unrecognized '&' is kept as a literal character. */
static size_t decode_entity(const char *html, size_t len, size_t i, es_buf *out)
{
    unsigned cp = 0;
    size_t used;
    if (i + 1 < len && html[i + 1] == '#')
        used = numeric_entity(html + i + 2, len - i - 2, &cp);
    else
        used = named_entity(html + i + 1, len - i - 1, &cp);
    if (used == 0) {
        es_buf_putc(out, '&');
        return i + 1;
    }
    put_codepoint(out, cp);
    return i + 1 + (html[i + 1] == '#' ? 1 : 0) + used;
}

static tag_kind kind_of(const char *name)
{
    for (size_t k = 0; k < sizeof tag_kinds / sizeof tag_kinds[0]; k++)
        if (strcmp(tag_kinds[k].name, name) == 0)
            return tag_kinds[k].kind;
    return TAG_INLINE;
}

/* Index just past the '>' that ends the markup starting at `i`, skipping
 * quoted attribute values (which may contain '>'). */
static size_t end_of_markup(const char *html, size_t len, size_t i)
{
    char quote = 0;
    for (; i < len; i++) {
        char c = html[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return len;
}

static size_t find_ci(const char *html, size_t len, size_t from, const char *lit)
{
    for (size_t i = from; i < len; i++)
        if (starts_with_ci(html + i, len - i, lit))
            return i;
    return len;
}

/* Skips the contents of <script> or <style> up to and including the
 * matching end tag. */
static size_t skip_raw_content(const char *html, size_t len, size_t i, const char *name)
{
    char closing[TAG_NAME_MAX + 2] = "</";
    strcat(closing, name);
    size_t end = find_ci(html, len, i, closing);
    return end == len ? len : end_of_markup(html, len, end);
}

/* Trailing spaces and tabs would otherwise end up before line breaks. */
static void drop_trailing_blanks(es_buf *out)
{
    while (out->len > 0 && (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\t'))
        out->data[--out->len] = '\0';
}

/* Makes the output end in at least `count` line breaks (nothing at the very
 * start, where breaks would only be trimmed again). */
static void ensure_breaks(es_buf *out, int count)
{
    drop_trailing_blanks(out);
    if (out->len == 0)
        return;
    int have = 0;
    while ((size_t)have < out->len && out->data[out->len - 1 - (size_t)have] == '\n')
        have++;
    for (; have < count; have++)
        es_buf_putc(out, '\n');
}

/* Source whitespace is layout, not content: a run of it is one space. */
static void put_space(es_buf *out)
{
    if (out->len > 0 && out->data[out->len - 1] != ' ' && out->data[out->len - 1] != '\n')
        es_buf_putc(out, ' ');
}

static void apply_tag(es_buf *out, tag_kind kind)
{
    switch (kind) {
    case TAG_BREAK:
        drop_trailing_blanks(out);
        es_buf_putc(out, '\n');
        break;
    case TAG_LINE:
        ensure_breaks(out, 1);
        break;
    case TAG_PARAGRAPH:
        ensure_breaks(out, 2);
        break;
    case TAG_CELL:
        put_space(out);
        break;
    case TAG_INLINE:
    case TAG_RAW:
        break;
    }
}

/* Handles the tag at html[i] == '<' (followed by a letter or '/'); returns
 * the index after it and anything it hides. */
static size_t handle_tag(const char *html, size_t len, size_t i, es_buf *out)
{
    size_t p = i + 1;
    int closing = html[p] == '/';
    if (closing)
        p++;
    char name[TAG_NAME_MAX] = "";
    size_t n = 0;
    for (; p < len && ascii_alnum(html[p]); p++)
        if (n + 1 < sizeof name)
            name[n++] = ascii_lower(html[p]);
    name[n] = '\0';
    size_t end = end_of_markup(html, len, p);
    int self_closing = end >= 2 && html[end - 1] == '>' && html[end - 2] == '/';
    tag_kind kind = kind_of(name);
    if (kind == TAG_RAW && !closing && !self_closing)
        return skip_raw_content(html, len, end, name);
    apply_tag(out, kind);
    return end;
}

/* What '<' at html[i] starts: markup to skip, a tag, or just a character. */
static size_t handle_angle(const char *html, size_t len, size_t i, es_buf *out)
{
    if (starts_with_ci(html + i, len - i, "<!--")) {
        size_t end = find_ci(html, len, i + 4, "-->");
        return end == len ? len : end + 3;
    }
    char next = i + 1 < len ? html[i + 1] : '\0';
    if (next == '!' || next == '?')
        return end_of_markup(html, len, i + 1);
    if (ascii_alpha(next) ||
        (next == '/' && i + 2 < len && ascii_alpha(html[i + 2])))
        return handle_tag(html, len, i, out);
    es_buf_putc(out, '<');
    return i + 1;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* Trims each line, allows at most one blank line between lines and ends the
 * text with a single line break. */
static char *tidy_lines(const char *s, size_t len, size_t *out_len)
{
    es_buf out = {0};
    int blank_run = 0;
    size_t start = 0;
    while (start < len) {
        const char *nl = memchr(s + start, '\n', len - start);
        size_t stop = nl ? (size_t)(nl - s) : len;
        size_t a = start, b = stop;
        while (a < b && is_blank(s[a]))
            a++;
        while (b > a && is_blank(s[b - 1]))
            b--;
        if (a == b) {
            blank_run++;
        } else {
            if (out.len > 0)
                es_buf_puts(&out, blank_run > 0 ? "\n\n" : "\n");
            es_buf_append(&out, s + a, b - a);
            blank_run = 0;
        }
        start = stop + 1;
    }
    if (out.len > 0)
        es_buf_putc(&out, '\n');
    return es_buf_take(&out, out_len);
}

char *es_html_to_text(const char *html, size_t len, size_t *out_len)
{
    es_buf raw = {0};
    size_t i = 0;
    while (i < len) {
        char c = html[i];
        if (c == '<') {
            i = handle_angle(html, len, i, &raw);
        } else if (c == '&') {
            i = decode_entity(html, len, i, &raw);
        } else if (ascii_space(c)) {
            put_space(&raw);
            i++;
        } else {
            es_buf_putc(&raw, c);
            i++;
        }
    }
    char *text = tidy_lines(raw.data ? raw.data : "", raw.len, out_len);
    es_buf_free(&raw);
    return text;
}
