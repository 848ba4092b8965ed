/* The bigram tokenizer of the index of metric phrases and its query translator; see
 * fts_bigram.h for the contract and why it is exact. */
#include "fts_bigram.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Longest token: two characters of at most 4 bytes each. */
#define TOKEN_MAX_BYTES 8

/* The instance handed to FTS5. The tokenizer takes no options and keeps no
 * state between calls; the struct exists because xCreate must return a
 * distinct non-NULL handle. */
typedef struct {
    int unused;
} bigram_tokenizer;

int es_bigram_is_separator(unsigned cp)
{
    if (cp < 0x80) {
        /* C0 controls, space, DEL, and ASCII clause/quote/bracket marks. Kept
         * as characters: letters, digits and . % + - / * = < > & _ # @ $ ^ ~
         * | \ ` which occur inside numbers, codes and formulas (5.2%, 2021-2025). */
        if (cp <= 0x20 || cp == 0x7F)
            return 1;
        switch (cp) {
        case ',': case ';': case ':': case '!': case '?': case '"': case '\'':
        case '(': case ')': case '[': case ']': case '{': case '}':
            return 1;
        default:
            return 0;
        }
    }
    switch (cp) {
    case 0x85: case 0xA0:          /* NEL, no-break space */
    case 0xAB: case 0xBB:          /* « » */
    case 0xB7:                     /* middle dot · (separates name parts) */
    case 0x1680:                   /* ogham space */
    case 0x2028: case 0x2029:      /* line / paragraph separator */
    case 0x202F: case 0x205F:      /* narrow / math spaces */
    case 0x3000:                   /* ideographic space */
    case 0x30FB:                   /* katakana middle dot ・ */
    case 0xFEFF:                   /* BOM / zero-width no-break space */
    case 0xFF01: case 0xFF02: case 0xFF07: case 0xFF08: case 0xFF09: /* ！＂＇（） */
    case 0xFF0C: case 0xFF1A: case 0xFF1B: case 0xFF1F:              /* ，：；？ */
    case 0xFF3B: case 0xFF3D: case 0xFF5B: case 0xFF5D:              /* ［］｛｝ */
        return 1;
    default:
        break;
    }
    return (cp >= 0x80 && cp <= 0x9F)        /* C1 controls */
        || (cp >= 0x2000 && cp <= 0x200B)    /* spaces, zero-width space */
        || (cp >= 0x2010 && cp <= 0x2027)    /* dashes, quotes ‘’“”, bullets, … */
        || (cp >= 0x3001 && cp <= 0x3003)    /* 、。〃 */
        || (cp >= 0x3008 && cp <= 0x3011)    /* 〈〉《》「」『』【】 */
        || (cp >= 0x3014 && cp <= 0x301F)    /* 〔〕〖〗〘〙〚〛〜〝〞〟 */
        || (cp >= 0xFE10 && cp <= 0xFE19)    /* vertical forms */
        || (cp >= 0xFE30 && cp <= 0xFE4F)    /* CJK compatibility forms */
        || (cp >= 0xFE50 && cp <= 0xFE5E)    /* small form variants */
        || (cp >= 0xFF5F && cp <= 0xFF65);   /* ｟｠｡｢｣､･ */
}

int es_bigram_decode(const unsigned char *s, int n, unsigned *cp)
{
    unsigned c = s[0];
    int len;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; min = 0x80; c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; min = 0x800; c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; min = 0x10000; c &= 0x07;
    } else {
        goto invalid;
    }
    if (len > n)
        goto invalid;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto invalid;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
    if (c < min || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
        goto invalid;
    *cp = c;
    return len;
invalid:
    *cp = 0x110000u + s[0];
    return 1;
}

int es_bigram_next_term(const unsigned char *s, int n, int *pos, int *start, int *end, int *nchar)
{
    int i = *pos;
    unsigned cp;
    /* Skip separators. */
    while (i < n) {
        int len = es_bigram_decode(s + i, n - i, &cp);
        if (!es_bigram_is_separator(cp))
            break;
        i += len;
    }
    if (i >= n) {
        *pos = n;
        return 0;
    }
    *start = i;
    int count = 0;
    while (i < n) {
        int len = es_bigram_decode(s + i, n - i, &cp);
        if (es_bigram_is_separator(cp))
            break;
        i += len;
        count++;
    }
    *end = i;
    *nchar = count;
    *pos = i;
    return 1;
}

/* Copies s[0..n) (n <= TOKEN_MAX_BYTES) into buf with ASCII letters folded to
 * lower case, so that "GDP" and "gdp" index and query as the same token. */
static void fold_ascii(char *buf, const unsigned char *s, int n)
{
    for (int i = 0; i < n; i++)
        buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
}

/* Passes the text s[start..end) to FTS5 as one token, folded; the offsets
 * are byte offsets into the tokenized text, as highlight()/snippet() need. */
static int emit(void *ctx, int (*x_token)(void *, int, const char *, int, int, int),
                const unsigned char *text, int start, int end)
{
    char buf[TOKEN_MAX_BYTES];
    fold_ascii(buf, text + start, end - start);
    return x_token(ctx, 0, buf, end - start, start, end);
}

/* fts5_tokenizer.xCreate: accepts no arguments (an unknown one is an error,
 * so a typo in the table definition fails loudly instead of being ignored). */
static int bigram_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)user;
    (void)argv;
    *out = NULL;
    if (argc != 0)
        return SQLITE_ERROR;
    bigram_tokenizer *t = sqlite3_malloc(sizeof *t);
    if (t == NULL)
        return SQLITE_NOMEM;
    t->unused = 0;
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

/* fts5_tokenizer.xDelete: frees what bigram_create allocated. */
static void bigram_delete(Fts5Tokenizer *t)
{
    sqlite3_free(t);
}

/* fts5_tokenizer.xTokenize. For each run c1..cm of non-separators:
 *   documents (and AUX): c1c2, c2c3, .., c(m-1)cm, then cm, each a new position;
 *   queries: the m-1 bigrams; a one-character run gives just c1, which FTS5
 *   turns into a prefix lookup when the query was written "c1"*.
 * The trailing single character makes every character of a document the
 * first character of some token, so "X"* finds every X.
 * One pass, each character decoded once. */
static int bigram_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text_in, int n,
                           int (*x_token)(void *, int, const char *, int, int, int))
{
    (void)tok;
    const unsigned char *text = (const unsigned char *)text_in;
    const int is_query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    if (text == NULL || n <= 0)
        return SQLITE_OK;
    /* The run's last character so far (offset and length in bytes), and
     * how many characters the run has. */
    int prev = 0, prev_len = 0, run = 0;
    for (int at = 0; at <= n;) {
        unsigned cp;
        int len = es_bigram_char_at(text, n, at, &cp);
        if (es_bigram_is_separator(cp)) {
            /* The run ends: its last character, alone. */
            if (run > 0 && (!is_query || run == 1)) {
                int rc = emit(ctx, x_token, text, prev, prev + prev_len);
                if (rc != SQLITE_OK)
                    return rc;
            }
            run = 0;
        } else {
            if (run > 0) {
                int rc = emit(ctx, x_token, text, prev, at + len);
                if (rc != SQLITE_OK)
                    return rc;
            }
            prev = at;
            prev_len = len;
            run++;
        }
        at += len;
    }
    return SQLITE_OK;
}

/* Growable output buffer for the translator. */
typedef struct {
    char *buf;
    size_t len, cap;
    int rc;
} strbuf;

/* Appends s[0..n) to b, growing it; records SQLITE_NOMEM/SQLITE_TOOBIG in
 * b->rc and becomes a no-op after the first failure. */
static void sb_append(strbuf *b, const char *s, size_t n)
{
    if (b->rc != SQLITE_OK)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) {
            if (cap > (size_t)INT_MAX / 2) {
                b->rc = SQLITE_TOOBIG;
                return;
            }
            cap *= 2;
        }
        char *p = realloc(b->buf, cap);
        if (p == NULL) {
            b->rc = SQLITE_NOMEM;
            return;
        }
        b->buf = p;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

/* Appends s[0..n) as an FTS5 string literal: in double quotes, with each
 * double quote doubled. Inside quotes FTS5 gives no character any other
 * meaning, so keywords (AND, NEAR), * ^ : ( ) + - are all taken literally. */
static void sb_append_quoted(strbuf *b, const unsigned char *s, int n)
{
    sb_append(b, "\"", 1);
    int from = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] == '"') {
            sb_append(b, (const char *)s + from, (size_t)(i + 1 - from));
            sb_append(b, "\"", 1);
            from = i + 1;
        }
    }
    sb_append(b, (const char *)s + from, (size_t)(n - from));
    sb_append(b, "\"", 1);
}

/* Appends the query for one term s[0..n) of nchar characters. The index
 * keeps no positions (detail=none), so a term of m >= 2 characters is
 * asked as its m-1 pairs ANDed, each quoted: the rows holding every pair,
 * a superset of the rows holding the term, equal to it for m = 2. */
static void append_term(strbuf *b, const unsigned char *s, int n, int nchar)
{
    unsigned cp;
    int len = es_bigram_decode(s, n, &cp);
    if (nchar == 1) {
        sb_append_quoted(b, s, n);
        /* One character X: every X begins a token (the pair it opens, or
         * the single character closing its run), so the prefix query
         * finds them all. Not for a stray invalid byte: prefixes are
         * bytes, and 0xE6* would find every token beginning with 教
         * (E6 95 99). */
        if (len == n && cp < 0x110000)
            sb_append(b, "*", 1);
        return;
    }
    for (int at = 0; at + len < n;) {
        int next = at + len;
        int next_len = es_bigram_decode(s + next, n - next, &cp);
        if (at > 0)
            sb_append(b, " AND ", 5);
        sb_append_quoted(b, s + at, next + next_len - at);
        at = next;
        len = next_len;
    }
}

int es_bigram_query(const char *text, char **out)
{
    *out = NULL;
    if (text == NULL)
        return SQLITE_OK;
    size_t total = strlen(text);
    if (total > (size_t)INT_MAX / 8)
        return SQLITE_TOOBIG;
    const unsigned char *s = (const unsigned char *)text;
    const int n = (int)total;
    strbuf b = {NULL, 0, 0, SQLITE_OK};
    int pos = 0, start, end, nchar, nterms = 0;
    while (es_bigram_next_term(s, n, &pos, &start, &end, &nchar)) {
        if (nterms++ > 0)
            sb_append(&b, " AND ", 5);
        append_term(&b, s + start, end - start, nchar);
    }
    if (b.rc != SQLITE_OK) {
        free(b.buf);
        return b.rc;
    }
    *out = b.buf; /* NULL when there were no terms */
    return SQLITE_OK;
}

int es_bigram_exact(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    int n = text ? (int)strnlen(text, INT_MAX) : 0;
    int pos = 0, start, end, nchar;
    while (es_bigram_next_term(s, n, &pos, &start, &end, &nchar))
        if (nchar > 2)
            return 0;
    return 1;
}

static int valid_utf8(const unsigned char *s, int n)
{
    unsigned cp;
    for (int i = 0; i < n;) {
        i += es_bigram_decode(s + i, n - i, &cp);
        if (cp >= 0x110000)
            return 0;
    }
    return 1;
}

static unsigned char fold_byte(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Whether hay[0..n) holds term t[0..m) (m >= 1), ASCII letters in either
 * case. Valid UTF-8 on both sides, so a match of bytes is a match of
 * characters. */
static int holds(const unsigned char *hay, size_t n, const unsigned char *t, size_t m)
{
    unsigned char first = fold_byte(t[0]);
    for (size_t i = 0; i + m <= n; i++) {
        if (fold_byte(hay[i]) != first)
            continue;
        size_t k = 1;
        while (k < m && fold_byte(hay[i + k]) == fold_byte(t[k]))
            k++;
        if (k == m)
            return 1;
    }
    return 0;
}

int es_bigram_contains(const char *hay, size_t n, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    int len = (int)strnlen(text, INT_MAX);
    int pos = 0, start, end, nchar;
    while (es_bigram_next_term(s, len, &pos, &start, &end, &nchar)) {
        /* Text is stored as valid UTF-8: a term that is not is in none. */
        if (!valid_utf8(s + start, end - start) ||
            !holds((const unsigned char *)hay, n, s + start, (size_t)(end - start)))
            return 0;
    }
    return 1;
}

/* SQL function edu_bigram_query(text): the translation, or NULL when the
 * text has nothing to search (or is NULL). Lets SQL and Lua callers write
 * ... MATCH edu_bigram_query(?1). */
static void sql_bigram_query(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    if (text == NULL) {
        if (sqlite3_value_type(argv[0]) != SQLITE_NULL)
            sqlite3_result_error_nomem(ctx);
        return;
    }
    char *expr;
    int rc = es_bigram_query(text, &expr);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (expr != NULL)
        sqlite3_result_text(ctx, expr, -1, free);
}

/* Fetches the connection's fts5_api through SELECT fts5(?1), the documented
 * way: FTS5 writes the pointer into the bound "fts5_api_ptr" pointer. */
static int get_fts5_api(sqlite3 *db, fts5_api **api)
{
    sqlite3_stmt *stmt = NULL;
    *api = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_bind_pointer(stmt, 1, (void *)api, "fts5_api_ptr", NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    int rc2 = sqlite3_finalize(stmt);
    if (rc == SQLITE_OK)
        rc = rc2;
    if (rc == SQLITE_OK && *api == NULL)
        rc = SQLITE_ERROR;
    return rc;
}

/* SQL function edu_bigram_exact(text): 1 when the rows that MATCH
 * edu_bigram_query(text) are exactly the rows holding its words. */
static void sql_bigram_exact(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    if (text == NULL && sqlite3_value_type(argv[0]) != SQLITE_NULL)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_int(ctx, es_bigram_exact(text));
}

/* SQL function edu_bigram_contains(haystack, text): 1 when haystack holds
 * every word of text, 0 when not, NULL when either is NULL. */
static void sql_bigram_contains(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return;
    const char *hay = (const char *)sqlite3_value_text(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    const char *text = (const char *)sqlite3_value_text(argv[1]);
    if (hay == NULL || text == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_int(ctx, es_bigram_contains(hay, (size_t)n, text));
}

int es_bigram_register(sqlite3 *db)
{
    fts5_api *api;
    int rc = get_fts5_api(db, &api);
    if (rc != SQLITE_OK)
        return rc;
    if (api->iVersion < 2)
        return SQLITE_ERROR;
    fts5_tokenizer tokenizer = {bigram_create, bigram_delete, bigram_tokenize};
    rc = api->xCreateTokenizer(api, ES_BIGRAM_TOKENIZER, NULL, &tokenizer, NULL);
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, ES_BIGRAM_QUERY_FUNCTION, 1, flags, NULL, sql_bigram_query, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "edu_bigram_exact", 1, flags, NULL, sql_bigram_exact, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "edu_bigram_contains", 2, flags, NULL, sql_bigram_contains, NULL, NULL);
    return rc;
}
