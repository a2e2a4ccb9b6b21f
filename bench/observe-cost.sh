#!/usr/bin/env bash
# bench/observe-cost.sh: what `jmpirun --stats` and `--trace` cost, against the same run with
# observation off, measured with the benchmark runner and alternated round by round (the
# order rotates every round) so that all variants see the same load. Prints a markdown table:
# per variant and line, the median over rounds of the RES median, of the HIST p50/p90/p99 and
# of the CPU time all ranks used per operation (the CPU line), the ratio to `off`, the load
# average seen around the runs, and each variant's garbage collections per rank (counts and
# heap size hold under load, where times do not).
#
#   bench/observe-cost.sh [--rounds N] [--out DIR] [--before ROOT] [--jvm-opt OPT]... -- BENCH_ARGS...
#
# Variants: off, stats (--stats), trace (--trace FILE) of this checkout; with --before ROOT
# (another built checkout, or a copy holding bin/jmpirun, launcher/target and bench/target)
# also before-off, before-stats, before-trace, so an old and a new build are compared in
# the same rounds. Example (bench/results-notes.md, "Cost of --stats and --trace"):
#   bench/observe-cost.sh --rounds 8 --before /tmp/base -- --op pingpong --sizes 1k,1m --warmup-time 1s
# Build first: ./mvnw -B -o -q package -pl bench,launcher -am -DskipTests
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds=6
out="$here/target/observe-cost"
before=""
jvm=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --before) before="$(cd "$2" && pwd)"; shift 2 ;;
    --jvm-opt) jvm+=("--jvm-opt=$2"); shift 2 ;;
    *) echo "observe-cost.sh: unknown argument '$1' (expected: --rounds N, --out DIR, --before ROOT, --jvm-opt OPT, then -- BENCH_ARGS)" >&2; exit 2 ;;
  esac
done
[[ "${1:-}" == "--" ]] || { echo "observe-cost.sh: missing -- BENCH_ARGS (e.g. -- --op pingpong --sizes 1k,1m)" >&2; exit 2; }
shift
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "observe-cost.sh: --rounds $rounds (expected: an integer >= 1)" >&2; exit 2; }
labels=(off stats trace)
[[ -n "$before" ]] && labels+=(before-off before-stats before-trace)
mkdir -p "$out"
rm -rf "${out:?}"/*
for ((r = 1; r <= rounds; r++)); do
  n=${#labels[@]}
  for ((k = 0; k < n; k++)); do
    label="${labels[$(( (k + r - 1) % n ))]}"
    base="$root"
    [[ "$label" == before-* ]] && base="$before"
    flags=()
    case "${label#before-}" in
      stats) flags=(--stats) ;;
      trace) flags=(--trace "$out/trace-$r-$label.json") ;;
    esac
    f="$out/$r.$label.txt"
    printf '[observe-cost %s] round %d: %s (load %s)\n' "$(date +%H:%M:%S)" "$r" "$label" \
      "$(cut -d' ' -f1 /proc/loadavg)" >&2
    echo "LOAD $(cut -d' ' -f1 /proc/loadavg)" > "$f"
    "$base/bin/jmpirun" -n 2 --oversubscribe --timeout 20m "${jvm[@]}" \
      "--jvm-opt=-Xlog:gc:file=$out/gc.$r.$label.%p.log" "${flags[@]}" \
      -cp "$base/bench/target/jmpi-bench.jar:$base/bench/target/lib/*" dev.jmpi.bench.Bench "$@" \
      >> "$f" 2> "$out/$r.$label.err" || echo "  failed: see $out/$r.$label.err" >&2
    echo "LOAD $(cut -d' ' -f1 /proc/loadavg)" >> "$f"
    rm -f "$out"/trace-*.json "$out"/trace-*.html
  done
done
python3 - "$out" "${labels[@]}" <<'EOF'
import collections, os, statistics, sys
out, labels = sys.argv[1], sys.argv[2:]
v = collections.defaultdict(list)
loads = collections.defaultdict(list)
keys = []
for f in sorted(os.listdir(out)):
    if not f.endswith(".txt"):
        continue
    label = f.split(".", 1)[1][:-4]
    for line in open(os.path.join(out, f)):
        p = line.split()
        if not p:
            continue
        if p[0] == "LOAD":
            loads[label].append(float(p[1]))
        elif p[0] == "RES":
            k = (p[1], p[2])
            keys.append(k) if k not in keys else None
            v[(k, "median", label)].append(float(p[3]))
        elif p[0] == "HIST":
            k = (p[1], p[2])
            for q in p[3:6]:
                name, val = q.split("=")
                v[(k, name, label)].append(float(val))
        elif p[0] == "CPU":
            v[((p[1], p[2]), "cpu", label)].append(float(p[3]))
# Each rank's GC log, whole run (finalize included: a trace's spans become objects there).
import re
gcs = collections.defaultdict(list)
for f in sorted(os.listdir(out)):
    if not f.startswith("gc."):
        continue
    label = f.split(".")[2]
    young = full = 0
    heap = 0
    for line in open(os.path.join(out, f)):
        m = re.search(r"Pause (Young|Full).* \d+M->\d+M\((\d+)M\)", line)
        if m:
            young += m.group(1) == "Young"
            full += m.group(1) == "Full"
            heap = max(heap, int(m.group(2)))
    gcs[label].append((young, full, heap))
def med(xs):
    return statistics.median(xs) if xs else float("nan")
print("| case | stat | " + " | ".join(labels) + " |")
print("|---|---" + "|---" * len(labels) + "|")
for k in keys:
    for stat in ("median", "p50", "p90", "p99", "cpu"):
        if not v[(k, stat, labels[0])]:
            continue
        cells = []
        for label in labels:
            x = med(v[(k, stat, label)])
            ref = med(v[(k, stat, "before-off" if label.startswith("before-") else "off")])
            cells.append("%.1f" % x + ("" if label.endswith("off") else " (%+.0f%%)" % (100 * (x / ref - 1))))
        print("| %s %s B | %s µs | %s |" % (k[0], k[1], stat, " | ".join(cells)))
print()
if gcs:
    print("| GC per rank (median over ranks and rounds, whole run incl. finalize) | " + " | ".join(labels) + " |")
    print("|---" + "|---" * len(labels) + "|")
    for i, name in enumerate(("young collections", "full collections", "largest heap MB")):
        print("| %s | %s |" % (name, " | ".join("%g" % med([g[i] for g in gcs[l]]) if gcs[l] else "–" for l in labels)))
    print()
print("rounds: %d; load average (1 min) around the runs: " % (len(v[(keys[0], "median", labels[0])]) if keys else 0)
      + ", ".join("%s %.1f–%.1f" % (l, min(loads[l]), max(loads[l])) for l in labels if loads[l]))
EOF
