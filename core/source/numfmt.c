/* Spreadsheet number formats (numfmt.h).
 *
 * A format code has up to four sections (positive; negative; zero; text)
 * separated by ';'. A section is a number pattern (0 # ? , . % E) or a
 * date pattern (y m d h s AM/PM), with literal text around it: "quoted",
 * \escaped, or plain characters (Chinese formats write 0"年" or 0元).
 * [colours], [conditions], _padding and *fill change how a cell looks,
 * not what it says, and are skipped. */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "edushell/base/uchar.h"

const char *numfmt_builtin(long id)
{
    switch (id) {
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 5: case 6: return "\"¥\"#,##0;\"¥\"-#,##0";
    case 7: case 8: return "\"¥\"#,##0.00;\"¥\"-#,##0.00";
    case 9: return "0%";
    case 10: return "0.00%";
    case 11: return "0.00E+00";
    case 12: return "# ?/?";
    case 13: return "# ?\?/??";
    case 14: return "yyyy/m/d";
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "yyyy/m/d h:mm";
    case 27: case 36: case 50: case 52: case 57: return "yyyy\"年\"m\"月\"";
    case 28: case 29: case 51: case 53: case 54: case 58: return "m\"月\"d\"日\"";
    case 30: return "m-d-yy";
    case 31: return "yyyy\"年\"m\"月\"d\"日\"";
    case 32: return "h\"时\"mm\"分\"";
    case 33: return "h\"时\"mm\"分\"ss\"秒\"";
    case 34: case 55: return "上午/下午h\"时\"mm\"分\"";
    case 35: case 56: return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
    case 37: return "#,##0 ;(#,##0)";
    case 38: return "#,##0 ;[Red](#,##0)";
    case 39: return "#,##0.00;(#,##0.00)";
    case 40: return "#,##0.00;[Red](#,##0.00)";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mm:ss.0";
    case 48: return "##0.0E+0";
    case 49: return "@";
    default: return NULL;
    }
}

/* --- sections ------------------------------------------------------------- */

typedef struct span {
    const char *s;
    size_t n;
} span;

/* Index just past the quoted string or bracket starting at s[i]. */
static size_t skip_group(const char *s, size_t n, size_t i)
{
    char close = s[i] == '"' ? '"' : ']';
    for (i++; i < n && s[i] != close; i++)
        ;
    return i < n ? i + 1 : n;
}

static size_t split_sections(const char *code, span *out, size_t max)
{
    size_t n = strlen(code), count = 0, start = 0, i = 0;
    while (i <= n && count < max) {
        if (i < n && (code[i] == '"' || code[i] == '[')) {
            i = skip_group(code, n, i);
            continue;
        }
        if (i < n && code[i] == '\\') {
            i += 2;
            continue;
        }
        if (i == n || code[i] == ';') {
            out[count++] = (span){code + start, (i < n ? i : n) - start};
            start = i + 1;
        }
        i++;
    }
    return count;
}

/* --- general -------------------------------------------------------------- */

static void general(es_buf *out, double v)
{
    char buf[64];
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, sizeof buf, "%.0f", v);
    else
        snprintf(buf, sizeof buf, "%.15g", v);
    es_buf_puts(out, strcmp(buf, "-0") == 0 ? "0" : buf);
}

static void literal(es_buf *out, span sec, size_t from, size_t to);

/* --- dates ------------------------------------------------------------------ */

static int is_date_section(span sec)
{
    for (size_t i = 0; i < sec.n; i++) {
        char c = sec.s[i];
        if (c == '"' || c == '[') {
            if (c == '[' && i + 1 < sec.n && strchr("hHmMsS", sec.s[i + 1]))
                return 1;   /* [h]:mm elapsed time */
            i = skip_group(sec.s, sec.n, i) - 1;
        } else if (c == '\\' || c == '_' || c == '*') {
            i++;
        } else if (strchr("yYmMdDhHsS", c)) {
            return 1;
        } else if (c == 'E' || c == 'e') {
            if (i + 1 < sec.n && (sec.s[i + 1] == '+' || sec.s[i + 1] == '-'))
                return 0;   /* scientific */
            return 1;       /* e: the year */
        }
    }
    return 0;
}

typedef struct civil {
    int year, month, day, hour, minute, second, weekday;   /* weekday 0 = Sunday */
} civil;

/* Days since 1970-01-01 to a calendar date (proleptic Gregorian). */
static void civil_from_days(long z, civil *c)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
    c->month = (int)(mp < 10 ? mp + 3 : mp - 9);
    c->year = (int)(yoe + era * 400 + (c->month <= 2));
}

/* A serial day number to a date and time. Day 60 of the 1900 system is
 * the 29 February 1900 that Lotus counted and Excel keeps. */
static void serial_to_civil(double v, int date1904, civil *c)
{
    long days = (long)floor(v);
    long secs = lround((v - (double)days) * 86400.0);
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    memset(c, 0, sizeof *c);
    if (!date1904 && days == 60) {
        c->year = 1900, c->month = 2, c->day = 29;
    } else {
        /* 1899-12-30 is day -25569 from 1970; 1904-01-01 is -24107. */
        long from1970 = date1904 ? days - 24107 : days - (days < 60 ? 25568 : 25569);
        civil_from_days(from1970, c);
        c->weekday = (int)(((from1970 % 7) + 11) % 7);
    }
    c->hour = (int)(secs / 3600);
    c->minute = (int)(secs / 60 % 60);
    c->second = (int)(secs % 60);
}

static size_t run_of(span sec, size_t i)
{
    size_t k = i;
    char c = (char)(sec.s[i] | 0x20);
    while (k < sec.n && (char)(sec.s[k] | 0x20) == c)
        k++;
    return k - i;
}

static int starts_ci(span sec, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return sec.n - i >= n && strncasecmp(sec.s + i, lit, n) == 0;
}

static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"};
static const char *const days_en[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                      "Friday", "Saturday"};
static const char *const days_cn[] = {"日", "一", "二", "三", "四", "五", "六"};

/* Whether the m at i is minutes: after an hour or before seconds. */
static int m_is_minutes(span sec, size_t i, int after_hour)
{
    if (after_hour)
        return 1;
    for (size_t k = i; k < sec.n; k++) {
        char c = (char)(sec.s[k] | 0x20);
        if (c == 's')
            return 1;
        if (c == 'y' || c == 'd' || c == 'h')
            return 0;
    }
    return 0;
}

static void date_section(es_buf *out, span sec, double v, int date1904)
{
    civil c;
    serial_to_civil(v, date1904, &c);
    int twelve = 0;
    for (size_t i = 0; i < sec.n; i++)
        if (starts_ci(sec, i, "AM/PM") || starts_ci(sec, i, "A/P") || starts_ci(sec, i, "上午/下午"))
            twelve = 1;
    int after_hour = 0;
    size_t i = 0;
    while (i < sec.n) {
        char ch = sec.s[i], lc = (char)(ch | 0x20);
        size_t run = 1;
        if (ch == '"') {
            size_t end = skip_group(sec.s, sec.n, i);
            literal(out, sec, i, end);
            i = end;
            continue;
        } else if (ch == '[') {
            size_t end = skip_group(sec.s, sec.n, i);
            if (i + 1 < sec.n && strchr("hH", sec.s[i + 1]))
                es_buf_printf(out, "%ld", (long)floor(v) * 24 + c.hour);
            else if (i + 1 < sec.n && strchr("mM", sec.s[i + 1]))
                es_buf_printf(out, "%ld", ((long)floor(v) * 24 + c.hour) * 60 + c.minute);
            i = end;
            continue;
        } else if (ch == '\\' && i + 1 < sec.n) {
            run = es_u8_len(sec.s + i + 1);
            es_buf_append(out, sec.s + i + 1, run);
            i += 1 + run;
            continue;
        } else if ((ch == '_' || ch == '*') && i + 1 < sec.n) {
            i += 1 + es_u8_len(sec.s + i + 1);
            continue;
        } else if (starts_ci(sec, i, "AM/PM")) {
            es_buf_puts(out, c.hour < 12 ? "AM" : "PM");
            i += 5;
            continue;
        } else if (starts_ci(sec, i, "A/P")) {
            es_buf_puts(out, c.hour < 12 ? "A" : "P");
            i += 3;
            continue;
        } else if (starts_ci(sec, i, "上午/下午")) {
            es_buf_puts(out, c.hour < 12 ? "上午" : "下午");
            i += strlen("上午/下午");
            continue;
        }
        if (lc == 'y' || lc == 'e') {
            run = run_of(sec, i);
            es_buf_printf(out, run <= 2 && lc == 'y' ? "%02d" : "%d", run <= 2 && lc == 'y' ? c.year % 100 : c.year);
        } else if (lc == 'm') {
            run = run_of(sec, i);
            if (run <= 2 && m_is_minutes(sec, i + run, after_hour))
                es_buf_printf(out, run == 2 ? "%02d" : "%d", c.minute);
            else if (run <= 2)
                es_buf_printf(out, run == 2 ? "%02d" : "%d", c.month);
            else if (run == 3)
                es_buf_printf(out, "%.3s", months[c.month - 1]);
            else if (run == 5)
                es_buf_printf(out, "%.1s", months[c.month - 1]);
            else
                es_buf_puts(out, months[c.month - 1]);
            after_hour = 0;
        } else if (lc == 'd') {
            run = run_of(sec, i);
            if (run <= 2)
                es_buf_printf(out, run == 2 ? "%02d" : "%d", c.day);
            else
                es_buf_printf(out, run == 3 ? "%.3s" : "%s", days_en[c.weekday]);
        } else if (lc == 'a' && run_of(sec, i) >= 3) {
            run = run_of(sec, i);
            es_buf_printf(out, run == 3 ? "%s" : "星期%s", days_cn[c.weekday]);
        } else if (lc == 'h') {
            run = run_of(sec, i);
            int h = twelve ? (c.hour % 12 == 0 ? 12 : c.hour % 12) : c.hour;
            es_buf_printf(out, run >= 2 ? "%02d" : "%d", h);
            after_hour = 1;
        } else if (lc == 's') {
            run = run_of(sec, i);
            es_buf_printf(out, run >= 2 ? "%02d" : "%d", c.second);
            after_hour = 0;
        } else if (ch == '.' && i + 1 < sec.n && sec.s[i + 1] == '0') {
            run = 1 + run_of(sec, i + 1);   /* fractions of a second: whole seconds shown */
        } else {
            run = es_u8_len(sec.s + i);
            es_buf_append(out, sec.s + i, run);
        }
        i += run;
    }
}

/* --- numbers ---------------------------------------------------------------- */

typedef struct pattern {
    int has_point, grouping, percent, scientific;
    int int_zeros;        /* 0 before the point: minimum integer digits */
    int frac_zeros;       /* 0 after the point: fraction digits always shown */
    int frac_digits;      /* 0 # ? after the point */
    int exp_digits;
    int scale;            /* thousands dropped by trailing commas */
    size_t first, last;   /* the pattern's first and last placeholder */
} pattern;

static int is_placeholder(char c)
{
    return c == '0' || c == '#' || c == '?';
}

static void scan_pattern(span sec, pattern *p)
{
    memset(p, 0, sizeof *p);
    p->first = sec.n;
    int after_point = 0, in_exp = 0;
    size_t last_ph = 0;
    for (size_t i = 0; i < sec.n; i++) {
        char c = sec.s[i];
        if (c == '"' || c == '[') {
            i = skip_group(sec.s, sec.n, i) - 1;
        } else if (c == '\\' || c == '_' || c == '*') {
            i++;
        } else if (c == '%') {
            p->percent++;
        } else if ((c == 'E' || c == 'e') && i + 1 < sec.n && (sec.s[i + 1] == '+' || sec.s[i + 1] == '-')) {
            p->scientific = 1;
            in_exp = 1;
            i++;
        } else if (is_placeholder(c)) {
            if (p->first == sec.n)
                p->first = i;
            p->last = last_ph = i;
            if (in_exp)
                p->exp_digits++;
            else if (after_point) {
                p->frac_digits++;
                p->frac_zeros += c == '0' && p->frac_zeros == p->frac_digits - 1;
            } else {
                p->int_zeros += c == '0';
            }
        } else if (c == '.' && p->first != sec.n && !after_point && !in_exp) {
            after_point = p->has_point = 1;
            p->last = i > last_ph ? i : last_ph;
        } else if (c == '.' && p->first == sec.n) {
            after_point = p->has_point = 1;
            p->first = i;
            p->last = i;
        } else if (c == ',' && p->first != sec.n && !after_point) {
            /* Between placeholders: thousands separators; after the last
             * one: each drops a thousand. */
            size_t k = i + 1;
            while (k < sec.n && sec.s[k] == ',')
                k++;
            if (k < sec.n && is_placeholder(sec.s[k]))
                p->grouping = 1;
            else
                p->scale += (int)(k - i);
            i = k - 1;
        }
    }
}

/* Literal text of s[from, to): quoted text, escapes and plain characters;
 * placeholders and pattern marks are not in it. */
static void literal(es_buf *out, span sec, size_t from, size_t to)
{
    size_t i = from;
    while (i < to) {
        char c = sec.s[i];
        if (c == '"') {
            size_t end = skip_group(sec.s, sec.n, i);
            size_t stop = end > i + 1 && sec.s[end - 1] == '"' ? end - 1 : end;
            es_buf_append(out, sec.s + i + 1, stop - i - 1);
            i = end;
        } else if (c == '[') {
            i = skip_group(sec.s, sec.n, i);
        } else if (c == '\\' && i + 1 < to) {
            size_t n = es_u8_len(sec.s + i + 1);
            es_buf_append(out, sec.s + i + 1, n);
            i += 1 + n;
        } else if ((c == '_' || c == '*') && i + 1 < to) {
            i += 1 + es_u8_len(sec.s + i + 1);
        } else if (c == ',' || is_placeholder(c) || c == '@') {
            i++;
        } else {
            size_t n = es_u8_len(sec.s + i);
            es_buf_append(out, sec.s + i, n);
            i += n;
        }
    }
}

static void put_grouped(es_buf *out, const char *digits, size_t n, int grouping)
{
    for (size_t k = 0; k < n; k++) {
        if (grouping && k > 0 && (n - k) % 3 == 0)
            es_buf_putc(out, ',');
        es_buf_putc(out, digits[k]);
    }
}

/* Spreadsheets round halves up, as on paper, and on the decimal digits a
 * cell holds (2.25 to one place is 2.3, 1.005 to two is 1.01), where
 * printf rounds the binary value half to even. */
static double round_half_up(double v, int digits)
{
    if (v >= 1e15 || digits > 15)
        return v;
    double scale = pow(10, digits);
    double scaled = v * scale;
    return floor(scaled + 0.5 + scaled * 1e-12) / scale;
}

static void number_body(es_buf *out, double v, const pattern *p)
{
    char buf[400];
    if (p->scientific) {
        snprintf(buf, sizeof buf, "%.*E", p->frac_digits, v);
        char *e = strchr(buf, 'E');
        int exp = e ? atoi(e + 1) : 0;
        if (e)
            *e = '\0';
        es_buf_printf(out, "%sE%c%0*d", buf, exp < 0 ? '-' : '+', p->exp_digits ? p->exp_digits : 1, abs(exp));
        return;
    }
    if (v > 1e300)
        v = 1e300;
    snprintf(buf, sizeof buf, "%.*f", p->frac_digits, round_half_up(v, p->frac_digits));
    char *point = strchr(buf, '.');
    size_t int_len = point ? (size_t)(point - buf) : strlen(buf);
    const char *digits = buf;
    if (int_len == 1 && buf[0] == '0' && p->int_zeros == 0) {
        int_len = 0;   /* "#.##" shows .5 */
    }
    for (int k = (int)int_len; k < p->int_zeros; k++)
        es_buf_putc(out, '0');
    put_grouped(out, digits, int_len, p->grouping);
    if (!p->has_point)
        return;
    const char *frac = point ? point + 1 : "";
    size_t frac_len = strlen(frac);
    while (frac_len > (size_t)p->frac_zeros && frac[frac_len - 1] == '0')
        frac_len--;
    es_buf_putc(out, '.');
    es_buf_append(out, frac, frac_len);
}

static void number_section(es_buf *out, span sec, double v, int minus)
{
    pattern p;
    scan_pattern(sec, &p);
    if (p.first == sec.n) {           /* no placeholder: text only */
        literal(out, sec, 0, sec.n);
        return;
    }
    for (int k = 0; k < p.percent; k++)
        v *= 100;
    for (int k = 0; k < p.scale; k++)
        v /= 1000;
    literal(out, sec, 0, p.first);
    if (minus)
        es_buf_putc(out, '-');
    number_body(out, v, &p);
    literal(out, sec, p.last + 1, sec.n);
}

void numfmt_format(es_buf *out, const char *code, double value, int date1904)
{
    if (!isfinite(value)) {
        es_buf_puts(out, "#NUM!");
        return;
    }
    if (!code || strcasecmp(code, "General") == 0 || strcmp(code, "@") == 0 || !*code) {
        general(out, value);
        return;
    }
    span sections[4];
    size_t n = split_sections(code, sections, 4);
    span sec = sections[0];
    double v = value;
    int minus = value < 0;
    if (value < 0 && n >= 2) {
        sec = sections[1];
        v = -value;
        minus = 0;   /* the section writes its own sign */
    } else if (value == 0 && n >= 3) {
        sec = sections[2];
    }
    if (minus)
        v = -v;
    /* General inside a section ("General;-General"). */
    for (size_t i = 0; i + 7 <= sec.n; i++)
        if (strncasecmp(sec.s + i, "General", 7) == 0) {
            literal(out, sec, 0, i);
            general(out, minus ? -v : v);
            literal(out, sec, i + 7, sec.n);
            return;
        }
    if (is_date_section(sec) && value >= 0 && value < 2958466)
        date_section(out, sec, value, date1904);
    else
        number_section(out, sec, v, minus && v != 0);
}
