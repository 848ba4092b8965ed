/* Legacy binary formats (.doc, .xls, .wps, RTF) read after LibreOffice
 * converts them to DOCX or XLSX.
 *
 * Only when asked (es_source_options.convert): the conversion runs a
 * program. It works in a private temporary folder, with a LibreOffice
 * profile of its own there (so it neither touches the user's profile nor
 * waits for a running office), its output silenced, and a time limit;
 * the folder is removed afterwards, whatever happened. */
#define _XOPEN_SOURCE 700
#include "convert.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "edushell/source/readers.h"

#include "formats.h"

extern char **environ;

enum { POLL_MS = 50 };

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int write_file(const char *path, const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(bytes, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Runs argv with output to /dev/null in a process group of its own, and
 * waits at most `seconds`. Returns 0 when it exited with status 0. */
static int run(char *const argv[], int seconds, es_err *err)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0)
        return es_err_set(err, rc == ENOENT ? "cannot convert it: LibreOffice (%s) is not installed"
                                            : "cannot convert it: cannot run %s",
                          argv[0]);
    int status = 0;
    for (long waited = 0;; waited += POLL_MS) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        if (done < 0 && errno != EINTR)
            return es_err_set(err, "cannot convert it: lost the converter (%s)", strerror(errno));
        if (waited >= (long)seconds * 1000) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            return es_err_set(err, "cannot convert it: LibreOffice took more than %d seconds", seconds);
        }
        sleep_ms(POLL_MS);
    }
    /* The office may leave helpers in its group. */
    kill(-pid, SIGKILL);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return es_err_set(err, "cannot convert it: LibreOffice failed");
    return 0;
}

static const char *extension_of(es_format legacy)
{
    switch (legacy) {
    case ES_FORMAT_XLS: return "xls";
    case ES_FORMAT_WPS: return "wps";
    case ES_FORMAT_RTF: return "rtf";
    default: return "doc";
    }
}

int es_convert_legacy(const char *bytes, size_t len, es_format legacy,
                      const es_source_options *opt, es_source *out, es_err *err)
{
    memset(out, 0, sizeof *out);
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/edushell-convert-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return es_err_set(err, "cannot convert it: no temporary folder (%s)", strerror(errno));
    const char *target = legacy == ES_FORMAT_XLS ? "xlsx" : "docx";
    char input[4200], output[4200], profile[4200], outdir[4200];
    snprintf(input, sizeof input, "%s/document.%s", dir, extension_of(legacy));
    snprintf(output, sizeof output, "%s/out/document.%s", dir, target);
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", dir);
    int rc = write_file(input, bytes, len) == 0 ? 0
             : es_err_set(err, "cannot convert it: cannot write %s", input);
    if (rc == 0) {
        const char *soffice = opt && opt->soffice ? opt->soffice : "soffice";
        char *argv[] = {(char *)soffice, profile, "--headless", "--norestore", "--nologo",
                        "--nodefault", "--nolockcheck", "--convert-to", (char *)target,
                        "--outdir", outdir, input, NULL};
        rc = run(argv, ES_CONVERT_SECONDS, err);
    }
    char *converted = NULL;
    size_t converted_len = 0;
    es_err why = {{0}};
    if (rc == 0 && es_read_file(output, &converted, &converted_len, &why) != 0)
        rc = es_err_set(err, "LibreOffice could not convert it");
    const es_formats *fm = rc == 0 ? es_formats_get(err) : NULL;
    if (rc == 0 && !fm)
        rc = -1;
    if (rc == 0) {
        rc = legacy == ES_FORMAT_XLS ? fm->read_xlsx(converted, converted_len, out, err)
                                     : fm->read_docx(converted, converted_len, out, err);
        if (rc == 0)
            out->format = legacy;
    }
    free(converted);
    remove_tree(dir);
    return rc;
}
