-- edushell database schema, version 11 (PRAGMA user_version). es_store_open
-- creates it in a new database and brings an older one up to it
-- (store_schema.c); a database at this version is opened without writing.
-- Every statement is idempotent. Offsets (start, end) are byte offsets into
-- documents.text, the raw UTF-8 text as decoded, the only copy of the text.

CREATE TABLE IF NOT EXISTS documents (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL UNIQUE,   -- absolute file path; CSV rows add "#row"
    name          TEXT NOT NULL,          -- file name (CSV rows: "file.csv#row")
    sha256        TEXT NOT NULL,          -- of text
    format        TEXT NOT NULL,          -- text | html | csv | docx | odt | pdf | xlsx | ods | doc | xls | wps | rtf
    encoding      TEXT NOT NULL,          -- of the file's bytes: utf-8 | gb18030 | utf-16le | utf-16be | big5
    title         TEXT,
    region        TEXT,
    region_level  TEXT,                   -- province | prefecture | county
    province      TEXT,
    year          INTEGER,
    kind          TEXT,                   -- plan | summary | midyear | progress | stats | gov-report | report | other
    issuer        TEXT,
    issued        TEXT,                   -- ISO date
    meta          TEXT,                   -- JSON object of CSV columns
    text          TEXT NOT NULL,
    loaded_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    first_sentence INTEGER,               -- its sentences' ids, first and last (NULL: none);
    last_sentence  INTEGER                --   a document's sentences have ids in a row
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
-- By region, each region's documents in the order of their names (the
-- order lists show them in), with the year to filter on.
CREATE INDEX IF NOT EXISTS documents_region_name ON documents(region, name, year);

-- Sections are spans of their document's text too: start..end is the
-- heading line; the view `sections` adds its text as `heading`.
CREATE TABLE IF NOT EXISTS section_spans (
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL,         -- documents.id
    seq         INTEGER NOT NULL,         -- order in the document, from 0
    level       INTEGER NOT NULL,         -- 1 一、  2 （一）  3 1．  4 一是
    parent_seq  INTEGER,                  -- seq of the enclosing section
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sections_doc ON section_spans(doc_id);

CREATE VIEW IF NOT EXISTS sections AS
SELECT s.id, s.doc_id, s.seq, s.level, s.parent_seq, s.start, s.end,
       CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT) AS heading
FROM section_spans s JOIN documents d ON d.id = s.doc_id;

-- Sentences are spans of their document's text; the view `sentences` adds
-- the text of each.
CREATE TABLE IF NOT EXISTS sentence_spans (
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL,         -- documents.id
    seq         INTEGER NOT NULL,
    section_seq INTEGER,
    paragraph   INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL
);
-- No index by document: a document's sentences are the ids from its
-- first_sentence to its last_sentence, found by the table's own key (an
-- index would be one more entry to write for every sentence).

-- substr counts bytes in a BLOB: the span's bytes, then read as text. A
-- query naming the document (doc_id = ?) reads its range of ids; one
-- naming the sentence, its document by id.
CREATE VIEW IF NOT EXISTS sentences AS
SELECT s.id, d.id AS doc_id, s.seq, s.section_seq, s.paragraph, s.start, s.end,
       CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT) AS text
FROM documents d JOIN sentence_spans s
  ON s.doc_id = d.id AND s.id BETWEEN d.first_sentence AND d.last_sentence;

CREATE TABLE IF NOT EXISTS indicators (
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL,         -- documents.id
    sentence_id INTEGER,                  -- sentence_spans.id
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    number      TEXT NOT NULL,            -- the quantity as written
    metric      TEXT NOT NULL,
    value       REAL NOT NULL,
    value_hi    REAL,                     -- upper bound of a range
    unit        TEXT NOT NULL,
    kind        TEXT NOT NULL,            -- actual | target | change | rank
    cmp         TEXT NOT NULL,            -- = >= > <= < ~
    scope       TEXT,                     -- ranks: 全省 全国 全市
    year        INTEGER,                  -- the year the figure is about (period_end)
    metric_id   TEXT,                     -- canonical metric (metrics.id), NULL if none
    period_start INTEGER,                 -- first and last year the figure covers: both the
    period_end  INTEGER,                  --   year for an annual figure, 2021 and 2025 for 五年来
    basis       TEXT NOT NULL DEFAULT 'annual',  -- annual | average (年均) | cumulative (累计, 五年来)
    subject     TEXT,                     -- the part of the region it is about (武汉都市圈), NULL: all of it
    table_seq   INTEGER,                  -- read from a table: which (from 0), its row and column
    cell_row    INTEGER,                  --   (from 0) and the workbook sheet; NULL from running text
    cell_col    INTEGER,
    sheet       TEXT,
    page        INTEGER,                  -- page of a paged source (PDF), from 1
    phrase_id   INTEGER                   -- metric_phrases.id of metric
);
-- What the analysis functions ask first: a canonical metric (rank,
-- series, compare: the figures index holds every column they read, so
-- they never visit the table; only figures with a canonical metric, about
-- a fifth, are in it: every query it serves names one, and the load
-- writes the others' entries no more), a document's figures of a year and
-- kind (plan vs actual, a region's year), and the rank claims on their own
-- (kind too, though always 'rank': a query naming it is then answered from
-- the index alone). Every index is one more entry a load writes for each
-- figure: none is kept that no query needs (figures by kind alone: every
-- call names a region, a metric or a document first).
CREATE INDEX IF NOT EXISTS indicators_doc ON indicators(doc_id, year, kind, metric_id);
-- A metric filter's figures, by the phrases it finds (metric_phrases),
-- with the document a filter by region joins on and the place in it that
-- rows are listed by: the table is read only for the rows returned. The
-- index is by documents' bucket first (1,024 documents to a bucket, by
-- id) so that a load adds to the end of it, as the other indexes on
-- indicators by doc_id: by phrase first, a batch's figures would change
-- every page of the index, its whole size written again at each commit.
-- A filter asks each bucket (document_buckets) for each phrase found.
CREATE INDEX IF NOT EXISTS indicators_phrase ON indicators(doc_id >> 10, phrase_id, doc_id, start);
CREATE VIEW IF NOT EXISTS document_buckets AS
WITH RECURSIVE b(bucket) AS (
    SELECT min(id) >> 10 FROM documents
    UNION ALL SELECT bucket + 1 FROM b WHERE bucket < (SELECT max(id) >> 10 FROM documents))
SELECT bucket FROM b;
-- The figures of canonical metrics, by bucket of documents first too: by
-- metric first, a batch's figures went to thousands of places all over
-- the index, which outgrew the page cache (at 1 GiB the load took 13 s
-- longer with it than without; by bucket, about as long as the other
-- indexes). A query names the buckets (document_buckets) and a metric;
-- the rows come by bucket, which the analysis functions do not mind: they
-- pick and order the candidates themselves.
CREATE INDEX IF NOT EXISTS indicators_figures ON indicators(
    doc_id >> 10, metric_id, kind, basis, year, period_start, subject, doc_id, unit, cmp, start, value,
    value_hi) WHERE metric_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS indicators_claims ON indicators(
    doc_id, scope, year, value, start, cmp, unit, metric, number, kind) WHERE kind = 'rank';
-- A document's targets (plan versus actual) with every column read of
-- them, a year's in the order the document states them.
CREATE INDEX IF NOT EXISTS indicators_targets ON indicators(
    doc_id, year, start, metric_id, metric, value, value_hi, unit, cmp) WHERE kind = 'target';

-- How many figures each canonical metric has (edu.metric.list): counting
-- them at each call read the index of figures, a fifth of all figures,
-- and grew with the corpus. The store adds a document's figures as it
-- stores them and counts them all again when it links figures to other
-- metrics; the trigger documents_children takes a removed document's
-- figures off. Per-figure triggers would cost a load twice its time.
CREATE TABLE IF NOT EXISTS metric_counts (
    metric_id   TEXT PRIMARY KEY,
    n           INTEGER NOT NULL
) WITHOUT ROWID;

-- Each distinct metric phrase once (indicators.phrase_id names it): a
-- corpus has some thousands where it has millions of figures. The load
-- adds a phrase the first time a figure names it and never removes one
-- (another document may name it again).
CREATE TABLE IF NOT EXISTS metric_phrases (
    id          INTEGER PRIMARY KEY,
    phrase      TEXT NOT NULL UNIQUE
);

-- Full-text search over metric phrases, by pairs of characters
-- (core/store/fts_bigram.c). The index keeps which phrases hold a pair,
-- not where (detail=none), nor token counts (columnsize=0). A search for
-- words of one or two characters is answered by the index alone; a longer
-- word's pairs give the phrases that may hold it, and
-- edu_bigram_contains() on their text keeps those that do; the figures
-- are then those of the phrases found (indicators_phrase). The store
-- adds a phrase to the index as it adds it to the table (no trigger: the
-- sqlite3 shell, without the tokenizer, could then alter no table). The
-- tokenizer is registered on every connection the program opens.
--
-- The sentences' index takes the same pairs but is an index of its own,
-- written a chunk of sentences at a time as sorted lists of ids, in a file
-- of its own beside this one, "<database>-search", by its own connection on
-- its own thread (core/store/search_index.h); every connection of the
-- program attaches it as `search` and reads it through the table-valued
-- function edu_sentence_search(text), and the view search_through says up
-- to which sentence id it answers alone.
CREATE VIRTUAL TABLE IF NOT EXISTS metric_phrases_fts USING fts5(
    phrase, content='metric_phrases', content_rowid='id', tokenize='edu_bigram',
    detail=none, columnsize=0);

-- The text of each removed sentence, until the search file has taken it
-- out of its index (which needs the text to do so). Sentence ids are
-- never used twice (settings.sentence_high), so an id the index holds
-- always means the same text.
CREATE TABLE IF NOT EXISTS search_removed (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    sentence_id INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS documents_unindex BEFORE DELETE ON documents BEGIN
    INSERT INTO search_removed(sentence_id, text)
    SELECT s.id, CAST(substr(CAST(old.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)
    FROM sentence_spans s
    WHERE s.id BETWEEN old.first_sentence AND old.last_sentence AND s.doc_id = old.id ORDER BY s.id;
END;

-- A document's sections, sentences and figures go with it. A trigger, not
-- foreign keys: SQLite checks a foreign key at every row a load inserts,
-- and a cascade from sentences to figures would look for the figures of
-- each removed sentence in the whole table. Each delete here finds the
-- rows by an index whose first column is doc_id, or by their ids.
CREATE TRIGGER IF NOT EXISTS documents_children AFTER DELETE ON documents BEGIN
    UPDATE metric_counts SET n = n - (SELECT count(*) FROM indicators i
                                      WHERE i.doc_id = old.id AND i.metric_id = metric_counts.metric_id)
    WHERE metric_id IN (SELECT metric_id FROM indicators WHERE doc_id = old.id);
    DELETE FROM indicators WHERE doc_id = old.id;
    DELETE FROM sentence_spans
    WHERE id BETWEEN old.first_sentence AND old.last_sentence AND doc_id = old.id;
    DELETE FROM section_spans WHERE doc_id = old.id;
END;

-- Report runs (scheduled or by hand), newest last.
CREATE TABLE IF NOT EXISTS runs (
    id          INTEGER PRIMARY KEY,
    template    TEXT NOT NULL,
    args        TEXT,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    status      TEXT NOT NULL,            -- running | ok | failed
    output      TEXT,
    error       TEXT
);

-- Canonical metrics: data/metrics.tsv (origin 'file') and definitions made
-- from Lua (origin 'user'). aliases are separated by '|'.
CREATE TABLE IF NOT EXISTS metrics (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    aliases     TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL DEFAULT 'higher',   -- higher | lower is better
    origin      TEXT NOT NULL DEFAULT 'user'
);

-- Small facts about the database itself (the metric table's hash ...).
CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);
-- search_id: which database a search file belongs to (a copy keeps it);
-- sentence_high: the highest sentence id ever given.
INSERT OR IGNORE INTO settings(key, value) VALUES ('search_id', lower(hex(randomblob(8))));
INSERT OR IGNORE INTO settings(key, value)
    SELECT 'sentence_high', coalesce(max(id), 0) FROM sentence_spans;

-- Every indicator with what analysts ask of its document and sentence:
-- edu.explain and the Lua library read this view.
CREATE VIEW IF NOT EXISTS indicator_rows AS
SELECT i.id, i.doc_id, d.name AS doc, d.region, d.region_level AS level, d.province,
       d.kind AS doc_kind, d.year AS doc_year, d.title AS doc_title,
       i.start, i.end, i.number, i.metric, i.metric_id, i.value, i.value_hi, i.unit,
       i.kind, i.cmp, i.scope, i.year, i.period_start, i.period_end, i.basis, i.subject,
       i.table_seq, i.cell_row, i.cell_col, i.sheet, i.page, i.sentence_id, i.phrase_id,
       (SELECT CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)
        FROM sentence_spans s WHERE s.id = i.sentence_id) AS sentence
FROM indicators i
JOIN documents d ON d.id = i.doc_id;

-- Every document with its indicator count.
CREATE VIEW IF NOT EXISTS document_rows AS
SELECT d.id, d.path, d.name, d.title, d.region, d.region_level, d.province, d.year, d.kind,
       d.issuer, d.issued, d.sha256, d.format, d.encoding, d.loaded_at,
       (SELECT count(*) FROM indicators i WHERE i.doc_id = d.id) AS indicators
FROM documents d;
