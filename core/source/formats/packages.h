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

#endif
