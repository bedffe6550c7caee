"""The MariaDB side of the mysql suite: a throwaway server
(scripts/start-mariadb) holding the 8 tables (the shared schema.sql, primary
keys only, as in the PostgreSQL source), loaded with LOAD DATA LOCAL INFILE
and analyzed. `available()` says why the suite cannot run (no server
installed), or None.
"""
import os
import re
import shutil
import subprocess

from .dataset import ROOT, schema_statements


def available():
    if not os.path.exists("/usr/sbin/mariadbd") or not shutil.which("mariadb"):
        return "MariaDB not installed (scripts/install-deps --mysql)"
    try:
        import pymysql  # noqa: F401
    except ImportError:
        return "python3-pymysql not installed (scripts/install-deps --bench)"
    return None


class MySqlSource:
    def __init__(self):
        env_file = subprocess.run([os.path.join(ROOT, "scripts", "start-mariadb")], check=True,
                                  text=True, stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
        self.env = {}
        for line in open(env_file):
            m = re.match(r"export (\w+)=(.*)", line.strip())
            if m:
                self.env[m.group(1)] = m.group(2)

    def stop(self):
        subprocess.run([os.path.join(ROOT, "scripts", "stop-mariadb"),
                        self.env["TRIBUTARY_MYSQL_DIR"]],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def sql(self, statements):
        """Runs `statements` with the mariadb client (through standard input,
        the password through the environment, never on a command line)."""
        e = self.env
        subprocess.run(["mariadb", "--no-defaults", "--local-infile=1", "-h", e["MYSQL_HOST"],
                        "-P", e["MYSQL_PORT"], "-u", e["MYSQL_USER"], e["MYSQL_DATABASE"]],
                       env=dict(os.environ, MYSQL_PWD=e["MYSQL_PASSWORD"]), input=statements,
                       text=True, check=True, stdout=subprocess.DEVNULL)

    def load_tables(self, data_dir, tables):
        ddl = schema_statements()
        script = ""
        for t in tables:
            path = os.path.join(data_dir, f"{t}.tbl").replace("\\", "\\\\").replace("'", "\\'")
            script += (f"DROP TABLE IF EXISTS {t};\n{ddl[t]};\n"
                       f"LOAD DATA LOCAL INFILE '{path}' INTO TABLE {t} "
                       f"FIELDS TERMINATED BY '|';\n")
        script += f"ANALYZE TABLE {', '.join(tables)};\n"
        self.sql(script)


def native_sql(sql):
    """`sql` (a TPC-H query in PostgreSQL's spelling) in MariaDB's: the same
    query, with `interval '3 month'` written `interval '3' month` and a
    derived table's column list (Q13) moved onto its select list, which
    MariaDB does not accept."""
    sql = re.sub(r"interval '(\d+) (\w+)'", r"interval '\1' \2", sql)
    columns = re.search(r"\)\s*as\s+(\w+)\s*\(([\w\s,]+)\)", sql)
    if columns:
        names = [n.strip() for n in columns.group(2).split(",")]
        start = sql.rfind("select", 0, columns.start())
        end = sql.index("from", start)
        items = _split_top_level(sql[start + len("select"):end])
        if len(items) == len(names):
            select = ", ".join(f"{item.strip()} as {name}" for item, name in zip(items, names))
            sql = (sql[:start] + "select " + select + "\n\t\t" + sql[end:columns.start()] +
                   f") as {columns.group(1)}" + sql[columns.end():])
    return sql


def _split_top_level(text):
    """The comma-separated items of a select list (commas inside parentheses
    do not split)."""
    items, depth, current = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    return items
