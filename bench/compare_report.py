#!/usr/bin/env python3
"""Reads the raw output of bench/compare.sh and writes the comparison.

Input: files ROUND.SYSTEM.NAME.npNP.txt holding the C bench's and jmpi's lines
  # <op> (<description>, np=N, type=T)              (jmpi's section headers)
  RES <test> <param> <median_us> <min_us> <max_us> <reps> <iters> [MB/s]
  MEM <mode> <kB rank 0> <kB rank 1> ...
  STARTUP np=N ... launch_to_all_init_ms=X        (jmpi only)
  WALL <name> <np> <microseconds the whole command took>   (added by compare.sh)
Output: a markdown table of jmpi/Open MPI ratios on stdout, RESULTS.md, and an SVG chart of
latency and bandwidth against message size. Medians are over rounds of each round's median;
spread is the min..max of those round medians. Standard library only.
"""
import argparse
import collections
import math
import os
import re
import statistics
import sys

FILE_RE = re.compile(r"^(\d+)\.([a-z]+)\.([a-z0-9]+)\.np(\d+)\.txt$")
SECTION_TYPE_RE = re.compile(r"\btype=([a-z]+)\)")
# jmpi's results with direct ByteBuffers (Bench --type direct) are kept as <test>_direct and set
# beside Open MPI's <test>: the C bench's buffers are plain memory either way.
OMPI_TEST = {"pp_bw_direct": "pp_bw", "stream_bw_direct": "stream_bw"}


def load(raw_dir):
    """values[(system, np, test, param)][round] = (median_us, MB/s or None); mem[(system, mode, np)][round] = [kB]."""
    values = collections.defaultdict(dict)
    mem = collections.defaultdict(dict)
    startup = collections.defaultdict(dict)
    overlap = collections.defaultdict(dict)
    tails = collections.defaultdict(dict)
    for name in sorted(os.listdir(raw_dir)):
        m = FILE_RE.match(name)
        if not m:
            continue
        rnd, system, case, np = int(m.group(1)), m.group(2), m.group(3), int(m.group(4))
        if case.startswith("observe"):
            continue  # load_observe's: the same tests with observation on and off
        if system in ("tcp", "jtcp"):
            system = system + "-" + case
        with open(os.path.join(raw_dir, name)) as f:
            suffix = ""
            for line in f:
                p = line.split()
                if not p:
                    continue
                if p[0] == "#" and SECTION_TYPE_RE.search(line):
                    suffix = "_direct" if SECTION_TYPE_RE.search(line).group(1) == "direct" else ""
                if p[0] == "RES" and len(p) >= 8:
                    mbps = float(p[8]) if len(p) > 8 else None
                    values[(system, np, p[1] + suffix, int(p[2]))][rnd] = (float(p[3]), mbps)
                elif p[0] == "HIST" and len(p) >= 7:
                    kv = dict(x.split("=", 1) for x in p[3:] if "=" in x)
                    tails[(system, np, p[1] + suffix, int(p[2]))][rnd] = tuple(
                        float(kv[k]) for k in ("p50", "p90", "p99"))
                elif p[0] == "MEM" and len(p) >= 3:
                    mem[(system, p[1], np)][rnd] = [int(x) for x in p[2:]]
                elif p[0] == "WALL" and case == "hello":
                    values[(system, np, "hello", np)][rnd] = (float(p[3]), None)
                elif p[0] == "#" and len(p) > 1 and p[1] == "OVERLAP":
                    kv = dict(x.split("=", 1) for x in p[2:] if "=" in x)
                    overlap[np][rnd] = (float(kv["allreduce_us"]), float(kv["compute_us"]))
                elif p[0] == "STARTUP":
                    kv = dict(x.split("=", 1) for x in p[1:] if "=" in x)
                    if "launch_to_all_init_ms" in kv:
                        startup[np][rnd] = float(kv["launch_to_all_init_ms"]) * 1000.0
    return values, mem, startup, overlap, tails


def med(xs):
    return statistics.median(xs) if xs else None


OBSERVE_RE = re.compile(r"^(\d+)\.jmpi\.observe(off|stats|trace)(\d+)\.np2\.txt$")


def load_observe(raw_dir):
    """obs[(variant, test, size)][(round, repeat)] = {"median", "p50", "p90", "p99", "cpu"} (µs) from the
    observe runs: the same ping-pong with observation off, --stats, --trace."""
    obs = collections.defaultdict(dict)
    for name in sorted(os.listdir(raw_dir)):
        m = OBSERVE_RE.match(name)
        if not m:
            continue
        run, variant = (int(m.group(1)), int(m.group(3))), m.group(2)
        with open(os.path.join(raw_dir, name)) as f:
            for line in f:
                p = line.split()
                if len(p) < 4:
                    continue
                if p[0] == "RES":
                    obs[(variant, p[1], int(p[2]))].setdefault(run, {})["median"] = float(p[3])
                elif p[0] == "HIST":
                    kv = dict(x.split("=", 1) for x in p[3:] if "=" in x)
                    for q in ("p50", "p90", "p99"):
                        obs[(variant, p[1], int(p[2]))].setdefault(run, {})[q] = float(kv[q])
                elif p[0] == "CPU":
                    obs[(variant, p[1], int(p[2]))].setdefault(run, {})["cpu"] = float(p[3])
    return obs


# issue 18: observation on costs at most 5 % at 1 KiB latency and 2 % at 1 MiB.
OBSERVE_BOUND = {1024: 0.05, 1048576: 0.02}


def observe_table(obs):
    """Each variant against the off run of the same round and repeat (they ran back to back, in a
    rotating order): the median of those paired changes, their spread, and the target."""
    lines = ["| size | statistic | off | --stats | --trace | --stats change, paired (spread) "
             "| --trace change, paired (spread) | target | met? |", "|---|---|---|---|---|---|---|---|---|"]
    for size, bound in sorted(OBSERVE_BOUND.items()):
        off = obs.get(("off", "pp_lat", size), {})
        for stat in ("median", "p50", "p99", "cpu"):
            if not any(stat in v for v in off.values()):
                continue
            cells, verdicts = [], []
            for variant in ("off", "stats", "trace"):
                runs = obs.get((variant, "pp_lat", size), {})
                cells.append(fmt_time(med([v[stat] for v in runs.values() if stat in v])))
            changes = []
            for variant in ("stats", "trace"):
                runs = obs.get((variant, "pp_lat", size), {})
                paired = [runs[k][stat] / off[k][stat] - 1 for k in sorted(set(runs) & set(off))
                          if stat in runs[k] and stat in off[k]]
                if not paired:
                    changes.append("–")
                    continue
                m = med(paired)
                changes.append("%+.1f %% (%+.0f..%+.0f %%, n=%d)" % (100 * m, 100 * min(paired), 100 * max(paired),
                                                                      len(paired)))
                verdicts.append(m <= bound)
            judged = stat == "median"
            target = "≤ +%.0f %%" % (100 * bound) if judged else "–"
            met = ("yes" if all(verdicts) else "no") if judged and verdicts else ""
            label = {"median": "time per operation", "cpu": "CPU per operation (all ranks)"}.get(stat, stat)
            lines.append("| %s | %s | %s | %s | %s | %s |" % (fmt_bytes(size), label, " | ".join(cells),
                                                              " | ".join(changes), target, met))
    return "\n".join(lines)


ALTERNATE_RE = re.compile(r"^(\d+)\.jmpi\.observealt(stats|trace|plain)\.np2\.txt$")


def load_alternate(raw_dir):
    """alt[(variant, size)] = {"pairs": [paired changes, all rounds], "recorded": [medians, µs],
    "unrecorded": [...], "p50": [(recorded, unrecorded) per round]} from the Bench
    --observe-alternate runs (recording on and paused in the same job)."""
    alt = collections.defaultdict(lambda: {"pairs": [], "recorded": [], "unrecorded": [], "p50": []})
    for name in sorted(os.listdir(raw_dir)):
        m = ALTERNATE_RE.match(name)
        if not m:
            continue
        variant = m.group(2)
        with open(os.path.join(raw_dir, name)) as f:
            for line in f:
                p = line.split()
                if len(p) < 3 or p[1] != "pp_lat":
                    continue
                a = alt[(variant, int(p[2]))]
                if p[0] == "PAIRS":
                    a["pairs"] += [float(x) for x in p[3:]]
                elif p[0] == "OBSERVE":
                    kv = dict(x.split("=", 1) for x in p[3:] if "=" in x)
                    a["recorded"].append(float(kv["recorded"]))
                    a["unrecorded"].append(float(kv["unrecorded"]))
                    if "p50" in kv:
                        a["p50"].append(tuple(float(x) for x in kv["p50"].split("/")))
    return alt


def median_interval95(xs):
    """The 95 % distribution-free interval of the median of xs (order statistics, as Bench's
    MedianInterval): (low, high), the whole range below 6 samples."""
    s = sorted(xs)
    n = len(s)
    below, term, k = 0.0, 0.5 ** n, 0
    for j in range(n):
        below += term
        if below > 0.025:
            break
        k = j + 1
        term = term * (n - j) / (j + 1)
    return (s[0], s[-1]) if k == 0 else (s[k - 1], s[n - k])


def alternate_table(alt):
    """Recording on against paused, pairs pooled over the rounds: the median paired change with its
    95 % interval, judged against issue 18's bound; the p50 of single round trips beside it."""
    lines = ["| size | observation | recorded | paused | paired change, median (95 % interval; pairs) "
             "| p50 change | target | met? |", "|---|---|---|---|---|---|---|---|"]
    for size, bound in sorted(OBSERVE_BOUND.items()):
        for variant, label in (("stats", "`--stats`"), ("trace", "`--trace`"), ("plain", "none (both halves alike)")):
            a = alt.get((variant, size))
            if not a or not a["pairs"]:
                continue
            m = med(a["pairs"])
            lo, hi = median_interval95(a["pairs"])
            p50 = med([r / u - 1 for r, u in a["p50"]]) if a["p50"] else None
            judged = variant != "plain"
            lines.append("| %s | %s | %s | %s | %+.1f %% (%+.1f..%+.1f %%; %d) | %s | %s | %s |" % (
                fmt_bytes(size), label, fmt_time(med(a["recorded"])), fmt_time(med(a["unrecorded"])),
                100 * m, 100 * lo, 100 * hi, len(a["pairs"]),
                "%+.1f %%" % (100 * p50) if p50 is not None else "–",
                "≤ +%.0f %%" % (100 * bound) if judged else "–",
                ("yes" if m <= bound else "no") if judged else ""))
    return "\n".join(lines)


def summary(per_round, index=0):
    xs = [v[index] for v in per_round.values() if v[index] is not None]
    if not xs:
        return None
    return med(xs), min(xs), max(xs), len(xs)


def fmt_time(us):
    if us is None:
        return "–"
    if us >= 100000:
        return "%.3g s" % (us / 1e6) if us >= 1e6 else "%.0f ms" % (us / 1e3)
    if us >= 1000:
        return "%.2f ms" % (us / 1e3)
    return "%.1f µs" % us if us >= 10 else "%.2f µs" % us


def fmt_spread(s, fmt):
    if s is None:
        return "–"
    m, lo, hi, n = s
    return "%s (%s–%s, n=%d)" % (fmt(m), fmt(lo), fmt(hi), n) if n > 1 else fmt(m)


def fmt_bytes(b):
    for unit, div in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if b >= div and b % div == 0:
            return "%d %s" % (b // div, unit)
    return "%d B" % b


def fmt_elems(n):
    if n == 1:
        return "1 double"
    for unit, div in (("Mi", 1 << 20), ("Ki", 1 << 10)):
        if n >= div and n % div == 0:
            return "%d %s doubles" % (n // div, unit)
    return "%d doubles" % n


# (section, test, np, params, size formatter, bandwidth?, target). Targets are the open issues'
# words: latency and bandwidth from issue 15 (stream's 0.8x is the project's own), collectives
# from issue 14 (1 Ki-1 Mi doubles: <= 1.0x at np=2, <= 1.5x at np=4; barrier and the 1-double
# allreduce at np=4 <= 1.5x), start-up from issue 16 (np=1 <= 0.6 s, np=4 <= 2.5x).
def rows():
    out = []
    for p in (8, 1024, 65536):
        out.append(("latency (one-way)", "pp_lat", 2, p, fmt_bytes, False, ("time", 1.5) if p <= 1024 else None))
    for test, label in (("pp_bw", "bandwidth, ping-pong"), ("stream_bw", "bandwidth, stream (window 8)"),
                        ("pp_bw_direct", "bandwidth, ping-pong, jmpi direct ByteBuffer"),
                        ("stream_bw_direct", "bandwidth, stream (window 8), jmpi direct ByteBuffer")):
        for p in (1 << 20, 4 << 20, 16 << 20):
            bound = 0.8
            if p == 16 << 20 and test.startswith("pp_bw"):
                bound = 1.0 if test.endswith("_direct") else 0.9
            out.append((label, test, 2, p, fmt_bytes, True, ("bw", bound)))

    def collective_target(np, n):
        return ("time", 1.0 if np == 2 else 1.5) if 1024 <= n <= 1048576 else None

    for test in ("reduce", "allreduce"):
        for np in (2, 4):
            for n in (1, 1024, 131072, 1048576, 8388608):
                target = collective_target(np, n)
                if test == "allreduce" and np == 4 and n == 1:
                    target = ("time", 1.5)
                out.append((test, test, np, n, fmt_elems, False, target))
    for np in (2, 4):
        for n in (1024, 131072, 1048576):
            out.append(("bcast", "bcast", np, n, fmt_elems, False, collective_target(np, n)))
    for np in (2, 4):
        out.append(("barrier", "barrier", np, 0, lambda _: "–", False, ("time", 1.5) if np == 4 else None))
    for np in (1, 2, 4, 8):
        target = {1: ("seconds", 0.6), 4: ("time", 2.5)}.get(np)
        out.append(("startup (hello, whole command)", "hello", np, np, lambda _: "–", False, target))
    return out


def per_round_ratio(jv, ov, index, invert):
    rs = []
    for rnd in sorted(set(jv) & set(ov)):
        a, b = jv[rnd][index], ov[rnd][index]
        if a and b:
            rs.append(b / a if invert else a / b)
    return rs


def build_table(values):
    lines = ["| operation | np | size | jmpi median (round spread) | Open MPI median (round spread) "
             "| jmpi/Open MPI time | per-round ratios | target | met? |",
             "|---|---|---|---|---|---|---|---|---|"]
    verdicts = []
    for section, test, np, param, sizefmt, bw, target in rows():
        jv = values.get(("jmpi", np, test, param), {})
        ov = values.get(("ompi", np, OMPI_TEST.get(test, test), param), {})
        js, os_ = summary(jv), summary(ov)
        if js is None and os_ is None:
            continue
        ratio = js[0] / os_[0] if js and os_ else None
        rr = per_round_ratio(jv, ov, 0, False)
        jcell = fmt_spread(js, fmt_time)
        ocell = fmt_spread(os_, fmt_time)
        if bw:
            jb, ob = summary(jv, 1), summary(ov, 1)
            jcell += "; %s MB/s" % ("%.0f" % jb[0] if jb else "–")
            ocell += "; %s MB/s" % ("%.0f" % ob[0] if ob else "–")
        tcell, met = "–", ""
        if target and ratio:
            kind, bound = target
            if kind == "time":
                tcell = "≤ %.1f×" % bound
                met = "yes" if ratio <= bound else "no: %.1f× the bound" % (ratio / bound)
            elif kind == "seconds":
                seconds = js[0] / 1e6
                tcell = "≤ %.1f s" % bound
                met = "yes" if seconds <= bound else "no: %.2f s, %.1f× the bound" % (seconds, seconds / bound)
            else:
                bwr = 1.0 / ratio
                tcell = "bandwidth ≥ %.1f×" % bound
                met = ("yes (%.2f×)" % bwr) if bwr >= bound else "no: %.2f× of Open MPI's bandwidth" % bwr
            verdicts.append((section, np, sizefmt(param), ratio, tcell, met))
        rcell = "%.2f×" % ratio if ratio else "–"
        rrcell = "%.2f–%.2f" % (min(rr), max(rr)) if len(rr) > 1 else (("%.2f" % rr[0]) if rr else "–")
        lines.append("| %s | %d | %s | %s | %s | %s | %s | %s | %s |" % (
            section, np, sizefmt(param), jcell, ocell, rcell, rrcell, tcell, met))
    return "\n".join(lines), verdicts


def mem_table(mem):
    lines = ["| run | np | jmpi peak RSS per rank | Open MPI peak RSS per rank | ratio | target | met? |",
             "|---|---|---|---|---|---|---|"]
    modes = {"pt2pt": ("pt2pt", "pingpong,bandwidth,window"), "coll": ("coll", "reduce,allreduce,bcast,barrier"),
             "hello": ("hello", "hello")}
    keys = sorted({(mode, np) for (_, mode, np) in mem})
    seen = set()
    for mode, np in keys:
        label = None
        for k, (omode, jmode) in modes.items():
            if mode in (omode, jmode, "all"):
                label = k
        if label is None or (label, np) in seen:
            continue
        seen.add((label, np))
        omode, jmode = modes[label]
        jm = [max(v) for v in mem.get(("jmpi", jmode, np), mem.get(("jmpi", "all", np), {})).values()]
        om = [max(v) for v in mem.get(("ompi", omode, np), {}).values()]
        j, o = med(jm), med(om)
        # issue 15: hello world within 64 MiB per rank, benchmark runs within 2x Open MPI's
        if label == "hello":
            tcell, met = "≤ 64 MiB", ("yes" if j / 1024 <= 64 else "no") if j else ""
        else:
            tcell, met = "≤ 2.0×", ("yes" if j / o <= 2.0 else "no") if j and o else ""
        lines.append("| %s | %d | %s | %s | %s | %s | %s |" % (label, np, "%.0f MiB" % (j / 1024) if j else "–",
                                                                "%.0f MiB" % (o / 1024) if o else "–",
                                                                "%.1f×" % (j / o) if j and o else "–", tcell, met))
    return "\n".join(lines)


def overlap_table(values, overlap):
    """jmpi only (the C reference has no overlap mode): iallreduce while computing as long."""
    lines = ["| np | doubles | allreduce alone | compute alone | iallreduce + compute, overlapped "
             "| overlapped / longer of the two | per-round | target | met? |", "|---|---|---|---|---|---|---|---|---|"]
    for np in sorted(overlap):
        res = [(k[3], v) for k, v in values.items() if k[0] == "jmpi" and k[1] == np and k[2] == "overlap"]
        if not res:
            continue
        count, per_round = res[0]
        ratios = [per_round[r][0] / max(overlap[np][r]) for r in sorted(set(per_round) & set(overlap[np]))]
        total = summary(per_round)
        alone = med([v[0] for v in overlap[np].values()])
        comp = med([v[1] for v in overlap[np].values()])
        ratio = med(ratios)
        lines.append("| %d | %s | %s | %s | %s | %.2f× | %s | ≤ 1.2× | %s |" % (
            np, fmt_elems(count), fmt_time(alone), fmt_time(comp), fmt_spread(total, fmt_time), ratio,
            "%.2f–%.2f" % (min(ratios), max(ratios)), "yes" if ratio <= 1.2 else "no"))
    return "\n".join(lines)


def tails_table(tails):
    """Single ping-pongs' p50/p90/p99 (half a round trip) on rank 0, median over rounds, both systems."""
    lines = ["| size | jmpi p50 | jmpi p90 | jmpi p99 | Open MPI p50 | Open MPI p90 | Open MPI p99 | p50 ratio | p99 ratio |",
             "|---|---|---|---|---|---|---|---|---|"]
    for p in (8, 1024, 65536):
        cells, meds = [], {}
        for sysname in ("jmpi", "ompi"):
            rounds = tails.get((sysname, 2, "pp_lat", p), {})
            meds[sysname] = [med([v[i] for v in rounds.values()]) for i in range(3)] if rounds else [None] * 3
            cells += [fmt_time(x) for x in meds[sysname]]
        ratios = []
        for i in (0, 2):
            j, o = meds["jmpi"][i], meds["ompi"][i]
            ratios.append("%.2f×" % (j / o) if j and o else "–")
        lines.append("| %s | %s | %s |" % (fmt_bytes(p), " | ".join(cells), " | ".join(ratios)))
    return "\n".join(lines)


def floor_table(values):
    lines = ["| size | C raw TCP, blocking | C raw TCP, spinning | Java raw TCP, blocking | Java raw TCP, spinning "
             "| Open MPI | jmpi |", "|---|---|---|---|---|---|---|"]
    for p in (8, 1024, 65536):
        cells = []
        for sysname in ("tcp-block", "tcp-spin", "jtcp-block", "jtcp-spin", "ompi", "jmpi"):
            s = summary(values.get((sysname, 2, "pp_lat", p), {}))
            cells.append(fmt_time(s[0]) if s else "–")
        lines.append("| %s | %s |" % (fmt_bytes(p), " | ".join(cells)))
    return "\n".join(lines)


# ---------------------------------------------------------------- SVG


def svg_chart(values, path):
    colors = {"jmpi": "#d62728", "ompi": "#1f77b4", "tcp-block": "#7f7f7f", "tcp-spin": "#2ca02c",
              "jtcp-block": "#bcbd22", "jtcp-spin": "#9467bd"}
    names = {"jmpi": "jmpi", "ompi": "Open MPI (TCP)", "tcp-block": "C raw TCP, blocking",
             "tcp-spin": "C raw TCP, spinning", "jtcp-block": "Java raw TCP, blocking", "jtcp-spin": "Java raw TCP, spinning"}

    def series(system, tests):
        pts = []
        for test in tests:
            for (s, np, t, p), per in values.items():
                if s == system and np == 2 and t == test and p > 0:
                    sm = summary(per)
                    if sm:
                        pts.append((p, sm[0]))
        return sorted(dict(pts).items())

    panels = []
    lat = {s: series(s, ("pp_lat", "pp_bw")) for s in colors}
    panels.append(("One-way latency (ping-pong / 2), np=2", "message size (bytes)", "µs", lat, True, ""))
    bw = {}
    for s in colors:
        bw[s] = [(p, p / t) for p, t in lat[s]]
    for s in ("jmpi", "ompi"):
        pts = series(s, ("stream_bw",))
        bw[s + "-stream"] = [(p, p / t) for p, t in pts]
    panels.append(("Bandwidth (MB/s = 10^6 B/s), np=2", "message size (bytes)", "MB/s", bw, True, ""))

    W, H, PW, PH, ML, MT = 1000, 430, 400, 300, 80, 50
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
           'font-size="12">' % (W, H), '<rect width="100%" height="100%" fill="white"/>']
    for i, (title, xl, yl, data, logy, _) in enumerate(panels):
        ox = ML + i * (PW + 100)
        pts = [pt for s in data.values() for pt in s]
        if not pts:
            continue
        xmin, xmax = min(p for p, _ in pts), max(p for p, _ in pts)
        ymin, ymax = min(v for _, v in pts), max(v for _, v in pts)
        lx0, lx1 = math.floor(math.log10(xmin)), math.ceil(math.log10(xmax))
        ly0, ly1 = math.floor(math.log10(ymin)), math.ceil(math.log10(ymax))
        lx1 = max(lx1, lx0 + 1)
        ly1 = max(ly1, ly0 + 1)

        def X(v):
            return ox + (math.log10(v) - lx0) / (lx1 - lx0) * PW

        def Y(v):
            return MT + PH - (math.log10(v) - ly0) / (ly1 - ly0) * PH

        out.append('<text x="%d" y="%d" font-size="14" font-weight="bold">%s</text>' % (ox, MT - 20, title))
        out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="black"/>' % (ox, MT, PW, PH))
        for e in range(lx0, lx1 + 1):
            x = X(10 ** e)
            out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x, MT, x, MT + PH))
            out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (x, MT + PH + 16, tick(10 ** e)))
        for e in range(ly0, ly1 + 1):
            y = Y(10 ** e)
            out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (ox, y, ox + PW, y))
            out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (ox - 5, y + 4, tick(10 ** e)))
        out.append('<text x="%d" y="%d" text-anchor="middle">%s</text>' % (ox + PW / 2, MT + PH + 34, xl))
        out.append('<text x="%d" y="%d" text-anchor="middle" transform="rotate(-90 %d %d)">%s</text>'
                   % (ox - 50, MT + PH / 2, ox - 50, MT + PH / 2, yl))
        legend = 0
        for s, pts_s in data.items():
            if not pts_s:
                continue
            base = s.replace("-stream", "")
            dash = ' stroke-dasharray="6,4"' if s.endswith("-stream") else ""
            poly = " ".join("%.1f,%.1f" % (X(p), Y(v)) for p, v in pts_s)
            out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>' % (poly, colors[base], dash))
            for p, v in pts_s:
                out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (X(p), Y(v), colors[base]))
            lx = ox + 10 if i == 0 else ox + PW - 175
            ly = MT + 14 + legend * 16 if i == 0 else MT + PH - 8 - (len([d for d in data.values() if d]) - legend - 1) * 16
            out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>'
                       % (lx, ly - 4, lx + 20, ly - 4, colors[base], dash))
            out.append('<text x="%d" y="%d">%s</text>' % (lx + 25, ly, names[base] + (" stream" if dash else "")))
            legend += 1
    out.append('<text x="%d" y="%d" fill="#555">medians over rounds; log-log; bench/compare.sh</text>' % (ML, H - 12))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def tick(v):
    for unit, div in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if v >= div:
            return "%g%s" % (v / div, unit)
    return "%g" % v


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True)
    ap.add_argument("--facts", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--svg", required=True)
    ap.add_argument("--notes")
    ap.add_argument("--netns", help="report.md of bench/netns-compare.sh, shown as its own section if present")
    a = ap.parse_args()
    values, mem, startup, overlap, tails = load(a.raw)
    observed = load_observe(a.raw)
    alternated = load_alternate(a.raw)
    table, verdicts = build_table(values)
    print(table)
    svg_chart(values, a.svg)
    with open(a.facts) as f:
        facts = f.read().strip()
    command = next((l.split(": ", 1)[1] for l in facts.splitlines() if l.startswith("command: ")), "bench/compare.sh")
    init_lines = []
    for np in sorted(startup):
        s = summary({r: (v, None) for r, v in startup[np].items()})
        w = summary(values.get(("jmpi", np, "hello", np), {}))
        init_lines.append("| %d | %s | %s |" % (np, fmt_spread(s, fmt_time), fmt_spread(w, fmt_time)))
    notes = ""
    if a.notes and os.path.exists(a.notes):
        with open(a.notes) as f:
            notes = f.read().strip()
    warmup = re.search(r"--jmpi-warmup-time (\S+)", command)
    warmup_note = ("" if not warmup else
                   " One difference in this run: jmpi's cases were warmed up for at least %s instead of 0.25 s"
                   " (`--jmpi-warmup-time`), in runs as long as one timed repetition once a run took 5 ms (so"
                   " the warm-up meets what the repetitions meet, such as a one-way collective outrunning its"
                   " receiver's eager credit), so they show the JIT-compiled steady state." % warmup.group(1))
    jit_quiet = re.search(r"--jmpi-warmup-jit-quiet-max (\S+)", command)
    if jit_quiet:
        warmup_note += (" Past that, a case kept warming up until no rank's JIT had compiled for more than a tenth of"
                        " either of the last two 1-second windows, up to %s in all"
                        " (`--jmpi-warmup-jit-quiet-max`)." % jit_quiet.group(1))
    missed = [v for v in verdicts if not v[5].startswith("yes")]
    doc = ["# jmpi against Open MPI over TCP: results", "",
           "Produced by `%s` (raw output in `bench/target/compare/raw/`). Regenerate with the same command;" % command,
           "it rewrites this file and `results-latency-bandwidth.svg`. Hand-written analysis comes from",
           "`bench/results-notes.md`.", "",
           "## Machine and run", "", "```", facts, "```", "",
           "## How it is measured", "",
           "Both sides measure the same way (`bench/reference/mpibench.c` for Open MPI, `dev.jmpi.bench.Bench` for",
           "jmpi): per case, calibration n = 1, 4, 16, ... until the slowest rank needs ≥ 5 ms and ≥ 0.25 s of",
           "warm-up were spent; then 11 repetitions of ~40 ms, each: barrier, iterations, slowest rank's time",
           "(allreduce MAX) / iterations. Each round's number is the median of its 11 repetitions; the tables",
           "show the median over rounds and, in brackets, the smallest and largest round median. Latency is half",
           "a ping-pong round trip. Open MPI runs with `--mca pml ob1 --mca btl tcp,self --mca btl_tcp_if_include lo",
           "--mca oob_tcp_if_include lo` (TCP on loopback, no shared memory). Start-up is the whole command",
           "(`mpirun ... mpibench hello` against `jmpirun ... Bench --op hello`), start to finish, after one",
           "untimed hello per rank count on each side before the first round: jmpi writes a class-data archive",
           "on the first launch of a class path with given JVM options (once per build of an application, not",
           "at every launch), and both systems' files are then in the page cache. The two",
           "systems alternate within each round (odd rounds Open MPI first)." + warmup_note, "",
           "## jmpi / Open MPI", "", "Time ratio: below 1 jmpi is faster. Bandwidth rows also give MB/s. Rows marked",
           "\"jmpi direct ByteBuffer\" are jmpi sending and receiving direct `ByteBuffer`s (`Bench --type direct`: lent",
           "to the socket on send, read straight into on receive) against the same Open MPI numbers as the",
           "rows above them (the C bench's buffers are plain memory either way).", "",
           table, "",
           "## Targets missed", ""]
    if missed:
        for sec, np, size, ratio, tcell, met in missed:
            doc.append("- %s, np=%d, %s: %.2f× Open MPI's time (target %s) — %s" % (sec, np, size, ratio, tcell, met))
    else:
        doc.append("None.")
    if tails:
        doc += ["", "## Latency tails: single ping-pongs, p50 / p90 / p99", "",
                "Rank 0 times every round trip of the timed repetitions (half of it is one operation), on both",
                "sides (`HIST` lines); median over rounds. The table above divides each repetition's total by its",
                "operations, so a rare slow message moves its number; these show how rare.", "",
                tails_table(tails)]
    doc += ["", "## Start-up of jmpi in detail", "",
            "Launch to every rank past `Jmpi.init` (from the ranks' clocks) and the whole command:", "",
            "| np | jmpirun start → all ranks past init | whole command |", "|---|---|---|"] + init_lines
    if overlap:
        doc += ["", "## Overlap: `iallreduce` of 1 Mi doubles (8 MiB) while the rank computes about as long (jmpi only)", "",
                "`Bench --op overlap`: the rank starts the iallreduce, computes (register-only floating point) for",
                "about as long as a blocking allreduce takes (both calibrated when the case starts, after the",
                "allreduce has warmed up for the run's warm-up time), then waits. Full overlap: the total is the",
                "longer of the two (ratio 1.0); none: their sum (2.0). Each rank here has one CPU, which its",
                "computation and the allreduce's own work (copies, combining, system calls) share. Open MPI's",
                "reference bench has no such mode.", "", overlap_table(values, overlap)]
    if observed:
        doc += ["", "## What `--stats` and `--trace` cost (jmpi only)", "",
                "The ping-pong run with observation off, with `--stats` and with `--trace` (which also writes the",
                "trace and its HTML timeline when the job ends), back to back in an order that rotates each time;",
                "each change is against the off run next to it, then the median of those changes. Time per",
                "operation is judged; p50/p99 (single round trips on rank 0) and CPU are shown for the tails and",
                "for where the time goes.", "", observe_table(observed)]
    if alternated:
        doc += ["", "### The same cost within one job: recording on against recording paused", "",
                "Run to run, the ping-pong's own time moves by more than the 2 % asked at 1 MiB (above: the off",
                "runs alone spread by tens of per cent), so the cost is also measured inside one job, where the",
                "JIT's state, the heap and the machine's moment are shared: `Bench --observe-alternate` turns",
                "each timed repetition into a pair, one with recording on and one paused with `Jmpi.pcontrol(0)`",
                "(MPI_Pcontrol), back to back, the order alternating from pair to pair; 41 pairs a job, one job",
                "per observation and round, pairs pooled over the rounds. The change is recorded / paused - 1 of",
                "each pair; its median is judged, with a distribution-free 95 % interval (order statistics).",
                "\"none\" runs the same pairs without observation: the method's own noise.", "",
                alternate_table(alternated)]
    if a.netns and os.path.exists(a.netns):
        with open(a.netns) as f:
            shaped = f.read().strip()
        doc += ["", "## Over shaped links between network namespaces (`bench/netns-compare.sh`)", "",
                "A separate run (its own date, commit and command in the block below): one rank per network namespace,",
                "each namespace on CPUs of its own, joined through a bridge by veth links shaped with `tc`; the same",
                "measuring code as above. See `bench/README.md` for the setup.", "", shaped]
    doc += ["", "## Peak memory (VmHWM) per rank, largest rank, median over rounds", "", mem_table(mem), "",
            "## The floor: raw loopback TCP one-way, C (`bench/reference/tcppingpong.c`) and Java (`dev.jmpi.bench.floor.JavaTcpPingPong`)", "",
            floor_table(values), "", "## Chart", "", "![latency and bandwidth](results-latency-bandwidth.svg)", ""]
    if notes:
        doc += [notes, ""]
    with open(a.results, "w") as f:
        f.write("\n".join(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
