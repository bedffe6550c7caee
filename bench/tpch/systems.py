"""The systems a run measures, each behind one interface:

  run(sql, runs, warmup) -> Measurement(seconds: median wall time, rows, peak_rss_kib)

Times are wall-clock from the client's side (the results of the 22 queries
are small, so the transfer is negligible). Peak memory is the high-water
mark of the process doing the work (the Tributary server, the PostgreSQL
backend, the DuckDB process), reset before each query through
/proc/PID/clear_refs; for postgres_fdw it is the local backend only.
"""
import json
import os
import shutil
import socket
import statistics
import subprocess
import time
from dataclasses import dataclass

import psycopg2

from .dataset import ROOT


# A query slower than this is not repeated: its first run (warm-up or not)
# is its figure, so that one slow peer query cannot hold up a run for hours.
SLOW_QUERY_S = 20


@dataclass
class Measurement:
    seconds: float = None
    rows: list = None
    peak_rss_kib: int = None
    error: str = None
    # Set when the query was stopped at the time limit: a lower bound of its time.
    timeout_seconds: float = None


def _reset_peak(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def _peak(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


class _PsycopgSystem:
    """A system reached through psycopg2; subclasses set conn and pid."""

    def __init__(self, timeout_s):
        self.timeout_s = timeout_s

    def execute(self, sql):
        with self.conn.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall() if cur.description else []

    def run(self, sql, runs, warmup):
        m = Measurement()
        times = []
        try:
            for i in range(warmup + runs):
                _reset_peak(self.pid)
                start = time.perf_counter()
                rows = self.execute(sql)
                elapsed = time.perf_counter() - start
                if i >= warmup or elapsed > SLOW_QUERY_S:
                    times.append(elapsed)
                m.rows = rows
                m.peak_rss_kib = _peak(self.pid)
                if elapsed > SLOW_QUERY_S:
                    break
        except self.client_error as e:
            m.error, timed_out = self.describe(e)
            if timed_out:
                m.error = f"timeout ({self.timeout_s} s)"
                m.timeout_seconds = float(self.timeout_s)
            return m
        m.seconds = statistics.median(times)
        return m

    # The client library's error class, and (message, timed out) of one.
    client_error = psycopg2.Error

    def describe(self, e):
        self.conn.rollback()
        return (e.pgcode or "") + " " + str(e).strip().splitlines()[0], e.pgcode == "57014"

    def close(self):
        self.conn.close()


class PostgresSystem(_PsycopgSystem):
    """PostgreSQL native, or postgres_fdw (a database of foreign tables)."""

    def __init__(self, env, database, timeout_s):
        super().__init__(timeout_s)
        self.conn = psycopg2.connect(host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"],
                                     password=env["PGPASSWORD"], dbname=database)
        self.conn.autocommit = True
        self.execute(f"SET statement_timeout = '{timeout_s}s'")
        self.pid = self.execute("SELECT pg_backend_pid()")[0][0]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TributarySystem(_PsycopgSystem):
    """`tributary serve` on a fresh data directory, trusted on loopback."""

    def __init__(self, build, work, source_env, timeout_s, mysql_env=None):
        super().__init__(timeout_s)
        self.binary = os.path.join(build, "tributary")
        self.data = os.path.join(work, "tributary-data")
        shutil.rmtree(self.data, ignore_errors=True)
        self._create_external_schema_setup(source_env, work, mysql_env)
        port = _free_port()
        self.log = open(os.path.join(work, "tributary-server.log"), "w")
        self.server = subprocess.Popen([self.binary, "serve", "--data", self.data, "--listen",
                                        f"127.0.0.1:{port}"], stdout=self.log,
                                       stderr=subprocess.STDOUT)
        self.pid = self.server.pid
        deadline = time.time() + 30
        while True:
            try:
                self.conn = psycopg2.connect(host="127.0.0.1", port=port, user="awsuser",
                                             dbname="dev")
                break
            except psycopg2.OperationalError:
                if time.time() > deadline or self.server.poll() is not None:
                    raise RuntimeError("tributary serve did not start; see " + self.log.name)
                time.sleep(0.1)
        self.conn.autocommit = True
        self.execute(f"SET statement_timeout TO {timeout_s * 1000}")

    def _control(self, *args):
        out = subprocess.run([self.binary, *args, "--data", self.data], check=True, text=True,
                             stdout=subprocess.PIPE).stdout
        return json.loads(out) if out.strip() else None

    def _create_secret(self, name, username, password, work):
        secret = json.dumps({"username": username, "password": password})
        secret_file = os.path.join(work, "secret.json")
        with os.fdopen(os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
                       "w") as f:
            f.write(secret)
        arn = self._control("secretsmanager", "create-secret", "--name", name,
                            "--secret-string", "file://" + secret_file)["ARN"]
        os.remove(secret_file)
        return arn

    def _create_external_schema_setup(self, env, work, mysql_env):
        """The secrets, a default role that may read them, and the CREATE
        EXTERNAL SCHEMA statements: `external_schema_sql` (apg, the
        PostgreSQL source) and, with `mysql_env`, `mysql_schema_sql` (amy)."""
        arns = [self._create_secret("bench", env["PGUSER"], env["PGPASSWORD"], work)]
        if mysql_env:
            arns.append(self._create_secret("bench-mysql", mysql_env["MYSQL_USER"],
                                            mysql_env["MYSQL_PASSWORD"], work))
        role = self._control("iam", "create-role", "--role-name", "bench")["Role"]["Arn"]
        policy = os.path.join(work, "policy.json")
        with open(policy, "w") as f:
            json.dump({"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                "Resource": arns}]}, f)
        self._control("iam", "put-role-policy", "--role-name", "bench", "--policy-name", "read",
                      "--policy-document", "file://" + policy)
        self._control("redshift", "modify-cluster-iam-roles", "--add-iam-roles", role,
                      "--default-iam-role-arn", role)
        self.external_schema_sql = (
            f"CREATE EXTERNAL SCHEMA IF NOT EXISTS apg FROM POSTGRES DATABASE "
            f"'{env['PGDATABASE']}' URI '{env['PGHOST']}' PORT {env['PGPORT']} "
            f"IAM_ROLE default SECRET_ARN '{arns[0]}'")
        if mysql_env:
            self.mysql_schema_sql = (
                f"CREATE EXTERNAL SCHEMA IF NOT EXISTS amy FROM MYSQL DATABASE "
                f"'{mysql_env['MYSQL_DATABASE']}' URI '{mysql_env['MYSQL_HOST']}' PORT "
                f"{mysql_env['MYSQL_PORT']} IAM_ROLE default SECRET_ARN '{arns[1]}'")

    def close(self):
        super().close()
        self.server.terminate()
        self.server.wait(timeout=30)
        self.log.close()


class MySqlSystem(_PsycopgSystem):
    """MariaDB native, through pymysql (python3-pymysql); a query over the
    time limit is stopped by the server (max_statement_time)."""

    def __init__(self, env, timeout_s):
        import pymysql
        super().__init__(timeout_s)
        self.client_error = pymysql.Error
        self.conn = pymysql.connect(host=env["MYSQL_HOST"], port=int(env["MYSQL_PORT"]),
                                    user=env["MYSQL_USER"], password=env["MYSQL_PASSWORD"],
                                    database=env["MYSQL_DATABASE"], autocommit=True)
        self.execute(f"SET SESSION max_statement_time = {timeout_s}")
        pid_file = self.execute("SELECT @@pid_file")[0][0]
        try:
            self.pid = int(open(pid_file).read().strip())
        except (OSError, ValueError):
            self.pid = None

    def execute(self, sql):
        return [list(r) for r in super().execute(sql)]

    def describe(self, e):
        # 1969: max_statement_time exceeded.
        return " ".join(str(a) for a in e.args)[:200], bool(e.args) and e.args[0] == 1969


class DuckDBSystem:
    """DuckDB through the npm package @duckdb/node-api (bench/duckdb/), in a
    node process that loads the .tbl files and answers one request a line."""

    DIR = os.path.join(ROOT, "bench", "duckdb")

    @classmethod
    def install(cls):
        """Installs the pinned package; returns an error text or None."""
        if not shutil.which("node") or not shutil.which("npm"):
            return "node/npm not found"
        if os.path.isdir(os.path.join(cls.DIR, "node_modules", "@duckdb", "node-api")):
            return None
        r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                           cwd=cls.DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        return None if r.returncode == 0 else "npm ci failed: " + r.stdout.strip()[-300:]

    def __init__(self, data_dir, ddl, timeout_s):
        self.timeout_s = timeout_s
        self.proc = subprocess.Popen(["node", os.path.join(self.DIR, "duckdb_runner.mjs")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.pid = self.proc.pid
        reply = self._request({"load": {"dir": data_dir, "ddl": ddl}})
        if "error" in reply:
            raise RuntimeError("DuckDB load failed: " + reply["error"])

    def _request(self, message):
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the DuckDB runner exited")
        return json.loads(line)

    def run(self, sql, runs, warmup):
        reply = self._request({"sql": sql, "runs": runs, "warmup": warmup})
        if "error" in reply:
            return Measurement(error=reply["error"])
        return Measurement(seconds=statistics.median(reply["seconds"]), rows=reply["rows"],
                           peak_rss_kib=reply.get("peak_rss_kib"))

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
