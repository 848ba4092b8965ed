/* Reading JSON (RFC 8259) into a tree: what load --jsonl reads back of the
 * records extract writes. Input from elsewhere is not trusted: nesting is
 * bounded, strings must be UTF-8 without raw control characters, and
 * every error names its byte offset. */
#include "edushell/base/json.h"

#include <stdlib.h>
#include <string.h>

/* Deeper than any record extract writes; bounds the recursion. */
enum { MAX_DEPTH = 32 };

typedef struct reader {
    const char *s;
    size_t len, at;
    es_err *err;
} reader;

static int fail(reader *r, const char *what)
{
    return es_err_set(r->err, "JSON at byte %zu: %s", r->at, what);
}

static void skip_space(reader *r)
{
    while (r->at < r->len && (r->s[r->at] == ' ' || r->s[r->at] == '\t' || r->s[r->at] == '\n' ||
                              r->s[r->at] == '\r'))
        r->at++;
}

static int literal(reader *r, const char *word)
{
    size_t n = strlen(word);
    if (r->len - r->at < n || memcmp(r->s + r->at, word, n) != 0)
        return fail(r, "unexpected character");
    r->at += n;
    return 0;
}

static int hex4(reader *r, unsigned *out)
{
    if (r->len - r->at < 4)
        return fail(r, "short \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = r->s[r->at++];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return fail(r, "bad \\u escape");
    }
    *out = v;
    return 0;
}

static void put_utf8(es_buf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    es_buf_append(b, u, n);
}

static int escape(reader *r, es_buf *b)
{
    if (r->at >= r->len)
        return fail(r, "unterminated string");
    char c = r->s[r->at++];
    const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
    const char *k = c ? strchr(from, c) : NULL;
    if (k) {
        es_buf_putc(b, to[k - from]);
        return 0;
    }
    if (c != 'u')
        return fail(r, "bad escape");
    unsigned cp, low;
    if (hex4(r, &cp) != 0)
        return -1;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(r, "lone low surrogate");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (r->len - r->at < 2 || r->s[r->at] != '\\' || r->s[r->at + 1] != 'u')
            return fail(r, "lone high surrogate");
        r->at += 2;
        if (hex4(r, &low) != 0)
            return -1;
        if (low < 0xDC00 || low > 0xDFFF)
            return fail(r, "bad surrogate pair");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    put_utf8(b, cp);
    return 0;
}

/* Length of the UTF-8 character at p (n bytes left), 0 when invalid. */
static size_t utf8_char(const unsigned char *p, size_t n)
{
    size_t len = p[0] < 0x80 ? 1 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
               : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    unsigned cp = len == 1 ? p[0] : len == 2 ? (p[0] & 0x1Fu) : len == 3 ? (p[0] & 0x0Fu) : (p[0] & 0x07u);
    for (size_t i = 1; i < len; i++)
        cp = cp << 6 | (p[i] & 0x3Fu);
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

static int string(reader *r, char **out, size_t *out_len)
{
    r->at++; /* the opening quote */
    es_buf b = {0};
    for (;;) {
        if (r->at >= r->len) {
            es_buf_free(&b);
            return fail(r, "unterminated string");
        }
        unsigned char c = (unsigned char)r->s[r->at];
        if (c == '"') {
            r->at++;
            break;
        }
        if (c < 0x20) {
            es_buf_free(&b);
            return fail(r, "control character in a string");
        }
        if (c == '\\') {
            r->at++;
            if (escape(r, &b) != 0) {
                es_buf_free(&b);
                return -1;
            }
            continue;
        }
        size_t n = utf8_char((const unsigned char *)r->s + r->at, r->len - r->at);
        if (n == 0) {
            es_buf_free(&b);
            return fail(r, "a string that is not UTF-8");
        }
        es_buf_append(&b, r->s + r->at, n);
        r->at += n;
    }
    *out = es_buf_take(&b, out_len); /* "" for an empty string */
    return 0;
}

static int number(reader *r, double *out)
{
    size_t start = r->at;
    if (r->at < r->len && r->s[r->at] == '-')
        r->at++;
    size_t digits = r->at;
    while (r->at < r->len && r->s[r->at] >= '0' && r->s[r->at] <= '9')
        r->at++;
    if (r->at == digits)
        return fail(r, "unexpected character");
    while (r->at < r->len && strchr("0123456789.eE+-", r->s[r->at]) && r->s[r->at])
        r->at++;
    char buf[64];
    size_t n = r->at - start;
    if (n >= sizeof buf)
        return fail(r, "number too long");
    memcpy(buf, r->s + start, n);
    buf[n] = '\0';
    char *end;
    *out = strtod(buf, &end);
    if (*end)
        return fail(r, "bad number");
    return 0;
}

static int value(reader *r, es_json *v, int depth);

static void grow(es_json *v, size_t *cap, int keyed)
{
    if (v->n < *cap)
        return;
    *cap = *cap ? 2 * *cap : 8;
    v->items = es_xrealloc(v->items, *cap * sizeof *v->items);
    if (keyed)
        v->keys = es_xrealloc(v->keys, *cap * sizeof *v->keys);
}

/* An array or an object, after its opening bracket. */
static int container(reader *r, es_json *v, int depth, int keyed)
{
    char close = keyed ? '}' : ']';
    size_t cap = 0;
    r->at++;
    skip_space(r);
    if (r->at < r->len && r->s[r->at] == close) {
        r->at++;
        return 0;
    }
    for (;;) {
        skip_space(r);
        grow(v, &cap, keyed);
        if (keyed) {
            if (r->at >= r->len || r->s[r->at] != '"')
                return fail(r, "a key expected");
            size_t klen;
            if (string(r, &v->keys[v->n], &klen) != 0)
                return -1;
            skip_space(r);
            if (r->at >= r->len || r->s[r->at] != ':') {
                free(v->keys[v->n]);
                return fail(r, "':' expected");
            }
            r->at++;
        }
        memset(&v->items[v->n], 0, sizeof v->items[v->n]);
        int rc = value(r, &v->items[v->n], depth + 1);
        v->n++; /* owned from here, even half-read */
        if (rc != 0)
            return -1;
        skip_space(r);
        if (r->at < r->len && r->s[r->at] == ',') {
            r->at++;
            continue;
        }
        if (r->at < r->len && r->s[r->at] == close) {
            r->at++;
            return 0;
        }
        return fail(r, keyed ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static int value(reader *r, es_json *v, int depth)
{
    memset(v, 0, sizeof *v);
    if (depth > MAX_DEPTH)
        return fail(r, "nested too deeply");
    skip_space(r);
    if (r->at >= r->len)
        return fail(r, "unexpected end");
    switch (r->s[r->at]) {
    case '{': v->type = ES_JSON_OBJECT; return container(r, v, depth, 1);
    case '[': v->type = ES_JSON_ARRAY; return container(r, v, depth, 0);
    case '"': v->type = ES_JSON_STRING; return string(r, &v->string, &v->len);
    case 't': v->type = ES_JSON_BOOL; v->boolean = 1; return literal(r, "true");
    case 'f': v->type = ES_JSON_BOOL; return literal(r, "false");
    case 'n': v->type = ES_JSON_NULL; return literal(r, "null");
    default: v->type = ES_JSON_NUMBER; return number(r, &v->number);
    }
}

int es_json_parse(const char *s, size_t len, es_json *out, es_err *err)
{
    reader r = {s, len, 0, err};
    if (value(&r, out, 0) != 0) {
        es_json_free(out);
        return -1;
    }
    skip_space(&r);
    if (r.at != len) {
        es_json_free(out);
        return fail(&r, "text after the value");
    }
    return 0;
}

void es_json_free(es_json *v)
{
    for (size_t i = 0; i < v->n; i++) {
        es_json_free(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
    memset(v, 0, sizeof *v);
}

const es_json *es_json_get(const es_json *obj, const char *key)
{
    if (!obj || obj->type != ES_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return &obj->items[i];
    return NULL;
}
