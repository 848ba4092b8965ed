/* Short names of administrative divisions: 无锡市 → 无锡, 广西壮族自治区 → 广西. */
#ifndef EDUSHELL_REGION_SHORT_H
#define EDUSHELL_REGION_SHORT_H

#include <stddef.h>

/* Bytes of `name` that form its short name: the name without its
 * administrative suffix (省, 市, 自治区, 地区, 县, ...) and, for autonomous
 * divisions, without the names of the peoples. A short name keeps at least
 * two characters; when stripping would leave less, the full length is
 * returned. */
size_t es_region_short_len(const char *name);

#endif
