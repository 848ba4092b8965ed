/* CSV corpora, private to the source stage: one source per row. */
#ifndef EDUSHELL_SOURCE_CSV_CORPUS_H
#define EDUSHELL_SOURCE_CSV_CORPUS_H

#include "edushell/source/source.h"

/* The rows of a corpus already decoded to UTF-8 text, all read. */
int es_csv_corpus_from_text(const char *path, const char *text, size_t len, es_encoding enc,
                            es_source_list *out, es_err *err);

/* The rows of the open file `fd` (named `path`), read in pieces: no row
 * longer than opt->max_size, and with opt->lazy_rows each row keeping
 * only its place. On error nothing is appended to `out`. */
int es_csv_corpus_read(const char *path, int fd, const es_source_options *opt, es_source_list *out,
                       es_err *err);

/* Frees where a lazy row is (es_source_free calls it). */
void es_csv_place_free(struct es_csv_place *place);

#endif
