# Every format bureaus publish: the seeds as DOCX, ODT and PDF (made by
# LibreOffice) and in UTF-16 and Big5 load with the figures of their text
# versions; scans, encrypted files, legacy binary files and cut zips each
# get one clear error and leave nothing behind; a directory's notes and data
# files are skipped and counted.
source "$(dirname "$0")/lib.sh"
FIX=$SRC/tests/fixtures/office

"$EDUSHELL" --db "$WORK/text.db" load "$SRC/data/sample" >/dev/null 2>&1
"$EDUSHELL" --db "$WORK/text.db" export indicators --format jsonl --out "$WORK/text.jsonl"


figures_against_text docx 97 "$FIX"/seed_00?.docx
figures_against_text odt 97 "$FIX"/seed_00?.odt
figures_against_text pdf 90 "$FIX"/seed_00?.pdf
for v in utf16le utf16be utf16le-bom utf16be-bom big5; do
  figures_against_text "$v" 97 "$FIX/seed_002.$v.txt"
done
# Traditional characters stay as written; regions and metrics still match.
big5=$(edu "$WORK/big5.db" 'local d = edu.sql("SELECT region, encoding FROM documents")[1]; print(d.region, d.encoding)
  print(edu.sql("SELECT count(*) AS n FROM documents WHERE text LIKE ?1", "%幼兒園%")[1].n)')
expect_eq "$big5" $'无锡市\tbig5\n1' "Big5 document"
formats=$(edu "$WORK/pdf.db" 'for _, r in ipairs(edu.sql("SELECT DISTINCT format, encoding FROM documents")) do print(r.format, r.encoding) end')
expect_eq "$formats" $'pdf\tutf-8' "stored format"

# Refused: one line naming the file and the reason, exit 1, nothing kept.
good=$SRC/data/sample/002_218492bfd16679c2.txt
refused() {  # refused FILE REASON
  local status=0 out
  rm -f "$WORK/bad.db"*
  out=$("$EDUSHELL" --db "$WORK/bad.db" load "$FIX/$1" "$good" 2>&1 >/dev/null) || status=$?
  [ "$status" -eq 1 ] || fail "$1: exit status $status"
  local line
  line=$(printf '%s\n' "$out" | grep -F "$1") || fail "$1: no error naming it: $out"
  expect_eq "$(printf '%s\n' "$line" | wc -l | tr -d ' ')" 1 "error lines for $1"
  expect_contains "$line" "$2" "error for $1"
  expect_eq "$(edu "$WORK/bad.db" 'for _, d in ipairs(edu.docs()) do print(d.name) end')" \
    "002_218492bfd16679c2.txt" "documents after $1"
}
refused scanned.pdf "scanned PDF"
refused encrypted_userpw.pdf "encrypted PDF: it needs a password"
refused no_unicode.pdf "PDF text layer gives no readable characters"
refused encrypted.docx "password-protected Office document"
refused encrypted.odt "password-protected OpenDocument file"
refused seed_002.doc "Word 97-2003 document (.doc)"
refused table.xls "Excel 97-2003 workbook (.xls)"
refused truncated.docx "not a complete zip archive"
refused truncated.xlsx "not a complete zip archive"
# Restricted by an owner password only (no copying, no printing): it loads.
out=$("$EDUSHELL" --db "$WORK/owner.db" load "$FIX/owner_only.pdf" 2>&1) || fail "owner_only.pdf: $out"
expect_contains "$out" $'owner_only.pdf\t无锡市\t'
expect_contains "$out" "1 new"

# A directory: documents by content, the rest skipped and counted.
mkdir -p "$WORK/downloads/附件"
cp "$FIX/seed_002.docx" "$FIX/table.html" "$WORK/downloads/"
cp "$FIX/owner_only.pdf" "$WORK/downloads/附件/download"     # a PDF without an extension
printf '{"title": "2023年"}\n' >"$WORK/downloads/a.jsonl"
printf '{"title": "2024年"}\n' >"$WORK/downloads/b.jsonl"
printf '# 笔记\n新增学位5000个\n' >"$WORK/downloads/notes.md"
out=$("$EDUSHELL" --db "$WORK/dir.db" load "$WORK/downloads" 2>&1)
expect_contains "$out" "skipped 3 files: 2 .jsonl, 1 .md"
expect_contains "$out" "loaded 3 new, 0 replaced, 0 unchanged, 0 errors"
expect_contains "$out" "1 html, 1 docx, 1 pdf"
# A file named is always tried.
"$EDUSHELL" --db "$WORK/dir.db" load "$WORK/downloads/notes.md" >/dev/null 2>&1 || fail "a named .md file is not loaded"
# The web pages' folder keeps its manifest beside the pages.
out=$("$EDUSHELL" --db "$WORK/pages.db" load "$SHARED/corpus/pages" 2>&1 >/dev/null)
expect_contains "$out" "skipped 1 file: 1 .tsv"
expect_eq "$(edu "$WORK/pages.db" 'print(#edu.docs{name = "manifest.tsv"})')" 0 "manifest.tsv loaded"

"$EDUSHELL" --help | grep -q "DOCX, ODT, PDF, XLSX, ODS" || fail "--help does not list the formats"

# Legacy formats converted on request, where LibreOffice is installed.
if command -v soffice >/dev/null; then
  figures_against_text converted 97 --convert "$FIX/seed_002.doc"
  expect_eq "$(edu "$WORK/converted.db" 'print(edu.sql("SELECT format FROM documents")[1].format)')" doc "converted document's format"
else
  echo "soffice not installed: load --convert not tested"
fi
echo ok
