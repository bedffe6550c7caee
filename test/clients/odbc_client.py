#!/usr/bin/env python3
"""psqlODBC (through unixODBC, driven by pyodbc) against `tributary serve` (TLS
required, SCRAM). Reads TRIBUTARY_PORT, TRIBUTARY_PASSWORD and TRIBUTARY_FED_SQL
(CREATE EXTERNAL SCHEMA odsrc ...) from the environment. Exits 77 when pyodbc
or the driver is missing (the C++ test then skips)."""
import os
import sys
import threading
import time

try:
    import pyodbc
except ImportError:
    sys.exit(77)
if "PostgreSQL Unicode" not in pyodbc.drivers():
    sys.exit(77)

port = os.environ["TRIBUTARY_PORT"]
password = os.environ["TRIBUTARY_PASSWORD"]


def connect(user="awsuser", secret=password, sslmode="require"):
    return pyodbc.connect("Driver={PostgreSQL Unicode};Servername=127.0.0.1;Port=%s;"
                          "Database=dev;Username=%s;Password=%s;SSLmode=%s;"
                          "UseServerSidePrepare=1" % (port, user, secret, sslmode),
                          autocommit=True, timeout=10)


conn = connect()
cur = conn.cursor()
cur.execute("CREATE TABLE od(id INTEGER NOT NULL, name VARCHAR(20))")
cur.executemany("INSERT INTO od VALUES (?, ?)", [(i, "n%d" % i) for i in range(1, 6)])
# The same statement text again: psqlODBC keeps it prepared on the server.
for k in range(4):
    cur.execute("SELECT count(*) FROM od WHERE id >= ?", k + 1)
    assert cur.fetchone()[0] == 5 - k, k
# Metadata through the driver's catalog queries (SQLTables, SQLColumns).
tables = [(r.table_schem, r.table_name) for r in cur.tables(table="od", tableType="TABLE")]
assert tables == [("public", "od")], tables
columns = [(r.column_name, r.type_name, r.column_size) for r in cur.columns(table="od")]
assert columns == [("id", "int4", 10), ("name", "varchar", 20)], columns
# A federated join.
cur.execute(os.environ["TRIBUTARY_FED_SQL"])
cur.execute("SELECT count(*), sum(s.id) FROM od l JOIN odsrc.client_src s ON s.id = l.id")
assert tuple(cur.fetchone()) == (5, 15)
# Cancelling a long query (SQLCancel from another thread).
threading.Thread(target=lambda: (time.sleep(0.5), cur.cancel())).start()
try:
    cur.execute("SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 1000000) b")
    raise AssertionError("the query was not cancelled")
except pyodbc.Error as e:
    assert "57014" in str(e) or "cancel" in str(e), str(e)
cur.execute("SELECT 7")
assert cur.fetchone()[0] == 7
conn.close()

# Refusals: a wrong password, an unknown user, no TLS.
for user, secret, sslmode, expected in [
        ("awsuser", "wrong", "require", 'password authentication failed for user "awsuser"'),
        ("nobody", password, "require", 'password authentication failed for user "nobody"'),
        ("awsuser", password, "disable", "requires TLS")]:
    try:
        connect(user, secret, sslmode)
        raise AssertionError("login was not refused: %s %s" % (user, sslmode))
    except pyodbc.Error as e:
        assert expected in str(e), str(e)
print("odbc ok")
