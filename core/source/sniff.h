/* What a file's first bytes say it is. Private to the source stage. */
#ifndef EDUSHELL_SOURCE_SNIFF_H
#define EDUSHELL_SOURCE_SNIFF_H

#include <stddef.h>

typedef enum sniff_kind {
    SNIFF_TEXT,      /* anything else: text, HTML, CSV, or binary data the decoder refuses */
    SNIFF_PDF,
    SNIFF_ZIP,       /* a zip: Word, Excel, OpenDocument, or another archive */
    SNIFF_CFB,       /* a Compound File: .doc, .xls, .wps, encrypted DOCX/XLSX */
    SNIFF_RTF
} sniff_kind;

sniff_kind sniff_bytes(const char *bytes, size_t len);

/* Whether `path` ends in `ext` (".pdf"), ignoring case. */
int sniff_has_extension(const char *path, const char *ext);

#endif
