/* Parsing of quantities as written (see number.h). Works on raw text as
 * well as on the normalized view: full-width digits and the full-width
 * decimal point are accepted too. */
#include "edushell/extract/number.h"

#include <string.h>

typedef struct cursor {
    const char *s;
    size_t len, at;
} cursor;

static size_t left(const cursor *c) { return c->len - c->at; }

/* Whether the 3-byte character `ch` (one Chinese character) is at the cursor. */
static int at_literal(const cursor *c, const char *ch)
{
    return left(c) >= 3 && c->s[c->at] == ch[0] && c->s[c->at + 1] == ch[1] && c->s[c->at + 2] == ch[2];
}

/* Reads one ASCII or full-width digit; returns its byte length or 0. */
static size_t digit_at(const cursor *c, size_t at, int *d)
{
    const unsigned char *u = (const unsigned char *)c->s + at;
    size_t rest = c->len - at;
    if (rest >= 1 && u[0] >= '0' && u[0] <= '9') {
        *d = u[0] - '0';
        return 1;
    }
    if (rest >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
        *d = u[2] - 0x90;
        return 3;
    }
    return 0;
}

static size_t decimal_point_at(const cursor *c, size_t at)
{
    if (at < c->len && c->s[at] == '.')
        return 1;
    if (c->len - at >= 3 && memcmp(c->s + at, "．", 3) == 0)
        return 3;
    return 0;
}

static size_t count_digits(const cursor *c, size_t at)
{
    size_t count = 0;
    int d;
    size_t n;
    while (at < c->len && (n = digit_at(c, at, &d)) > 0) {
        at += n;
        count++;
    }
    return count;
}

/* Arabic digits with thousands separators and a decimal part. */
static int parse_arabic(cursor *c, double *value)
{
    int d;
    size_t n = digit_at(c, c->at, &d);
    if (!n)
        return 0;
    double v = 0;
    for (;;) {
        while ((n = digit_at(c, c->at, &d)) > 0) {
            v = v * 10 + d;
            c->at += n;
        }
        /* A comma groups thousands only when exactly three digits follow. */
        if (c->at < c->len && c->s[c->at] == ',' && count_digits(c, c->at + 1) == 3) {
            c->at++;
            continue;
        }
        break;
    }
    size_t dp = decimal_point_at(c, c->at);
    if (dp && digit_at(c, c->at + dp, &d)) {
        c->at += dp;
        double scale = 0.1;
        while ((n = digit_at(c, c->at, &d)) > 0) {
            v += d * scale;
            scale /= 10;
            c->at += n;
        }
    }
    *value = v;
    return 1;
}

typedef struct cn_char {
    int digit;          /* 0-9, or -1 for a power of ten */
    double power;       /* 10, 100, 1000, 1e4, 1e8 */
} cn_char;

/* The Chinese numeral at the cursor; returns its byte length or 0. */
static size_t cn_char_at(const cursor *c, cn_char *out)
{
    const unsigned char *u = (const unsigned char *)c->s + c->at;
    if (left(c) < 3 || (u[0] & 0xF0) != 0xE0)
        return 0;
    int cp = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    int digit = -1;
    double power = 0;
    switch (cp) {
    case 0x96F6: case 0x3007: digit = 0; break;     /* 零 〇 */
    case 0x4E00: digit = 1; break;                  /* 一 */
    case 0x4E8C: case 0x4E24: digit = 2; break;     /* 二 两 */
    case 0x4E09: digit = 3; break;                  /* 三 */
    case 0x56DB: digit = 4; break;                  /* 四 */
    case 0x4E94: digit = 5; break;                  /* 五 */
    case 0x516D: digit = 6; break;                  /* 六 */
    case 0x4E03: digit = 7; break;                  /* 七 */
    case 0x516B: digit = 8; break;                  /* 八 */
    case 0x4E5D: digit = 9; break;                  /* 九 */
    case 0x5341: power = 10; break;                 /* 十 */
    case 0x767E: power = 100; break;                /* 百 */
    case 0x5343: power = 1000; break;               /* 千 */
    case 0x4E07: power = 1e4; break;                /* 万 */
    case 0x4EBF: power = 1e8; break;                /* 亿 */
    default: return 0;
    }
    out->digit = digit;
    out->power = power;
    return 3;
}

/* Chinese numerals: 十二, 三百零五, 两千, 一亿三千万. Two digits in a row
 * (十四五) end the number. */
static int parse_chinese(cursor *c, double *value)
{
    double total = 0, section = 0;
    int digit = -1, prev_digit = 0, any = 0;
    cn_char one;
    const cn_char *ch = &one;
    size_t n;
    while ((n = cn_char_at(c, &one)) > 0) {
        if (ch->digit >= 0) {
            if (prev_digit && digit != 0)
                break;
            digit = ch->digit;
            prev_digit = 1;
        } else {
            double lead = digit >= 0 ? digit : 1;
            if (ch->power == 1e8) {
                total = (total + section + (digit >= 0 ? digit : (section || total ? 0 : 1))) * 1e8;
                section = 0;
            } else if (ch->power == 1e4) {
                total += (section + (digit >= 0 ? digit : (section ? 0 : 1))) * 1e4;
                section = 0;
            } else {
                section += lead * ch->power;
            }
            digit = -1;
            prev_digit = 0;
        }
        c->at += n;
        any = 1;
    }
    if (!any)
        return 0;
    *value = total + section + (digit > 0 ? digit : 0);
    return 1;
}

/* Scale words right after Arabic digits: 万, 亿, 万亿, and 千/百 only when a
 * larger scale follows (3千万), since 千瓦 and 百分点 are units. */
static double parse_scale(cursor *c)
{
    double scale = 1;
    for (;;) {
        if (at_literal(c, "万")) {
            scale *= 1e4;
            c->at += 3;
        } else if (at_literal(c, "亿")) {
            scale *= 1e8;
            c->at += 3;
        } else if ((at_literal(c, "千") || at_literal(c, "百")) && c->len - c->at >= 6 &&
                   (memcmp(c->s + c->at + 3, "万", 3) == 0 || memcmp(c->s + c->at + 3, "亿", 3) == 0)) {
            scale *= at_literal(c, "千") ? 1000 : 100;
            c->at += 3;
        } else {
            return scale;
        }
    }
}

typedef struct simple_number {
    double value;
    double scale;       /* the scale word's factor, 1 when none */
    int chinese;
} simple_number;

/* One number without a range: Arabic (with fraction and scale) or Chinese. */
static int parse_simple(cursor *c, simple_number *out)
{
    size_t start = c->at;
    double v;
    if (parse_arabic(c, &v)) {
        out->chinese = 0;
        size_t slash = c->at;
        double den;
        if (slash < c->len && c->s[slash] == '/') {
            c->at++;
            if (parse_arabic(c, &den) && den != 0)
                v /= den;
            else
                c->at = slash;
        }
        out->scale = parse_scale(c);
        out->value = v * out->scale;
        return 1;
    }
    c->at = start;
    if (parse_chinese(c, &v)) {
        out->chinese = 1;
        out->scale = 1;
        if (left(c) >= 6 && memcmp(c->s + c->at, "分之", 6) == 0) {   /* 三分之一 */
            size_t before = c->at;
            c->at += 6;
            double num;
            if (parse_chinese(c, &num) && v != 0)
                v = num / v;
            else
                c->at = before;
        }
        out->value = v;
        return 1;
    }
    c->at = start;
    return 0;
}

/* Length of a range separator at the cursor (- ~ ～ — － 至 到 〜), or 0. */
static size_t range_separator_at(const cursor *c)
{
    const unsigned char *u = (const unsigned char *)c->s + c->at;
    size_t rest = left(c);
    if (rest >= 1 && (u[0] == '-' || u[0] == '~'))
        return 1;
    if (rest < 3)
        return 0;
    if ((u[0] == 0xEF && u[1] == 0xBD && u[2] == 0x9E) ||   /* ～ */
        (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8D) ||   /* － */
        (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x94) ||   /* — */
        (u[0] == 0xE8 && u[1] == 0x87 && u[2] == 0xB3) ||   /* 至 */
        (u[0] == 0xE5 && u[1] == 0x88 && u[2] == 0xB0) ||   /* 到 */
        (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x9C))     /* 〜 */
        return 3;
    return 0;
}

/* Tries "lo-hi" after the first number; keeps the cursor where it was when
 * what follows is not a matching larger number. */
static void parse_range_tail(cursor *c, const simple_number *lo, es_number *out)
{
    size_t before = c->at;
    size_t sep = range_separator_at(c);
    if (!sep)
        return;
    c->at += sep;
    simple_number hi;
    if (!parse_simple(c, &hi) || hi.chinese != lo->chinese) {
        c->at = before;
        return;
    }
    /* 2-3万: the scale of the upper bound applies to both. */
    double lo_value = lo->scale == 1 ? lo->value * hi.scale : lo->value;
    if (!(hi.value > lo_value)) {
        c->at = before;
        return;
    }
    out->value = lo_value;
    out->value_hi = hi.value;
    out->is_range = 1;
}

int es_number_parse(const char *s, size_t len, es_number *out)
{
    cursor c = { s, len, 0 };
    simple_number first;
    if (!parse_simple(&c, &first))
        return 0;
    out->value = first.value;
    out->value_hi = first.value;
    out->is_range = 0;
    parse_range_tail(&c, &first, out);
    out->len = c.at;
    return 1;
}
