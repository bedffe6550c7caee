"""The PostgreSQL side of a run: a throwaway server (scripts/start-postgres)
holding the data, and postgres_fdw databases over it for the placements the
suites compare against.

  tributary (the source database)  all 8 tables, analyzed: PostgreSQL native
  fdw_all                          8 foreign tables over it: postgres_fdw, all remote
  fdw_mixed                        lineitem and orders as local tables, the rest foreign
"""
import os
import re
import subprocess

from .dataset import ROOT, schema_statements
from .placement import LOCAL_IN_MIXED, TABLES


class PostgresSource:
    def __init__(self):
        env_file = subprocess.run([os.path.join(ROOT, "scripts", "start-postgres")], check=True,
                                  text=True, stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
        self.env = dict(os.environ)
        for line in open(env_file):
            m = re.match(r"export (\w+)=(.*)", line.strip())
            if m:
                self.env[m.group(1)] = m.group(2)
        self.super_env = dict(self.env, PGUSER=self.env["TRIBUTARY_PG_SUPERUSER"],
                              PGPASSWORD=self.env["TRIBUTARY_PG_SUPERPASSWORD"])

    def stop(self):
        subprocess.run([os.path.join(ROOT, "scripts", "stop-postgres"),
                        self.env["TRIBUTARY_PG_DIR"]],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def psql(self, *commands, database=None, superuser=False, stdin=None):
        env = dict(self.super_env if superuser else self.env)
        if database:
            env["PGDATABASE"] = database
        args = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        for c in commands:
            args += ["-c", c]
        subprocess.run(args, env=env, check=True, stdin=stdin, stdout=subprocess.DEVNULL)

    def load_tables(self, data_dir, tables, database=None):
        ddl = schema_statements()
        for t in tables:
            self.psql(f"DROP TABLE IF EXISTS {t}", ddl[t], database=database)
            with open(os.path.join(data_dir, f"{t}.tbl")) as f:
                self.psql(f"\\copy {t} from stdin with (format csv, delimiter '|')",
                          database=database, stdin=f)
        self.psql("VACUUM ANALYZE", database=database)

    def create_fdw_database(self, name, data_dir, local_tables):
        """A database where `local_tables` are ordinary tables and every other
        TPC-H table is a postgres_fdw foreign table over the source."""
        self.psql(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name} OWNER "
                  f"{self.env['PGUSER']}", superuser=True)
        e = self.env
        foreign = [t for t in TABLES if t not in local_tables]
        self.psql("CREATE EXTENSION postgres_fdw",
                  f"CREATE SERVER src FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host "
                  f"'{e['PGHOST']}', port '{e['PGPORT']}', dbname '{e['PGDATABASE']}', "
                  f"use_remote_estimate 'true', fetch_size '10000')",
                  f"GRANT USAGE ON FOREIGN SERVER src TO {e['PGUSER']}",
                  database=name, superuser=True)
        # The password goes through standard input, never onto a command line
        # (start-postgres makes it alphanumeric, so it needs no escaping).
        mapping = (f"CREATE USER MAPPING FOR {e['PGUSER']} SERVER src OPTIONS "
                   f"(user '{e['PGUSER']}', password '{e['PGPASSWORD']}');\n")
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", name],
                       env=self.super_env, input=mapping, text=True, check=True,
                       stdout=subprocess.DEVNULL)
        self.psql(f"IMPORT FOREIGN SCHEMA public LIMIT TO ({', '.join(foreign)}) FROM SERVER "
                  f"src INTO public", database=name)
        if local_tables:
            self.load_tables(data_dir, local_tables, database=name)
        self.psql("ANALYZE", database=name)

    def setup_fdw(self, data_dir, suites):
        for name, local in fdw_databases(suites).items():
            self.create_fdw_database(name, data_dir, local)


def fdw_databases(suites):
    """The postgres_fdw databases `suites` compare against, with the tables
    each keeps local: fdw_all for the federated and scan suites, fdw_mixed
    for the mixed one."""
    databases = {}
    if "federated" in suites or "scan" in suites:
        databases["fdw_all"] = []
    if "mixed" in suites:
        databases["fdw_mixed"] = sorted(LOCAL_IN_MIXED)
    return databases
