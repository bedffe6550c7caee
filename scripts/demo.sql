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
