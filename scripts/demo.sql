-- Tributary demo: an external schema over a live PostgreSQL database,
-- joined with the warehouse's own tables in one statement.
\timing on
CREATE EXTERNAL SCHEMA apg FROM POSTGRES DATABASE '@DATABASE@' SCHEMA 'public'
  URI '127.0.0.1' PORT @PORT@ IAM_ROLE default SECRET_ARN '@SECRET@';

-- A local table, loaded from the source.
CREATE TABLE orders AS SELECT * FROM apg.orders;

-- A federated join: local orders with remote customers and nations.
SELECT n.n_name AS nation, c.c_mktsegment AS segment, count(*) AS orders,
       sum(o.o_totalprice) AS revenue
FROM orders o
JOIN apg.customer c ON c.c_custkey = o.o_custkey
JOIN apg.nation n ON n.n_nationkey = c.c_nationkey
WHERE n.n_name IN ('FRANCE', 'GERMANY', 'JAPAN')
GROUP BY n.n_name, c.c_mktsegment
ORDER BY revenue DESC
LIMIT 8;

-- Only the needed columns travel: EXPLAIN shows the SQL sent to the source.
EXPLAIN SELECT c.c_name, sum(o.o_totalprice)
FROM orders o JOIN apg.customer c ON c.c_custkey = o.o_custkey
GROUP BY c.c_name;

-- Filters the source computes exactly as we do are pushed into its WHERE.
EXPLAIN SELECT o_orderkey, o_totalprice FROM apg.orders
WHERE o_orderdate >= DATE '1995-01-01' AND o_orderstatus = 'F' AND o_totalprice > 100000;

-- A correlated subquery over remote and local tables (unnested into joins).
SELECT c.c_name, c.c_acctbal
FROM apg.customer c
WHERE c.c_acctbal > (SELECT avg(c2.c_acctbal) FROM apg.customer c2
                     WHERE c2.c_nationkey = c.c_nationkey)
  AND EXISTS (SELECT 1 FROM orders o WHERE o.o_custkey = c.c_custkey)
ORDER BY c.c_acctbal DESC
LIMIT 5;

-- What was sent to the source, and how the path to it looks.
SELECT sourcetype, num_rows, num_bytes, substring(querytext, 1, 60) AS sql
FROM svl_federated_query ORDER BY query, sql;
SELECT step, status, detail FROM tributary_doctor('apg');
