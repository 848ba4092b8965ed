/* Error reports, allocation wrappers, growable buffers and file reading. */
#include "edushell/base/common.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int es_err_set(es_err *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static void *check_alloc(void *p)
{
    if (!p) {
        fputs("edushell: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *es_xmalloc(size_t n) { return check_alloc(malloc(n ? n : 1)); }
void *es_xcalloc(size_t n, size_t size) { return check_alloc(calloc(n ? n : 1, size ? size : 1)); }
void *es_xrealloc(void *p, size_t n) { return check_alloc(realloc(p, n ? n : 1)); }

char *es_xstrdup(const char *s) { return es_xstrndup(s, strlen(s)); }

char *es_xstrndup(const char *s, size_t n)
{
    char *d = es_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static void buf_reserve(es_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = es_xrealloc(b->data, cap);
    b->cap = cap;
}

void es_buf_append(es_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void es_buf_puts(es_buf *b, const char *s) { es_buf_append(b, s, strlen(s)); }
void es_buf_putc(es_buf *b, char c) { es_buf_append(b, &c, 1); }

void es_buf_printf(es_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *es_buf_take(es_buf *b, size_t *len)
{
    char *d = b->data ? b->data : es_xstrdup("");
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void es_buf_free(es_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int es_read_file(const char *path, char **data, size_t *len, es_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return es_err_set(err, "%s", strerror(errno));
    es_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        es_buf_append(&b, chunk, n);
    int failed = ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        es_buf_free(&b);
        return es_err_set(err, "read error: %s", strerror(saved));
    }
    *data = es_buf_take(&b, len);
    return 0;
}

double es_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
