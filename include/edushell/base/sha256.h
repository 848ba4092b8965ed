/* SHA-256 (FIPS 180-4), for content hashes of loaded documents. */
#ifndef EDUSHELL_BASE_SHA256_H
#define EDUSHELL_BASE_SHA256_H

#include <stddef.h>

/* Writes 64 lowercase hex digits and a NUL to hex[65]. */
void es_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
