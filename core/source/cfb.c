/* Compound Files (OLE2), the container of Word 97-2003 (.doc), Excel
 * 97-2003 (.xls), WPS and Works (.wps) files, and of password-protected
 * DOCX and XLSX files (their encrypted package inside).
 *
 * Their content is not read here: the names of the streams in the
 * container's directory say which of these a file is, so that the error a
 * user sees names the format and what to do, and so that conversion knows
 * what to convert to. The directory is found through the sector
 * allocation table, every index checked against the file's size. */
#include "edushell/source/readers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const unsigned char cfb_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

enum {
    HEADER_SIZE = 512,
    HEADER_DIFAT_ENTRIES = 109,
    DIR_ENTRY_SIZE = 128,
    NAME_BYTES = 64,
    MAX_STREAM_NAMES = 64
};

#define SECTOR_END 0xFFFFFFFEu
#define SECTOR_FREE 0xFFFFFFFFu

typedef struct cfb {
    const unsigned char *data;
    size_t len;
    size_t sector_size;
    size_t nsectors;       /* whole sectors after the header's */
    uint32_t *fat;         /* next sector of each sector */
    size_t nfat;
} cfb;

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static const unsigned char *sector(const cfb *c, uint32_t n)
{
    if (n >= c->nsectors)
        return NULL;
    return c->data + ((size_t)n + 1) * c->sector_size;   /* the header fills sector -1 */
}

/* Appends the sector allocation table held in sector `n`. */
static int add_fat_sector(cfb *c, uint32_t n)
{
    const unsigned char *s = sector(c, n);
    if (!s)
        return -1;
    size_t per = c->sector_size / 4;
    c->fat = es_xrealloc(c->fat, (c->nfat + per) * sizeof *c->fat);
    for (size_t k = 0; k < per; k++)
        c->fat[c->nfat++] = le32(s + 4 * k);
    return 0;
}

/* The allocation table: its sectors are listed in the header, then in a
 * chain of further list sectors. */
static int load_fat(cfb *c)
{
    const unsigned char *h = c->data;
    uint32_t nfat_sectors = le32(h + 0x2C);
    if (nfat_sectors > c->nsectors)
        return -1;
    uint32_t listed = 0;
    for (size_t k = 0; k < HEADER_DIFAT_ENTRIES && listed < nfat_sectors; k++, listed++)
        if (add_fat_sector(c, le32(h + 0x4C + 4 * k)) != 0)
            return -1;
    uint32_t difat = le32(h + 0x44);
    size_t per = c->sector_size / 4 - 1;
    for (size_t hops = 0; listed < nfat_sectors && hops <= c->nsectors; hops++) {
        const unsigned char *s = sector(c, difat);
        if (!s)
            return -1;
        for (size_t k = 0; k < per && listed < nfat_sectors; k++, listed++)
            if (add_fat_sector(c, le32(s + 4 * k)) != 0)
                return -1;
        difat = le32(s + 4 * per);
    }
    return listed == nfat_sectors ? 0 : -1;
}

/* The stream names of the directory, as ASCII (names outside ASCII are
 * not ones looked for). Returns how many, or -1 when the directory cannot
 * be followed. */
static int stream_names(const cfb *c, char names[][NAME_BYTES / 2], int max)
{
    int n = 0;
    uint32_t s = le32(c->data + 0x30);
    for (size_t hops = 0; s != SECTOR_END && hops <= c->nsectors; hops++) {
        const unsigned char *sec = sector(c, s);
        if (!sec || s >= c->nfat)
            return -1;
        for (size_t off = 0; off + DIR_ENTRY_SIZE <= c->sector_size; off += DIR_ENTRY_SIZE) {
            const unsigned char *e = sec + off;
            unsigned name_len = le16(e + NAME_BYTES);
            if (e[66] != 2 || name_len < 2 || name_len > NAME_BYTES || n >= max)
                continue;   /* not a stream */
            size_t chars = name_len / 2 - 1, k;
            for (k = 0; k < chars; k++)
                names[n][k] = e[2 * k + 1] == 0 && e[2 * k] < 0x80 ? (char)e[2 * k] : '?';
            names[n][k] = '\0';
            n++;
        }
        s = c->fat[s];
    }
    return s == SECTOR_END ? n : -1;
}

static int has_name(char names[][NAME_BYTES / 2], int n, const char *name)
{
    for (int k = 0; k < n; k++)
        if (strcmp(names[k], name) == 0)
            return 1;
    return 0;
}

static int ends_with(const char *name, const char *ext)
{
    size_t n = name ? strlen(name) : 0, e = strlen(ext);
    return n >= e && strcasecmp(name + n - e, ext) == 0;
}

static int format_of_streams(char names[][NAME_BYTES / 2], int n, const char *name, es_err *err)
{
    if (has_name(names, n, "EncryptionInfo") || has_name(names, n, "EncryptedPackage"))
        return es_err_set(err, "password-protected Office document (encrypted DOCX or XLSX): "
                               "it cannot be read without its password; save a copy without one");
    if (has_name(names, n, "WordDocument"))
        return ends_with(name, ".wps") ? ES_FORMAT_WPS : ES_FORMAT_DOC;
    if (has_name(names, n, "Workbook") || has_name(names, n, "Book"))
        return ES_FORMAT_XLS;
    if (ends_with(name, ".wps") && (has_name(names, n, "CONTENTS") || has_name(names, n, "MatOST")))
        return ES_FORMAT_WPS;
    if (has_name(names, n, "PowerPoint Document"))
        return es_err_set(err, "PowerPoint presentation (.ppt), not a document: export it as PDF");
    return es_err_set(err, "Compound File (OLE2) that holds no Word, Excel or WPS document");
}

int es_cfb_format(const char *bytes, size_t len, const char *name, es_err *err)
{
    if (len < HEADER_SIZE || memcmp(bytes, cfb_magic, sizeof cfb_magic) != 0)
        return es_err_set(err, "not a Compound File (OLE2)");
    const unsigned char *h = (const unsigned char *)bytes;
    unsigned shift = le16(h + 0x1E);
    if (shift != 9 && shift != 12)
        return es_err_set(err, "damaged Compound File (OLE2) header");
    cfb c = {.data = h, .len = len, .sector_size = (size_t)1 << shift};
    c.nsectors = len / c.sector_size > 0 ? len / c.sector_size - 1 : 0;
    char names[MAX_STREAM_NAMES][NAME_BYTES / 2];
    int n = -1;
    if (load_fat(&c) == 0)
        n = stream_names(&c, names, MAX_STREAM_NAMES);
    free(c.fat);
    if (n < 0)
        return es_err_set(err, "damaged or truncated Compound File (OLE2): its directory cannot be read");
    return format_of_streams(names, n, name, err);
}
