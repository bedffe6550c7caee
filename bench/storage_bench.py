#!/usr/bin/python3
"""Tributary's persistent storage against PostgreSQL 15 on the same machine
(issue #6, Speed), all measured in one run on the same file:

- load: TPC-H lineitem (tpch-gen, trailing '|' stripped) loaded from the
  server's file system with COPY ... DELIMITER '|' into a table with
  SORTKEY (l_shipdate) in a fresh `tributary serve` data directory (commit
  includes fsync of the segment files and the manifest), against
  PostgreSQL's COPY of the same file into a table without indexes; also the
  same load into a table without a SORTKEY (the cost of sorting);
- size: the table's files on disk against the raw file and against
  PostgreSQL's pg_total_relation_size;
- zone maps: row groups read and skipped (EXPLAIN ANALYZE) for a one-month
  filter on l_shipdate, with and without the SORTKEY;
- scan: an aggregate over every column, first run after a server restart
  (segments read from a warm page cache and decoded a vector at a time)
  against the same query on the table the load just built, whose columns
  are still in memory (an in-memory table); also the server's peak memory
  after the restarted scan.

Each step also records the CPU seconds of the server process doing it
(the Tributary server, PostgreSQL's backend), which stay meaningful when
other work shares the machine and stretches the wall times.

Prints a table, writes JSON (default build/storage_bench.json); never fails
on a time (exit 1 when a step errors or an answer differs from PostgreSQL's).

  bench/storage_bench.py [--sf 1] [--build build] [--runs 3] [--out FILE]
                         [--scan-only]

--scan-only skips PostgreSQL and the load without SORTKEY: it loads the
table once and compares the two scans (answers checked against each other).
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

COLUMNS = """l_orderkey integer not null, l_partkey integer not null,
  l_suppkey integer not null, l_linenumber integer not null,
  l_quantity decimal(15,2) not null, l_extendedprice decimal(15,2) not null,
  l_discount decimal(15,2) not null, l_tax decimal(15,2) not null,
  l_returnflag char(1) not null, l_linestatus char(1) not null,
  l_shipdate date not null, l_commitdate date not null, l_receiptdate date not null,
  l_shipinstruct char(25) not null, l_shipmode char(10) not null,
  l_comment varchar(44) not null"""

FILTER_SQL = ("SELECT count(*), sum(l_extendedprice) FROM {table} "
              "WHERE l_shipdate >= date '1995-03-01' AND l_shipdate < date '1995-04-01'")
SCAN_SQL = ("SELECT count(*), sum(l_orderkey), sum(l_partkey), sum(l_suppkey), "
            "sum(l_linenumber), sum(l_quantity), sum(l_extendedprice), sum(l_discount), "
            "sum(l_tax), min(l_returnflag), max(l_linestatus), min(l_shipdate), "
            "max(l_commitdate), max(l_receiptdate), min(l_shipinstruct), max(l_shipmode), "
            "max(l_comment) FROM lineitem")

# The targets.
TARGET_LOAD = 3.0  # PostgreSQL COPY time / Tributary load time, at least
TARGET_SIZE = 0.35  # on-disk size / raw file size, at most
TARGET_SCAN = 1.2  # warm-cache scan / in-memory scan, at most


def log(message):
    print(f"[storage_bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_postgres():
    out = subprocess.run([os.path.join(ROOT, "scripts", "start-postgres")], check=True,
                         text=True, stdout=subprocess.PIPE).stdout
    env = {}
    with open(out.strip().splitlines()[-1]) as f:
        for line in f:
            m = re.match(r"export (\w+)=(.*)", line.strip())
            if m:
                env[m.group(1)] = m.group(2)
    return env


class Tributary:
    """`tributary serve` on `data`, trusted on loopback."""

    def __init__(self, build, data, log_path):
        self.build, self.data, self.log_path = build, data, log_path
        self.proc = None
        self.start()

    def start(self):
        self.port = free_port()
        self.log = open(self.log_path, "a")
        self.proc = subprocess.Popen([os.path.join(self.build, "tributary"), "serve", "--data",
                                      self.data, "--listen", f"127.0.0.1:{self.port}"],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while True:
            try:
                psycopg2.connect(**self.params()).close()
                return
            except psycopg2.OperationalError:
                if time.time() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("tributary serve did not start; see " + self.log_path)
                time.sleep(0.1)

    def params(self):
        return dict(host="127.0.0.1", port=self.port, user="awsuser", dbname="dev")

    def connect(self):
        conn = psycopg2.connect(**self.params())
        conn.autocommit = True
        return conn

    def stop(self):
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
        self.log.close()

    def restart(self):
        self.stop()
        self.start()


def cpu_seconds(pid):
    """User + system CPU time of process `pid` and its threads (Linux)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(cur, sql, pid=None, cpu=None):
    """Runs `sql`; returns (seconds, rows). With `pid` (the server process
    doing the work), appends the CPU seconds it spent to the list `cpu`:
    on a machine shared with other work, CPU time shows the cost of a step
    even when the wall time mostly shows the wait for a core."""
    before = cpu_seconds(pid) if pid else 0
    start = time.perf_counter()
    cur.execute(sql)
    rows = cur.fetchall() if cur.description else None
    elapsed = time.perf_counter() - start
    if pid:
        cpu.append(cpu_seconds(pid) - before)
    return elapsed, rows


def directory_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def zone_map_counts(cur, table):
    cur.execute("EXPLAIN ANALYZE " + FILTER_SQL.format(table=table))
    text = "\n".join(r[0] for r in cur.fetchall())
    m = re.search(r"row groups: (\d+), skipped by zone maps: (\d+)", text)
    if not m:
        raise RuntimeError("EXPLAIN ANALYZE shows no row group counts:\n" + text)
    return int(m.group(1)), int(m.group(2))


def generate(build, sf, path):
    gen = os.path.join(build, "bench", "tpch-gen", "tpch-gen")
    if not os.path.exists(gen):
        raise RuntimeError(f"{gen} is missing: cmake --build {build} --target tpch-gen")
    log(f"generating lineitem at SF {sf} into {path}")
    with open(path, "w") as out:
        gen_proc = subprocess.Popen([gen, "--sf", str(sf), "--out", "-", "--tables", "lineitem",
                                     "--quiet"], stdout=subprocess.PIPE)
        sed = subprocess.Popen(["sed", "s/|$//"], stdin=gen_proc.stdout, stdout=out)
        gen_proc.stdout.close()
        if sed.wait() != 0 or gen_proc.wait() != 0:
            raise RuntimeError("tpch-gen failed")
    os.chmod(path, 0o644)


def peak_rss_mb(pid):
    """Peak resident memory of process `pid` (Linux VmHWM), in MB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def same_answer(a, b):
    return [tuple(str(v).rstrip() for v in row) for row in a] == \
        [tuple(str(v).rstrip() for v in row) for row in b]


def best(values):
    return min(values)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sf", default="1", help="TPC-H scale factor (default 1)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--runs", type=int, default=3, help="runs of each scan (best reported)")
    ap.add_argument("--load-runs", type=int, default=1, help="loads into each system (best)")
    ap.add_argument("--out", default=None, help="JSON file (default: BUILD/storage_bench.json)")
    ap.add_argument("--scan-only", action="store_true",
                    help="only the load and the two scans (no PostgreSQL)")
    args = ap.parse_args()
    out_path = args.out or os.path.join(args.build, "storage_bench.json")
    if not os.path.exists(os.path.join(args.build, "tributary")):
        sys.exit(f"storage_bench: {args.build}/tributary is missing; build first")

    work = tempfile.mkdtemp(prefix="tributary-storage-bench-")
    os.chmod(work, 0o755)  # PostgreSQL's server (user postgres) reads the file
    results = {"sf": args.sf, "host": {"cpus": os.cpu_count(),
                                       "loadavg_at_start": os.getloadavg()[0]}}
    pg_env = None
    tributary = None
    failed = False
    try:
        tbl = os.path.join(work, "lineitem.tbl")
        generate(args.build, args.sf, tbl)
        raw = os.path.getsize(tbl)
        results["raw_bytes"] = raw

        pg_scan = None
        rows = None
        if not args.scan_only:
            # PostgreSQL: COPY of the file, server side, as the superuser.
            pg_env = start_postgres()
            pg = psycopg2.connect(host=pg_env["PGHOST"], port=pg_env["PGPORT"],
                                  user=pg_env["TRIBUTARY_PG_SUPERUSER"],
                                  password=pg_env["TRIBUTARY_PG_SUPERPASSWORD"],
                                  dbname=pg_env["PGDATABASE"])
            pg.autocommit = True
            pcur = pg.cursor()
            pg_loads, pg_load_cpu = [], []
            pcur.execute("SELECT pg_backend_pid()")
            pg_pid = pcur.fetchone()[0]
            for _ in range(args.load_runs):
                pcur.execute("DROP TABLE IF EXISTS lineitem")
                pcur.execute(f"CREATE TABLE lineitem ({COLUMNS})")
                log("PostgreSQL COPY")
                t, _ = timed(pcur, f"COPY lineitem FROM '{tbl}' DELIMITER '|'", pg_pid, pg_load_cpu)
                pg_loads.append(t)
            pcur.execute("CHECKPOINT")
            pcur.execute("SELECT count(*), pg_total_relation_size('lineitem') FROM lineitem")
            rows, pg_size = pcur.fetchone()
            results["rows"] = rows
            results["postgres"] = {"load_s": best(pg_loads), "load_cpu_s": best(pg_load_cpu),
                                   "bytes": pg_size}
            t, pg_filter = timed(pcur, FILTER_SQL.format(table="lineitem"))
            results["postgres"]["filter_s"] = t
            pg_scan = None
            pg_scan_times = []
            for _ in range(args.runs):
                t, pg_scan = timed(pcur, SCAN_SQL)
                pg_scan_times.append(t)
            results["postgres"]["scan_s"] = best(pg_scan_times)

        # Tributary: the same file into a fresh data directory.
        data = os.path.join(work, "tributary-data")
        loads, load_cpu = [], []
        for i in range(args.load_runs):
            if tributary:
                tributary.stop()
            shutil.rmtree(data, ignore_errors=True)
            tributary = Tributary(args.build, data, os.path.join(work, "tributary-server.log"))
            cur = tributary.connect().cursor()
            cur.execute(f"CREATE TABLE lineitem ({COLUMNS}) SORTKEY (l_shipdate)")
            log("Tributary COPY (SORTKEY l_shipdate)")
            t, _ = timed(cur, f"COPY lineitem FROM '{tbl}' DELIMITER '|'", tributary.proc.pid,
                         load_cpu)
            loads.append(t)
        size = directory_size(os.path.join(data, "storage"))
        cur.execute("SELECT count(*) FROM lineitem")
        loaded = cur.fetchone()[0]
        if rows is None:
            rows = results["rows"] = loaded
        if loaded != rows:
            raise RuntimeError("Tributary loaded a different number of rows")
        groups, skipped = zone_map_counts(cur, "lineitem")
        t, filter_rows = timed(cur, FILTER_SQL.format(table="lineitem"))
        if not args.scan_only and not same_answer(filter_rows, pg_filter):
            log(f"filter answers differ: {filter_rows} vs PostgreSQL {pg_filter}")
            failed = True
        results["tributary"] = {"load_s": best(loads), "load_cpu_s": best(load_cpu),
                                "bytes": size, "row_groups": groups,
                                "skipped": skipped, "filter_s": t}

        # In memory: the table the load built (its columns are the loaded
        # vectors, kept by the server).
        log("scans in memory")
        memory, memory_cpu = [], []
        memory_answer = None
        for _ in range(args.runs):
            t, memory_answer = timed(cur, SCAN_SQL, tributary.proc.pid, memory_cpu)
            memory.append(t)

        if not args.scan_only:
            log("Tributary COPY (no SORTKEY)")
            cur.execute(f"CREATE TABLE lineitem_unsorted ({COLUMNS})")
            unsorted_cpu = []
            t, _ = timed(cur, f"COPY lineitem_unsorted FROM '{tbl}' DELIMITER '|'",
                         tributary.proc.pid, unsorted_cpu)
            u_groups, u_skipped = zone_map_counts(cur, "lineitem_unsorted")
            results["tributary_unsorted"] = {"load_s": t, "load_cpu_s": unsorted_cpu[0],
                                             "row_groups": u_groups,
                                             "skipped": u_skipped}
            cur.execute("DROP TABLE lineitem_unsorted")

        # Warm page cache: the first scan after a restart reads the segment
        # files (one restart and scan first, to warm the cache).
        log("scans after restarts")
        disk, disk_cpu = [], []
        answer = None
        peak = 0.0
        for i in range(args.runs + 1):
            tributary.restart()
            cur = tributary.connect().cursor()
            t, answer = timed(cur, SCAN_SQL, tributary.proc.pid, disk_cpu)
            peak = peak_rss_mb(tributary.proc.pid)
            if i > 0:
                disk.append(t)
        disk_cpu = disk_cpu[1:]
        if not same_answer(answer, memory_answer):
            log(f"scan answers differ: {answer} after a restart vs {memory_answer} in memory")
            failed = True
        if pg_scan is not None and not same_answer(answer, pg_scan):
            log(f"scan answers differ: {answer} vs PostgreSQL {pg_scan}")
            failed = True
        results["tributary"]["scan_warm_cache_s"] = best(disk)
        results["tributary"]["scan_in_memory_s"] = best(memory)
        results["tributary"]["scan_warm_cache_cpu_s"] = best(disk_cpu)
        results["tributary"]["scan_in_memory_cpu_s"] = best(memory_cpu)
        results["tributary"]["scan_warm_cache_peak_rss_mb"] = peak
    except Exception as e:  # noqa: BLE001 - report and exit 1
        log(f"error: {e}")
        failed = True
    finally:
        if tributary:
            tributary.stop()
        if pg_env:
            subprocess.run([os.path.join(ROOT, "scripts", "stop-postgres"),
                            pg_env["TRIBUTARY_PG_DIR"]], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
    results["host"]["loadavg_at_end"] = os.getloadavg()[0]
    with open(out_path, "w") as f:
        json.dump(results, f, indent=2)

    if args.scan_only and "scan_in_memory_s" in results.get("tributary", {}):
        tr = results["tributary"]
        scan_ratio = tr["scan_warm_cache_s"] / tr["scan_in_memory_s"]
        cpu_ratio = tr["scan_warm_cache_cpu_s"] / max(tr["scan_in_memory_cpu_s"], 1e-9)
        print(f"lineitem SF {args.sf}: {results['rows']:,} rows; load average "
              f"{results['host']['loadavg_at_start']:.1f} -> "
              f"{results['host']['loadavg_at_end']:.1f} on {os.cpu_count()} CPUs")
        print(f"scan, all columns: warm page cache {tr['scan_warm_cache_s']:.3f} s "
              f"({tr['scan_warm_cache_cpu_s']:.2f} CPU s), in memory "
              f"{tr['scan_in_memory_s']:.3f} s ({tr['scan_in_memory_cpu_s']:.2f} CPU s)")
        print(f"warm/in-memory {scan_ratio:.2f} (CPU {cpu_ratio:.2f}) <= {TARGET_SCAN}: "
              f"{'met' if scan_ratio <= TARGET_SCAN else 'NOT met'}; peak RSS after the "
              f"restarted scan {tr['scan_warm_cache_peak_rss_mb']:.0f} MB")
    elif "tributary" in results and "scan_in_memory_s" in results["tributary"]:
        tr, pgr = results["tributary"], results["postgres"]
        un = results["tributary_unsorted"]

        def verdict(ok):
            return "met" if ok else "NOT met"

        load_ratio = pgr["load_s"] / tr["load_s"]
        size_ratio = tr["bytes"] / raw
        scan_ratio = tr["scan_warm_cache_s"] / tr["scan_in_memory_s"]
        print(f"lineitem SF {args.sf}: {results['rows']:,} rows, raw file {raw / 1e6:.1f} MB; "
              f"load average {results['host']['loadavg_at_start']:.1f} -> "
              f"{results['host']['loadavg_at_end']:.1f} on {os.cpu_count()} CPUs")
        print(f"{'measure':44} {'Tributary':>12} {'PostgreSQL':>12} {'ratio':>8}  target")
        print(f"{'load (COPY, s), SORTKEY(l_shipdate)':44} {tr['load_s']:12.2f} "
              f"{pgr['load_s']:12.2f} {load_ratio:8.2f}  >= {TARGET_LOAD}x faster: "
              f"{verdict(load_ratio >= TARGET_LOAD)}")
        print(f"{'load (COPY, s), no SORTKEY':44} {un['load_s']:12.2f} {pgr['load_s']:12.2f} "
              f"{pgr['load_s'] / un['load_s']:8.2f}")
        print(f"{'on disk (MB)':44} {tr['bytes'] / 1e6:12.1f} {pgr['bytes'] / 1e6:12.1f} "
              f"{pgr['bytes'] / tr['bytes']:8.2f}  <= {TARGET_SIZE} x raw: {size_ratio:.3f} "
              f"{verdict(size_ratio <= TARGET_SIZE)}")
        print(f"{'one-month l_shipdate filter (s)':44} {tr['filter_s']:12.3f} "
              f"{pgr['filter_s']:12.3f} {pgr['filter_s'] / tr['filter_s']:8.2f}")
        print(f"{'  row groups skipped, SORTKEY':44} {tr['skipped']:>6} of {tr['row_groups']:<3}")
        print(f"{'  row groups skipped, no SORTKEY':44} {un['skipped']:>6} of {un['row_groups']:<3}")
        print(f"{'scan, all columns (s): warm page cache':44} {tr['scan_warm_cache_s']:12.3f} "
              f"{pgr['scan_s']:12.3f} {pgr['scan_s'] / tr['scan_warm_cache_s']:8.2f}")
        print(f"{'scan, all columns (s): in memory':44} {tr['scan_in_memory_s']:12.3f} "
              f"{'':12} {'':8}  warm/in-memory {scan_ratio:.2f} <= {TARGET_SCAN}: "
              f"{verdict(scan_ratio <= TARGET_SCAN)}")
        print(f"{'CPU seconds (server process):':44} load {tr['load_cpu_s']:.2f} (no SORTKEY "
              f"{un['load_cpu_s']:.2f}) vs PostgreSQL {pgr['load_cpu_s']:.2f}; scan warm "
              f"{tr['scan_warm_cache_cpu_s']:.2f} vs in memory {tr['scan_in_memory_cpu_s']:.2f}; "
              f"peak RSS after the restarted scan {tr['scan_warm_cache_peak_rss_mb']:.0f} MB")
        print(f"(ratios: PostgreSQL / Tributary, above 1 = Tributary faster or smaller; "
              f"JSON in {out_path})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
