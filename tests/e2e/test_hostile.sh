# Tried as an attacker and as an unlucky user would: each of these once ran
# until killed, ate the machine's memory, read what it should not or locked
# others out. Each must now end within 10 s of processor time, with a clear
# error on its first line (or succeed, where succeeding is right). The wall
# clock gets 60 s: the machine running the tests may be busy with others.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null 2>&1

# run_bounded CMD...: runs CMD (at most 60 s) and prints its exit status,
# its processor seconds and the first line of its output, tab-separated.
run_bounded() {
  python3 -c 'import resource, subprocess, sys
try:
    p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    rc, out = p.returncode, p.stdout.decode(errors="replace")
except subprocess.TimeoutExpired:
    rc, out = 124, ""
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%d\t%.1f\t%s" % (rc, u.ru_utime + u.ru_stime, (out.splitlines() or [""])[0]))' "$@"
}

# refused NEEDLE CMD...: CMD ends within 10 s of processor time with a
# failure status and NEEDLE on the first line of what it prints.
refused() {
  local needle=$1; shift
  local rc cpu first
  IFS=$'\t' read -r rc cpu first < <(run_bounded "$@")
  [ "$rc" -ne 124 ] || fail "still running after 60 s: $*"
  [ "$rc" -ne 0 ] || fail "succeeded: $*"
  awk -v t="$cpu" 'BEGIN { exit !(t < 10) }' || fail "took $cpu s of processor time: $*"
  expect_contains "$first" "$needle" "first line of the error of: $*"
}

# succeeds OUT CMD...: CMD ends within 10 s of processor time with status
# 0; what it prints goes to the file OUT.
succeeds() {
  local out=$1; shift
  local rc cpu first
  IFS=$'\t' read -r rc cpu first < <(run_bounded sh -c '"$@" >"$0" 2>&1' "$out" "$@")
  [ "$rc" -ne 124 ] || fail "still running after 60 s: $*"
  [ "$rc" -eq 0 ] || fail "failed ($rc): $*: $(head -c 2000 "$out")"
  awk -v t="$cpu" 'BEGIN { exit !(t < 10) }' || fail "took $cpu s of processor time: $*"
}

# peak_mb CMD...: the peak resident memory of CMD, in MiB.
peak_mb() {
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)' "$@"
}

S=("$EDUSHELL" --db "$DB" --sandbox)

# SQL counts toward the instruction limit.
refused "sql: the script exceeded the instruction limit of 200000000" \
  "${S[@]}" -e 'edu.sql("with recursive c(x) as (select 1 union all select x+1 from c) select count(*) from c")'

# SQLite's memory is under the memory limit.
refused "sql: string or blob too big" \
  "${S[@]}" --max-memory 64 -e 'edu.sql("select length(randomblob(900000000))")'
peak=$(peak_mb "${S[@]}" --max-memory 64 -e 'edu.sql("select length(randomblob(900000000))")')
[ "$peak" -lt 200 ] || fail "randomblob under --max-memory 64 took $peak MiB"
refused "sql: " "${S[@]}" --max-memory 64 -e 'edu.sql([[select length(group_concat(b)) from
  (with recursive c(x) as (select 1 union all select x+1 from c where x < 200) select randomblob(1000000) b from c)]])'

# Files outside the scripts folder and --allow-read directories are not readable.
refused "reading '/etc/passwd' is not allowed" "${S[@]}" -e 'print(io.open("/etc/passwd"):read("l"))'

# No transaction holds the write lock against loaders.
refused "sql: not authorized" "${S[@]}" -e 'edu.sql("begin immediate")'
timeout 60 "$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null || fail "a load after begin immediate"

# A pattern that backtracks for ever, inside string.find (a C function):
# the clock ends the process.
refused "the script exceeded the time limit of 2 s" \
  "${S[@]}" --timeout 2 -e 'print(string.find(string.rep("a", 30000), ".-.-.-.-b"))'
# A Lua loop or a query past the time stop at once, with the same words.
refused "the script exceeded the time limit of 1 s" \
  "${S[@]}" --timeout 1 --max-instructions 100000000000 -e 'while true do end'
refused "sql: the script exceeded the time limit of 1 s" "${S[@]}" --timeout 1 --max-instructions 100000000000 \
  -e 'edu.sql("with recursive c(x) as (select 1 union all select x+1 from c) select count(*) from c")'
# The clock is not the sandbox's alone.
refused "the script exceeded the time limit of 1 s" "$EDUSHELL" --db "$DB" --timeout 1 -e 'while true do end'
if "$EDUSHELL" --db "$DB" --timeout 0 -e '' 2>/dev/null; then fail "--timeout 0 accepted"; fi
if "$EDUSHELL" --db "$DB" --timeout x -e '' 2>/dev/null; then fail "--timeout x accepted"; fi

# The report lock belongs to the database, not to the name it is given:
# a run through a symbolic link to the database waits for a run through
# its own name.
ln -s "$DB" "$WORK/link.db"
ln -s "$(dirname "$DB")" "$WORK/dirlink"
exec 9<"$DB"
flock -x 9
for name in "$WORK/link.db" "$WORK/dirlink/$(basename "$DB")"; do
  refused "another report run holds the lock on $name" \
    "$EDUSHELL" --db "$name" report annual_report --region 无锡市 --out "$WORK/locked.md"
done
flock -u 9  # other processes may still hold the descriptor for a moment
exec 9<&-
[ ! -e "$WORK/locked.md" ] || fail "a report ran through another name while locked"
# The last checker (a process substitution) inherited fd 9 and may not have
# exited yet: the lock is free once it has, so the run may wait a moment.
timeout 60 "$EDUSHELL" --db "$WORK/link.db" report annual_report --region 无锡市 --wait 20 --out "$WORK/unlocked.md" ||
  fail "a report through a link, unlocked"

# A folder holding two symbolic links to its parent (and one to itself):
# each folder is walked once. FIFOs and sockets are skipped with a note.
mkdir -p "$WORK/top/cyc"
cp "$SRC/data/sample/"001_*.txt "$WORK/top/cyc/"
ln -s .. "$WORK/top/cyc/up1"
ln -s .. "$WORK/top/cyc/up2"
ln -s ../cyc "$WORK/top/cyc/self"
mkfifo "$WORK/top/cyc/pipe"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$WORK/top/cyc/sock"
succeeds "$WORK/cyc.out" "$EDUSHELL" --db "$WORK/cyc.db" load "$WORK/top/cyc"
expect_contains "$(cat "$WORK/cyc.out")" "loaded 1 new, 0 replaced, 0 unchanged, 0 errors"
expect_contains "$(cat "$WORK/cyc.out")" "$WORK/top/cyc/pipe: skipped: a FIFO, not a file to read"
expect_contains "$(cat "$WORK/cyc.out")" "$WORK/top/cyc/sock: skipped: a socket, not a file to read"
succeeds "$WORK/dev.out" "$EDUSHELL" --db "$WORK/cyc.db" load /dev/zero "$WORK/top/cyc/pipe"
expect_contains "$(cat "$WORK/dev.out")" "/dev/zero: skipped: a device, not a file to read"
echo ok
