/* Reading the canonical metric table from data/metrics.tsv. */
#include <stdlib.h>
#include <string.h>

#include "edushell/extract/metric_table.h"

enum { COL_ID, COL_NAME, COL_ALIASES, COL_CATEGORY, COL_UNIT, COL_DIRECTION, NCOLS };

/* Splits `line` in place at tabs; returns the number of fields. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            fields[n++] = p + 1;
        }
    return n;
}

/* Splits an alias list at '|' in place. */
static size_t split_aliases(char *list, const char **aliases, size_t max)
{
    size_t n = 0;
    for (char *tok = strtok(list, "|"); tok && n < max; tok = strtok(NULL, "|"))
        if (*tok)
            aliases[n++] = tok;
    return n;
}

static int parse_line(es_metric_table *t, char *line, size_t lineno, es_err *err)
{
    char *f[NCOLS];
    if (split_tabs(line, f, NCOLS) != NCOLS)
        return es_err_set(err, "line %zu: expected %d tab-separated fields", lineno, NCOLS);
    if (!*f[COL_ID] || !*f[COL_NAME])
        return es_err_set(err, "line %zu: empty id or name", lineno);
    if (strcmp(f[COL_DIRECTION], "higher") != 0 && strcmp(f[COL_DIRECTION], "lower") != 0)
        return es_err_set(err, "line %zu: direction must be higher or lower", lineno);
    const char *aliases[64];
    size_t naliases = split_aliases(f[COL_ALIASES], aliases, 64);
    es_metrics_put(t, f[COL_ID], f[COL_NAME], aliases, naliases, f[COL_CATEGORY], f[COL_UNIT],
                   f[COL_DIRECTION]);
    return 0;
}

int es_metrics_load_tsv(es_metric_table *t, const char *path, es_err *err)
{
    char *data;
    size_t len;
    if (es_read_file(path, &data, &len, err) != 0)
        return -1;
    size_t lineno = 0;
    int rc = 0;
    for (char *line = data; line && rc == 0;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[n - 1] = '\0';
        if (line[0] != '#' && line[0] != '\0' && strncmp(line, "id\t", 3) != 0)
            rc = parse_line(t, line, lineno, err);
        line = next;
    }
    free(data);
    return rc;
}
