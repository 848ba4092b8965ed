/* Locations of data tables and Lua scripts: environment first, then the
 * source tree the binary was built from. */
#include "edushell/config.h"

#include <stdlib.h>

static const char *env_or(const char *var, const char *fallback)
{
    const char *v = getenv(var);
    return v && *v ? v : fallback;
}

const char *es_data_dir(void) { return env_or("EDUSHELL_DATA", EDUSHELL_SOURCE_DATA); }
const char *es_scripts_dir(void) { return env_or("EDUSHELL_SCRIPTS", EDUSHELL_SOURCE_SCRIPTS); }
