#!/usr/bin/env bash
# bench/experiments.sh: the same jmpi benchmark under several JVM options / jmpi properties,
# alternating the variants round by round, so their differences are measured in the same
# conditions. Prints a markdown table of each variant's median (over rounds) per RES line.
#
#   bench/experiments.sh [--rounds N] [--np N] [--out DIR] -- BENCH_ARGS... \
#       ::: LABEL='OPT OPT' LABEL2='OPT' ...
#
# Example (what bench/RESULTS.md reports):
#   bench/experiments.sh --rounds 3 -- --op pingpong --sizes 8,1k \
#       ::: default='' spin0='-Djmpi.spinMicros=0' spin1000='-Djmpi.spinMicros=1000'
# Build first (./mvnw -B -q install -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds=3
np=2
out="$here/target/experiments"
while [[ $# -gt 0 && "$1" != "--" ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --np) np="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "experiments.sh: unknown argument '$1' (expected: --rounds N, --np N, --out DIR, then -- BENCH_ARGS ::: VARIANTS)" >&2; exit 2 ;;
  esac
done
[[ "${1:-}" == "--" ]] || { echo "experiments.sh: missing -- BENCH_ARGS ::: VARIANTS" >&2; exit 2; }
shift
bench_args=()
while [[ $# -gt 0 && "$1" != ":::" ]]; do bench_args+=("$1"); shift; done
[[ "${1:-}" == ":::" ]] || { echo "experiments.sh: missing ::: LABEL='OPTS' ..." >&2; exit 2; }
shift
labels=()
declare -A opts
for v in "$@"; do
  labels+=("${v%%=*}")
  opts["${v%%=*}"]="${v#*=}"
done
mkdir -p "$out"
rm -f "$out"/*.txt
cp="$here/target/jmpi-bench.jar:$here/target/lib/*"
for ((r = 1; r <= rounds; r++)); do
  # rotate the order each round
  n=${#labels[@]}
  for ((k = 0; k < n; k++)); do
    label="${labels[$(( (k + r - 1) % n ))]}"
    jvm=()
    for o in ${opts[$label]}; do jvm+=("--jvm-opt=$o"); done
    printf '[experiments %s] round %d: %s %s\n' "$(date +%H:%M:%S)" "$r" "$label" "${opts[$label]}" >&2
    "$root/bin/jmpirun" -n "$np" --oversubscribe --timeout 20m "${jvm[@]}" -cp "$cp" dev.jmpi.bench.Bench \
      "${bench_args[@]}" > "$out/$r.$label.txt" 2> "$out/$r.$label.err" || echo "  failed: see $out/$r.$label.err" >&2
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out" "${labels[@]}" <<'EOF'
import collections, os, statistics, sys
out, labels = sys.argv[1], sys.argv[2:]
v = collections.defaultdict(list)
keys = []
for f in sorted(os.listdir(out)):
    if not f.endswith(".txt"):
        continue
    label = f.split(".", 1)[1][:-4]
    for line in open(os.path.join(out, f)):
        p = line.split()
        if p and p[0] in ("RES", "HIST"):
            k = (p[0], p[1], p[2])
            if k not in keys:
                keys.append(k)
            val = float(p[3]) if p[0] == "RES" else float(p[3].split("=")[1])
            v[(k, label)].append(val)
print("| line | " + " | ".join(labels) + " |")
print("|---" * (len(labels) + 1) + "|")
for k in keys:
    cells = []
    for label in labels:
        xs = v.get((k, label), [])
        cells.append("%.1f (%.1f–%.1f)" % (statistics.median(xs), min(xs), max(xs)) if xs else "–")
    what = "%s %s %s %s" % (k[0], k[1], k[2], "median µs" if k[0] == "RES" else "p50 µs")
    print("| " + what + " | " + " | ".join(cells) + " |")
EOF
