/* Figures as Chinese readers write them. The vocabulary is small and
 * fixed (magnitudes, comparator words, the units that never scale), so it
 * lives in the tables below rather than in data/. */
#include "edushell/present/figure.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Magnitudes, largest first; a quantity scales from 10万 up, so counts
 * below that keep every digit (57,300家). */
static const struct magnitude {
    double divisor, from;
    const char *name;
} MAGNITUDES[] = {
    {1e12, 1e12, "万亿"},
    {1e8, 1e8, "亿"},
    {1e4, 1e5, "万"},
};

/* Units of rates, ratios and ages: never 万 or 亿. */
static const char *const UNSCALED_UNITS[] = {
    "%", "‰", "个百分点", "百分点", "倍", "成", "岁", "年", "个月", "月", "天", "小时", "分",
};

/* Comparators in words: before and after the figure. */
static const struct comparator {
    const char *cmp, *before, *after;
} COMPARATORS[] = {
    {">=", "", "以上"}, {">", "超过", ""}, {"<=", "不超过", ""}, {"<", "低于", ""}, {"~", "", "左右"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int unit_scales(const char *unit)
{
    if (!unit)
        return 1;
    /* per-something units (元/人, 微克/立方米) and units with their own
     * magnitude (万吨, 亿元) */
    if (strchr(unit, '/') || strstr(unit, "每") || starts_with(unit, "万") || starts_with(unit, "亿"))
        return 0;
    for (size_t i = 0; i < COUNT(UNSCALED_UNITS); i++)
        if (strcmp(unit, UNSCALED_UNITS[i]) == 0)
            return 0;
    return 1;
}

const char *es_figure_scale(double max_abs, const char *unit, double *divisor)
{
    *divisor = 1;
    if (!unit_scales(unit) || !isfinite(max_abs))
        return "";
    for (size_t i = 0; i < COUNT(MAGNITUDES); i++)
        if (fabs(max_abs) >= MAGNITUDES[i].from) {
            *divisor = MAGNITUDES[i].divisor;
            return MAGNITUDES[i].name;
        }
    return "";
}

/* Digits of the whole part of |v| (1 for 0.5). */
static int whole_digits(double v)
{
    int n = 1;
    for (v = fabs(v); v >= 10 && n < 400; v /= 10)
        n++;
    return n;
}

/* `group`: thousands separators in the whole part. A scaled figure has
 * none (3723.35亿): it has at most four whole digits below 万亿. */
static void put_number(es_buf *b, double v, int group)
{
    if (!isfinite(v)) {
        es_buf_puts(b, isnan(v) ? "–" : v > 0 ? "∞" : "-∞");
        return;
    }
    int decimals = 6 - whole_digits(v);
    decimals = decimals < 0 ? 0 : decimals > 4 ? 4 : decimals;
    char text[400];
    snprintf(text, sizeof text, "%.*f", decimals, v);
    char *dot = strchr(text, '.');
    if (dot) { /* no trailing zeros, nor a bare point */
        char *end = text + strlen(text);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    if (strcmp(text, "-0") == 0)
        strcpy(text, "0");
    const char *digits = text[0] == '-' ? text + 1 : text;
    size_t whole = strcspn(digits, ".");
    if (digits != text)
        es_buf_putc(b, '-');
    for (size_t i = 0; i < whole; i++) {
        if (group && i > 0 && (whole - i) % 3 == 0)
            es_buf_putc(b, ',');
        es_buf_putc(b, digits[i]);
    }
    es_buf_puts(b, digits + whole);
}

void es_number_put(es_buf *b, double v) { put_number(b, v, 1); }

void es_cn_numeral_put(es_buf *b, long n)
{
    static const char *const DIGITS[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100) {
        es_buf_printf(b, "%ld", n);
        return;
    }
    long tens = n / 10, ones = n % 10;
    if (tens > 1)
        es_buf_puts(b, DIGITS[tens]);
    if (tens > 0)
        es_buf_puts(b, "十");
    if (ones > 0)
        es_buf_puts(b, DIGITS[ones]);
}

static const struct comparator *find_comparator(const char *cmp)
{
    for (size_t i = 0; cmp && i < COUNT(COMPARATORS); i++)
        if (strcmp(COMPARATORS[i].cmp, cmp) == 0)
            return &COMPARATORS[i];
    return NULL;
}

/* 第二, or 前三 when the claim is "among the first N". */
static void put_rank(es_buf *b, const es_figure *f)
{
    int among_first = f->cmp && strcmp(f->cmp, "<=") == 0;
    es_buf_puts(b, among_first ? "前" : "第");
    if (f->value == floor(f->value) && fabs(f->value) < 1e9)
        es_cn_numeral_put(b, (long)f->value);
    else
        es_number_put(b, f->value);
}

void es_figure_put(es_buf *b, const es_figure *f)
{
    if (f->kind && strcmp(f->kind, "rank") == 0 && !f->bare) {
        put_rank(b, f);
        return;
    }
    const struct comparator *c = f->bare ? NULL : find_comparator(f->cmp);
    const char *unit = f->unit ? f->unit : "";
    double max_abs = fabs(f->value);
    if (f->has_hi && fabs(f->hi) > max_abs)
        max_abs = fabs(f->hi);
    double divisor;
    const char *magnitude = es_figure_scale(max_abs, unit, &divisor);
    if (c)
        es_buf_puts(b, c->before);
    put_number(b, f->value / divisor, divisor == 1);
    if (f->has_hi) {
        es_buf_puts(b, "–");
        put_number(b, f->hi / divisor, divisor == 1);
    }
    es_buf_puts(b, magnitude);
    if (!f->bare)
        es_buf_puts(b, unit);
    if (c)
        es_buf_puts(b, c->after);
}
