"""Where each TPC-H table lives for a benchmark suite, and the query text
that reads them there.

The 22 queries name their tables unqualified. Tributary's external schemas
cannot go on search_path (as in Redshift), so for the federated and mixed
placements the table references in FROM clauses are qualified with the
external schema. This walks the query's tokens and rewrites only names in
table position (the first item of a FROM list, or after a comma or JOIN at
that list's level); column aliases that happen to equal a table name
(`n_name as nation` in Q9) are left alone, and `extract(year from x)` only
opens a FROM list inside its own parentheses, where no table name follows. It is meant for the 22 fixed
TPC-H texts, not for arbitrary SQL; a wrong rewrite shows up as a failed or
different answer, which the runner reports.
"""
import re

TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]
LOCAL_IN_MIXED = {"lineitem", "orders"}

_TOKEN = re.compile(r"\s+|--[^\n]*|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\w+|.", re.S)
_CLAUSE_END = {"where", "group", "order", "having", "limit", "union", "intersect", "except",
               "window", "on", "using"}


def remote_tables(suite):
    """The tables a suite reads through the external schema."""
    if suite == "federated":
        return set(TABLES)
    if suite == "mixed":
        return set(TABLES) - LOCAL_IN_MIXED
    return set()


def qualify(sql, tables, schema):
    """Returns `sql` with every table of `tables` in table position written
    as schema.table."""
    tokens = [m.group(0) for m in _TOKEN.finditer(sql)]
    out = []
    # One entry per open parenthesis: whether a FROM list is open at that
    # level, and whether the next word is in table position.
    stack = [{"in_from": False, "expect_table": False}]
    previous_word = ""
    for tok in tokens:
        level = stack[-1]
        word = tok.lower()
        if tok.isspace() or tok.startswith("--"):
            out.append(tok)
            continue
        if tok == "(":
            stack.append({"in_from": False, "expect_table": False})
            level["expect_table"] = False
        elif tok == ")":
            if len(stack) > 1:
                stack.pop()
        elif tok == ",":
            if level["in_from"]:
                level["expect_table"] = True
        elif word == "from":
            level["in_from"] = True
            level["expect_table"] = True
        elif word == "join":
            level["in_from"] = True
            level["expect_table"] = True
        elif word in _CLAUSE_END or word == "select":
            level["in_from"] = False
            level["expect_table"] = False
        elif re.match(r"\w+$", tok):
            if level["expect_table"] and word in tables and previous_word != ".":
                tok = f"{schema}.{tok}"
            level["expect_table"] = False
        else:
            level["expect_table"] = False
        out.append(tok)
        previous_word = word
    return "".join(out)
