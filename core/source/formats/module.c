/* The formats module's one exported symbol: the table formats.c looks up.
 * Everything else in the module is hidden (built with hidden visibility and
 * the static libraries' symbols excluded), so the module exports nothing
 * the program or another library could bind to by mistake. */
#include <string.h>
#include <uchardet.h>

#include "edushell/source/readers.h"

#include "formats.h"

/* uchardet's opinion of the bytes: the name of an encoding, or none. */
static int detect_charset(const char *bytes, size_t len, char *label, size_t size)
{
    uchardet_t ud = uchardet_new();
    if (!ud)
        return -1;
    int rc = -1;
    if (uchardet_handle_data(ud, bytes, len) == 0) {
        uchardet_data_end(ud);
        const char *name = uchardet_get_charset(ud);
        if (name && *name && strlen(name) < size) {
            memcpy(label, name, strlen(name) + 1);
            rc = 0;
        }
    }
    uchardet_delete(ud);
    return rc;
}

__attribute__((visibility("default"))) const es_formats es_formats_module = {
    .abi = ES_FORMATS_ABI,
    .size = sizeof(es_formats),
    .read_html = es_read_html,
    .read_pdf = es_read_pdf,
    .read_zip_package = es_read_zip_package,
    .read_docx = es_read_docx,
    .read_xlsx = es_read_xlsx,
    .detect_charset = detect_charset,
};
