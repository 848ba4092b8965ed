/* Where the program finds its data tables and Lua library. */
#ifndef EDUSHELL_CONFIG_H
#define EDUSHELL_CONFIG_H

#define EDUSHELL_VERSION "0.1.0"

/* $EDUSHELL_DATA if set, else the data/ directory of the source tree the
 * binary was built from. */
const char *es_data_dir(void);
/* $EDUSHELL_SCRIPTS if set, else scripts/ of the source tree. */
const char *es_scripts_dir(void);

#endif
