/* Runs a fuzz target's function over files, as libFuzzer would run one
 * input: so every input that once crashed a target stays a test of the
 * ordinary build (and of its sanitizer build) without libFuzzer.
 *   replay_TARGET FILE...   */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "edushell/base/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        char *data;
        size_t len;
        es_err err = {{0}};
        if (es_read_file(argv[i], &data, &len, &err) != 0) {
            fprintf(stderr, "%s: %s\n", argv[i], err.msg);
            return 1;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)data, len);
        free(data);
    }
    printf("%d inputs replayed\n", argc - 1);
    return 0;
}
