#!/usr/bin/env python3
"""Reads bench/startup-scale.sh's raw output and writes scale.md (table) and scale.svg (chart).

Medians across rounds; start-up is the whole command (launcher to exit), barrier the median
per-call time, memory the mean of every rank's peak RSS in the hello run."""
import glob
import os
import re
import statistics
import sys


def parse(out):
    data = {}  # (sys, case, np) -> list of dicts per round
    for f in glob.glob(os.path.join(out, "raw", "*.txt")):
        m = re.match(r"(\d+)\.(\w+)\.(\w+)\.np(\d+)\.txt$", os.path.basename(f))
        if not m:
            continue
        _, sysname, case, np = m.groups()
        row = {}
        for line in open(f):
            p = line.split()
            if p[:1] == ["WALL"]:
                row["wall_ms"] = int(p[1]) / 1000
            elif p[:2] == ["RES", "barrier"]:
                row["barrier_us"] = float(p[3])
            elif p[:1] == ["MEM"]:
                kbs = [int(x) for x in p[2:]]
                row["rss_mib"] = statistics.mean(kbs) / 1024 if kbs else None
        data.setdefault((sysname, case, int(np)), []).append(row)
    return data


def med(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def fmt(v, unit=""):
    return "–" if v is None else (f"{v:.0f}{unit}" if v >= 100 else f"{v:.2f}{unit}" if v < 10 else f"{v:.1f}{unit}")


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.1f}×"


def main(out):
    data = parse(out)
    nps = sorted({k[2] for k in data})
    rows = []
    for np in nps:
        g = lambda s, c, k: med(data.get((s, c, np), []), k)
        rows.append((np, g("jmpi", "hello", "wall_ms"), g("ompi", "hello", "wall_ms"),
                     g("jmpi", "barrier", "barrier_us"), g("ompi", "barrier", "barrier_us"),
                     g("jmpi", "hello", "rss_mib"), g("ompi", "hello", "rss_mib")))
    facts = open(os.path.join(out, "facts.txt")).read().strip().replace("\n", "; ")
    lines = [f"<!-- {facts} -->",
             "| np | start-up jmpi | Open MPI | ratio | barrier jmpi | Open MPI | ratio | RSS/rank jmpi | Open MPI |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for np, sj, so, bj, bo, mj, mo in rows:
        lines.append(f"| {np} | {fmt(sj, ' ms')} | {fmt(so, ' ms')} | {ratio(sj, so)} | {fmt(bj, ' µs')} | "
                     f"{fmt(bo, ' µs')} | {ratio(bj, bo)} | {fmt(mj, ' MiB')} | {fmt(mo, ' MiB')} |")
    open(os.path.join(out, "scale.md"), "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
    svg(out, rows)


def svg(out, rows):
    """Two log-log panels: start-up (ms) and barrier (µs) against np, jmpi and Open MPI."""
    import math
    w, h, pad = 360, 260, 50
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * w}" height="{h}" font-family="sans-serif" font-size="11">']
    for panel, (title, ji, oi) in enumerate([("start-up, whole command (ms)", 1, 2), ("barrier (µs)", 3, 4)]):
        x0 = panel * w
        pts = [(r[0], r[ji], r[oi]) for r in rows if r[ji] and r[oi]]
        if not pts:
            continue
        xs = [math.log2(p[0]) for p in pts]
        ys = [math.log10(v) for p in pts for v in p[1:]]
        xlo, xhi = min(xs), max(xs) + 1e-9
        ylo, yhi = math.floor(min(ys)), math.ceil(max(ys))
        if yhi == ylo:
            yhi += 1
        sx = lambda v: x0 + pad + (math.log2(v) - xlo) / (xhi - xlo) * (w - 2 * pad)
        sy = lambda v: h - pad + 10 - (math.log10(v) - ylo) / (yhi - ylo) * (h - 2 * pad)
        parts.append(f'<text x="{x0 + w / 2}" y="16" text-anchor="middle">{title}</text>')
        parts.append(f'<line x1="{x0 + pad}" y1="{h - pad + 10}" x2="{x0 + w - pad}" y2="{h - pad + 10}" stroke="#888"/>')
        parts.append(f'<line x1="{x0 + pad}" y1="{pad - 10}" x2="{x0 + pad}" y2="{h - pad + 10}" stroke="#888"/>')
        for np, _, _ in pts:
            parts.append(f'<text x="{sx(np)}" y="{h - pad + 24}" text-anchor="middle">{np}</text>')
        for e in range(ylo, yhi + 1):
            parts.append(f'<text x="{x0 + pad - 4}" y="{sy(10 ** e) + 4}" text-anchor="end">{10 ** e:g}</text>')
        for idx, color, name in [(1, "#c0392b", "jmpi"), (2, "#2c3e50", "Open MPI")]:
            path = " ".join(f"{sx(p[0]):.1f},{sy(p[idx]):.1f}" for p in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
            parts.append(f'<text x="{x0 + w - pad}" y="{pad + (idx - 1) * 14}" text-anchor="end" fill="{color}">{name}</text>')
        parts.append(f'<text x="{x0 + w / 2}" y="{h - 6}" text-anchor="middle">ranks (np)</text>')
    parts.append("</svg>")
    open(os.path.join(out, "scale.svg"), "w").write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/target/scale")
