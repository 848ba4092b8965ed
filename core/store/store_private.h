/* What the store's own files share beyond the public header. */
#ifndef EDUSHELL_STORE_PRIVATE_H
#define EDUSHELL_STORE_PRIVATE_H

#include "edushell/store.h"

es_metric_table *es_store_metric_table(es_store *s);

#endif
