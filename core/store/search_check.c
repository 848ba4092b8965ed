/* SQL function edu_span_contains(doc_id, start, end, text): whether the
 * bytes [start, end) of document doc_id's text hold every word of text
 * (es_bigram_contains), NULL when an argument is NULL.
 *
 * It is the check that makes a search for words of more than two
 * characters exact (fts_bigram.h). Reading a sentence through the view
 * `sentences` copies its document's whole text for every row; this reads
 * only the span, through one BLOB handle kept for the statement and moved
 * from document to document (sqlite3_blob_reopen), so checking the
 * thousands of sentences a common word is found in costs a few pages
 * each. The handle lives in the auxiliary data of the text argument,
 * which SQLite frees when the statement ends. */
#include <stdlib.h>
#include <string.h>

#include "fts_bigram.h"
#include "store_private.h"

/* No sentence is longer; a longer span is refused as no span of one. */
enum { SPAN_MAX_BYTES = 1 << 20 };

typedef struct span_reader {
    sqlite3_blob *blob;   /* open on documents.text of row `doc` */
    sqlite3_int64 doc;
    char *buf;
    int cap;
} span_reader;

static void reader_free(void *p)
{
    span_reader *r = p;
    if (r->blob)
        sqlite3_blob_close(r->blob);
    sqlite3_free(r->buf);
    sqlite3_free(r);
}

/* Points the reader at document `doc`; returns an SQLite code. */
static int reader_seek(sqlite3 *db, span_reader *r, sqlite3_int64 doc)
{
    if (r->blob && r->doc == doc)
        return SQLITE_OK;
    int rc = r->blob ? sqlite3_blob_reopen(r->blob, doc)
                     : sqlite3_blob_open(db, "main", "documents", "text", doc, 0, &r->blob);
    if (rc != SQLITE_OK) {
        /* A failed reopen leaves the handle aborted: start afresh next time. */
        if (r->blob)
            sqlite3_blob_close(r->blob);
        r->blob = NULL;
        return rc;
    }
    r->doc = doc;
    return SQLITE_OK;
}

/* Reads bytes [start, start + len) of document doc into r->buf. */
static int read_span(sqlite3 *db, span_reader *r, sqlite3_int64 doc, sqlite3_int64 start, int len)
{
    int rc = reader_seek(db, r, doc);
    if (rc == SQLITE_OK && (sqlite3_int64)sqlite3_blob_bytes(r->blob) < start + len)
        rc = SQLITE_RANGE;
    if (rc == SQLITE_OK && len > r->cap) {
        char *buf = sqlite3_realloc(r->buf, len);
        if (!buf)
            return SQLITE_NOMEM;
        r->buf = buf;
        r->cap = len;
    }
    if (rc == SQLITE_OK && len > 0)
        rc = sqlite3_blob_read(r->blob, r->buf, len, (int)start);
    return rc;
}

/* The reason the connection gives (no such rowid: 12), with the code. */
static void report(sqlite3_context *ctx, int rc)
{
    char *msg = sqlite3_mprintf("edu_span_contains: %s", sqlite3_errmsg(sqlite3_context_db_handle(ctx)));
    if (msg)
        sqlite3_result_error(ctx, msg, -1);
    else
        sqlite3_result_error_nomem(ctx);
    sqlite3_free(msg);
    sqlite3_result_error_code(ctx, rc);
}

static void sql_span_contains(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    for (int i = 0; i < 4; i++)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
            return;
    sqlite3_int64 doc = sqlite3_value_int64(argv[0]);
    sqlite3_int64 start = sqlite3_value_int64(argv[1]), end = sqlite3_value_int64(argv[2]);
    const char *text = (const char *)sqlite3_value_text(argv[3]);
    if (!text) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (start < 0 || end < start || end - start > SPAN_MAX_BYTES) {
        sqlite3_result_error(ctx, "edu_span_contains: not a span of a sentence", -1);
        return;
    }
    span_reader *r = sqlite3_get_auxdata(ctx, 3);
    int fresh = r == NULL;
    if (fresh && (r = sqlite3_malloc(sizeof *r)) != NULL)
        memset(r, 0, sizeof *r);
    if (!r) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    int len = (int)(end - start);
    int rc = read_span(sqlite3_context_db_handle(ctx), r, doc, start, len);
    if (rc == SQLITE_RANGE)
        sqlite3_result_error(ctx, "edu_span_contains: the span is past the document's end", -1);
    else if (rc == SQLITE_NOMEM)
        sqlite3_result_error_nomem(ctx);
    else if (rc != SQLITE_OK)
        report(ctx, rc);
    else
        sqlite3_result_int(ctx, es_bigram_contains(r->buf, (size_t)len, text));
    /* Last: SQLite may free the reader within this call (its argument
     * not constant, or no memory), and keeps it for the next row if not. */
    if (fresh)
        sqlite3_set_auxdata(ctx, 3, r, reader_free);
}

int es_store_register_search_check(sqlite3 *db)
{
    /* Not deterministic: what it reads is the database, not its arguments. */
    return sqlite3_create_function(db, "edu_span_contains", 4, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                                   sql_span_contains, NULL, NULL);
}
