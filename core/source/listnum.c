/* List numbers written out (listnum.h). */
#include "listnum.h"

#include <stdio.h>
#include <string.h>

static const char *const cn_digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
static const char *const cn_units[] = {"", "十", "百", "千"};
static const char *const legal_digits[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
static const char *const legal_units[] = {"", "拾", "佰", "仟"};
static const char *const stems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
static const char *const branches[] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"};

/* A group of four digits (1..9999) in Chinese counting, with 零 for each
 * run of zeros between digits; `leading` drops the 一 of 一十 (十一, not
 * 一十一), as the first group of a number does. */
static void cn_group(es_buf *out, long n, int leading, const char *const *digits,
                     const char *const *units)
{
    int d[4] = {(int)(n / 1000 % 10), (int)(n / 100 % 10), (int)(n / 10 % 10), (int)(n % 10)};
    int started = 0, zero = 0;
    for (int k = 0; k < 4; k++) {
        if (d[k] == 0) {
            zero = started;
            continue;
        }
        if (zero)
            es_buf_puts(out, digits[0]);
        zero = 0;
        if (!(leading && !started && k == 2 && d[k] == 1 && digits == cn_digits))
            es_buf_puts(out, digits[d[k]]);
        es_buf_puts(out, units[3 - k]);
        started = 1;
    }
}

static void chinese_counting(es_buf *out, long n, const char *const *digits, const char *const *units)
{
    if (n <= 0 || n >= 100000000) {
        es_buf_printf(out, "%ld", n);
        return;
    }
    long wan = n / 10000, rest = n % 10000;
    if (wan > 0) {
        cn_group(out, wan, 1, digits, units);
        es_buf_puts(out, "万");
        if (rest > 0 && rest < 1000)
            es_buf_puts(out, digits[0]);
        if (rest > 0)
            cn_group(out, rest, 0, digits, units);
    } else {
        cn_group(out, rest, 1, digits, units);
    }
}

static void put_codepoint(es_buf *out, unsigned cp)
{
    char u[4];
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        es_buf_append(out, u, 2);
    } else {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        es_buf_append(out, u, 3);
    }
}

static void letters(es_buf *out, long n, char first)
{
    /* Word repeats the letter: 27 is AA, 53 is AAA. */
    long times = (n - 1) / 26 + 1;
    char c = (char)(first + (n - 1) % 26);
    for (long k = 0; k < times && k < 100; k++)
        es_buf_putc(out, c);
}

static void roman(es_buf *out, long n, int upper)
{
    static const struct {
        int value;
        const char *upper, *lower;
    } r[] = {{1000, "M", "m"}, {900, "CM", "cm"}, {500, "D", "d"}, {400, "CD", "cd"},
             {100, "C", "c"},  {90, "XC", "xc"},  {50, "L", "l"},  {40, "XL", "xl"},
             {10, "X", "x"},   {9, "IX", "ix"},   {5, "V", "v"},   {4, "IV", "iv"},
             {1, "I", "i"}};
    for (size_t k = 0; k < sizeof r / sizeof r[0]; k++)
        for (; n >= r[k].value; n -= r[k].value)
            es_buf_puts(out, upper ? r[k].upper : r[k].lower);
}

void listnum_format(es_buf *out, const char *f, long n)
{
    if (!f)
        f = "decimal";
    if (strcmp(f, "none") == 0 || strcmp(f, "bullet") == 0)
        return;
    if (n > 0 && (strcmp(f, "chineseCounting") == 0 || strcmp(f, "chineseCountingThousand") == 0 ||
                  strcmp(f, "japaneseCounting") == 0 || strcmp(f, "taiwaneseCounting") == 0 ||
                  strcmp(f, "taiwaneseCountingThousand") == 0 || strcmp(f, "koreanCounting") == 0))
        chinese_counting(out, n, cn_digits, cn_units);
    else if (n > 0 && strcmp(f, "chineseLegalSimplified") == 0)
        chinese_counting(out, n, legal_digits, legal_units);
    else if (n >= 1 && n <= 10 && strcmp(f, "ideographTraditional") == 0)
        es_buf_puts(out, stems[n - 1]);
    else if (n >= 1 && n <= 12 && strcmp(f, "ideographZodiac") == 0)
        es_buf_puts(out, branches[n - 1]);
    else if (n >= 1 && n <= 20 && (strcmp(f, "decimalEnclosedCircle") == 0 ||
                                   strcmp(f, "decimalEnclosedCircleChinese") == 0))
        put_codepoint(out, 0x2460u + (unsigned)(n - 1));
    else if (n >= 1 && n <= 20 && strcmp(f, "decimalEnclosedParen") == 0)
        put_codepoint(out, 0x2474u + (unsigned)(n - 1));
    else if (n >= 1 && n <= 20 && strcmp(f, "decimalEnclosedFullstop") == 0)
        put_codepoint(out, 0x2488u + (unsigned)(n - 1));
    else if (n >= 0 && (strcmp(f, "decimalFullWidth") == 0 || strcmp(f, "decimalFullWidth2") == 0 ||
                        strcmp(f, "ideographDigital") == 0)) {
        char digits[24];
        int len = snprintf(digits, sizeof digits, "%ld", n);
        for (int k = 0; k < len; k++) {
            if (f[0] == 'i')
                es_buf_puts(out, digits[k] == '0' ? "〇" : cn_digits[digits[k] - '0']);
            else
                put_codepoint(out, 0xFF10u + (unsigned)(digits[k] - '0'));
        }
    } else if (n > 0 && strcmp(f, "upperLetter") == 0)
        letters(out, n, 'A');
    else if (n > 0 && strcmp(f, "lowerLetter") == 0)
        letters(out, n, 'a');
    else if (n > 0 && n < 4000 && strcmp(f, "upperRoman") == 0)
        roman(out, n, 1);
    else if (n > 0 && n < 4000 && strcmp(f, "lowerRoman") == 0)
        roman(out, n, 0);
    else if (strcmp(f, "decimalZero") == 0 && n >= 0 && n < 10)
        es_buf_printf(out, "0%ld", n);
    else
        es_buf_printf(out, "%ld", n);
}
