-- Tributary demo: local columnar tables, joins, aggregates, ordering.
\timing on
CREATE SCHEMA shop;
CREATE TABLE shop.customers (id INTEGER, name VARCHAR(20), country CHAR(2), signup DATE);
CREATE TABLE shop.orders (id INTEGER, customer_id INTEGER, amount DECIMAL(10,2), ordered DATE);
INSERT INTO shop.customers VALUES
  (1, 'Ada', 'GB', '2024-01-15'), (2, 'Grace', 'US', '2024-02-01'),
  (3, 'Linus', 'FI', '2024-03-10'), (4, 'Margaret', 'US', '2024-03-22'),
  (5, 'Edsger', 'NL', '2024-04-05'), (6, 'Barbara', 'US', '2024-05-30');
INSERT INTO shop.orders
  SELECT g, 1 + g % 6, (g * 37 % 1000) / 10.0, DATE '2024-06-01' + g % 90
  FROM generate_series(1, 100000) AS s(g);
SELECT country, count(*) AS customers FROM shop.customers GROUP BY country ORDER BY 2 DESC, 1;
SELECT c.name, count(o.id) AS orders, sum(o.amount) AS revenue, round(avg(o.amount), 2) AS average
FROM shop.customers c JOIN shop.orders o ON o.customer_id = c.id
GROUP BY c.name ORDER BY revenue DESC LIMIT 3;
SELECT extract(month FROM ordered) AS month, sum(amount) FROM shop.orders
WHERE amount BETWEEN 10 AND 50 GROUP BY 1 ORDER BY 1;
EXPLAIN SELECT c.name, sum(o.amount) FROM shop.customers c JOIN shop.orders o ON o.customer_id = c.id
WHERE c.country = 'US' GROUP BY c.name;
