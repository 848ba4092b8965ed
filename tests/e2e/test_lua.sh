# Batch mode and piped Lua: -e, run SCRIPT with arg, stdin, errors with
# file:line and a traceback, the edu module.
source "$(dirname "$0")/lib.sh"

expect_eq "$(printf 'print(6*7)\n' | "$EDUSHELL" --db "$DB")" 42 "piped Lua"
expect_eq "$("$EDUSHELL" --db "$DB" -e 'print(1+1)')" 2 "-e"

cat > "$WORK/script.lua" <<'LUA'
print(arg[0]:match("script.lua$") ~= nil, arg[1], arg[2], select("#", ...))
LUA
expect_eq "$("$EDUSHELL" --db "$DB" run "$WORK/script.lua" a b)" $'true\ta\tb\t2' "run with args"

printf 'local x = 1\nerror("boom")\n' > "$WORK/bad.lua"
if out=$("$EDUSHELL" --db "$DB" run "$WORK/bad.lua" 2>&1); then fail "a failing script exited 0"; fi
expect_contains "$out" "bad.lua:2: boom"
expect_contains "$out" "stack traceback"
if "$EDUSHELL" --db "$DB" -e 'error("x")' 2>/dev/null; then fail "-e error exited 0"; fi
if out=$("$EDUSHELL" --db "$DB" run "$WORK/missing.lua" 2>&1); then fail "missing script exited 0"; fi
expect_contains "$out" "missing.lua"

# The edu module over loaded data.
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null
out=$("$EDUSHELL" --db "$DB" <<'LUA'
local docs = edu.docs{region = "无锡市"}
print("wuxi", #docs)
print("taicang", #edu.docs{region = "太仓市", kind = "plan"})
local inds = edu.indicators{metric = "普惠性幼儿园覆盖率", region = "无锡市"}
print("metric", #inds > 0, inds[1] and inds[1].unit)
print("sql", edu.sql("SELECT count(*) AS n FROM documents WHERE year = ?1", 2021)[1].n)
print("search", #edu.search("普惠性幼儿园") > 0, #edu.search("幼儿") > 0)
local csv = edu.docs():to_csv()
print("csv", csv:sub(1, 12))
print("json", edu.docs{limit = 1}:to_json():sub(1, 2))
print("md", edu.docs{limit = 1}:to_markdown():match("^| id |") ~= nil)
print(tostring(edu.docs{limit = 2}):match("%(2 of 5 rows; add limit= for more: edu.docs{limit = 5}%)") ~= nil)
local ok, err = pcall(edu.docs, {color = "red"})
print("filter", ok, err)
LUA
)
expect_contains "$out" $'wuxi\t4'
expect_contains "$out" $'taicang\t1'
expect_contains "$out" $'metric\ttrue\t%'
expect_contains "$out" $'sql\t2'
expect_contains "$out" $'search\ttrue\ttrue'
expect_contains "$out" $'csv\tid,name,regi'
expect_contains "$out" $'json\t[{'
expect_contains "$out" $'md\ttrue'
expect_contains "$out" "unknown filter 'color'"
expect_contains "$(printf '%s\n' "$out" | tail -n 2 | head -n 1)" "true"
# SQL injection through parameters stays data.
expect_eq "$(edu "$DB" "print(#edu.docs{title = \"x' OR '1'='1\"})")" 0 "bound parameters"
echo ok
