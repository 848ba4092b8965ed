/* Documents as lines of JSON: what `edushell extract` writes, with no
 * database, so extraction can run as the map step of any engine (GNU
 * parallel, xargs -P, Spark, Hadoop streaming), and what `load --jsonl`
 * merges into a database, as if the documents had been loaded there.
 *
 * One line per document: the fields of an exported document (path, name,
 * title, region, region_level, province, year, kind, issuer, issued,
 * sha256), then format, encoding, meta (the CSV columns), text, sections
 * ([start, end, level, parent]), sentences ([start, end, section,
 * paragraph]) and indicators, each with the fields of an exported
 * indicator and sentence_seq, the index of its sentence. */
#ifndef EDUSHELL_LOAD_SHARD_H
#define EDUSHELL_LOAD_SHARD_H

#include <stdio.h>

#include "edushell/load/ingest.h"

/* Writes documents to `out`, one line each. */
typedef struct es_shard_writer {
    FILE *out;
} es_shard_writer;

/* The writer as the sink of a load. */
es_sink es_shard_sink(es_shard_writer *w);

/* Reads the shard files and puts their documents into the sink, in
 * batches of `batch_bytes` of text (0: ES_INGEST_BATCH_BYTES). With
 * `metrics`, indicators are linked to that table again (the database's,
 * which may hold definitions the extraction did not know). A line that is
 * not a document, or whose text is longer than `max_size` (0: no limit;
 * the line itself may be 16 times that), is reported as FILE:LINE: reason
 * and skipped. Returns 0 when everything loaded, -1 when anything failed. */
int es_ingest_shards(const es_sink *sink, const char *const *paths, size_t npaths,
                     const es_metric_table *metrics, size_t batch_bytes, size_t max_size,
                     const es_ingest_events *ev, es_ingest_totals *totals);

#endif
