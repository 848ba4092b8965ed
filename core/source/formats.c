/* Loading the formats module (formats.h) on first use.
 *
 * Why a module and not the libraries linked into the program: the dynamic
 * linker maps and relocates every library a program names before main,
 * whether the run uses them or not, and poppler-glib, libxml2 (with ICU),
 * libzip and uchardet bring some sixty shared objects. In a module they are
 * mapped by the first document that needs them, and by no other run.
 *
 * The table is looked up once per process under pthread_once (the load's
 * worker threads may ask at the same moment): the state below is written
 * once and only read after, the same for every caller. A failure is kept
 * too, so every document that needs the module gets the same reason. */
#include "formats.h"

#include <pthread.h>
#include <string.h>

#include "edushell/base/config.h"

static struct {
    pthread_once_t once;
    const es_formats *table;
    es_err error;
} module = {PTHREAD_ONCE_INIT, NULL, {{0}}};

static void load_module(void)
{
    module.table = es_module_table(ES_FORMATS_FILE, ES_FORMATS_SYMBOL, ES_FORMATS_ABI, sizeof *module.table, &module.error);
}

const es_formats *es_formats_get(es_err *err)
{
    pthread_once(&module.once, load_module);
    if (!module.table)
        es_err_set(err, "the document formats module: %s", module.error.msg);
    return module.table;
}
