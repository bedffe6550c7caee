#!/usr/bin/env python3
"""psycopg2 against `tributary serve`: usage psycopg2_client.py HOST PORT PASSWORD [SSLMODE].
Exits 77 when psycopg2 is missing (the C++ test then skips)."""
import os
import sys
import threading
import time

try:
    import psycopg2
except ImportError:
    sys.exit(77)

host, port, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sslmode = sys.argv[4] if len(sys.argv) > 4 else "prefer"
conn = psycopg2.connect(host=host, port=port, user="awsuser", password=password, dbname="dev",
                        sslmode=sslmode)
if sslmode == "require":
    assert conn.info.ssl_in_use
conn.autocommit = True
cur = conn.cursor()
cur.execute("CREATE TABLE items(id INTEGER, name VARCHAR(30), price NUMERIC(8,2), day DATE)")
cur.executemany("INSERT INTO items VALUES (%s, %s, %s, %s)",
                [(1, "tea", "3.50", "2024-01-31"), (2, "o'clock", "0.99", "2024-02-29"),
                 (3, None, None, None)])
cur.execute("SELECT id, name, price, day FROM items WHERE id >= %s ORDER BY id", (2,))
rows = cur.fetchall()
assert [r[0] for r in rows] == [2, 3], rows
assert rows[0][1] == "o'clock", rows
assert str(rows[0][2]) == "0.99", rows
assert str(rows[0][3]) == "2024-02-29", rows
assert rows[1][1] is None
assert [d[0] for d in cur.description] == ["id", "name", "price", "day"]
try:
    cur.execute("SELECT missing FROM items")
    raise AssertionError("expected an error")
except psycopg2.Error as e:
    assert e.pgcode == "42703", e.pgcode
cur.execute("SELECT count(*) FROM items")
assert cur.fetchone()[0] == 3
# With TRIBUTARY_FED_SQL (CREATE EXTERNAL SCHEMA p2src ...): a federated join
# and a cancelled long query.
if os.environ.get("TRIBUTARY_FED_SQL"):
    cur.execute(os.environ["TRIBUTARY_FED_SQL"])
    cur.execute("SELECT count(*), sum(s.id) FROM items l JOIN p2src.client_src s ON s.id = l.id")
    assert cur.fetchone() == (3, 6)
    threading.Thread(target=lambda: (time.sleep(0.5), conn.cancel())).start()
    try:
        cur.execute("SELECT count(*) FROM generate_series(1, 100000) a, "
                    "generate_series(1, 1000000) b")
        raise AssertionError("the query was not cancelled")
    except psycopg2.extensions.QueryCanceledError:
        pass
    cur.execute("SELECT 1")
# Metadata, as ORMs and BI tools read it.
cur.execute("SELECT column_name, data_type, character_maximum_length FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
            ("public", "items"))
assert cur.fetchall() == [("id", "integer", None), ("name", "character varying", 30),
                          ("price", "numeric", None), ("day", "date", None)]
cur.execute("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")
assert cur.fetchall() == [("items",)]

# ReadyForQuery carries the real transaction status: psycopg2 (and JDBC)
# send ROLLBACK only when the server says a block is open or failed.
from psycopg2 import extensions as ext  # noqa: E402
conn.autocommit = False
cur.execute("SELECT count(*) FROM items")
assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
try:
    cur.execute("SELECT nope FROM items")
    raise AssertionError("expected 42703")
except psycopg2.Error as e:
    assert e.pgcode == "42703", e.pgcode
assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
conn.rollback()
assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
cur.execute("INSERT INTO items VALUES (4, 'kept', 1.00, NULL)")
conn.commit()
conn.autocommit = True
cur.execute("SELECT count(*) FROM items")
assert cur.fetchone()[0] == 4
conn.close()

try:
    psycopg2.connect(host=host, port=port, user="awsuser", password="wrong", dbname="dev",
                     sslmode=sslmode)
    raise AssertionError("expected a refused login")
except psycopg2.OperationalError as e:
    assert "password authentication failed" in str(e), str(e)
print("psycopg2 ok")
