/* Build tool: data/hanzi_t2s.tsv (traditional<TAB>simplified, one pair a
 * line, # comments; a third column "traditional" for a pair read only in a
 * traditional text) into two C tables indexed by code point - U+4E00, for
 * the normalized view to read traditional characters as simplified ones.
 *   embed_hanzi IN.tsv OUT.c */
#include <stdio.h>
#include <string.h>

enum { FIRST = 0x4E00, LAST = 0x9FFF };

/* The code point of a 3-byte UTF-8 ideograph at s, or -1. */
static long ideograph(const unsigned char *s)
{
    if (s[0] < 0xE4 || s[0] > 0xE9 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
        return -1;
    long cp = ((long)(s[0] & 0x0F) << 12) | ((long)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    return cp >= FIRST && cp <= LAST ? cp : -1;
}

static void write_table(FILE *out, const char *name, const unsigned short *table)
{
    fprintf(out, "const uint16_t %s[0x%X] = {\n", name, LAST - FIRST + 1);
    for (long k = 0; k <= LAST - FIRST; k++)
        if (table[k])
            fprintf(out, "    [0x%04lX] = 0x%04X,\n", k, table[k]);
    fprintf(out, "};\n");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: embed_hanzi IN.tsv OUT.c\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    unsigned short always[LAST - FIRST + 1] = {0}, traditional_only[LAST - FIRST + 1] = {0};
    char line[256];
    int n = 0, lineno = 0;
    while (fgets(line, sizeof line, in)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        const unsigned char *s = (const unsigned char *)line;
        long from = strlen(line) >= 7 && s[3] == '\t' ? ideograph(s) : -1;
        long to = from >= 0 ? ideograph(s + 4) : -1;
        const char *rest = line + 7;
        int only = strcmp(rest, "\ttraditional\n") == 0 || strcmp(rest, "\ttraditional") == 0;
        if (to < 0 || !(only || strcmp(rest, "\n") == 0 || rest[0] == '\0')) {
            fprintf(stderr, "%s:%d: not two ideographs of U+4E00-U+9FFF and maybe \"traditional\"\n", argv[1],
                    lineno);
            return 1;
        }
        (only ? traditional_only : always)[from - FIRST] = (unsigned short)to;
        n++;
    }
    if (ferror(in) || n == 0) {
        fprintf(stderr, "%s: no pairs read\n", argv[1]);
        return 1;
    }
    fclose(in);
    FILE *out = fopen(argv[2], "w");
    if (!out) {
        perror(argv[2]);
        return 1;
    }
    fprintf(out, "/* Generated from data/hanzi_t2s.tsv by cmake/embed_hanzi.c. */\n"
                 "#include <stdint.h>\n\n");
    write_table(out, "es_hanzi_t2s_table", always);
    write_table(out, "es_hanzi_t2s_traditional_table", traditional_only);
    if (fclose(out) != 0) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
