# --sandbox for scripts and templates from others: a library built from an
# allow-list (no processes, C modules, binary chunks or file writes; files
# read only where allowed), SQL that only reads; an instruction limit and a
# memory limit, each ending the script with a clear error.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null 2>&1
S() { "$EDUSHELL" --db "$DB" --sandbox "$@"; }

# denied CODE NEEDLE: the chunk fails in the sandbox with NEEDLE in the error ...
denied() {
  if err=$(S -e "$1" 2>&1); then fail "sandbox allowed: $1"; fi
  expect_contains "$err" "$2" "error of '$1'"
}
# ... and (the same test's other half) works without the sandbox.
allowed_outside() {
  "$EDUSHELL" --db "$DB" -e "$1" >/dev/null 2>&1 || fail "fails even outside the sandbox: $1"
}

# Only the allow-list is there: base, string, table, math, utf8,
# coroutine, io.open/lines/write, edu. No os, debug or package at all.
denied 'os.execute("true")' "global 'os'"
allowed_outside 'assert(os.execute("true"))'
denied 'io.popen("echo hi"):read("a")' "field 'popen'"
allowed_outside 'assert(io.popen("echo hi"):read("a"))'
denied 'os.remove("'"$WORK"'/nothing")' "global 'os'"
denied 'io.tmpfile()' "field 'tmpfile'"
denied 'io.output("'"$WORK"'/w.txt")' "field 'output'"
denied 'package.loadlib("libc.so.6", "*")' "global 'package'"
denied 'debug.sethook()' "global 'debug'"
denied 'require("debug").getregistry()' "module 'debug' not found"
denied 'require("os").exit(0)' "module 'os' not found"
denied 'require("package")' "module 'package' not found"
# C modules: nothing loads native code, even from a folder allowed.
mkdir -p "$WORK/cmod" && : > "$WORK/cmod/fakemod.so"
if err=$(S --allow-read "$WORK/cmod" -e 'require("fakemod")' 2>&1); then fail "a C module loaded"; fi
expect_contains "$err" "module 'fakemod' not found"
if err=$("$EDUSHELL" --db "$DB" -e 'package.cpath = "'"$WORK"'/cmod/?.so"; require("fakemod")' 2>&1); then fail "empty .so loaded"; fi
expect_contains "$err" "fakemod.so"   # outside, the C searcher tried it
# Binary chunks: load, loadfile and dofile take text only.
denied 'assert(load(string.dump(function() return 1 end)))' "attempt to load a binary chunk"
denied 'assert(load(string.dump(function() return 1 end), "x", "b"))' "attempt to load a binary chunk"
allowed_outside 'assert(load(string.dump(function() return 1 end)))'
"$EDUSHELL" --db "$DB" -e 'io.open("'"$WORK"'/cmod/chunk.luac", "wb"):write(string.dump(function() print("ran") end))'
if err=$(S --allow-read "$WORK/cmod" -e 'assert(loadfile("'"$WORK"'/cmod/chunk.luac"))' 2>&1); then fail "binary loadfile"; fi
expect_contains "$err" "attempt to load a binary chunk"
if err=$(S --allow-read "$WORK/cmod" -e 'dofile("'"$WORK"'/cmod/chunk.luac")' 2>&1); then fail "binary dofile"; fi
expect_contains "$err" "attempt to load a binary chunk"
expect_eq "$(S -e 'print(load("return 6 * 7")())')" 42 "text chunks load"
expect_eq "$(S -e 'local n = 0 for _, r in ipairs(edu.sql("SELECT value FROM json_each(?1)", "[4,5]")) do n = n + r.value end print(n)')" 9 \
  "table-valued JSON functions"
expect_eq "$(S -e 'local t = edu.indicators{limit = 1} print(edu.Rows.sentences{t[1].id}[t[1].id] ~= nil)' 2>&1)" true \
  "the sentences of rows for a spreadsheet"
# Lua modules load (as text) from the folders a script may read.
printf 'return {answer = 42}\n' > "$WORK/cmod/mymod.lua"
expect_eq "$(S --allow-read "$WORK/cmod" -e 'print(require("mymod").answer)')" 42 "Lua modules"
denied 'require("mymod")' "module 'mymod' not found"

# Files: reading only under the scripts folder and --allow-read
# directories, writing nowhere.
denied 'io.open("'"$SRC"'/data/metrics.tsv")' "reading '$SRC/data/metrics.tsv' is not allowed"
expect_eq "$(S --allow-read "$SRC/data" -e 'print(io.open("'"$SRC"'/data/metrics.tsv"):read("l") ~= nil)')" true "reading"
expect_eq "$(S --allow-read "$SRC/data" -e 'local n = 0 for _ in io.lines("'"$SRC"'/data/metrics.tsv") do n = n + 1 end print(n > 10)')" true "io.lines"
expect_eq "$(S -e 'print(io.open("'"$SRC"'/scripts/templates/_head.html.tpl") ~= nil)')" true "the scripts folder"
if err=$(S --allow-read "$WORK/no-such-dir" -e '' 2>&1); then fail "a missing --allow-read directory"; fi
expect_contains "$err" "--allow-read $WORK/no-such-dir: No such file or directory"
denied 'io.open("'"$WORK"'/w.txt", "w")' "files open for reading only"
denied 'io.open("'"$WORK"'/w.txt", "a")' "files open for reading only"
denied 'io.open("'"$WORK"'/w.txt", "r+")' "files open for reading only"
[ ! -e "$WORK/w.txt" ] || fail "a sandboxed script created a file"

# SQL from Lua reads, never writes (nor ATTACH / VACUUM INTO, which write files).
expect_eq "$(S -e 'print(#edu.docs())')" 5 "sandboxed query"
denied 'edu.sql("DELETE FROM documents")' "not authorized"
denied 'edu.sql("ATTACH ?1 AS x", "'"$WORK"'/x.db")' "not authorized"
denied 'edu.sql("VACUUM INTO ?1", "'"$WORK"'/copy.db")' "authoriz"
denied 'edu.sql("PRAGMA query_only = 0")' "not authorized"
denied 'edu.sql("BEGIN IMMEDIATE")' "not authorized"
denied 'edu.sql("VACUUM")' "not authorized"
denied 'edu.sql("SELECT load_extension(?1)", "'"$WORK"'/x.so")' "not authorized"
denied 'edu.load("'"$SRC"'/data/sample")' "edu.load: the database is open read-only"
denied 'edu.metric.define{id = "x", name = "x"}' "edu.metric.define: the database is open read-only"
# The writers are never registered in a read-only state, so no way round
# the Lua library reaches them.
expect_eq "$(S -e 'local c = require("edu.core") print(c.writable, c.load, c.define_metric, c.sql ~= nil)')" \
  "false	nil	nil	true" "edu.core in the sandbox"
expect_eq "$("$EDUSHELL" --db "$DB" -e 'local c = require("edu.core") print(c.writable, c.load ~= nil, c.define_metric ~= nil)')" \
  "true	true	true" "edu.core outside the sandbox"
expect_eq "$(S -e 'print(edu._sql, edu._load, edu.repl_docs)')" "nil	nil	nil" "no raw functions in edu"
[ ! -e "$WORK/x.db" ] && [ ! -e "$WORK/copy.db" ] || fail "SQL wrote a file"
expect_eq "$(edu "$DB" 'print(#edu.docs())')" 5 "documents intact"

# The instruction limit ends a runaway script with a clear error; ...
if err=$(S --max-instructions 1000000 -e 'local n = 0 while true do n = n + 1 end' 2>&1); then fail "endless loop ended well"; fi
expect_contains "$err" "the script exceeded the instruction limit of 1000000 (raise it with --max-instructions N)"
# ... coroutines count too, and catching the error does not escape it.
if err=$(S --max-instructions 1000000 -e '
  local co = coroutine.wrap(function() while true do end end)
  while true do pcall(co) end' 2>&1); then fail "coroutine loop ended well"; fi
expect_contains "$err" "instruction limit"
# ... the default is there in the sandbox, and a script under it runs.
expect_eq "$(S -e 'local s = 0 for i = 1, 100000 do s = s + i end print(s)')" 5000050000 "work under the default limit"
if err=$(S -e 'while true do end' 2>&1); then fail "the default instruction limit is missing"; fi
expect_contains "$err" "instruction limit of 200000000"

# The memory limit, likewise.
if err=$(S --max-memory 32 -e 'local t = {} for i = 1, 1e8 do t[i] = ("x"):rep(64) .. i end' 2>&1); then fail "memory hog ended well"; fi
expect_contains "$err" "the script exceeded the memory limit of 32 MB (raise it with --max-memory MB)"
if err=$(S --max-memory 32 -e 'local s = ("x"):rep(64 * 1024 * 1024)' 2>&1); then fail "a 64 MB string fit in 32 MB"; fi
expect_contains "$err" "memory limit of 32 MB"
expect_eq "$("$EDUSHELL" --db "$DB" --max-memory 256 -e 'print(#("x"):rep(64 * 1024 * 1024))')" 67108864 "64 MB under 256"
if "$EDUSHELL" --db "$DB" --max-memory 0 -e '' 2>/dev/null; then fail "--max-memory 0 accepted"; fi
if "$EDUSHELL" --db "$DB" --max-instructions x -e '' 2>/dev/null; then fail "--max-instructions x accepted"; fi

# run SCRIPT in the sandbox.
printf 'print("hello", ...)\nos.execute("touch %s/ran")\n' "$WORK" > "$WORK/other.lua"
if err=$(S run "$WORK/other.lua" a 2>&1); then fail "sandboxed run executed a command"; fi
expect_contains "$err" "hello"$'\t'"a"
expect_contains "$err" "other.lua:2:"
[ ! -e "$WORK/ran" ] || fail "os.execute ran"

# Templates in the sandbox: a report writes its --out (and the run record),
# a template cannot run commands, write files or read outside.
S report annual_report --region 无锡市 --year 2021 --out "$WORK/ok.md"
expect_contains "$(cat "$WORK/ok.md")" "# 无锡市 2021"
printf '{{ os.execute("touch %s/ran") }}\n' "$WORK" > "$WORK/evil.md.tpl"
if err=$(S report "$WORK/evil.md.tpl" --out "$WORK/evil.md" 2>&1); then fail "evil template ran"; fi
expect_contains "$err" "evil.md.tpl:1: attempt to index a nil value (global 'os')"
printf '{{ io.open("%s/elsewhere.txt", "w") }}\n' "$WORK" > "$WORK/writer.md.tpl"
if err=$(S report "$WORK/writer.md.tpl" --out "$WORK/writer.md" 2>&1); then fail "template wrote elsewhere"; fi
expect_contains "$err" "files open for reading only"
printf '{{ io.open("%s/own.md", "w") }}\n' "$WORK" > "$WORK/own.md.tpl"
if err=$(S report "$WORK/own.md.tpl" --out "$WORK/own.md" 2>&1); then fail "template wrote its --out file"; fi
expect_contains "$err" "files open for reading only"
printf '{{ io.open("/etc/passwd"):read("l") }}\n' > "$WORK/reader.md.tpl"
if err=$(S report "$WORK/reader.md.tpl" --out "$WORK/reader.md" 2>&1); then fail "template read /etc/passwd"; fi
expect_contains "$err" "reading '/etc/passwd' is not allowed"
# The template named on the command line is read, by any of its names.
printf 'plain {{ 6 * 7 }}\n' > "$WORK/plain.md.tpl"
S report "$WORK/plain.md.tpl" --out "$WORK/plain.md"
expect_eq "$(cat "$WORK/plain.md")" "plain 42" "a template by its path"

printf '{%% for i = 1, 1e12 %%}{%% end %%}\n' > "$WORK/loop.md.tpl"
if err=$(S --max-instructions 2000000 report "$WORK/loop.md.tpl" --out "$WORK/loop.md" 2>&1); then fail "endless template ended well"; fi
expect_contains "$err" "instruction limit"
[ ! -e "$WORK/ran" ] && [ ! -e "$WORK/elsewhere.txt" ] && [ ! -e "$WORK/loop.md" ] && [ ! -e "$WORK/own.md" ] ||
  fail "sandboxed template left files"
runs=$(edu "$DB" 'for _, r in ipairs(edu.runs()) do print(r.template, r.status, r.error) end')
expect_contains "$runs" $'annual_report\tok'
expect_contains "$runs" $'loop.md.tpl\tfailed\tthe script exceeded the instruction limit of 2000000'
expect_contains "$runs" $'evil.md.tpl\tfailed'
echo ok
