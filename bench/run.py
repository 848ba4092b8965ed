#!/usr/bin/env python3
"""The benchmark: builds corpora of the given sizes from ../shared/corpus and
prints, for each, the full load (MiB/s, time until rows are queryable and
searchable, peak memory, bytes written, database size / input, time in each
stage, the rate of the last tenth against the first), the peer (the sqlite3
shell importing the same texts and building an FTS5 trigram index) and the
limit (reading and splitting into sentences), and the time to load one
changed file again; then the latency of every
edu.* query at a million indicators, edu.search at the largest size and
start-up against lua5.4. Everything runs in the same process tree, one
after another, so that the rates compare on a shared machine.

  cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release
  cmake --build build-rel -j2 --target edushell bench_corpus bench_load bench_split
  bench/run.py --work /tmp/edushell-bench [--sizes 10,100,1000] [--query-mib 260]

The work folder gets the corpora and databases (about 5 times the largest
size on disk); it is removed at the end unless --keep.
"""
import argparse, glob, os, re, shutil, statistics, subprocess, sys, time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(SRC), "shared", "corpus")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def size_of(*paths):
    return sum(os.path.getsize(p) for p in paths if os.path.exists(p))


def db_size(db):
    """The database and its search file, with their write-ahead logs."""
    return size_of(db, db + "-wal", db + "-search", db + "-search-wal")


def corpus(build, work, mib):
    out = os.path.join(work, "c%d" % mib)
    if not os.path.isdir(out):
        inputs = sorted(glob.glob(os.path.join(SHARED, "provinces-2026", "*_政府工作报告.csv")))
        inputs += sorted(glob.glob(os.path.join(SHARED, "pages", "*.txt")))
        run([os.path.join(build, "bench_corpus"), out, str(mib)] + inputs)
    return out


def load(build, work, mib, path):
    db = os.path.join(work, "c%d.db" % mib)
    for f in (db, db + "-wal", db + "-shm", db + "-search", db + "-search-wal", db + "-search-shm"):
        if os.path.exists(f):
            os.remove(f)
    out = run([os.path.join(build, "bench_load"), "--db", db, path])
    r = {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)", out.splitlines()[-1])}
    r["stages"] = {k: float(v) for k, v in re.findall(r"^\s+(\w+)\s+([\d.]+) s$", out, re.M)}
    r["db"] = db
    return r


PEER_SQL = """
CREATE TABLE docs(id INTEGER PRIMARY KEY, name TEXT, body TEXT);
INSERT INTO docs(name, body) SELECT name, readfile(name) FROM fsdir('{dir}') WHERE mode & 0x8000;
CREATE VIRTUAL TABLE docs_fts USING fts5(body, content='docs', content_rowid='id', tokenize='trigram');
INSERT INTO docs_fts(docs_fts) VALUES ('rebuild');
"""


def peer(work, mib, path):
    db = os.path.join(work, "peer%d.db" % mib)
    if os.path.exists(db):
        os.remove(db)
    t0 = time.monotonic()
    subprocess.run(["sqlite3", db], input=PEER_SQL.format(dir=path), text=True, check=True)
    return time.monotonic() - t0, size_of(db)


def replace_one(build, db, path):
    """Seconds to load one stored file again after a change, and back: the
    document is replaced (its rows removed, the new ones written, the
    search file told), as when an analyst reloads a corrected file."""
    first = sorted(glob.glob(os.path.join(path, "*", "*")))[0]
    original = open(first, "rb").read()
    times = []
    try:
        for body in (original + "\n附：本文有修订。\n".encode(), original):
            with open(first, "wb") as f:
                f.write(body)
            t0 = time.monotonic()
            run([os.path.join(build, "edushell"), "--db", db, "load", first])
            times.append(time.monotonic() - t0)
    finally:
        with open(first, "wb") as f:
            f.write(original)
    return times


def split(build, path):
    out = run([os.path.join(build, "bench_split"), path])
    return float(re.search(r"([\d.]+) MiB/s", out).group(1))


def queries(build, db, only=None):
    out = run([os.path.join(build, "edushell"), "--db", db, "run", os.path.join(SRC, "bench", "queries.lua")]
              + ([only] if only else []))
    return out


def startup(build, db, n=30):
    def median(cmd):
        times = []
        for _ in range(n):
            t0 = time.monotonic()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times.append(time.monotonic() - t0)
        return statistics.median(times) * 1000
    return median(["lua5.4", "-e", "print(1)"]), median([os.path.join(build, "edushell"), "--db", db, "-e", "print(1)"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(SRC, "build-rel"))
    ap.add_argument("--work", required=True)
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--query-mib", type=int, default=260, help="a corpus of about a million indicators")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    sizes = [int(s) for s in a.sizes.split(",")]
    print("load average at the start: %s" % open("/proc/loadavg").read().split()[:3])
    rows = []
    for mib in sizes:
        path = corpus(a.build, a.work, mib)
        limit = split(a.build, path)
        r = load(a.build, a.work, mib, path)
        ptime, psize = peer(a.work, mib, path)
        rows.append((mib, r, limit, ptime, psize))
        changed, back = replace_one(a.build, r["db"], path)
        print("%5d MiB: one document changed and loaded again: %.2f s; and back: %.2f s" % (mib, changed, back),
              flush=True)
        st = r["stages"]
        print("%5d MiB: load %.1f s (%.2f MiB/s), rows queryable at %.1f s, peak %.0f MiB, written %.0f MiB, db %.2fx input;"
              " first tenth %.2f MiB/s, last tenth %.2f MiB/s; peer %.1f s (%.2f MiB/s), %.2fx input;"
              " split %.1f MiB/s; stages %s; load average %s" % (
                  mib, r["seconds"], r["bytes"] / 2**20 / r["seconds"], r["queryable"], r["peak_kib"] / 1024,
                  r["written"] / 2**20, db_size(r["db"]) / r["bytes"],
                  r["first_tenth"], r["last_tenth"], ptime, r["bytes"] / 2**20 / ptime, psize / r["bytes"], limit,
                  " ".join("%s %.1f" % kv for kv in st.items()), open("/proc/loadavg").read().split()[:3]),
              flush=True)
    print()
    print("| corpus | load MiB/s | rows queryable | searchable | peak RSS | written | db / input | "
          "first → last tenth MiB/s | peer (sqlite3 + FTS5 trigram) | limit (read + split, 1 thread) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for mib, r, limit, ptime, psize in rows:
        dbsize = db_size(r["db"])
        print("| %d MiB | %.2f | %.1f s | %.1f s | %.0f MiB | %.0f MiB | %.2f× | %.2f → %.2f | %.1f s, %.2f MiB/s, %.2f× | %.1f MiB/s |" % (
            mib, r["bytes"] / 2**20 / r["seconds"], r["queryable"], r["seconds"], r["peak_kib"] / 1024, r["written"] / 2**20,
            dbsize / r["bytes"], r["first_tenth"], r["last_tenth"], ptime, r["bytes"] / 2**20 / ptime,
            psize / r["bytes"], limit))
    print()
    print("stages (seconds summed over threads):")
    for mib, r, *_ in rows:
        print("  %d MiB: %s" % (mib, ", ".join("%s %.1f" % kv for kv in r["stages"].items())))
    if len(rows) >= 2:
        big, small = rows[-1][1], rows[-2][1]
        print("rate at %d MiB / rate at %d MiB: %.2f" % (rows[-1][0], rows[-2][0],
              (big["bytes"] / big["seconds"]) / (small["bytes"] / small["seconds"])))
    print()
    print("edu.search at %d MiB:" % sizes[-1])
    print(queries(a.build, rows[-1][1]["db"], "edu.search"))
    qpath = corpus(a.build, a.work, a.query_mib)
    qdb = load(a.build, a.work, a.query_mib, qpath)["db"]
    print("queries (median ms of process CPU time):")
    print(queries(a.build, qdb))
    lua, es = startup(a.build, qdb)
    print("start-up (median of 30, wall): lua5.4 -e 'print(1)' %.1f ms, edushell -e 'print(1)' %.1f ms (%.1f×)" % (
        lua, es, es / lua))
    print("load average at the end: %s" % open("/proc/loadavg").read().split()[:3])
    if not a.keep:
        shutil.rmtree(a.work)


if __name__ == "__main__":
    main()
