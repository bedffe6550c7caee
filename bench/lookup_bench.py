#!/usr/bin/python3
"""Selective lookups (issue #8): 1,000 local keys joined to an indexed remote
table of --rows rows (default 10 M). Reports the bytes the source sent
Tributary (EXPLAIN ANALYZE of the remote fragment) against the size of the
matching rows' columns (sum of pg_column_size; target: within 2x), and the
time against postgres_fdw (use_remote_estimate, so it may pick parameterized
index lookups) and PostgreSQL running the join natively, in one run.

Uses the PostgreSQL named by the PG* variables (scripts/start-postgres; the
TRIBUTARY_PG_SUPERUSER/SUPERPASSWORD it sets create postgres_fdw's database).
Creates table lookup_big once per --rows (generate_series, btree index on id,
ANALYZE). Prints medians and ratios; never fails on a time.

  bench/lookup_bench.py [--rows 10000000] [--keys 1000] [--runs 3] [--build build]
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
PSQL = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
# The join every system runs; the columns it reads are id, name and amount.
QUERY = ("SELECT count(*), sum(b.amount), max(b.name) FROM {big} b JOIN lookup_keys k "
         "ON b.id = k.k")


def psql(env, *commands, database=None, stdin=None):
    e = dict(env)
    if database:
        e["PGDATABASE"] = database
    args = list(PSQL)
    for c in commands:
        args += ["-c", c]
    return subprocess.run(args + ["-At"], env=e, check=True, text=True, input=stdin,
                          stdout=subprocess.PIPE).stdout.strip()


def keys_sql(rows, keys):
    # Keys spread evenly over the table, every one matching a row.
    step = max(1, rows // keys)
    return f"SELECT (g * {step})::bigint AS k FROM generate_series(1, {keys}) g"


def create_source(env, rows):
    have = psql(env, "SELECT obj_description(c.oid, 'pg_class') FROM pg_class c "
                "WHERE c.oid = to_regclass('lookup_big')")
    if have == str(rows):
        return
    print(f"creating lookup_big with {rows} rows (once)", flush=True)
    psql(env, "DROP TABLE IF EXISTS lookup_big",
         "CREATE TABLE lookup_big (id bigint, grp integer, name text, amount numeric(12,2), "
         "created date)",
         f"INSERT INTO lookup_big SELECT g, g % 1000, 'customer name ' || g, (g % 100000) / "
         f"100.0, date '2020-01-01' + (g % 1000)::integer FROM generate_series(1, {rows}) g",
         "CREATE INDEX lookup_big_id ON lookup_big (id)",
         "VACUUM ANALYZE lookup_big",
         f"COMMENT ON TABLE lookup_big IS '{rows}'")


def matching_bytes(env, rows, keys):
    """The size of the columns the join reads, over the matching rows."""
    return int(psql(env, "SELECT sum(pg_column_size(b.id) + pg_column_size(b.name) + "
                    "pg_column_size(b.amount)) FROM lookup_big b WHERE b.id IN (" +
                    keys_sql(rows, keys) + ")"))


def timings(output):
    return [float(m) for m in re.findall(r"^Time: ([0-9.]+) ms", output, re.M)]


def median_after_warmup(cmd, script, env, timeout):
    try:
        r = subprocess.run(cmd, input=script, env=env, text=True, stdout=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    t = timings(r.stdout)
    return statistics.median(t[1:]) if len(t) > 1 else None


def setup_fdw(env, rows, keys):
    sup = dict(env, PGUSER=env["TRIBUTARY_PG_SUPERUSER"],
               PGPASSWORD=env["TRIBUTARY_PG_SUPERPASSWORD"])
    psql(sup, "DROP DATABASE IF EXISTS lookup_fdw",
         f"CREATE DATABASE lookup_fdw OWNER {env['PGUSER']}")
    psql(sup, "CREATE EXTENSION postgres_fdw",
         f"CREATE SERVER src FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '{env['PGHOST']}', "
         f"port '{env['PGPORT']}', dbname '{env['PGDATABASE']}', use_remote_estimate 'true', "
         "fetch_size '10000')",
         f"GRANT USAGE ON FOREIGN SERVER src TO {env['PGUSER']}", database="lookup_fdw")
    # The password goes through standard input, never onto a command line.
    psql(sup, database="lookup_fdw",
         stdin=f"CREATE USER MAPPING FOR {env['PGUSER']} SERVER src OPTIONS "
               f"(user '{env['PGUSER']}', password '{env['PGPASSWORD']}');\n")
    psql(env, "IMPORT FOREIGN SCHEMA public LIMIT TO (lookup_big) FROM SERVER src INTO public",
         "CREATE TABLE lookup_keys AS " + keys_sql(rows, keys), "ANALYZE lookup_keys",
         database="lookup_fdw")


def setup_tributary(binary, env, work):
    data = os.path.join(work, "data")
    tenv = dict(env, TRIBUTARY_DATA=data)
    run = lambda *a: subprocess.run([binary] + list(a), env=tenv, check=True, text=True,
                                    stdout=subprocess.PIPE).stdout
    secret = json.loads(run("secretsmanager", "create-secret", "--name", "lookup",
                            "--secret-string", json.dumps({"username": env["PGUSER"],
                                                           "password": env["PGPASSWORD"]})))["ARN"]
    role = json.loads(run("iam", "create-role", "--role-name", "lookup"))["Role"]["Arn"]
    policy = os.path.join(work, "policy.json")
    json.dump({"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                              "Resource": secret}]}, open(policy, "w"))
    run("iam", "put-role-policy", "--role-name", "lookup", "--policy-name", "read",
        "--policy-document", "file://" + policy)
    run("redshift", "modify-cluster-iam-roles", "--add-iam-roles", role,
        "--default-iam-role-arn", role)
    return data, (f"CREATE EXTERNAL SCHEMA IF NOT EXISTS src FROM POSTGRES DATABASE "
                  f"'{env['PGDATABASE']}' SCHEMA 'public' URI '{env['PGHOST']}' PORT "
                  f"{env['PGPORT']} IAM_ROLE default SECRET_ARN '{secret}';\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--keys", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=600, help="seconds per system")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = parser.parse_args()
    env = dict(os.environ)
    if "PGHOST" not in env or "TRIBUTARY_PG_SUPERUSER" not in env:
        sys.exit("lookup_bench: set PG* (source \"$(scripts/start-postgres | tail -1)\")")
    binary = os.path.join(args.build, "tributary")
    work = tempfile.mkdtemp(prefix="tributary-lookup-")
    create_source(env, args.rows)
    psql(env, "DROP TABLE IF EXISTS lookup_keys",
         "CREATE TABLE lookup_keys AS " + keys_sql(args.rows, args.keys), "ANALYZE lookup_keys")
    setup_fdw(env, args.rows, args.keys)
    data, schema = setup_tributary(binary, env, work)
    tributary_sql = QUERY.format(big="src.lookup_big")
    keys = f"CREATE TABLE lookup_keys AS {keys_sql(args.rows, args.keys)};\n"
    subprocess.run([binary, "-f", "/dev/stdin", data], input=schema + keys, env=env, text=True,
                   check=True, stdout=subprocess.DEVNULL)

    # Bytes: the remote scan's actual bytes in EXPLAIN ANALYZE.
    plan = subprocess.run([binary, "-c", "EXPLAIN ANALYZE " + tributary_sql, data], env=env,
                          text=True, check=True, stdout=subprocess.PIPE).stdout
    m = re.search(r"actual rows: (\d+), bytes: (\d+)", plan)
    if not m:
        sys.exit("lookup_bench: no remote fragment actuals in\n" + plan)
    fragment_rows, sent = int(m.group(1)), int(m.group(2))
    matched = matching_bytes(env, args.rows, args.keys)
    timed = "\\timing on\n" + (tributary_sql + ";\n") * (args.runs + 1)
    tributary = median_after_warmup([binary, "-f", "/dev/stdin", data], timed, env, args.timeout)
    fdw_env = dict(env, PGDATABASE="lookup_fdw")
    fdw = median_after_warmup(PSQL, "\\timing on\n" + (QUERY.format(big="lookup_big") + ";\n") *
                              (args.runs + 1), fdw_env, args.timeout)
    native = median_after_warmup(PSQL, "\\timing on\n" + (QUERY.format(big="lookup_big") + ";\n")
                                 * (args.runs + 1), env, args.timeout)
    fmt = lambda ms: f"{ms:10.1f} ms" if ms is not None else "   timeout"
    ratio = lambda a, b: f"{a / b:.1f}x" if a and b else "-"
    print(f"{args.keys} local keys joined to {args.rows} indexed remote rows "
          f"(median of {args.runs} runs)")
    print(f"remote rows sent     {fragment_rows:>12}")
    print(f"bytes sent           {sent:>12}")
    print(f"matching rows' size  {matched:>12}  (pg_column_size of id, name, amount)")
    print(f"bytes / matching     {sent / matched:>12.2f}  (target <= 2)")
    print(f"tributary            {fmt(tributary)}")
    print(f"postgres_fdw         {fmt(fdw)}  (fdw / tributary {ratio(fdw, tributary)})")
    print(f"postgres native      {fmt(native)}  (native / tributary {ratio(native, tributary)})")
    for line in plan.splitlines():
        if "REMOTE_SCAN" in line or "dynamic filter" in line:
            print("  " + line.strip()[:160])


if __name__ == "__main__":
    main()
