/* Readers of zip packages on an archive already open: what the package
 * dispatcher (package.c) calls once it knows the kind. Private to the
 * source stage. */
#ifndef EDUSHELL_SOURCE_PACKAGES_H
#define EDUSHELL_SOURCE_PACKAGES_H

#include <zip.h>

#include "edushell/source/source.h"

int es_read_docx_package(zip_t *z, es_source *out, es_err *err);
int es_read_xlsx_package(zip_t *z, es_source *out, es_err *err);
/* OpenDocument text or spreadsheet, as content.xml says. */
int es_read_odf_package(zip_t *z, es_format want, es_source *out, es_err *err);

/* Opens the archive in `bytes`, reads it with `read` and closes it (in
 * package.c). `out` is emptied first: it stays empty when the archive
 * cannot be opened. */
typedef int (*es_package_reader)(zip_t *z, es_source *out, es_err *err);
int es_read_package_bytes(const char *bytes, size_t len, es_package_reader read, es_source *out, es_err *err);

#endif
