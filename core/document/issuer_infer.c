/* The issuing body: the organisation that signs a document.
 *
 * Official documents name it on a line of its own, in the letterhead at
 * the top (太仓市教育局) or above the date at the end; joint issues put
 * several names on that line (中共无锡市委教育工作委员会 无锡市教育局). */
#include "meta_infer.h"

#include <string.h>

#include "edushell/base/common.h"
#include "spans.h"

/* Endings of the names of bodies that issue education documents. */
static const char *const issuer_endings[] = {
    "教育局", "教育厅", "教育委员会", "教育工作委员会", "教育体育局", "教育和体育局",
    "教体局", "教委", "人民政府", "办公厅",
};

/* Lines starting so address or copy the document, they do not sign it. */
static const char *const not_issuer_starts[] = {"抄", "主送", "各", "附件", "来源", "发布机构"};

/* Punctuation that makes a line a sentence or a list of addressees. */
static const char *const issuer_breaks[] = {",", "。", ":", "、", ";", "《"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define ISSUER_MAX_CHARS 40
/* The signature sits within the last lines of a document. */
#define SIGNATURE_TAIL_BYTES 1500

static int is_issuer_line(const meta_line *l)
{
    if (l->len == 0 || es_u8_count(l->s, l->len) > ISSUER_MAX_CHARS)
        return 0;
    for (size_t i = 0; i < COUNT(not_issuer_starts); i++)
        if (meta_starts(l->s, l->len, not_issuer_starts[i]))
            return 0;
    for (size_t i = 0; i < COUNT(issuer_breaks); i++)
        if (meta_find(l->s, l->len, issuer_breaks[i]))
            return 0;
    for (size_t i = 0; i < COUNT(issuer_endings); i++)
        if (meta_ends(l->s, l->len, issuer_endings[i]))
            return 1;
    return 0;
}

char *es_collapse_blanks(const char *text, size_t len)
{
    es_buf out = {0};
    size_t at = 0, n;
    while (at < len) {
        if ((n = es_blank_len(text + at, len - at)) > 0) {
            while ((n = es_blank_len(text + at, len - at)) > 0)
                at += n;
            es_buf_putc(&out, ' ');
        } else {
            es_buf_putc(&out, text[at++]);
        }
    }
    return es_buf_take(&out, NULL);
}

int es_infer_issuer(const char *text, size_t len, meta_span *issuer)
{
    size_t head = len < ES_META_HEAD_BYTES ? len : ES_META_HEAD_BYTES;
    size_t tail = len > SIGNATURE_TAIL_BYTES ? len - SIGNATURE_TAIL_BYTES : 0;
    size_t pos = 0;
    meta_line l, last = {0};
    int found_last = 0;
    while (meta_line_next(text, len, &pos, &l)) {
        if (l.offset < head && is_issuer_line(&l)) {
            *issuer = (meta_span){l.offset, l.offset + l.len};
            return 1;
        }
        if (l.offset >= tail && is_issuer_line(&l)) {
            last = l;
            found_last = 1;
        }
    }
    if (found_last)
        *issuer = (meta_span){last.offset, last.offset + last.len};
    return found_last;
}
