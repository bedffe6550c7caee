#!/usr/bin/python3
"""Fill or check the expected results of sqllogictest files against PostgreSQL.

Usage: fill_from_postgres.py [--check] FILE.test...

Each file runs in a fresh PostgreSQL database (created and dropped here),
reached through the usual PG* environment variables. `statement ok|error`
records are run and must succeed/fail as declared. `query` records get their
expected rows from PostgreSQL (rewritten in place), or with --check are
compared and differences reported. A record containing the line
`# tributary-only` is skipped (behaviour PostgreSQL does not share).

__TEST_DIR__ (a fresh directory the server can write) and __DATA_DIR__
(the repository's test/data) are substituted, as the runner does.

Values are printed the way the runner prints them: NULL as `NULL`, the empty
string as `(empty)`, columns separated by tabs.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

import psycopg2


def records(lines):
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        start = i
        while i < len(lines) and lines[i].strip():
            i += 1
        # A query's expected block may contain no blank lines; a record ends
        # at the first blank line after it.
        yield start, i


def fmt(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "t" if v else "f"
    s = str(v)
    return "(empty)" if s == "" else s


def main():
    check = "--check" in sys.argv
    files = [a for a in sys.argv[1:] if not a.startswith("--")]
    admin = psycopg2.connect(dbname=os.environ.get("PGDATABASE", "postgres"))
    admin.autocommit = True
    failures = 0
    for path in files:
        db = "slt_" + uuid.uuid4().hex[:8]
        admin.cursor().execute(f"CREATE DATABASE {db}")
        try:
            con = psycopg2.connect(dbname=db)
            con.autocommit = True
            # Show values in PostgreSQL's text form, as psql does.
            psycopg2.extensions.register_type(psycopg2.extensions.new_type(
                tuple(range(16, 5000)), "TEXTALL", lambda v, c: v))
            test_dir = tempfile.mkdtemp(prefix="tributary-slt-")
            os.chmod(test_dir, 0o777)
            data_dir = os.path.join(os.path.dirname(os.path.abspath(path)).split("/sql/")[0].rsplit("/sql", 1)[0], "data")

            def substitute(text):
                return text.replace("__TEST_DIR__", test_dir).replace("__DATA_DIR__", data_dir)
            lines = open(path).read().split("\n")
            out = []
            pos = 0
            for start, end in records(lines):
                out.extend(lines[pos:start])
                rec = lines[start:end]
                pos = end
                head = rec[0].split()
                if any(l.strip() == "# tributary-only" for l in rec) or not head or head[0] not in ("statement", "query"):
                    out.extend(rec)
                    continue
                body = [l for l in rec[1:]]
                if "----" in body:
                    sep = body.index("----")
                    sql, expected = body[:sep], body[sep + 1:]
                else:
                    sql, expected = body, None
                sql_text = substitute("\n".join(sql))
                cur = con.cursor()
                try:
                    cur.execute(sql_text)
                    ok, err = True, None
                except Exception as e:  # noqa: BLE001
                    ok, err = False, str(e).split("\n")[0]
                if head[0] == "statement":
                    if (head[1] == "ok") != ok:
                        failures += 1
                        print(f"{path}:{start+1}: PostgreSQL says {'ok' if ok else 'error: ' + err}")
                    out.extend(rec)
                    continue
                if not ok:
                    failures += 1
                    print(f"{path}:{start+1}: query fails in PostgreSQL: {err}")
                    out.extend(rec)
                    continue
                rows = ["\t".join(fmt(v) for v in row) for row in cur.fetchall()] if cur.description else []
                if len(head) > 2 and head[2] == "rowsort":
                    rows.sort()
                if check:
                    if expected is not None and expected != rows:
                        failures += 1
                        print(f"{path}:{start+1}: expected {expected} PostgreSQL {rows}")
                    out.extend(rec)
                else:
                    out.append(rec[0])
                    out.extend(sql)
                    out.append("----")
                    out.extend(rows)
            out.extend(lines[pos:])
            if not check:
                open(path, "w").write("\n".join(out))
            con.close()
            shutil.rmtree(test_dir, ignore_errors=True)
        finally:
            admin.cursor().execute(f"DROP DATABASE {db}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
