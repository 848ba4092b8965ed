# The program links only what every run needs: the document libraries
# (poppler, libxml2, libzip, uchardet) are in the formats module and
# libxlsxwriter in the spreadsheet module, loaded by the first document or
# workbook that needs them. Checked on the executable's NEEDED entries and
# on what a running process has mapped; then every lazy path is taken, and
# a missing or broken module is one line naming the file and the reason.
source "$(dirname "$0")/lib.sh"
build=$(dirname "$EDUSHELL")
OFFICE=$SRC/tests/fixtures/office
HEAVY='poppler|xml2|libzip|uchardet|xlsxwriter|minizip|glib|gio-|cairo|icu|crypto|stdc\+\+'

needed=$(readelf -d "$EDUSHELL" | awk '/NEEDED/ {print $NF}')
[ -n "$needed" ] || fail "readelf found no NEEDED entries"
heavy=$(printf '%s\n' "$needed" | grep -E "$HEAVY" || true)
[ -z "$heavy" ] || fail "the program links document libraries: $heavy"
for m in edushell-formats.so edushell-xlsx.so; do
  [ -f "$build/$m" ] || fail "$m is not built beside the program"
done
readelf -d "$build/edushell-formats.so" | grep -q 'libpoppler-glib' || fail "the formats module lacks poppler-glib"
readelf -d "$build/edushell-xlsx.so" | grep -q 'libxlsxwriter' || fail "the spreadsheet module lacks libxlsxwriter"

# What a process has mapped, from inside it: the libraries that match.
MAPPED='local seen = {}
for line in io.lines("/proc/self/maps") do
  local lib = line:match("/([^/]*%.so[^/]*)$")
  if lib and (lib:find("poppler") or lib:find("xml2") or lib:find("libzip") or lib:find("uchardet")
      or lib:find("xlsxwriter") or lib:find("edushell%-")) then seen[lib] = true end
end
local names = {}
for k in pairs(seen) do names[#names + 1] = k end
table.sort(names)
return table.concat(names, " ")'
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null
out=$(edu "$DB" "print((load([[$MAPPED]]))())
print(#edu.indicators{}, #edu.search('幼儿园'), #edu.docs{region = '无锡市'})")
expect_eq "$(printf '%s\n' "$out" | head -1)" "" "libraries mapped by a query run"

# Each kind of document takes the module's path, in one process (a new
# database: every text is new); after the first the module is mapped, with
# its libraries.
DB=$WORK/formats.db
out=$(edu "$DB" "local docs, errors = edu.load('$OFFICE/seed_002.pdf', '$OFFICE/features.docx',
  '$OFFICE/table.html', '$SRC/tests/fixtures/good/gbk_plan.txt', '$OFFICE/table.xlsx', '$OFFICE/table.odt')
for _, d in ipairs(docs) do print(d.name, d.status, d.indicators > 0) end
for _, e in ipairs(errors) do print('error', e) end
print((load([[$MAPPED]]))())")
for f in seed_002.pdf features.docx table.html gbk_plan.txt table.xlsx table.odt; do
  expect_contains "$out" "$f	added	true" "the lazy load of $f"
done
expect_not_contains "$out" "error"
expect_contains "$out" "edushell-formats.so" "the mapped libraries after a PDF"
expect_contains "$out" "poppler" "the mapped libraries after a PDF"
expect_not_contains "$out" "xlsxwriter" "the mapped libraries before any workbook is written"
formats=$(edu "$DB" "print(edu.sql[[SELECT group_concat(DISTINCT format) AS f FROM (SELECT format FROM documents ORDER BY format)]][1].f)")
expect_eq "$formats" "docx,html,odt,pdf,text,xlsx" "the formats stored"
edu "$DB" "print(edu.sql[[SELECT encoding FROM documents WHERE name = 'gbk_plan.txt']][1].encoding)" |
  grep -qi 'gb' || fail "gbk_plan.txt was not decoded as GB18030"
"$EDUSHELL" --db "$DB" export indicators --format xlsx --out "$WORK/i.xlsx" || fail "xlsx export"
python3 "$SRC/tests/e2e/xlsx_read.py" "$WORK/i.xlsx" >/dev/null || fail "the exported workbook does not read"

# The program without its modules (a copy in a folder of its own): text
# and CSV still load; a PDF, a DOCX, an HTML page, GBK text and a workbook
# each fail with one line naming the missing module, and nothing crashes.
mkdir -p "$WORK/bin"
cp "$EDUSHELL" "$WORK/bin/edushell"
export EDUSHELL_DATA=$SRC/data EDUSHELL_SCRIPTS=$SRC/scripts
lone() { "$WORK/bin/edushell" --db "$WORK/lone.db" "$@"; }
lone load "$SRC/data/sample" >/dev/null || fail "text without the modules"
lone load "$SHARED/corpus/provinces-2026/2026_江苏省_政府工作报告.csv" >/dev/null || fail "CSV without the modules"
for f in "$OFFICE/seed_002.pdf" "$OFFICE/features.docx" "$OFFICE/table.html" "$SRC/tests/fixtures/good/gbk_plan.txt"; do
  status=0
  err=$(lone load "$f" 2>&1 >/dev/null) || status=$?
  expect_eq "$status" 1 "the exit status of $(basename "$f") without the formats module"
  expect_contains "$err" "$(basename "$f")" "the error of $(basename "$f")"
  expect_contains "$err" "edushell-formats.so is missing" "the error of $(basename "$f")"
  expect_eq "$(printf '%s\n' "$err" | grep -c 'edushell-formats')" 1 "lines naming the module"
done
status=0
err=$(lone export indicators --format xlsx --out "$WORK/lone.xlsx" 2>&1) || status=$?
expect_eq "$status" 1 "the exit status of an xlsx export without the spreadsheet module"
expect_contains "$err" "edushell-xlsx.so is missing"
# A broken module: the loader's reason, still one line per document.
echo 'not a shared object' >"$WORK/bin/edushell-formats.so"
status=0
err=$(lone load "$OFFICE/seed_002.pdf" 2>&1 >/dev/null) || status=$?
expect_eq "$status" 1 "the exit status with a broken formats module"
expect_contains "$err" "cannot load $WORK/bin/edushell-formats.so"
expect_eq "$(printf '%s\n' "$err" | wc -l)" 2 "lines of a load with a broken module (the error, the summary)"
echo ok
