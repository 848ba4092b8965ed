/* The reader of each structured format, on bytes in memory: what
 * es_source_from_bytes calls once it knows the format, and what fuzz
 * targets call directly. Each fills `out` with the document's text, its
 * tables and (PDF) its page starts, format and encoding; path and name
 * are the caller's. On error it returns -1 with one line in err and
 * leaves `out` empty.
 *
 * The readers of HTML, DOCX, ODT, ODS, XLSX, PDF and zip packages need the
 * large document libraries and live in the formats module
 * (core/source/formats/, built as edushell-formats.so): the program
 * reaches them through the module's table on first use; tests and fuzz
 * targets that call them by name link the es_formats_readers library. */
#ifndef EDUSHELL_SOURCE_READERS_H
#define EDUSHELL_SOURCE_READERS_H

#include <stddef.h>

#include "edushell/source/source.h"

int es_read_html(const char *utf8, size_t len, es_source *out, es_err *err);
int es_read_docx(const char *bytes, size_t len, es_source *out, es_err *err);
int es_read_odt(const char *bytes, size_t len, es_source *out, es_err *err);
int es_read_ods(const char *bytes, size_t len, es_source *out, es_err *err);
int es_read_xlsx(const char *bytes, size_t len, es_source *out, es_err *err);
int es_read_pdf(const char *bytes, size_t len, es_source *out, es_err *err);

/* A zip package of any of the kinds above (DOCX, XLSX, ODT, ODS), told by
 * its parts. */
int es_read_zip_package(const char *bytes, size_t len, es_source *out, es_err *err);

/* What a Compound File (the container of .doc, .xls, .wps and of
 * password-protected DOCX/XLSX) holds, as the format it is: ES_FORMAT_DOC,
 * ES_FORMAT_XLS or ES_FORMAT_WPS; -1 with the reason in err when it is
 * none of them (an encrypted Office document, a presentation, damage).
 * `name` (may be NULL) tells .wps from .doc, which share a structure. */
int es_cfb_format(const char *bytes, size_t len, const char *name, es_err *err);

#endif
