/* Legacy binary formats read after conversion by LibreOffice. Private to
 * the source stage. */
#ifndef EDUSHELL_SOURCE_CONVERT_H
#define EDUSHELL_SOURCE_CONVERT_H

#include <stddef.h>

#include "edushell/source/source.h"

/* The longest a conversion may take before it is stopped. */
#define ES_CONVERT_SECONDS 180

/* Converts the bytes of a .doc, .xls, .wps or RTF file (`legacy`) to DOCX
 * or XLSX with LibreOffice and reads the result into `out`, whose format
 * then says what the file was. */
int es_convert_legacy(const char *bytes, size_t len, es_format legacy,
                      const es_source_options *opt, es_source *out, es_err *err);

#endif
