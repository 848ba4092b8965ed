/* Word's automatic numbering (docx_numbering.h).
 *
 * A numbered paragraph names a list instance (w:num) and a level; the
 * instance names an abstract definition whose level says the first
 * number, the format (decimal, chineseCounting ...) and the label text
 * ("%1、", "（%2）", "%1.%2"). Instances of one definition share its
 * counters, as in Word; an instance that overrides a level's start
 * restarts it where it is first used. A paragraph style may carry the
 * numbering for its paragraphs (headings, often). */
#include "docx_numbering.h"

#include <stdlib.h>
#include <string.h>

#include "edushell/base/uchar.h"
#include "listnum.h"
#include "xmlutil.h"

enum { LEVELS = 9, STYLE_HOPS = 16 };

typedef struct level {
    long start;
    char *format;   /* w:numFmt */
    char *text;     /* w:lvlText */
    char *suffix;   /* w:suff: tab (NULL), space, nothing */
    int legal;      /* w:isLgl: every level's number in decimal */
} level;

typedef struct abstract_num {
    long id;
    level lv[LEVELS];
    char *style_link;     /* w:numStyleLink: the definition is another style's */
    long count[LEVELS];
    int used[LEVELS];
} abstract_num;

typedef struct num_inst {
    long id, abstract_id;
    long start_override[LEVELS];   /* -1: none */
    int started;
} num_inst;

typedef struct para_style {
    char *id, *based_on;
    long num_id, ilvl;    /* num_id -1: the style does not say */
    int is_default;
} para_style;

struct docx_numbering {
    abstract_num *abs;
    size_t nabs;
    num_inst *nums;
    size_t nnums;
    para_style *styles;
    size_t nstyles;
};

static long val_long(const xmlNode *parent, const char *child, long fallback)
{
    return xml_attr_long(xml_child(parent, child), "val", fallback);
}

static char *val_str(const xmlNode *parent, const char *child)
{
    return xml_attr(xml_child(parent, child), "val");
}

static void read_level(level *lv, const xmlNode *node)
{
    lv->start = val_long(node, "start", 1);
    lv->format = val_str(node, "numFmt");
    lv->text = val_str(node, "lvlText");
    lv->suffix = val_str(node, "suff");
    lv->legal = xml_child(node, "isLgl") != NULL;
}

static void read_abstract(docx_numbering *num, const xmlNode *node)
{
    num->abs = es_xrealloc(num->abs, (num->nabs + 1) * sizeof *num->abs);
    abstract_num *a = &num->abs[num->nabs++];
    memset(a, 0, sizeof *a);
    a->id = xml_attr_long(node, "abstractNumId", -1);
    for (int k = 0; k < LEVELS; k++)
        a->lv[k].start = 1;
    a->style_link = val_str(node, "numStyleLink");
    for (const xmlNode *l = xml_child(node, "lvl"); l; l = xml_next(l, "lvl")) {
        long i = xml_attr_long(l, "ilvl", -1);
        if (i >= 0 && i < LEVELS && !a->lv[i].format && !a->lv[i].text)
            read_level(&a->lv[i], l);
    }
}

static void read_num(docx_numbering *num, const xmlNode *node)
{
    num->nums = es_xrealloc(num->nums, (num->nnums + 1) * sizeof *num->nums);
    num_inst *n = &num->nums[num->nnums++];
    memset(n, 0, sizeof *n);
    n->id = xml_attr_long(node, "numId", -1);
    n->abstract_id = val_long(node, "abstractNumId", -1);
    for (int k = 0; k < LEVELS; k++)
        n->start_override[k] = -1;
    for (const xmlNode *o = xml_child(node, "lvlOverride"); o; o = xml_next(o, "lvlOverride")) {
        long i = xml_attr_long(o, "ilvl", -1);
        long start = val_long(o, "startOverride", -1);
        if (i >= 0 && i < LEVELS)
            n->start_override[i] = start;
    }
}

static void read_style(docx_numbering *num, const xmlNode *node)
{
    char *type = xml_attr(node, "type");
    int paragraph = !type || strcmp(type, "paragraph") == 0;
    free(type);
    if (!paragraph)
        return;
    num->styles = es_xrealloc(num->styles, (num->nstyles + 1) * sizeof *num->styles);
    para_style *s = &num->styles[num->nstyles++];
    s->id = xml_attr(node, "styleId");
    s->based_on = val_str(node, "basedOn");
    s->is_default = xml_attr_is(node, "default", "1") || xml_attr_is(node, "default", "true");
    const xmlNode *numpr = xml_child(xml_child(node, "pPr"), "numPr");
    s->num_id = numpr ? val_long(numpr, "numId", -1) : -1;
    s->ilvl = numpr ? val_long(numpr, "ilvl", 0) : 0;
}

docx_numbering *docx_numbering_new(xmlDoc *numbering, xmlDoc *styles)
{
    docx_numbering *num = es_xcalloc(1, sizeof *num);
    const xmlNode *root = numbering ? xmlDocGetRootElement(numbering) : NULL;
    for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (xml_is(c, "abstractNum"))
            read_abstract(num, c);
        else if (xml_is(c, "num"))
            read_num(num, c);
    }
    root = styles ? xmlDocGetRootElement(styles) : NULL;
    for (const xmlNode *c = xml_child(root, "style"); c; c = xml_next(c, "style"))
        read_style(num, c);
    return num;
}

void docx_numbering_free(docx_numbering *num)
{
    if (!num)
        return;
    for (size_t k = 0; k < num->nabs; k++) {
        for (int l = 0; l < LEVELS; l++) {
            free(num->abs[k].lv[l].format);
            free(num->abs[k].lv[l].text);
            free(num->abs[k].lv[l].suffix);
        }
        free(num->abs[k].style_link);
    }
    for (size_t k = 0; k < num->nstyles; k++) {
        free(num->styles[k].id);
        free(num->styles[k].based_on);
    }
    free(num->abs);
    free(num->nums);
    free(num->styles);
    free(num);
}

static num_inst *find_num(docx_numbering *num, long id)
{
    for (size_t k = 0; k < num->nnums; k++)
        if (num->nums[k].id == id)
            return &num->nums[k];
    return NULL;
}

static abstract_num *find_abstract(docx_numbering *num, long id)
{
    for (size_t k = 0; k < num->nabs; k++)
        if (num->abs[k].id == id)
            return &num->abs[k];
    return NULL;
}

static para_style *find_style(docx_numbering *num, const char *id)
{
    for (size_t k = 0; k < num->nstyles; k++) {
        para_style *s = &num->styles[k];
        if (id ? s->id && strcmp(s->id, id) == 0 : s->is_default)
            return s;
    }
    return NULL;
}

/* The numbering a paragraph gets: its own, or its style's (through the
 * styles it is based on). Returns the list instance id, 0 or less for
 * none. */
static long paragraph_list(docx_numbering *num, const xmlNode *ppr, long *ilvl)
{
    const xmlNode *numpr = xml_child(ppr, "numPr");
    long own_lvl = numpr ? val_long(numpr, "ilvl", -1) : -1;
    long id = numpr ? val_long(numpr, "numId", -1) : -1;
    char *style_id = val_str(ppr, "pStyle");
    para_style *s = find_style(num, style_id);
    free(style_id);
    for (int hops = 0; s && id < 0 && hops < STYLE_HOPS; hops++) {
        if (s->num_id >= 0) {
            id = s->num_id;
            if (own_lvl < 0)
                own_lvl = s->ilvl;
        }
        s = s->based_on ? find_style(num, s->based_on) : NULL;
    }
    *ilvl = own_lvl < 0 ? 0 : own_lvl >= LEVELS ? LEVELS - 1 : own_lvl;
    return id;
}

/* The definition an instance uses, following a numbering style's link. */
static abstract_num *definition_of(docx_numbering *num, const num_inst *inst)
{
    abstract_num *a = find_abstract(num, inst->abstract_id);
    if (a && a->style_link) {
        para_style *s = find_style(num, a->style_link);
        num_inst *linked = s && s->num_id > 0 ? find_num(num, s->num_id) : NULL;
        abstract_num *target = linked ? find_abstract(num, linked->abstract_id) : NULL;
        if (target && !target->style_link)
            a = target;
    }
    return a;
}

static void count(abstract_num *a, num_inst *inst, long ilvl)
{
    if (!inst->started) {
        inst->started = 1;
        for (int k = 0; k < LEVELS; k++)
            if (inst->start_override[k] >= 0) {
                a->count[k] = inst->start_override[k] - 1;
                a->used[k] = 1;
            }
    }
    if (a->used[ilvl]) {
        a->count[ilvl]++;
    } else {
        a->count[ilvl] = a->lv[ilvl].start;
        a->used[ilvl] = 1;
    }
    for (int k = (int)ilvl + 1; k < LEVELS; k++)
        a->used[k] = 0;
}

/* Symbol-font bullets live in the private use area (U+F0B7 ...): they
 * are shown as a bullet. */
static void put_label_text(es_buf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t len = es_u8_len(s + i);
        if (len > n - i)
            len = n - i;
        int32_t cp = es_u8_cp(s + i);
        if (cp >= 0xE000 && cp <= 0xF8FF)
            es_buf_puts(out, "•");
        else
            es_buf_append(out, s + i, len);
        i += len;
    }
}

static void write_label(const abstract_num *a, long ilvl, es_buf *out)
{
    const level *lv = &a->lv[ilvl];
    const char *t = lv->text ? lv->text : "";
    size_t start = out->len;
    for (const char *p = t; *p;) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            long value = a->used[k] ? a->count[k] : a->lv[k].start;
            listnum_format(out, lv->legal ? "decimal" : a->lv[k].format, value);
            p += 2;
            continue;
        }
        const char *next = strchr(p + 1, '%');
        size_t n = next ? (size_t)(next - p) : strlen(p);
        put_label_text(out, p, n);
        p += n;
    }
    if (out->len == start)
        return;
    /* Word puts a tab (or a space) after the label; a label ending in a
     * Chinese mark (、 ） ．) needs no blank to read. */
    if (lv->suffix && strcmp(lv->suffix, "nothing") == 0)
        return;
    if ((unsigned char)out->data[out->len - 1] < 0x80)
        es_buf_putc(out, ' ');
}

void docx_numbering_label(docx_numbering *num, const xmlNode *ppr, es_buf *out)
{
    if (!num)
        return;
    long ilvl;
    long id = paragraph_list(num, ppr, &ilvl);
    num_inst *inst = id > 0 ? find_num(num, id) : NULL;
    abstract_num *a = inst ? definition_of(num, inst) : NULL;
    if (!a)
        return;
    count(a, inst, ilvl);
    write_label(a, ilvl, out);
}
