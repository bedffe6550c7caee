"""Unit tests of bench/run's helpers: the table placement rewrite and the
answer comparison (a wrong rewrite or a lax comparison would make the
benchmark's answer check meaningless)."""
import decimal
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))

from tpch import answers, dataset  # noqa: E402
from tpch.placement import TABLES, qualify, remote_tables  # noqa: E402


class PlacementTest(unittest.TestCase):
    def test_only_tables_in_from_lists_are_qualified(self):
        sql = ("select nation, sum(x) from (select n_name as nation, extract(year from "
               "o_orderdate) as y from part, nation where p_partkey = 1) as profit "
               "group by nation order by nation")
        self.assertEqual(
            qualify(sql, set(TABLES), "apg"),
            "select nation, sum(x) from (select n_name as nation, extract(year from "
            "o_orderdate) as y from apg.part, apg.nation where p_partkey = 1) as profit "
            "group by nation order by nation")

    def test_joins_and_subqueries(self):
        sql = ("select * from customer left outer join orders on c_custkey = o_custkey "
               "where exists (select * from lineitem l where l.l_orderkey = o_orderkey)")
        self.assertEqual(
            qualify(sql, {"customer", "lineitem"}, "s"),
            "select * from s.customer left outer join orders on c_custkey = o_custkey "
            "where exists (select * from s.lineitem l where l.l_orderkey = o_orderkey)")

    def test_every_query_reads_only_the_placed_tables(self):
        for q, sql in dataset.queries().items():
            rewritten = qualify(sql, remote_tables("federated"), "apg")
            words = rewritten.replace(",", " ").split()
            for i, w in enumerate(words):
                if w in TABLES and i > 0 and words[i - 1] == "from":
                    self.fail(f"{q}: unqualified table {w}")
            self.assertIn("apg.", rewritten, q)

    def test_mixed_keeps_lineitem_and_orders_local(self):
        self.assertEqual(remote_tables("mixed"), set(TABLES) - {"lineitem", "orders"})
        self.assertEqual(remote_tables("local"), set())


class FdwDatabasesTest(unittest.TestCase):
    def test_each_suite_gets_the_databases_it_reads(self):
        from tpch.source import fdw_databases
        self.assertEqual(fdw_databases(["scan"]), {"fdw_all": []})
        self.assertEqual(fdw_databases(["federated"]), {"fdw_all": []})
        self.assertEqual(fdw_databases(["mixed"]), {"fdw_mixed": ["lineitem", "orders"]})
        self.assertEqual(fdw_databases(["local"]), {})


class MariaDbDialectTest(unittest.TestCase):
    def test_intervals_and_derived_column_lists(self):
        from tpch.mysql_source import native_sql
        q = dataset.queries()
        self.assertIn("interval '1' year", native_sql(q["q06"]))
        self.assertNotIn("interval '1 year'", native_sql(q["q06"]))
        q13 = native_sql(q["q13"])
        self.assertIn("select c_custkey as c_custkey, count(o_orderkey) as c_count", q13)
        self.assertIn(") as c_orders\ngroup by", q13)
        self.assertNotIn("(c_custkey, c_count)", q13)
        # Every other query without an interval is left as it is.
        for name, sql in q.items():
            if name != "q13" and "interval" not in sql:
                self.assertEqual(native_sql(sql), sql, name)


class AnswersTest(unittest.TestCase):
    def test_equal_results(self):
        self.assertIsNone(answers.difference([("A   ", decimal.Decimal("1.50"), None)],
                                             [("A", 1.5, None)]))

    def test_decimal_rounded_to_its_scale(self):
        expected = [(decimal.Decimal("15.48654581228407"),)]
        self.assertIsNone(answers.difference(expected, [(decimal.Decimal("15.486546"),)]))
        self.assertIsNotNone(answers.difference(expected, [(decimal.Decimal("15.486549"),)]))
        self.assertIsNotNone(answers.difference(expected, [(15.486546,)]))

    def test_differences_are_found(self):
        self.assertIn("rows", answers.difference([(1,), (2,)], [(1,)]))
        self.assertIn("row 2", answers.difference([(1,), (2,)], [(1,), (3,)]))
        self.assertIsNotNone(answers.difference([("x",)], [(None,)]))
        self.assertIsNotNone(answers.difference([(1,)], [("1x",)]))


class SummaryTest(unittest.TestCase):
    @staticmethod
    def suite(peer_q2):
        return {"name": "local", "systems": ["tributary", "postgres"], "queries": {
            "q01": {"tributary": {"seconds": 1.0}, "postgres": {"seconds": 4.0}},
            "q02": {"tributary": {"seconds": 1.0}, "postgres": peer_q2}}}

    def test_timeouts_count_at_the_limit_as_a_lower_bound(self):
        from tpch import report
        suite = self.suite({"error": "timeout (30 s)", "timeout_seconds": 30.0})
        report.summarize(suite)
        sm = suite["summary"]["postgres"]
        self.assertAlmostEqual(sm["ratio_total"], 4.0)  # q01 only
        self.assertAlmostEqual(sm["ratio_total_all_at_least"], 17.0)  # (4 + 30) / 2
        self.assertTrue(sm["target_met"])  # the bound 17x >= 10x

    def test_no_bound_without_timeouts_or_after_another_error(self):
        from tpch import report
        for peer_q2 in ({"seconds": 2.0}, {"error": "42P01 relation missing"}):
            suite = self.suite(peer_q2)
            report.summarize(suite)
            sm = suite["summary"]["postgres"]
            self.assertNotIn("ratio_total_all_at_least", sm)
            self.assertFalse(sm["target_met"])  # 6/2 = 3x, or 4x over q01 only


if __name__ == "__main__":
    unittest.main()
