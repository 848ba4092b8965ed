# The five bundled documents made into DOCX, ODT and PDF by LibreOffice
# here and now (not the fixtures of tests/fixtures/office: whatever version
# is installed), and into UTF-16 (both byte orders, with and without a byte
# order mark) and Big5 (traditional characters, by OpenCC and iconv), load
# with the figures of their text versions: the share of (value, unit,
# metric) figures matched is printed and must reach 97% (DOCX, ODT, the
# encodings) and 90% (PDF). Skipped (77) without soffice; the encodings
# without OpenCC are made all the same but for Big5.
source "$(dirname "$0")/lib.sh"
SEEDS=("$SRC"/data/sample/*.txt)

"$EDUSHELL" --db "$WORK/text.db" load "${SEEDS[@]}" >/dev/null 2>&1
"$EDUSHELL" --db "$WORK/text.db" export indicators --format jsonl --out "$WORK/text.jsonl"

# expect_figures NAME MIN_PERCENT FILE...: the files' figures against the
# text's, each file loaded as a document of its own.
expect_figures() {
  local name=$1
  figures_against_text "$@"
  shift 2
  expect_contains "$(cat "$WORK/$name.err")" "loaded $# new" "$name load"
}

# UTF-16 needs nothing but iconv.
mkdir "$WORK/enc"
for f in "${SEEDS[@]}"; do
  b=$(basename "$f" .txt)
  iconv -f UTF-8 -t UTF-16LE "$f" >"$WORK/enc/$b.utf16le.txt"
  iconv -f UTF-8 -t UTF-16BE "$f" >"$WORK/enc/$b.utf16be.txt"
  { printf '\377\376'; cat "$WORK/enc/$b.utf16le.txt"; } >"$WORK/enc/$b.utf16le-bom.txt"
  { printf '\376\377'; cat "$WORK/enc/$b.utf16be.txt"; } >"$WORK/enc/$b.utf16be-bom.txt"
done
for v in utf16le utf16be utf16le-bom utf16be-bom; do
  expect_figures "$v" 97 "$WORK"/enc/*."$v".txt
done

# Big5: the seeds in Taiwan's traditional characters (OpenCC), then Big5
# (iconv; a character Big5 lacks, a bullet or a no-break space, is
# transliterated). Raw text keeps the traditional characters.
if command -v opencc >/dev/null; then
  for f in "${SEEDS[@]}"; do
    b=$(basename "$f" .txt)
    opencc -c s2tw -i "$f" -o "$WORK/enc/$b.tw.txt"
    iconv -f UTF-8 -t BIG5//TRANSLIT "$WORK/enc/$b.tw.txt" >"$WORK/enc/$b.big5.txt" ||
      fail "iconv could not write $b in Big5"
  done
  expect_figures big5 97 "$WORK"/enc/*.big5.txt
  enc=$(edu "$WORK/big5.db" 'for _, r in ipairs(edu.sql("SELECT DISTINCT encoding FROM documents")) do print(r.encoding) end')
  expect_eq "$enc" big5 "encoding of the Big5 documents"
  expect_eq "$(edu "$WORK/big5.db" 'print(edu.sql("SELECT count(*) AS n FROM documents WHERE text LIKE ?1", "%學%")[1].n)')" 5 \
    "documents keeping their traditional characters"
  # Regions are found through the folding, as in the text versions.
  regions() { edu "$1" 'for _, r in ipairs(edu.sql("SELECT region FROM documents ORDER BY name")) do print(r.region) end'; }
  expect_eq "$(regions "$WORK/big5.db")" "$(regions "$WORK/text.db")" "regions of the Big5 documents"
else
  echo "opencc not installed: Big5 versions not made"
fi

command -v soffice >/dev/null || { echo "soffice not installed: LibreOffice versions not made"; exit 77; }
# A private profile: no clash with a running office or another test.
mkdir "$WORK/office"
convert() {  # convert FORMAT[:FILTER] FILE...: the text files (UTF-8) into $WORK/office
  local fmt=$1; shift
  timeout 300 soffice -env:UserInstallation="file://$WORK/profile" --headless --norestore \
    --infilter="Text (encoded):UTF8" --convert-to "$fmt" --outdir "$WORK/office" "$@" \
    >>"$WORK/soffice.log" 2>&1 || fail "soffice: $(cat "$WORK/soffice.log")"
  local f
  for f in "$@"; do
    [ -s "$WORK/office/$(basename "$f" .txt).${fmt%%:*}" ] || fail "soffice made no ${fmt%%:*} of $f: $(cat "$WORK/soffice.log")"
  done
}
convert 'docx:MS Word 2007 XML' "${SEEDS[@]}"
convert odt "${SEEDS[@]}"
convert pdf:writer_pdf_Export "${SEEDS[@]}"
expect_figures docx 97 "$WORK"/office/*.docx
expect_figures odt 97 "$WORK"/office/*.odt
expect_figures pdf 90 "$WORK"/office/*.pdf
formats=$(edu "$WORK/pdf.db" 'for _, r in ipairs(edu.sql("SELECT DISTINCT format FROM documents")) do print(r.format) end')
expect_eq "$formats" pdf "stored format"
echo ok
