/* The formats module: the readers that need the large document libraries
 * (PDF through poppler-glib, Word, Excel and OpenDocument packages through
 * libzip and libxml2, HTML through libxml2, legacy encodings told by
 * uchardet) are built into a shared object of their own,
 * edushell-formats.so, loaded the first time a document needs one of them.
 * A run that only queries, or loads plain text, CSV or UTF-8 pages' bytes,
 * never maps those libraries (some sixty shared objects with their
 * relocations and constructors): that is most of the program's start.
 *
 * The module holds one table of functions; its readers are those of
 * edushell/source/readers.h, and tests and fuzz targets link them
 * directly (the es_formats_readers library) instead. Private to the
 * source stage. */
#ifndef EDUSHELL_SOURCE_FORMATS_H
#define EDUSHELL_SOURCE_FORMATS_H

#include <stddef.h>

#include "edushell/source/source.h"

#define ES_FORMATS_FILE "edushell-formats.so"
#define ES_FORMATS_SYMBOL "es_formats_module"
/* Changes with the table's layout or meaning: a module of another build
 * is refused rather than called. */
#define ES_FORMATS_ABI 1

typedef int (*es_format_reader)(const char *bytes, size_t len, es_source *out, es_err *err);

typedef struct es_formats {
    unsigned abi;
    size_t size; /* sizeof(es_formats) where it was built */
    es_format_reader read_html, read_pdf, read_zip_package, read_docx, read_xlsx;
    /* uchardet's name for the encoding of `bytes` in label (at most size
     * bytes with its NUL); 0, or -1 when it has none. */
    int (*detect_charset)(const char *bytes, size_t len, char *label, size_t size);
} es_formats;

/* The module's table, loaded on the first call (once per process, from
 * any thread); NULL with one line naming the module's file and the
 * reason (missing, unloadable, of another build) in err. */
const es_formats *es_formats_get(es_err *err);

#endif
