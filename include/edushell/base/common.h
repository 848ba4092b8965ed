/* Shared basics: error reports and small owned-string helpers.
 *
 * Every fallible function in the core takes an `es_err *` as its last
 * argument and fills it with one line (no trailing newline) that names the
 * reason; callers prefix the file name. Passing NULL is allowed. */
#ifndef EDUSHELL_BASE_COMMON_H
#define EDUSHELL_BASE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define ES_ERR_MAX 512

/* The longest document text the program handles: the normalized view maps
 * its bytes back with 32-bit offsets (four bytes a byte), and decoding
 * refuses larger files. */
#define ES_TEXT_MAX ((size_t)UINT32_MAX - 1)

typedef struct es_err {
    char msg[ES_ERR_MAX];
} es_err;

/* printf-style; returns -1 so callers can `return es_err_set(...)`. */
int es_err_set(es_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* malloc-or-abort: allocation failure is not recoverable in this program. */
void *es_xmalloc(size_t n);
void *es_xcalloc(size_t n, size_t size);
void *es_xrealloc(void *p, size_t n);
char *es_xstrdup(const char *s);
char *es_xstrndup(const char *s, size_t n);

/* A growable byte buffer; `data` is always NUL-terminated once non-empty. */
typedef struct es_buf {
    char *data;
    size_t len, cap;
} es_buf;

void es_buf_append(es_buf *b, const char *s, size_t n);
void es_buf_puts(es_buf *b, const char *s);
void es_buf_putc(es_buf *b, char c);
void es_buf_printf(es_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (never NULL) and resets the buffer. */
char *es_buf_take(es_buf *b, size_t *len);
void es_buf_free(es_buf *b);

/* Reads a whole file. Returns 0, or -1 with the reason in err. */
int es_read_file(const char *path, char **data, size_t *len, es_err *err);

/* Seconds on a monotonic clock, for measuring how long things take. */
double es_seconds(void);

#endif
