#!/usr/bin/env python3
"""psycopg 3 against `tributary serve` (TLS required, SCRAM). Reads TRIBUTARY_PORT,
TRIBUTARY_PASSWORD and TRIBUTARY_FED_SQL (CREATE EXTERNAL SCHEMA p3src ...) from the
environment. Exits 77 when psycopg is missing (the C++ test then skips)."""
import os
import sys
import threading
import time

try:
    import psycopg
except ImportError:
    sys.exit(77)

port = int(os.environ["TRIBUTARY_PORT"])
password = os.environ["TRIBUTARY_PASSWORD"]


def connect(user="awsuser", secret=password, sslmode="require"):
    return psycopg.connect(host="127.0.0.1", port=port, user=user, password=secret, dbname="dev",
                           sslmode=sslmode, connect_timeout=10, autocommit=True)


conn = connect()
assert conn.info.pgconn.ssl_in_use
cur = conn.cursor()
cur.execute("CREATE TABLE p3(id INTEGER NOT NULL, name VARCHAR(20), price NUMERIC(8,2))")
cur.executemany("INSERT INTO p3 VALUES (%s, %s, %s)",
                [(i, "n%d" % i, "%d.25" % i) for i in range(1, 6)])
# A server-side prepared statement, run again with new parameters.
for k in range(4):
    cur.execute("SELECT count(*), sum(price) FROM p3 WHERE id >= %s", (k + 1,), prepare=True)
    count, total = cur.fetchone()
    assert count == 5 - k, (k, count)
# Metadata.
cur.execute("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
            ("public", "p3"))
assert cur.fetchall() == [("id", "integer", "NO"), ("name", "character varying", "YES"),
                          ("price", "numeric", "YES")]
cur.execute("SELECT c.relname, pg_catalog.pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c "
            "WHERE c.relname = %s AND pg_catalog.pg_table_is_visible(c.oid)", ("p3",))
assert cur.fetchall() == [("p3", "awsuser")]
# A federated join.
cur.execute(os.environ["TRIBUTARY_FED_SQL"])
cur.execute("SELECT count(*), sum(s.id) FROM p3 l JOIN p3src.client_src s ON s.id = l.id")
assert cur.fetchone() == (5, 15)
cur.execute("SELECT table_type FROM svv_all_tables WHERE schema_name = 'p3src' AND table_name = 'client_src'")
assert cur.fetchall() == [("EXTERNAL TABLE",)]
# Cancelling a long query.
threading.Thread(target=lambda: (time.sleep(0.5), conn.cancel())).start()
try:
    cur.execute("SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 1000000) b")
    raise AssertionError("the query was not cancelled")
except psycopg.errors.QueryCanceled:
    pass
cur.execute("SELECT 7")
assert cur.fetchone() == (7,)
conn.close()

# Refusals: a wrong password, an unknown user, no TLS.
for user, secret, sslmode, expected in [
        ("awsuser", "wrong", "require", 'password authentication failed for user "awsuser"'),
        ("nobody", password, "require", 'password authentication failed for user "nobody"'),
        ("awsuser", password, "disable", "requires TLS")]:
    try:
        connect(user, secret, sslmode)
        raise AssertionError("login was not refused: %s %s" % (user, sslmode))
    except psycopg.OperationalError as e:
        assert expected in str(e), str(e)
print("psycopg ok")
