# The shell as sqlite3's users know it: output options and dot-commands in
# piped input and .read files, and at a terminal (shell_pty.py).
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null 2>&1
S() { "$EDUSHELL" --db "$DB" "$@"; }

# Options: -csv -json -jsonl -markdown -box -table -line -list -tabs -header -noheader -separator
expect_eq "$(S -csv -e 'print(edu.docs{limit = 1})')" \
  $'id,name,region,level,year,kind,title,indicators\r\n1,000_b6db7edfdf7e32f2.txt,无锡市,prefecture,2021,summary,2021年全市教育工作总结,164' "-csv"
expect_eq "$(S -csv -noheader -e 'print(edu.docs{limit = 1})')" "1,000_b6db7edfdf7e32f2.txt,无锡市,prefecture,2021,summary,2021年全市教育工作总结,164" "-noheader"
expect_contains "$(S -json -e 'print(edu.docs{limit = 1})')" '[{"id":1,"name":"000_b6db7edfdf7e32f2.txt"'
expect_eq "$(S -jsonl -e 'print(edu.docs{limit = 2})' | wc -l)" 2 "-jsonl"
expect_contains "$(S -markdown -e 'print(edu.docs{limit = 1})')" "| 1 | 000_b6db7edfdf7e32f2.txt | 无锡市 |"
expect_contains "$(S -box -e 'print(edu.docs{limit = 1})')" "│ id │ name"
expect_contains "$(S -table -e 'print(edu.docs{limit = 1})')" "+----+--"
expect_contains "$(S -line -e 'print(edu.docs{limit = 1})')" "region = 无锡市"
expect_eq "$(S -list -separator ';' -noheader -e 'print(edu.docs{limit = 1})')" "1;000_b6db7edfdf7e32f2.txt;无锡市;prefecture;2021;summary;2021年全市教育工作总结;164" "-list -separator"
expect_contains "$(S -tabs -e 'print(edu.docs{limit = 1})')" $'1\t000_b6db7edfdf7e32f2.txt\t'
# Modes for reading show figures as written; modes for machines keep them.
expect_contains "$(S -e 'print(edu.indicators{metric = "资助资金"})')" "1.4亿"
expect_contains "$(S -csv -e 'print(edu.indicators{metric = "资助资金"})')" ",140000000,"

# Piped input: dot-commands between Lua; the Lua between them runs as one
# chunk (locals last), and its last line's value shows.
out=$(printf '%s\n' 'local n = 6' '.mode csv' 'print(n)' 'edu.docs{limit = 1}' '.headers off' 'edu.docs{limit = 1}' \
  '.mode list' '.separator \t' 'edu.sql("SELECT 1 AS a, 2 AS b")' | S)
expect_eq "$out" $'nil\nid,name,region,level,year,kind,title,indicators\r\n1,000_b6db7edfdf7e32f2.txt,无锡市,prefecture,2021,summary,2021年全市教育工作总结,164\n1,000_b6db7edfdf7e32f2.txt,无锡市,prefecture,2021,summary,2021年全市教育工作总结,164\n1\t2' "piped dot-commands"
out=$(printf '%s\n' 'local n = 6' 'print(n * 7)' | S)
expect_eq "$out" 42 "locals last within the Lua between dot-commands"
printf '.tables\n' | S | grep -Eq '^indicator_rows +view$' || fail ".tables lacks the view indicator_rows"
expect_contains "$(printf '.schema runs\n' | S)" "CREATE TABLE runs ("
out=$(printf '.width -2 3\nedu.docs{limit = 1}\n' | S)
expect_contains "$out" $'id  na…  region'
expect_contains "$out" $'\n 1  00…  无锡市'
# An error stops piped input with exit status 1, in one line with its line number.
if out=$(printf '%s\n' 'print("a")' '.mode csv' 'error("boom")' '.mode list' 'print("b")' | S 2>&1); then fail "error exited 0"; fi
expect_eq "$out" $'a\nedushell: stdin:3: boom' "error in piped input"
if out=$(printf '.nonsense\nprint(1)\n' | S 2>&1); then fail "unknown command exited 0"; fi
expect_eq "$out" "edushell: unknown command .nonsense (try .help)" "unknown dot-command"
if out=$(printf '.mode fancy\n' | S 2>&1); then fail "unknown mode exited 0"; fi
expect_contains "$out" "unknown mode 'fancy' (column, table, box, markdown, line, list, tabs, csv, json, jsonl)"

# .read: a file of Lua and dot-commands; its errors name the file and line.
printf '%s\n' '.mode csv' '-- a comment' 'local t = edu.docs{region = "太仓"}' 'print(#t)' > "$WORK/cmds.txt"
expect_eq "$(printf '.read %s\n' "$WORK/cmds.txt" | S)" 1 ".read"
printf 'print("in file")\nerror("bad")\n' > "$WORK/bad.txt"
if out=$(printf '.read %s\nprint("after")\n' "$WORK/bad.txt" | S 2>&1); then fail ".read error exited 0"; fi
expect_eq "$out" $'in file\nedushell: '"$WORK/bad.txt"$':2: bad' ".read error"
printf '.read %s\n' "$WORK/loop.txt" > "$WORK/loop.txt"
if out=$(printf '.read %s\n' "$WORK/loop.txt" | S 2>&1); then fail "endless .read exited 0"; fi
expect_contains "$out" ".read: files read each other too deep"

# .output and .once write files (with --bom for Excel); not in the sandbox.
printf '%s\n' ".output --bom $WORK/out.csv" '.mode csv' 'edu.docs{limit = 1}' '.headers on' 'edu.docs{region = "太仓"}' '.output' 'print("back")' > "$WORK/out.txt"
expect_eq "$(S < "$WORK/out.txt")" "back" ".output back to stdout"
expect_eq "$(head -c 3 "$WORK/out.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "BOM"
expect_eq "$(grep -c 'id,name' "$WORK/out.csv")" 2 "two results in the file"
if out=$(printf '.output %s/x.txt\n' "$WORK" | S --sandbox 2>&1); then fail "sandbox .output"; fi
expect_contains "$out" "sandbox: .output writes files; not allowed"
[ ! -e "$WORK/x.txt" ] || fail "sandbox wrote a file"

# At a terminal.
python3 "$SRC/tests/e2e/shell_pty.py" "$EDUSHELL" "$DB" "$WORK"
echo ok
