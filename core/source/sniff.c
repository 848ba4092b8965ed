/* Telling formats by content: the magic bytes of binary formats, and
 * which files in a directory are documents (sniff.h, source.h). */
#include "sniff.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "edushell/base/uchar.h"
#include "edushell/source/source.h"

/* PDF readers accept a header within the first kilobyte. */
enum { PDF_HEADER_WINDOW = 1024 };

static const unsigned char cfb_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static int has_prefix(const char *s, size_t len, const char *prefix, size_t n)
{
    return len >= n && memcmp(s, prefix, n) == 0;
}

sniff_kind sniff_bytes(const char *bytes, size_t len)
{
    if (has_prefix(bytes, len, "PK\x03\x04", 4) || has_prefix(bytes, len, "PK\x05\x06", 4) ||
        has_prefix(bytes, len, "PK\x07\x08", 4))
        return SNIFF_ZIP;
    if (has_prefix(bytes, len, (const char *)cfb_magic, sizeof cfb_magic))
        return SNIFF_CFB;
    if (has_prefix(bytes, len, "{\\rtf", 5))
        return SNIFF_RTF;
    size_t window = len < PDF_HEADER_WINDOW ? len : PDF_HEADER_WINDOW;
    for (size_t i = 0; i + 5 <= window; i++)
        if (bytes[i] == '%' && memcmp(bytes + i, "%PDF-", 5) == 0)
            return SNIFF_PDF;
    return SNIFF_TEXT;
}

int sniff_has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n >= e && strcasecmp(path + n - e, ext) == 0;
}

static const char *const document_extensions[] = {
    ".txt", ".text", ".csv", ".htm", ".html", ".shtml", ".shtm", ".xhtml", ".xht",
    ".pdf", ".docx", ".docm", ".dotx", ".doc", ".wps", ".rtf", ".odt", ".ott",
    ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".ots",
};

static int has_document_extension(const char *path)
{
    for (size_t k = 0; k < sizeof document_extensions / sizeof document_extensions[0]; k++)
        if (sniff_has_extension(path, document_extensions[k]))
            return 1;
    return 0;
}

static int has_no_extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    return !dot || dot == name;
}

/* A zip is a document when it is an Office or OpenDocument package: their
 * first entries name [Content_Types].xml, the word/ or xl/ folders, or
 * the OpenDocument mimetype. Other archives are not documents. */
static int is_office_zip(const char *head, size_t len)
{
    static const char *const marks[] = {"[Content_Types].xml", "word/", "xl/",
                                        "application/vnd.oasis.opendocument.text",
                                        "application/vnd.oasis.opendocument.spreadsheet"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
        size_t n = strlen(marks[k]);
        for (size_t i = 0; i + n <= len; i++)
            if (memcmp(head + i, marks[k], n) == 0)
                return 1;
    }
    return 0;
}

/* Text with Chinese in it: what a document without an extension is. */
static int is_chinese_text(const char *head, size_t len)
{
    char *text = NULL;
    size_t text_len = 0;
    /* The head may end inside a character: try it shorter. */
    for (size_t cut = 0; cut < 4 && cut < len; cut++) {
        if (es_decode_text(head, len - cut, &text, &text_len, NULL, NULL) == 0)
            break;
        text = NULL;
    }
    int han = 0;
    for (size_t i = 0; text && i < text_len && !han; i += es_u8_len(text + i))
        han = es_is_han(es_u8_cp(text + i));
    free(text);
    return han;
}

int es_source_is_document(const char *path, const char *head, size_t len)
{
    switch (sniff_bytes(head, len)) {
    case SNIFF_PDF:
    case SNIFF_CFB:
    case SNIFF_RTF:
        return 1;
    case SNIFF_ZIP:
        return is_office_zip(head, len) || has_document_extension(path);
    case SNIFF_TEXT:
        break;
    }
    if (has_document_extension(path) || es_looks_like_html(head, len))
        return 1;
    return has_no_extension(path) && is_chinese_text(head, len);
}
