#!/usr/bin/python3
"""Tributary's wire-protocol server against PostgreSQL 15 on the same machine
(issue #7, Speed): pgbench -S style point queries and a small aggregate from
16 concurrent clients (PostgreSQL's own pgbench with a custom script against
both servers), and streaming 10 M rows to `psql --csv` against PostgreSQL
streaming the same rows. Prints a table with ratios, writes JSON; never fails
on a time (exit 1 only when a server cannot be started or a step errors).

  bench/server_bench.py [--build build] [--rows 100000] [--seconds 10]
                        [--clients 16] [--stream-rows 10000000] [--out FILE]
"""
import argparse
import io
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
PG_BIN = "/usr/lib/postgresql/15/bin"
TABLE = "bench_accounts"

SCRIPTS = {
    # pgbench -S: one row by primary key.
    "point": "\\set aid random(1, {rows})\nSELECT abalance FROM bench_accounts WHERE aid = :aid;\n",
    # A small aggregate: 1000 consecutive accounts.
    "aggregate": ("\\set aid random(1, {rows_minus})\n"
                  "SELECT count(*), sum(abalance), max(bid) FROM bench_accounts "
                  "WHERE aid BETWEEN :aid AND :aid + 999;\n"),
}
STREAM_SQL = "SELECT g AS id, g * 2 AS twice, 'row ' || g AS label FROM generate_series(1, {n}) AS g"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_postgres():
    out = subprocess.run([os.path.join(ROOT, "scripts", "start-postgres")], check=True,
                         text=True, stdout=subprocess.PIPE).stdout
    env_file = out.strip().splitlines()[-1]
    env = {}
    with open(env_file) as f:
        for line in f:
            m = re.match(r"export (\w+)=(.*)", line.strip())
            if m:
                env[m.group(1)] = m.group(2)
    return env


class Tributary:
    """`tributary serve` on a fresh data directory, trusted on loopback."""

    def __init__(self, build, work):
        self.data = os.path.join(work, "tributary-data")
        self.port = free_port()
        self.log = open(os.path.join(work, "tributary-server.log"), "w")
        self.proc = subprocess.Popen([os.path.join(build, "tributary"), "serve", "--data", self.data,
                                      "--listen", f"127.0.0.1:{self.port}"], stdout=self.log,
                                     stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while True:
            try:
                psycopg2.connect(**self.params()).close()
                return
            except psycopg2.OperationalError:
                if time.time() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("tributary serve did not start; see " + self.log.name)
                time.sleep(0.1)

    def params(self):
        return dict(host="127.0.0.1", port=self.port, user="awsuser", dbname="dev")

    def env(self):
        return {"PGHOST": "127.0.0.1", "PGPORT": str(self.port), "PGUSER": "awsuser",
                "PGDATABASE": "dev", "PGPASSWORD": ""}

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def load(conn, rows, primary_key):
    """The pgbench_accounts-like table: aid, bid, abalance, filler char(84)."""
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
    key = " PRIMARY KEY" if primary_key else ""
    cur.execute(f"CREATE TABLE {TABLE} (aid integer{key}, bid integer, abalance integer, "
                "filler char(84))")
    data = io.StringIO("".join(f"{i}|{(i - 1) // 100000 + 1}|{(i * 7919) % 10000 - 5000}|-\n"
                               for i in range(1, rows + 1)))
    # The legacy DELIMITER form both PostgreSQL and Redshift accept.
    cur.copy_expert(f"COPY {TABLE} FROM STDIN DELIMITER '|'", data)
    cur.execute(f"SELECT count(*), sum(abalance) FROM {TABLE}")
    result = cur.fetchone()
    if primary_key:
        cur.execute(f"ANALYZE {TABLE}")
    return result


def pgbench(env, script_file, clients, seconds, mode):
    jobs = min(2, clients)
    cmd = [os.path.join(PG_BIN, "pgbench"), "-n", "-f", script_file, "-c", str(clients), "-j",
           str(jobs), "-T", str(seconds), "-M", mode]
    p = subprocess.run(cmd, env={**os.environ, **env}, text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    m = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", p.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", p.stdout)
    if p.returncode != 0 or not m:
        return {"error": (p.stderr or p.stdout).strip().splitlines()[-3:]}
    return {"qps": float(m.group(1)), "failed": int(failed.group(1)) if failed else 0}


def stream(env, n):
    # Through wc -l (for both): checks every row arrived, at little cost.
    cmd = (f"set -o pipefail; psql -X -q --csv -c \"{STREAM_SQL.format(n=n)}\" | wc -l")
    start = time.monotonic()
    p = subprocess.run(["bash", "-c", cmd], env={**os.environ, **env}, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - start
    if p.returncode != 0:
        return {"error": p.stderr.strip().splitlines()[-3:]}
    if p.stdout.strip() != str(n + 1):
        return {"error": [f"{p.stdout.strip()} lines, expected {n + 1}"]}
    return {"seconds": round(elapsed, 3), "rows_per_s": round(n / elapsed)}


def ratio(a, b):
    return round(a / b, 3) if a and b else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--mode", default="extended", choices=["simple", "extended", "prepared"])
    ap.add_argument("--stream-rows", type=int, default=10_000_000)
    ap.add_argument("--out", default=None, help="JSON file (default: build/server_bench.json)")
    args = ap.parse_args()
    out = args.out or os.path.join(args.build, "server_bench.json")

    work = tempfile.mkdtemp(prefix="tributary-server-bench.")
    pg_env = start_postgres()
    tributary = None
    results = {"config": {k: v for k, v in vars(args).items() if k != "out"},
               "host": {"cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg()[0]}}
    try:
        tributary = Tributary(args.build, work)
        pg_params = dict(host=pg_env["PGHOST"], port=pg_env["PGPORT"], user=pg_env["PGUSER"],
                         password=pg_env["PGPASSWORD"], dbname=pg_env["PGDATABASE"])
        pg_conn = psycopg2.connect(**pg_params)
        tr_conn = psycopg2.connect(**tributary.params())
        loaded = {"postgres": load(pg_conn, args.rows, True),
                  "tributary": load(tr_conn, args.rows, False)}
        if [str(v) for v in loaded["postgres"]] != [str(v) for v in loaded["tributary"]]:
            raise RuntimeError(f"loaded tables differ: {loaded}")
        pg_conn.close()
        tr_conn.close()
        systems = {"postgres": pg_env, "tributary": tributary.env()}

        for name, template in SCRIPTS.items():
            path = os.path.join(work, name + ".sql")
            with open(path, "w") as f:
                f.write(template.format(rows=args.rows, rows_minus=max(1, args.rows - 999)))
            results[name] = {s: pgbench(env, path, args.clients, args.seconds, args.mode)
                             for s, env in systems.items()}
            results[name]["ratio"] = ratio(results[name]["tributary"].get("qps"),
                                           results[name]["postgres"].get("qps"))
        results["stream"] = {s: stream(env, args.stream_rows) for s, env in systems.items()}
        results["stream"]["ratio"] = ratio(results["stream"]["tributary"].get("rows_per_s"),
                                           results["stream"]["postgres"].get("rows_per_s"))
    finally:
        if tributary:
            tributary.close()
        subprocess.run([os.path.join(ROOT, "scripts", "stop-postgres"), pg_env["TRIBUTARY_PG_DIR"]],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results["host"]["loadavg_at_end"] = os.getloadavg()[0]

    def cell(r, key):
        return f"{r[key]:,.0f}" if key in r else "error: " + " ".join(r.get("error", []))[:60]

    print(f"\n{args.clients} clients, {args.seconds} s each, pgbench -M {args.mode}, "
          f"{args.rows:,} rows; load average {results['host']['loadavg_at_start']:.1f} "
          f"on {os.cpu_count()} CPUs")
    print(f"{'benchmark':<28}{'Tributary':>16}{'PostgreSQL 15':>16}{'ratio':>8}")
    for name in SCRIPTS:
        r = results[name]
        print(f"{name + ' (queries/s)':<28}{cell(r['tributary'], 'qps'):>16}"
              f"{cell(r['postgres'], 'qps'):>16}{r['ratio'] or '-':>8}")
    r = results["stream"]
    print(f"{f'stream {args.stream_rows:,} rows (rows/s)':<28}{cell(r['tributary'], 'rows_per_s'):>16}"
          f"{cell(r['postgres'], 'rows_per_s'):>16}{r['ratio'] or '-':>8}")
    for s in ("tributary", "postgres"):
        if "seconds" in r[s]:
            print(f"  stream wall time {s}: {r[s]['seconds']} s")
    print("ratio = Tributary / PostgreSQL (above 1: Tributary is faster)")
    with open(out, "w") as f:
        json.dump(results, f, indent=2)
    print("JSON:", out)
    shutil.rmtree(work, ignore_errors=True)
    errors = [f"{name} {s}" for name in (*SCRIPTS, "stream") for s in ("tributary", "postgres")
              if "error" in results[name][s]]
    if errors:
        print("failed:", ", ".join(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
