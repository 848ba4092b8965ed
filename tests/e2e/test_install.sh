# cmake --install puts the program, the Lua library, templates, data and
# the man page under a prefix; the installed program finds them from any
# folder. The man page and the help name every command and dot-command.
source "$(dirname "$0")/lib.sh"
build=$(dirname "$EDUSHELL")
P=$WORK/prefix
cmake --install "$build" --prefix "$P" >/dev/null || fail "cmake --install"
for f in bin/edushell share/edushell/scripts/edu.lua share/edushell/scripts/edu/repl.lua \
         share/edushell/scripts/templates/annual_report.html.tpl share/edushell/data/metrics.tsv \
         share/edushell/data/regions.tsv share/man/man1/edushell.1; do
  [ -e "$P/$f" ] || fail "not installed: $f"
done
[ ! -e "$P/share/edushell/scripts/setup.sh" ] || fail "setup.sh installed"
for m in edushell-formats.so edushell-xlsx.so; do
  [ -n "$(find "$P/lib"* -path '*/edushell/'"$m" 2>/dev/null)" ] || fail "not installed: the module $m"
done

# From another folder, with nothing pointing at the source tree.
out=$(cd / && env -u EDUSHELL_DATA -u EDUSHELL_SCRIPTS "$P/bin/edushell" --db "$WORK/i.db" -e 'print(#edu.metric.list() > 50)')
expect_eq "$out" true "the installed program's metric table"
(cd / && env -u EDUSHELL_DATA -u EDUSHELL_SCRIPTS "$P/bin/edushell" --db "$WORK/i.db" load "$SRC/data/sample" >/dev/null)
out=$(cd / && env -u EDUSHELL_DATA -u EDUSHELL_SCRIPTS "$P/bin/edushell" --db "$WORK/i.db" report annual_report --region 无锡 --year 2021 --out -)
expect_contains "$out" "# 无锡市 2021 年度教育指标报告"
# The modules from the prefix: a PDF read, a workbook written.
out=$(cd / && env -u EDUSHELL_DATA -u EDUSHELL_SCRIPTS "$P/bin/edushell" --db "$WORK/i.db" load \
      "$SRC/tests/fixtures/office/seed_002.pdf" 2>&1) || fail "the installed program loading a PDF: $out"
expect_contains "$out" "1 pdf"
(cd / && env -u EDUSHELL_DATA -u EDUSHELL_SCRIPTS "$P/bin/edushell" --db "$WORK/i.db" export indicators \
  --format xlsx --out "$WORK/i.xlsx") || fail "the installed program writing a workbook"
tpl=$("$P/bin/edushell" --db "$WORK/i.db" -e 'print(edu.report_path[1])')
expect_eq "$(cd "$tpl" && pwd -P)" "$(cd "$P/share/edushell/scripts/templates" && pwd -P)" "templates from the prefix"

# The man page: man -l shows it, and so does man with the prefix's man path.
page=$(MANPAGER=cat MANWIDTH=100 man -l "$P/share/man/man1/edushell.1" 2>/dev/null) || fail "man -l"
expect_contains "$page" "edushell - analysis shell for Chinese education work documents"
expect_contains "$(MANPAGER=cat man -M "$P/share/man" edushell 2>/dev/null)" "EXIT STATUS"
# Every command of --help and every dot-command of .help is in the man page.
for c in $("$EDUSHELL" --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 {print $1}'); do
  expect_contains "$page" "$c " "the man page (command $c)"
  "$EDUSHELL" "$c" --help >/dev/null || fail "$c --help"
done
for d in $(printf '.help\n' | "$EDUSHELL" --db "$WORK/i.db" | awk '$1 ~ /^\./ {print $1}'); do
  expect_contains "$page" "$d" "the man page (dot-command $d)"
done
echo ok
