/* Short names of administrative divisions.
 *
 * The short name is what people write in running text and in the names of
 * institutions (无锡教育, 江苏省 → 江苏工作). It is the full name with the
 * administrative suffix removed; autonomous divisions also lose the names
 * of their peoples (延边朝鲜族自治州 → 延边). */
#include "region_short.h"

#include <string.h>

#include "spans.h"

/* Longest first, so that 自治区 is tried before 区 and 林区 before 区. */
static const char *const division_suffixes[] = {
    "特别行政区", "自治区", "自治州", "自治县", "自治旗",
    "林区", "地区", "省", "市", "盟", "县", "区", "旗",
};

/* Peoples named in autonomous divisions, with and without 族: 蒙古 and
 * 哈萨克 appear both ways (巴音郭楞蒙古自治州, 海西蒙古族藏族自治州). */
static const char *const peoples[] = {
    "蒙古族", "蒙古", "回族", "藏族", "维吾尔族", "维吾尔", "苗族", "彝族",
    "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族", "土家族",
    "哈尼族", "哈萨克族", "哈萨克", "傣族", "黎族", "傈僳族", "佤族", "畲族",
    "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "柯尔克孜",
    "土族", "达斡尔族", "达斡尔", "仫佬族", "羌族", "布朗族", "撒拉族",
    "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "塔吉克",
    "怒族", "鄂温克族", "鄂温克", "德昂族", "保安族", "裕固族", "京族",
    "独龙族", "鄂伦春族", "鄂伦春", "赫哲族", "门巴族", "珞巴族", "基诺族",
    "各族",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return n <= len && memcmp(s + len - n, suffix, n) == 0;
}

/* Removes one suffix from the table when at least two characters remain. */
static size_t strip_one(const char *name, size_t len, const char *const *table, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(table[i]);
        if (ends_with(name, len, table[i]) && es_u8_count(name, len - n) >= 2)
            return len - n;
    }
    return len;
}

size_t es_region_short_len(const char *name)
{
    size_t len = strlen(name);
    size_t stem = strip_one(name, len, division_suffixes, COUNT(division_suffixes));
    if (stem == len)
        return len;
    int autonomous = ends_with(name, len, "自治区") || ends_with(name, len, "自治州") ||
                     ends_with(name, len, "自治县") || ends_with(name, len, "自治旗");
    /* 西藏自治区 keeps 西藏 and 内蒙古自治区 keeps 内蒙古: strip_one never
     * leaves fewer than two characters. */
    while (autonomous) {
        size_t shorter = strip_one(name, stem, peoples, COUNT(peoples));
        if (shorter == stem)
            break;
        stem = shorter;
    }
    return stem;
}
