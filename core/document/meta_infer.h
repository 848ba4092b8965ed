/* The pieces of metadata inference (see edushell/metadata.h), each from
 * the normalized view of the text alone, where ，：；（） have become
 * ASCII; metadata.c combines them with the source's hints and copies the
 * strings it keeps (title, issuer) from the raw text. */
#ifndef EDUSHELL_META_INFER_H
#define EDUSHELL_META_INFER_H

#include <stddef.h>

#include "edushell/document/gazetteer.h"

/* How much of a document its front matter (title, issuer, cover letter)
 * can occupy. */
#define ES_META_HEAD_BYTES 4000

/* A span of the view: [start, end). */
typedef struct meta_span {
    size_t start, end;
} meta_span;

/* The document's own title line; 0 when there is none. For a cover letter
 * that issues another document (关于印发《…》的通知) the issued document's
 * title. */
int es_infer_title(const char *text, size_t len, meta_span *title);

/* ES_KIND_* named by a title, or NULL. */
const char *es_kind_of_title(const char *title);
/* ES_KIND_* named by the headings near the top of the text, or NULL. */
const char *es_kind_of_headings(const char *text, size_t len);
/* ES_KIND_* of a document: its title (may be NULL), its opening lines, its
 * headings, the marks of news, its shape; NULL when none says. */
const char *es_infer_kind(const char *text, size_t len, const char *title);

/* The year a title names (2021年…, 2021年度…): of a range the last
 * (行动计划(2017—2020年)) or for a school year the first (2024-2025学年);
 * else the last year of a five-year plan it names (“十四五”发展规划: 2025);
 * 0 when none. `kind` is the document's ES_KIND_* or NULL. */
int es_year_of_title(const char *title, const char *kind);
/* The last year of the first five-year plan named in s[0..len) (十四五:
 * 2025), 0 when none. */
int es_period_end_in(const char *s, size_t len);
/* The last year of a five-year period a heading near the top names with
 * what it says of it (回顾:“十三五”时期…), or 0. */
int es_year_of_period_heading(const char *text, size_t len);
/* The year of a date standing alone on a line near the top or right under
 * the title that ends at title_end (0 for none), as a report's
 * ((2019年8月31日)); 0 when there is none. */
int es_year_of_dateline(const char *text, size_t len, size_t title_end);
/* The most frequent year near the top of the text, leaving out the ends of
 * ranges (2020-2022年) and dates (2022年3月10日); 0 when none. */
int es_year_of_text(const char *text, size_t len);

/* The year of the session a government work report was delivered at: the
 * date before 人民代表大会 near the top (——2026年1月27日在海南省第七届
 * 人民代表大会第五次会议上). A report is about the year it opens; 0 when
 * there is no such date. */
int es_year_of_session(const char *text, size_t len);

/* A date at s: 2022年3月10日, 2024-04-10, 2024/4/10 or 2024.04.10. Returns
 * the bytes it takes, 0 when there is none or it is not a real date. */
size_t es_meta_parse_date(const char *s, size_t len, int *year, int *month, int *day);
/* 2022-03-10, malloc'd. */
char *es_meta_iso_date(int year, int month, int day);
/* The date the document was issued: a 发文日期 (成文日期) field or a
 * signature line holding only a date; NULL when none. */
char *es_infer_issued(const char *text, size_t len);

/* The issuing body from the head or the signature: a short line of
 * organisation names ending in 教育局, 教育厅, 人民政府, ...; 0 when none. */
int es_infer_issuer(const char *text, size_t len, meta_span *issuer);

/* text[0..len) with each run of blanks made one space, malloc'd. */
char *es_collapse_blanks(const char *text, size_t len);

/* How often a text uses the words that say whom it speaks for: its own
 * (我市, 本县) and its scope (全市), not counting scopes it ranks in
 * (全省第一), and the scope words alone however they are used. Counted in
 * one pass, for the region and the level inferences both. */
#define META_LEVEL_WORDS 16
#define META_SCOPE_WORDS 4
typedef struct meta_scope_counts {
    size_t level[META_LEVEL_WORDS];
    size_t scope[META_SCOPE_WORDS];
} meta_scope_counts;
void es_count_scope_words(const char *text, size_t len, meta_scope_counts *counts);

/* The level a document speaks for by its own words (我市, 全县), from their
 * counts; 0 when it says none. *ending gets the character of that kind of
 * division (a pointer to 市, 县...), NULL for none. */
es_level es_infer_scope_level(const meta_scope_counts *counts, const char **ending);

/* Index of the region the document is about, -1 when it names none. The
 * title and issuer (either may be NULL) weigh more than the body; the
 * counts are of the text's scope words. */
long es_infer_region(const es_gazetteer *gz, const char *text, size_t len,
                     const char *title, const char *issuer, const meta_scope_counts *counts);

#endif
