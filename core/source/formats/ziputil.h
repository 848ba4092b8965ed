/* Reading the parts of a zip package (Word, OpenDocument and workbook
 * files) from memory with libzip. Private to the source stage. */
#ifndef EDUSHELL_SOURCE_ZIPUTIL_H
#define EDUSHELL_SOURCE_ZIPUTIL_H

#include <stddef.h>
#include <zip.h>

#include "edushell/base/common.h"

/* The largest part read, uncompressed: beyond it a part is refused, so a
 * small file that inflates to gigabytes cannot exhaust memory. */
#define ZIPR_PART_MAX ((size_t)128 << 20)

/* Opens the archive in `bytes` (which must outlive it); NULL with the
 * reason in err ("not a complete zip archive ..."). */
zip_t *zipr_open(const char *bytes, size_t len, es_err *err);
void zipr_close(zip_t *z);

/* Whether the archive has a part of this name (case-insensitive, a
 * leading slash ignored). */
int zipr_has(zip_t *z, const char *name);

/* Reads a whole part into a new NUL-terminated buffer. Returns 0, or -1
 * with the reason (naming the part) in err. */
int zipr_read(zip_t *z, const char *name, char **out, size_t *len, es_err *err);

/* Resolves a relationship target against the folder of the part that
 * names it ("word/document.xml" + "media/x.png" -> "word/media/x.png";
 * "/xl/sheet.xml" is absolute). Returns a new string. */
char *zipr_resolve(const char *from_part, const char *target);

#endif
