/* Reading the parts of a zip package from memory (ziputil.h). */
#include "ziputil.h"

#include <stdlib.h>
#include <string.h>

zip_t *zipr_open(const char *bytes, size_t len, es_err *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    if (!src) {
        es_err_set(err, "cannot read the zip archive: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return NULL;
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!z) {
        int code = zip_error_code_zip(&ze);
        if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_EOF)
            es_err_set(err, "not a complete zip archive (truncated or damaged)");
        else
            es_err_set(err, "damaged zip archive: %s", zip_error_strerror(&ze));
        zip_source_free(src);
    }
    zip_error_fini(&ze);
    return z;
}

void zipr_close(zip_t *z)
{
    if (z)
        zip_discard(z);
}

static zip_int64_t locate(zip_t *z, const char *name)
{
    while (*name == '/')
        name++;
    return zip_name_locate(z, name, ZIP_FL_NOCASE);
}

int zipr_has(zip_t *z, const char *name)
{
    return locate(z, name) >= 0;
}

int zipr_read(zip_t *z, const char *name, char **out, size_t *len, es_err *err)
{
    zip_int64_t index = locate(z, name);
    if (index < 0)
        return es_err_set(err, "part %s is missing", name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, (zip_uint64_t)index, 0, &st) != 0)
        return es_err_set(err, "part %s: %s", name, zip_strerror(z));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return es_err_set(err, "part %s is encrypted (the document needs a password)", name);
    if ((st.valid & ZIP_STAT_SIZE) && st.size > ZIPR_PART_MAX)
        return es_err_set(err, "part %s is too large (%zu MiB uncompressed at most)", name,
                          ZIPR_PART_MAX >> 20);
    zip_file_t *zf = zip_fopen_index(z, (zip_uint64_t)index, 0);
    if (!zf)
        return es_err_set(err, "part %s: %s", name, zip_strerror(z));
    es_buf b = {0};
    char chunk[65536];
    zip_int64_t n;
    int rc = 0;
    while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
        if (b.len + (size_t)n > ZIPR_PART_MAX) {
            rc = es_err_set(err, "part %s is too large (%zu MiB uncompressed at most)", name,
                            ZIPR_PART_MAX >> 20);
            break;
        }
        es_buf_append(&b, chunk, (size_t)n);
    }
    if (rc == 0 && n < 0)
        rc = es_err_set(err, "part %s is damaged (%s)", name, zip_file_strerror(zf));
    zip_fclose(zf);
    if (rc != 0) {
        es_buf_free(&b);
        return -1;
    }
    *out = es_buf_take(&b, len);
    return 0;
}

char *zipr_resolve(const char *from_part, const char *target)
{
    es_buf path = {0};
    if (target[0] == '/') {
        es_buf_puts(&path, target + 1);
    } else {
        const char *slash = strrchr(from_part, '/');
        if (slash)
            es_buf_append(&path, from_part, (size_t)(slash - from_part) + 1);
        es_buf_puts(&path, target);
    }
    /* Fold "dir/../" and "./" segments. */
    char *p = es_buf_take(&path, NULL);
    char *parts[64];
    size_t n = 0;
    for (char *save = NULL, *seg = strtok_r(p, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            if (n > 0)
                n--;
            continue;
        }
        if (n < sizeof parts / sizeof parts[0])
            parts[n++] = seg;
    }
    es_buf out = {0};
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            es_buf_putc(&out, '/');
        es_buf_puts(&out, parts[k]);
    }
    free(p);
    return es_buf_take(&out, NULL);
}
