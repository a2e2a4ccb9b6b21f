#!/usr/bin/env python3
"""Prints bench/netns-compare.sh's comparison: one markdown table per network profile.

Reads raw/PROFILE/ROUND.SYSTEM.GROUP.npNP.txt (the RES lines of bench/netns/netbench.c under
Open MPI and of dev.jmpi.bench.Bench under jmpi) with compare_report.load, so both are parsed
exactly as bench/compare.sh's results are. Medians are over rounds of each round's median;
the ratio is jmpi's time over Open MPI's (above 1: jmpi slower; for a bandwidth row the
inverse of the bandwidth ratio). Standard library only.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import compare_report as cr  # noqa: E402

ORDER = [("pp_lat", "latency (one-way)", cr.fmt_bytes, False),
         ("pp_bw", "bandwidth, ping-pong", cr.fmt_bytes, True),
         ("reduce", "reduce", cr.fmt_elems, False),
         ("allreduce", "allreduce", cr.fmt_elems, False),
         ("bcast", "bcast", cr.fmt_elems, False)]


def table(values):
    lines = ["| operation | np | size | Open MPI | jmpi | jmpi/Open MPI time | per-round ratios |",
             "|---|---|---|---|---|---|---|"]
    for test, label, sizefmt, bw in ORDER:
        keys = sorted({(np, param) for (sysname, np, t, param) in values if t == test})
        for np, param in keys:
            jv = values.get(("jmpi", np, test, param), {})
            ov = values.get(("ompi", np, test, param), {})
            js, os_ = cr.summary(jv), cr.summary(ov)
            ocell = cr.fmt_spread(os_, cr.fmt_time)
            jcell = cr.fmt_spread(js, cr.fmt_time)
            if bw:
                ob, jb = cr.summary(ov, 1), cr.summary(jv, 1)
                ocell += "; %s MB/s" % ("%.0f" % ob[0] if ob else "–")
                jcell += "; %s MB/s" % ("%.0f" % jb[0] if jb else "–")
            ratio = js[0] / os_[0] if js and os_ else None
            rr = cr.per_round_ratio(jv, ov, 0, False)
            rrcell = " ".join("%.2f" % x for x in rr) if rr else "–"
            lines.append("| %s | %d | %s | %s | %s | %s | %s |" % (
                label, np, sizefmt(param), ocell, jcell, "%.2f×" % ratio if ratio else "–", rrcell))
    return "\n".join(lines)


def tails_table(tails):
    """Single-operation latency percentiles (rank 0's ping-pongs), the median of each over rounds."""
    keys = sorted({(np, param) for (sysname, np, t, param) in tails if t == "pp_lat"})
    if not keys:
        return ""
    lines = ["| latency (one-way) | Open MPI p50 / p90 / p99 | jmpi p50 / p90 / p99 | jmpi/Open MPI p50 / p90 / p99 |",
             "|---|---|---|---|"]
    for np, param in keys:
        cells, meds = [], []
        for sysname in ("ompi", "jmpi"):
            rounds = tails.get((sysname, np, "pp_lat", param), {})
            m = [cr.med([v[i] for v in rounds.values()]) for i in range(3)] if rounds else None
            meds.append(m)
            cells.append(" / ".join(cr.fmt_time(x) for x in m) if m else "–")
        o, j = meds
        ratio = " / ".join("%.2f×" % (j[i] / o[i]) for i in range(3)) if o and j else "–"
        lines.append("| %s | %s | %s | %s |" % (cr.fmt_bytes(param), cells[0], cells[1], ratio))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raw", required=True)
    ap.add_argument("--facts")
    ap.add_argument("--profiles", nargs="+", required=True)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    if a.quick:
        print("**--quick: tiny sizes, 3 repetitions of ~5 ms: a functional check, not a measurement.**\n")
    if a.facts and os.path.exists(a.facts):
        print("```")
        with open(a.facts) as f:
            print("".join(l for l in f if " qdisc " not in l).rstrip())
        print("```\n")
    print("Medians over rounds (the round spread in brackets when there is more than one round)."
          " Ratio: jmpi's time / Open MPI's; below 1 jmpi is faster (for a bandwidth row: Open MPI's MB/s"
          " / jmpi's).\n")
    missing = 0
    for profile in a.profiles:
        d = os.path.join(a.raw, profile)
        print("### profile %s\n" % profile)
        if not os.path.isdir(d):
            print("(no output)\n")
            missing += 1
            continue
        loaded = cr.load(d)
        values, overlap, tails = loaded[0], loaded[3], loaded[4]
        if any(sysname == "ompi" or t != "overlap" for (sysname, np, t, param) in values):
            print(table(values))
            print()
        t = tails_table(tails)
        if t:
            print(t)
            print()
        if overlap:
            print("Overlap (jmpi only, `Bench --op overlap`): an `iallreduce` while the rank computes about as long"
                  " as a blocking allreduce takes, then waits; full overlap is 1.0× the longer of the two, none"
                  " their sum.\n")
            print(cr.overlap_table(values, overlap))
            print()
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
