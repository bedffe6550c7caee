#!/usr/bin/python3
"""Full scan of TPC-H lineitem through an external schema, side by side with
its peers in one run (issue #4's speed figures):

  raw COPY      psql: COPY (SELECT * FROM lineitem) TO STDOUT (FORMAT binary)
                into /dev/null (the transfer floor: no decoding at all)
  postgres_fdw  psql, in a second database of the same server: the same COPY
                over a foreign table (fetches every row through the fdw)
  tributary     an aggregate over every column of apg.lineitem (so every
                column is transferred and decoded), with one connection
                (pg_federation_split_pages = 0) and with parallel ctid ranges

It starts a throwaway PostgreSQL (scripts/start-postgres), generates the data
with bench/tpch-gen, prints a table with medians and ratios, writes a JSON
file and never fails on a time.

  bench/federated_scan.py [--sf 1] [--runs 3] [--build build] [--json FILE]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLUMNS = [
    "l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity", "l_extendedprice",
    "l_discount", "l_tax", "l_returnflag", "l_linestatus", "l_shipdate", "l_commitdate",
    "l_receiptdate", "l_shipinstruct", "l_shipmode", "l_comment"
]
AGGREGATE = "SELECT count(*), " + ", ".join(f"max({c})" for c in COLUMNS) + " FROM {table}"


def run(cmd, env=None, stdout=subprocess.DEVNULL, input=None):
    return subprocess.run(cmd, env=env, stdout=stdout, input=input, check=True, text=True)


def timed(cmd, env, runs):
    """Median wall seconds of `runs` runs, after one warm-up."""
    run(cmd, env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(cmd, env)
        times.append(time.perf_counter() - start)
    return statistics.median(times), None


def tributary_times(binary, data, work, setup, query, split_pages, runs):
    """Runs the query runs+1 times in one shell process: the median of its
    \\timing figures (the first run is a warm-up) and the process's peak RSS."""
    script = os.path.join(work, "bench.sql")
    with open(script, "w") as f:
        f.write(setup + "\\timing\n" + f"SET pg_federation_split_pages TO {split_pages};\n")
        f.write((query + ";\n") * (runs + 1))
    output = os.path.join(work, "bench.out")
    with open(output, "w") as out:
        child = subprocess.Popen([binary, "-f", script, data], stdout=out)
        _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f"federated_scan: tributary failed (status {status}); see {output}")
    ms = [float(m) for m in re.findall(r"^Time: ([0-9.]+) ms", open(output).read(), re.M)]
    samples = ms[2:]  # the SET, then the warm-up
    return statistics.median(samples) / 1000.0, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sf", default="1", help="TPC-H scale factor (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per system (default 3)")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"), help="build directory")
    parser.add_argument("--json", default=None, help="write results here")
    args = parser.parse_args()

    binary = os.path.join(args.build, "tributary")
    tpchgen = os.path.join(args.build, "bench", "tpch-gen", "tpch-gen")
    for path in (binary, tpchgen):
        if not os.path.exists(path):
            sys.exit(f"federated_scan: {path} is missing; build first (cmake --build {args.build})")

    env_file = subprocess.run([os.path.join(ROOT, "scripts", "start-postgres")], check=True,
                              text=True, stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    env = dict(os.environ)
    for line in open(env_file):
        m = re.match(r"export (\w+)=(.*)", line.strip())
        if m:
            env[m.group(1)] = m.group(2)
    work = tempfile.mkdtemp(prefix="tributary-bench-")
    try:
        psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        print(f"generating lineitem at SF {args.sf} ...", file=sys.stderr)
        run([tpchgen, "--sf", args.sf, "--out", work, "--tables", "lineitem", "--quiet"])
        schema = open(os.path.join(ROOT, "..", "shared", "tpch", "schema.sql")).read() \
            if os.path.exists(os.path.join(ROOT, "..", "shared", "tpch", "schema.sql")) else None
        ddl = re.search(r"CREATE TABLE lineitem.*?\);", schema, re.S | re.I).group(0)
        run(psql + ["-c", "DROP TABLE IF EXISTS lineitem", "-c", ddl], env)
        print("loading it into PostgreSQL ...", file=sys.stderr)
        with open(os.path.join(work, "lineitem.tbl")) as tbl:
            subprocess.run(
                ["sh", "-c", "sed 's/|$//' | " + " ".join(psql) +
                 " -c \"\\copy lineitem from stdin with (format csv, delimiter '|')\""],
                env=env, stdin=tbl, check=True)
        os.remove(os.path.join(work, "lineitem.tbl"))
        run(psql + ["-c", "VACUUM ANALYZE lineitem"], env)
        rows = int(subprocess.run(psql + ["-Atc", "SELECT count(*) FROM lineitem"], env=env,
                                  check=True, text=True, stdout=subprocess.PIPE).stdout)

        # postgres_fdw in a second database of the same server, as superuser.
        su = dict(env, PGUSER=env["TRIBUTARY_PG_SUPERUSER"],
                  PGPASSWORD=env["TRIBUTARY_PG_SUPERPASSWORD"])
        run(psql + ["-c", "DROP DATABASE IF EXISTS fdw", "-c", "CREATE DATABASE fdw"], su)
        su_fdw = dict(su, PGDATABASE="fdw")
        run(psql + ["-c", "CREATE EXTENSION postgres_fdw",
                    "-c", f"CREATE SERVER src FOREIGN DATA WRAPPER postgres_fdw OPTIONS "
                          f"(host '{env['PGHOST']}', port '{env['PGPORT']}', "
                          f"dbname '{env['PGDATABASE']}')",
                    "-c", f"CREATE USER MAPPING FOR CURRENT_USER SERVER src OPTIONS "
                          f"(user '{env['PGUSER']}', password '{env['PGPASSWORD']}')",
                    "-c", "IMPORT FOREIGN SCHEMA public LIMIT TO (lineitem) FROM SERVER src "
                          "INTO public"], su_fdw)

        copy = "COPY (SELECT * FROM lineitem) TO STDOUT (FORMAT binary)"
        results = {}
        print("raw COPY ...", file=sys.stderr)
        results["raw_copy"] = timed(psql + ["-c", copy], env, args.runs)
        print("postgres_fdw ...", file=sys.stderr)
        results["postgres_fdw"] = timed(psql + ["-c", copy], su_fdw, args.runs)

        data = os.path.join(work, "data")
        t = lambda *a: run([binary] + list(a), dict(env, TRIBUTARY_DATA=data),
                           stdout=subprocess.PIPE)
        secret = json.loads(subprocess.run(
            [binary, "secretsmanager", "create-secret", "--name", "bench",
             "--secret-string", json.dumps({"username": env["PGUSER"],
                                            "password": env["PGPASSWORD"]})],
            env=dict(env, TRIBUTARY_DATA=data), check=True, text=True,
            stdout=subprocess.PIPE).stdout)["ARN"]
        role = json.loads(subprocess.run(
            [binary, "iam", "create-role", "--role-name", "bench"],
            env=dict(env, TRIBUTARY_DATA=data), check=True, text=True,
            stdout=subprocess.PIPE).stdout)["Role"]["Arn"]
        policy = os.path.join(work, "policy.json")
        with open(policy, "w") as f:
            json.dump({"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                                      "Resource": secret}]}, f)
        t("iam", "put-role-policy", "--role-name", "bench", "--policy-name", "read",
          "--policy-document", "file://" + policy)
        t("redshift", "modify-cluster-iam-roles", "--add-iam-roles", role,
          "--default-iam-role-arn", role)
        setup = (f"CREATE EXTERNAL SCHEMA IF NOT EXISTS apg FROM POSTGRES DATABASE "
                 f"'{env['PGDATABASE']}' URI '{env['PGHOST']}' PORT {env['PGPORT']} IAM_ROLE default "
                 f"SECRET_ARN '{secret}';\n")
        query = AGGREGATE.format(table="apg.lineitem")
        print("tributary, one connection ...", file=sys.stderr)
        results["tributary_1conn"] = tributary_times(binary, data, work, setup, query, 0,
                                                     args.runs)
        print("tributary, parallel ranges ...", file=sys.stderr)
        results["tributary_parallel"] = tributary_times(binary, data, work, setup, query, 1000,
                                                        args.runs)
    finally:
        subprocess.run([os.path.join(ROOT, "scripts", "stop-postgres"), env["TRIBUTARY_PG_DIR"]],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["rm", "-rf", work])

    raw = results["raw_copy"][0]
    print(f"\nlineitem SF {args.sf}: {rows} rows, median of {args.runs} runs, "
          f"{os.cpu_count()} cores\n")
    print(f"{'system':<22}{'seconds':>9}{'M rows/s':>10}{'vs raw COPY':>13}"
          f"{'vs fdw':>9}{'peak RSS MB':>13}")
    report = {"sf": args.sf, "rows": rows, "runs": args.runs, "cores": os.cpu_count(),
              "systems": {}}
    for name, (seconds, rss) in results.items():
        rate = rows / seconds / 1e6
        ratio = raw / seconds
        vs_fdw = results["postgres_fdw"][0] / seconds
        memory = f"{rss / 1024:>13.0f}" if rss else f"{'-':>13}"
        print(f"{name:<22}{seconds:>9.3f}{rate:>10.2f}{ratio:>12.2f}x{vs_fdw:>8.2f}x{memory}")
        report["systems"][name] = {"seconds": seconds, "rows_per_second": rows / seconds,
                                   "speed_vs_raw_copy": ratio, "speed_vs_postgres_fdw": vs_fdw,
                                   "peak_rss_kib": rss}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
