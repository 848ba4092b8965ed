/* Build tool: data/hanzi_t2s.tsv (traditional<TAB>simplified, one pair a
 * line, # comments) into a C table indexed by code point - U+4E00, for the
 * normalized view to read traditional characters as simplified ones.
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

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: embed_hanzi IN.tsv OUT.c\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r"), *out = fopen(argv[2], "w");
    if (!in || !out) {
        perror(in ? argv[2] : argv[1]);
        return 1;
    }
    fprintf(out, "/* Generated from data/hanzi_t2s.tsv by cmake/embed_hanzi.c. */\n"
                 "#include <stdint.h>\n\n"
                 "const uint16_t es_hanzi_t2s_table[0x%X] = {\n", LAST - FIRST + 1);
    char line[256];
    int n = 0, lineno = 0;
    while (fgets(line, sizeof line, in)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        const unsigned char *s = (const unsigned char *)line;
        long from = strlen(line) >= 7 && s[3] == '\t' ? ideograph(s) : -1;
        long to = from >= 0 ? ideograph(s + 4) : -1;
        if (to < 0) {
            fprintf(stderr, "%s:%d: not two ideographs of U+4E00-U+9FFF\n", argv[1], lineno);
            return 1;
        }
        fprintf(out, "    [0x%04lX] = 0x%04lX,\n", from - FIRST, to);
        n++;
    }
    fprintf(out, "};\n");
    if (fclose(out) != 0 || ferror(in) || n == 0) {
        fprintf(stderr, "%s: no pairs written\n", argv[2]);
        return 1;
    }
    fclose(in);
    return 0;
}
