/* CSV corpora: one document per row of a file with a `full_text` column,
 * the other columns kept as the row's metadata.
 *
 * A corpus can be far larger than memory, so a file is read in pieces,
 * record by record: CSV's delimiters (quote, comma, line breaks) are ASCII,
 * and no byte of them is part of a character in UTF-8, GB18030 or Big5, so
 * records are found in the raw bytes and each is decoded alone. The whole
 * file is checked before any row is handed on (a file loads whole or not
 * at all); with `lazy_rows` a row keeps only its place in the file, and
 * es_source_fill reads it again when its document is built. UTF-16 files,
 * whose characters hold those bytes, are read whole. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "edushell/base/uchar.h"
#include "csv_corpus.h"
#include "decode.h"

static const char full_text_column[] = "full_text";

/* What the rows of one file share; counted, freed with its last row. */
struct csv_origin {
    int refs;
    char *path;
    char **header;
    size_t nheader;
    size_t text_column;
    int encoding;              /* the first record's, tried first for the others; -1 none */
    off_t size;                /* the file as it was read, to tell a change */
    struct timespec mtime;
};

/* Where a row not read yet is. */
struct es_csv_place {
    struct csv_origin *origin;
    uint64_t offset;           /* of the record's first byte */
    size_t bytes;              /* the record's raw length */
    size_t line;               /* of its first line */
    size_t row;                /* 1 for the first data row */
};

static void origin_release(struct csv_origin *o)
{
    if (!o || --o->refs > 0)
        return;
    for (size_t k = 0; k < o->nheader; k++)
        free(o->header[k]);
    free(o->header);
    free(o->path);
    free(o);
}

void es_csv_place_free(struct es_csv_place *place)
{
    if (!place)
        return;
    origin_release(place->origin);
    free(place);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int is_blank_text(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!es_is_space(s[i]))
            return 0;
    return 1;
}

static int same_column_name(const char *field, size_t len, const char *name)
{
    while (len > 0 && es_is_space(*field)) {
        field++;
        len--;
    }
    while (len > 0 && es_is_space(field[len - 1]))
        len--;
    return len == strlen(name) && strncasecmp(field, name, len) == 0;
}

/* --- a parsed record to header or row ---------------------------------- */

typedef struct corpus {
    struct csv_origin *origin;
    es_encoding encoding;
    size_t data_rows;
    es_source_list rows;
    es_err *err;
    struct es_csv_place *place; /* of the record being parsed, when read in pieces */
    es_source *filling;         /* es_source_fill: the one row to read again */
} corpus;

static int take_header(corpus *c, char **fields, size_t *lens, size_t n)
{
    struct csv_origin *o = c->origin;
    o->text_column = n;
    for (size_t k = 0; k < n && o->text_column == n; k++)
        if (same_column_name(fields[k], lens[k], full_text_column))
            o->text_column = k;
    if (o->text_column == n)
        return es_err_set(c->err, "CSV has no full_text column");
    o->header = es_xcalloc(n, sizeof *o->header);
    o->nheader = n;
    for (size_t k = 0; k < n; k++)
        o->header[k] = es_xstrndup(fields[k], lens[k]);
    return 0;
}

static es_kv *row_meta(const struct csv_origin *o, char **fields, size_t *lens)
{
    es_kv *meta = es_xcalloc(o->nheader - 1, sizeof *meta);
    size_t m = 0;
    for (size_t k = 0; k < o->nheader; k++) {
        if (k == o->text_column)
            continue;
        meta[m].key = es_xstrdup(o->header[k]);
        meta[m].value = es_xstrndup(fields[k], lens[k]);
        m++;
    }
    return meta;
}

/* Checks a data row and fills `src` with its text and metadata. */
static int row_source(corpus *c, size_t row, size_t lineno, char **fields, size_t *lens, size_t n,
                      es_source *src)
{
    const struct csv_origin *o = c->origin;
    if (n != o->nheader)
        return es_err_set(c->err, "row %zu (line %zu): %zu fields, header has %zu", row, lineno, n,
                          o->nheader);
    size_t col = o->text_column;
    if (is_blank_text(fields[col], lens[col]))
        return es_err_set(c->err, "row %zu: empty full_text", row);
    src->text = es_xstrndup(fields[col], lens[col]);
    src->len = lens[col];
    src->encoding = c->encoding;
    src->meta = row_meta(o, fields, lens);
    src->nmeta = o->nheader - 1;
    return 0;
}

static void list_push(es_source_list *list, const es_source *src)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = es_xrealloc(list->items, list->cap * sizeof *list->items);
    }
    list->items[list->n++] = *src;
}

static int on_record(void *ctx, size_t lineno, char **fields, size_t *lens, size_t n)
{
    corpus *c = ctx;
    if (c->filling)
        return row_source(c, c->place->row, lineno, fields, lens, n, c->filling);
    if (!c->origin->header)
        return take_header(c, fields, lens, n);
    size_t row = ++c->data_rows;
    es_buf name = {0};
    es_buf_printf(&name, "%s#%zu", base_name(c->origin->path), row);
    es_source src = {
        .path = es_xstrdup(c->origin->path),
        .name = es_buf_take(&name, NULL),
        .format = ES_FORMAT_CSV,
    };
    if (row_source(c, row, lineno, fields, lens, n, &src) != 0) {
        es_source_free(&src);
        return -1;
    }
    if (c->place) {
        struct es_csv_place *place = es_xmalloc(sizeof *place);
        *place = *c->place;
        place->row = row;
        place->origin->refs++;
        src.csv_place = place;
    }
    list_push(&c->rows, &src);
    return 0;
}

static struct csv_origin *new_origin(const char *path)
{
    struct csv_origin *o = es_xcalloc(1, sizeof *o);
    o->refs = 1;
    o->path = es_xstrdup(path);
    o->encoding = -1;
    return o;
}

/* Hands the rows to `out` when the whole file was right. */
static int finish(corpus *c, int rc, es_source_list *out)
{
    if (rc == 0 && !c->origin->header)
        rc = es_err_set(c->err, "CSV has no full_text column");
    else if (rc == 0 && c->rows.n == 0)
        rc = es_err_set(c->err, "CSV has no data rows");
    if (rc == 0) {
        for (size_t k = 0; k < c->rows.n; k++)
            list_push(out, &c->rows.items[k]);
        free(c->rows.items);
        c->rows = (es_source_list){0};
    }
    es_source_list_free(&c->rows);
    origin_release(c->origin);
    return rc;
}

int es_csv_corpus_from_text(const char *path, const char *text, size_t len, es_encoding enc,
                            es_source_list *out, es_err *err)
{
    corpus c = {.origin = new_origin(path), .encoding = enc, .err = err};
    return finish(&c, es_csv_parse(text, len, on_record, &c, err), out);
}

/* --- records read in pieces -------------------------------------------- */

enum { PIECE = 1 << 20 };

typedef struct pieces {
    int fd;
    char *buf;
    size_t cap, start, end;    /* buf[start, end) not yet taken */
    uint64_t offset;           /* file offset of buf[start] */
    size_t line;               /* of buf[start] */
    int eof;
} pieces;

/* Reads more of the file behind what is left in the buffer. */
static int read_more(pieces *p, es_err *err)
{
    if (p->start > 0) {
        memmove(p->buf, p->buf + p->start, p->end - p->start);
        p->end -= p->start;
        p->start = 0;
    }
    if (p->end + PIECE > p->cap) {
        p->cap = p->cap ? 2 * p->cap : 2 * PIECE;
        if (p->cap < p->end + PIECE)
            p->cap = p->end + PIECE;
        p->buf = es_xrealloc(p->buf, p->cap);
    }
    ssize_t n;
    do
        n = read(p->fd, p->buf + p->end, p->cap - p->end);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return es_err_set(err, "%s", strerror(errno));
    p->end += (size_t)n;
    p->eof = n == 0;
    return 0;
}

/* The length of the record at s[0, len), through its line break; 0 when
 * more bytes are needed to know. A quote toggles quoting: a doubled quote
 * inside a field toggles twice. */
static size_t record_length(const char *s, size_t len, int eof, size_t *breaks)
{
    int quoted = 0;
    size_t lines = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (ch == '"') {
            quoted = !quoted;
        } else if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && i + 1 == len && !eof)
                return 0; /* a CRLF may be cut in two */
            if (ch == '\r' && i + 1 < len && s[i + 1] == '\n')
                i++;
            lines++;
            if (!quoted) {
                *breaks = lines;
                return i + 1;
            }
        }
    }
    *breaks = lines;
    return eof ? len : 0;
}

typedef struct raw_record {
    const char *bytes;
    size_t len;
    uint64_t offset;
    size_t line;
} raw_record;

/* The next record: 1, 0 at the end of the file, -1 on an error. A record
 * longer than max_record (when not 0) is an error before it is all read. */
static int next_record(pieces *p, size_t max_record, size_t rows, raw_record *rec, es_err *err)
{
    for (;;) {
        /* Blank lines separate nothing. */
        while (p->start < p->end && (p->buf[p->start] == '\n' || p->buf[p->start] == '\r')) {
            if (p->buf[p->start] == '\r' && p->start + 1 == p->end && !p->eof)
                break;
            if (p->buf[p->start] == '\r' && p->start + 1 < p->end && p->buf[p->start + 1] == '\n') {
                p->start++;
                p->offset++;
            }
            p->start++;
            p->offset++;
            p->line++;
        }
        size_t breaks = 0, avail = p->end - p->start;
        size_t n = avail ? record_length(p->buf + p->start, avail, p->eof, &breaks) : 0;
        if (n > 0) {
            *rec = (raw_record){p->buf + p->start, n, p->offset, p->line};
            p->start += n;
            p->offset += n;
            p->line += breaks;
            return 1;
        }
        if (p->eof && avail == 0)
            return 0;
        if (max_record && avail > max_record) {
            if (rows == 0)
                return es_err_set(err, "the header (line %zu): more than %zu MiB, the limit of a document "
                                       "(raise it with --max-size)", p->line, max_record >> 20);
            return es_err_set(err, "row %zu (line %zu): more than %zu MiB, the limit of a document "
                                   "(raise it with --max-size)", rows, p->line, max_record >> 20);
        }
        if (read_more(p, err) != 0)
            return -1;
    }
}

/* Decodes one record's bytes and parses it as CSV, its lines counted
 * from `line`. */
static int parse_record(corpus *c, const raw_record *rec, es_err *err)
{
    char *text;
    size_t len;
    es_encoding enc;
    es_err why = {{0}};
    if (es_decode_text_as(rec->bytes, rec->len, c->origin->encoding, &text, &len, &enc, &why) != 0)
        return es_err_set(err, "line %zu: %s", rec->line, why.msg);
    if (c->origin->encoding < 0 && enc != ES_ENC_UTF8)
        c->origin->encoding = (int)enc;
    c->encoding = enc;
    int rc = es_csv_parse_from(text, len, rec->line, on_record, c, err);
    free(text);
    return rc;
}

int es_csv_corpus_read(const char *path, int fd, const es_source_options *opt, es_source_list *out,
                       es_err *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return es_err_set(err, "%s", strerror(errno));
    size_t max = opt ? opt->max_size : 0;
    corpus c = {.origin = new_origin(path), .err = err};
    c.origin->size = st.st_size;
    c.origin->mtime = st.st_mtim;
    int lazy = opt && opt->lazy_rows;
    pieces p = {.fd = fd, .line = 1};
    raw_record rec;
    int rc;
    while ((rc = next_record(&p, max, c.origin->header ? c.data_rows + 1 : 0, &rec, err)) == 1) {
        struct es_csv_place place = {c.origin, rec.offset, rec.len, rec.line, 0};
        c.place = &place;
        if (parse_record(&c, &rec, err) != 0) {
            rc = -1;
            break;
        }
        es_source *last = c.rows.n ? &c.rows.items[c.rows.n - 1] : NULL;
        if (lazy && last && last->text)
            es_source_empty(last);
    }
    free(p.buf);
    return finish(&c, rc, out);
}

/* --- a row read again ---------------------------------------------------- */

int es_source_fill(es_source *src, es_err *err)
{
    struct es_csv_place *place = src->csv_place;
    if (src->text || !place)
        return 0;
    const struct csv_origin *o = place->origin;
    int fd = open(o->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return es_err_set(err, "%s", strerror(errno));
    struct stat st;
    char *bytes = es_xmalloc(place->bytes + 1);
    int rc = 0;
    if (fstat(fd, &st) != 0 || st.st_size != o->size || st.st_mtim.tv_sec != o->mtime.tv_sec ||
        st.st_mtim.tv_nsec != o->mtime.tv_nsec ||
        pread(fd, bytes, place->bytes, (off_t)place->offset) != (ssize_t)place->bytes)
        rc = es_err_set(err, "row %zu: the file changed while it was loading; load it again", place->row);
    close(fd);
    if (rc == 0) {
        corpus c = {.origin = (struct csv_origin *)o, .err = err, .place = place, .filling = src};
        raw_record rec = {bytes, place->bytes, place->offset, place->line};
        size_t len = src->len;
        rc = parse_record(&c, &rec, err);
        if (rc == 0 && src->len != len) {
            es_source_empty(src);
            src->len = len;
            rc = es_err_set(err, "row %zu: the file changed while it was loading; load it again", place->row);
        }
    }
    free(bytes);
    return rc;
}

void es_source_empty(es_source *src)
{
    if (!src->csv_place)
        return;
    free(src->text);
    src->text = NULL;
    for (size_t k = 0; k < src->nmeta; k++) {
        free(src->meta[k].key);
        free(src->meta[k].value);
    }
    free(src->meta);
    src->meta = NULL;
    src->nmeta = 0;
}
