#!/usr/bin/python3
"""The 22 TPC-H queries with every table in the source PostgreSQL, through an
external schema with remote pushdown auto (the default), forced on, forced off
(dynamic filters stay on), and PostgreSQL running them natively, side by side
in one run (issue #8's speed figures).

Uses the PostgreSQL named by the PG* variables (scripts/start-postgres) and
loads ../shared/tpch/sfSF (or generates it with bench/tpch-gen) into schema
tpch_bench once. Prints per-query medians and ratios; never fails on a time.

  bench/tpch_pushdown.py [--sf 0.1] [--runs 3] [--timeout 120] [--build build]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "tpch")
TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]
QUALIFY = re.compile(r"\b(from|join|,)(\s+)(region|nation|supplier|customer|partsupp|part|orders"
                     r"|lineitem)\b", re.I)


def load(sf, psql, env, work, tpchgen):
    have = subprocess.run(psql + ["-Atc", "SELECT count(*) FROM pg_tables WHERE schemaname = "
                                  "'tpch_bench'"], env=env, text=True, stdout=subprocess.PIPE)
    if have.stdout.strip() == "8":
        return
    source = os.path.join(SHARED, "sf" + sf)
    if not os.path.isdir(source) or not any(f.endswith(".tbl") for f in os.listdir(source)):
        subprocess.run([tpchgen, "--sf", sf, "--out", work, "--quiet"], check=True)
        source = work
    schema = open(os.path.join(SHARED, "schema.sql")).read()
    subprocess.run(psql + ["-c", "DROP SCHEMA IF EXISTS tpch_bench CASCADE",
                           "-c", "CREATE SCHEMA tpch_bench"], env=env, check=True)
    subprocess.run(psql, input="SET search_path TO tpch_bench;\n" + schema, env=env, text=True,
                   check=True)
    for table in TABLES:
        path = os.path.join(source, table + ".tbl")
        cat = f"zstd -dc {path}.zst" if not os.path.exists(path) else f"cat {path}"
        subprocess.run(["sh", "-c", cat + " | sed 's/|$//' | " + " ".join(psql) +
                        f" -c \"\\copy tpch_bench.{table} from stdin with (format csv, "
                        "delimiter '|')\""], env=env, check=True)
    subprocess.run(psql + ["-c", "ANALYZE"], env=env, check=True, stderr=subprocess.DEVNULL)


def timings(output):
    return [float(m) for m in re.findall(r"^Time: ([0-9.]+) ms", output, re.M)]


def measure(cmd, script, env, timeout):
    """Median of the timed runs after the warm-up; None on a timeout."""
    try:
        r = subprocess.run(cmd, input=script, env=env, text=True, stdout=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    t = timings(r.stdout)
    return statistics.median(t[1:]) if len(t) > 1 else None


def fmt(ms):
    return f"{ms:>10.1f}" if ms is not None else f"{'timeout':>10}"


def ratio(a, b):
    return f"{a / b:>8.2f}" if a is not None and b else f"{'-':>8}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sf", default="0.1")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--timeout", type=int, default=120, help="seconds per system and query")
    args = parser.parse_args()
    binary = os.path.join(args.build, "tributary")
    env = dict(os.environ)
    if "PGHOST" not in env:
        sys.exit("tpch_pushdown: set PG* (source \"$(scripts/start-postgres | tail -1)\")")
    psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    work = tempfile.mkdtemp(prefix="tributary-tpch-")
    load(args.sf, psql, env, work, os.path.join(args.build, "bench", "tpch-gen", "tpch-gen"))
    data = os.path.join(work, "data")
    tenv = dict(env, TRIBUTARY_DATA=data)
    run = lambda *a: subprocess.run([binary] + list(a), env=tenv, check=True, text=True,
                                    stdout=subprocess.PIPE).stdout
    out = lambda *a: json.loads(run(*a))
    secret = out("secretsmanager", "create-secret", "--name", "bench", "--secret-string",
                 json.dumps({"username": env["PGUSER"], "password": env["PGPASSWORD"]}))["ARN"]
    role = out("iam", "create-role", "--role-name", "bench")["Role"]["Arn"]
    policy = os.path.join(work, "policy.json")
    json.dump({"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                              "Resource": secret}]}, open(policy, "w"))
    run("iam", "put-role-policy", "--role-name", "bench", "--policy-name", "read",
        "--policy-document", "file://" + policy)
    run("redshift", "modify-cluster-iam-roles", "--add-iam-roles", role, "--default-iam-role-arn",
        role)
    setup = (f"CREATE EXTERNAL SCHEMA IF NOT EXISTS tpch_bench FROM POSTGRES DATABASE "
             f"'{env['PGDATABASE']}' SCHEMA 'tpch_bench' URI '{env['PGHOST']}' PORT "
             f"{env['PGPORT']} IAM_ROLE default SECRET_ARN '{secret}';\n")
    print(f"TPC-H SF {args.sf}, all tables remote, median of {args.runs} runs (ms)")
    print("(timeout: more than --timeout seconds for the warm-up and the runs)")
    print(f"{'query':<7}{'native':>10}{'auto':>10}{'on':>10}{'off':>10}{'off/on':>8}"
          f"{'native/on':>11}")
    totals = {"native": 0, "auto": 0, "on": 0, "off": 0}
    for q in range(1, 23):
        sql = open(os.path.join(SHARED, "queries", f"q{q:02d}.sql")).read().strip().rstrip(";")
        remote = QUALIFY.sub(lambda m: m.group(1) + m.group(2) + "tpch_bench." + m.group(3), sql)
        row = {}
        native = (f"SET search_path TO tpch_bench;\n\\timing on\n" +
                  (sql + ";\n") * (args.runs + 1))
        row["native"] = measure(psql, native, env, args.timeout)
        for mode in ("auto", "on", "off"):
            script = os.path.join(work, "q.sql")
            with open(script, "w") as f:
                f.write(setup + f"SET pg_federation_pushdown TO {mode};\n\\timing on\n" +
                        (remote + ";\n") * (args.runs + 1))
            row[mode] = measure([binary, "-f", script, data], None, env, args.timeout)
        for k in totals:
            totals[k] = None if totals[k] is None or row[k] is None else totals[k] + row[k]
        print(f"q{q:02d}   {fmt(row['native'])}{fmt(row['auto'])}{fmt(row['on'])}{fmt(row['off'])}"
              f"{ratio(row['off'], row['on'])}{ratio(row['native'], row['on']):>11}", flush=True)
    print(f"{'total':<7}{fmt(totals['native'])}{fmt(totals['auto'])}{fmt(totals['on'])}"
          f"{fmt(totals['off'])}"
          f"{ratio(totals['off'], totals['on'])}{ratio(totals['native'], totals['on']):>11}")
    subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
