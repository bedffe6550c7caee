#!/usr/bin/env python3
"""COPY over the wire with psycopg2's copy_expert against `tributary serve`:
usage psycopg2_copy_client.py HOST PORT PASSWORD. Exits 77 when psycopg2 is
missing (the C++ test then skips)."""
import io
import sys

try:
    import psycopg2
except ImportError:
    sys.exit(77)

host, port, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
conn = psycopg2.connect(host=host, port=port, user="awsuser", password=password, dbname="dev")
conn.autocommit = True
cur = conn.cursor()
cur.execute("CREATE TABLE c(id INTEGER, name VARCHAR(30), day DATE)")

# FROM STDIN, CSV with a quoted newline and NULL; 10,000 more rows.
data = 'id,name,day\n1,"two\nlines",2024-02-29\n2,,\n' + "".join(
    f"{i},n{i},2024-01-01\n" for i in range(3, 10003))
cur.copy_expert("COPY c FROM STDIN WITH (FORMAT csv, HEADER)", io.StringIO(data))
assert cur.rowcount == 10002, cur.rowcount
cur.execute("SELECT count(*), count(name), max(id) FROM c")
assert cur.fetchone() == (10002, 10001, 10002)
cur.execute("SELECT name FROM c WHERE id = 1")
assert cur.fetchone()[0] == "two\nlines"

# TO STDOUT: text format, then CSV of a query.
out = io.StringIO()
cur.copy_expert("COPY (SELECT id, name, day FROM c WHERE id <= 2 ORDER BY id) TO STDOUT", out)
assert out.getvalue() == "1\ttwo\\nlines\t2024-02-29\n2\t\\N\t\\N\n", repr(out.getvalue())
out = io.StringIO()
cur.copy_expert("COPY c TO STDOUT WITH (FORMAT csv, HEADER)", out)
lines = out.getvalue().split("\n")
assert lines[0] == "id,name,day", lines[0]
assert len(out.getvalue().splitlines()) == 10004  # header + a row with a newline inside

# A bad row: the error names the line and column; nothing is loaded.
try:
    cur.copy_expert("COPY c FROM STDIN WITH (FORMAT csv)", io.StringIO("5,a,2024-01-01\nx,b,2024-01-01\n"))
    raise AssertionError("expected an error")
except psycopg2.Error as e:
    assert e.pgcode == "22P02", e.pgcode
    assert "line 2, column id" in str(e), str(e)


# The client aborts (CopyFail): the statement fails, the session goes on.
class Failing(io.StringIO):
    def read(self, *args):
        raise IOError("client gave up")


try:
    cur.copy_expert("COPY c FROM STDIN WITH (FORMAT csv)", Failing())
    raise AssertionError("expected an error")
except psycopg2.Error as e:
    assert e.pgcode == "57014", e.pgcode
cur.execute("SELECT count(*) FROM c")
assert cur.fetchone()[0] == 10002
conn.close()
print("psycopg2 copy ok")
