/* Writing JSON values into a buffer (export, metadata columns), and
 * reading a JSON text into a tree (load --jsonl). */
#ifndef EDUSHELL_BASE_JSON_H
#define EDUSHELL_BASE_JSON_H

#include "edushell/base/common.h"

/* A JSON string literal with quotes; s[0..len) must be UTF-8. */
void es_json_string(es_buf *b, const char *s, size_t len);
/* A number the way JSON wants it: integers without a fraction, NaN as null. */
void es_json_number(es_buf *b, double v);

typedef enum es_json_type {
    ES_JSON_NULL, ES_JSON_BOOL, ES_JSON_NUMBER, ES_JSON_STRING, ES_JSON_ARRAY, ES_JSON_OBJECT
} es_json_type;

/* A JSON value; every part owned. */
typedef struct es_json {
    es_json_type type;
    int boolean;
    double number;
    char *string;            /* UTF-8, NUL-terminated; len bytes (it may hold NUL) */
    size_t len;
    struct es_json *items;   /* an array's elements, an object's values */
    char **keys;             /* an object's keys, beside its values */
    size_t n;
} es_json;

/* Parses one JSON value filling all of s[0..len); on error returns -1
 * with the reason and its byte offset in err, and *out is empty. */
int es_json_parse(const char *s, size_t len, es_json *out, es_err *err);
void es_json_free(es_json *v);

/* The value of `key` in an object (the first, if repeated), or NULL. */
const es_json *es_json_get(const es_json *obj, const char *key);

#endif
