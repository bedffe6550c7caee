"""What a run prints and writes: a plain table per suite on the terminal, a
JSON file with every measurement, and a PNG chart per suite (drawn with
Debian's python3-matplotlib when it is installed).

Ratios are the peer's time divided by Tributary's: above 1 Tributary is
faster. Totals add the queries that every system of the suite answered;
the geometric mean is over the same queries. When Tributary answered every
query and a peer only ran out of time on some, a second total counts each of
those at the time limit: the peer's real total is at least that, so the ratio
is a lower bound ("all queries, >="), and a total target counts as met only
on that bound (or on the plain total when no peer query timed out).
"""
import json
import math
import os

# The issues' targets, shown next to the measured figures (never enforced).
TARGETS = {
    ("local", "postgres"): ("total", 10.0),
    ("local", "duckdb"): ("geomean", 1 / 1.5),
    ("federated", "postgres_fdw"): ("total", 10.0),
    ("federated", "postgres"): ("total", 1.0),
    ("mixed", "postgres_fdw"): ("total", 10.0),
}


def _ms(seconds):
    return "-" if seconds is None else f"{seconds * 1000:.1f}"


def summarize(suite):
    """Adds totals, geometric means and ratios to a suite's results."""
    systems = suite["systems"]
    common = [q for q in suite["queries"]
              if all(suite["queries"][q][s].get("seconds") is not None for s in systems)]
    summary = {"queries_compared": len(common)}
    for s in systems:
        times = [suite["queries"][q][s]["seconds"] for q in common]
        summary[s] = {"total_seconds": sum(times),
                      "geomean_seconds": math.exp(sum(math.log(max(t, 1e-6)) for t in times)
                                                  / len(times)) if times else None}
    base = summary.get("tributary")
    all_tributary = [suite["queries"][q]["tributary"].get("seconds") for q in suite["queries"]]
    for s in systems[1:]:
        if base and base["total_seconds"] and summary[s]["total_seconds"]:
            summary[s]["ratio_total"] = summary[s]["total_seconds"] / base["total_seconds"]
            summary[s]["ratio_geomean"] = summary[s]["geomean_seconds"] / base["geomean_seconds"]
        bound = _total_with_timeouts(suite, s)
        if bound is not None and None not in all_tributary and sum(all_tributary) > 0:
            summary[s]["total_all_seconds_at_least"] = bound
            summary[s]["ratio_total_all_at_least"] = bound / sum(all_tributary)
        target = TARGETS.get((suite["name"], s))
        if target and "ratio_total" in summary[s]:
            kind, value = target
            measured = summary[s]["ratio_" + kind]
            if kind == "total" and "ratio_total_all_at_least" in summary[s]:
                measured = summary[s]["ratio_total_all_at_least"]
            summary[s]["target"] = f"{kind} ratio >= {value:.2f}"
            summary[s]["target_met"] = measured >= value
    suite["summary"] = summary


def _total_with_timeouts(suite, system):
    """The peer's total over every query, a timed-out one counted at the time
    limit; None when the peer failed a query otherwise or none timed out."""
    total, timed_out = 0.0, False
    for r in suite["queries"].values():
        m = r[system]
        if m.get("seconds") is not None:
            total += m["seconds"]
        elif m.get("timeout_seconds") is not None:
            total += m["timeout_seconds"]
            timed_out = True
        else:
            return None
    return total if timed_out else None


def print_suite(suite, out):
    systems = suite["systems"]
    w = max(16, max(len(s) for s in systems) + 5)
    print(f"\n== {suite['name']}: {suite['description']}", file=out)
    header = f"{'query':<9}" + "".join(f"{s + ' ms':>{w}}" for s in systems)
    header += "".join(f"{'x ' + s:>{w}}" for s in systems[1:]) + f"{'tributary MB':>14}  check"
    print(header, file=out)
    for q, r in suite["queries"].items():
        t = r["tributary"].get("seconds")
        line = f"{q:<9}" + "".join(f"{_ms(r[s].get('seconds')):>{w}}" for s in systems)
        for s in systems[1:]:
            p = r[s].get("seconds")
            line += f"{(f'{p / t:.2f}x' if p and t else '-'):>{w}}"
        rss = r["tributary"].get("peak_rss_kib")
        line += f"{(f'{rss / 1024:.0f}' if rss else '-'):>14}  "
        problems = [f"{s}: {r[s]['error']}" for s in systems if r[s].get("error")]
        if r.get("mismatch"):
            problems.append("WRONG ANSWER: " + r["mismatch"])
        line += "; ".join(problems) if problems else "ok"
        print(line, file=out)
    sm = suite["summary"]

    def ratio(s, kind):
        value = sm[s].get("ratio_" + kind)
        return "-" if value is None else f"{value:.2f}x"

    print(f"{'total':<9}" + "".join(f"{_ms(sm[s]['total_seconds']):>{w}}" for s in systems) +
          "".join(f"{ratio(s, 'total'):>{w}}" for s in systems[1:]) +
          f"   over {sm['queries_compared']} queries", file=out)
    print(f"{'geomean':<9}" + "".join(f"{_ms(sm[s]['geomean_seconds']):>{w}}" for s in systems) +
          "".join(f"{ratio(s, 'geomean'):>{w}}" for s in systems[1:]), file=out)
    for s in systems[1:]:
        if "ratio_total_all_at_least" in sm[s]:
            print(f"all {len(suite['queries'])} queries, {s}'s timeouts counted at the limit: "
                  f"{s} >= {_ms(sm[s]['total_all_seconds_at_least'])} ms, "
                  f">= {sm[s]['ratio_total_all_at_least']:.2f}x", file=out)
    for s in systems[1:]:
        if "target" in sm[s]:
            met = "met" if sm[s]["target_met"] else "NOT met"
            print(f"target vs {s}: {sm[s]['target']}: {met}", file=out)


def write_json(report, path):
    with open(path, "w") as f:
        json.dump(report, f, indent=2, default=str)


def draw_charts(report, folder):
    """One PNG per suite; returns the paths written ([] without matplotlib)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    paths = []
    for suite in report["suites"]:
        systems = suite["systems"]
        queries = list(suite["queries"])
        width = 0.8 / len(systems)
        fig, ax = plt.subplots(figsize=(max(8, len(queries) * 0.6), 4.5))
        for i, s in enumerate(systems):
            xs = [q_i + (i - (len(systems) - 1) / 2) * width for q_i in range(len(queries))]
            ys = [(suite["queries"][q][s].get("seconds") or 0) * 1000 for q in queries]
            ax.bar(xs, ys, width, label=s)
        base = [suite["queries"][q]["tributary"].get("seconds") for q in queries]
        peer = systems[1] if len(systems) > 1 else None
        if peer:
            for q_i, q in enumerate(queries):
                p, t = suite["queries"][q][peer].get("seconds"), base[q_i]
                if p and t:
                    ax.annotate(f"{p / t:.1f}x", (q_i, t * 1000), ha="center", va="bottom",
                                fontsize=7, xytext=(0, 2), textcoords="offset points")
        ax.set_yscale("log")
        ax.set_xticks(range(len(queries)))
        ax.set_xticklabels(queries, rotation=90 if len(queries) > 12 else 0)
        ax.set_ylabel("milliseconds (log scale, lower is better)")
        sm = suite["summary"]
        ratios = ", ".join(f"{s} {sm[s]['ratio_total']:.1f}x" for s in systems[1:]
                           if "ratio_total" in sm[s])
        ax.set_title(f"{suite['name']} (SF {report['sf']}): {suite['description']}\n"
                     f"total time vs Tributary: {ratios}; labels: {peer} / Tributary",
                     fontsize=9)
        ax.legend(fontsize=8)
        fig.tight_layout()
        path = os.path.join(folder, f"{suite['name']}.png")
        fig.savefig(path, dpi=110)
        plt.close(fig)
        paths.append(path)
    return paths
