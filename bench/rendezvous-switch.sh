#!/usr/bin/env bash
# bench/rendezvous-switch.sh: what the switch from eager to rendezvous costs in bandwidth.
#
#   bench/rendezvous-switch.sh [--rounds N] [--out DIR]
#
# Runs the np=2 ping-pong and stream bandwidth cases around the eager limit (256 KiB–16 MiB)
# with jmpi's defaults (eager up to 1 MiB within credit, rendezvous above) and with everything
# eager (eager limit 1 GiB, 4 GiB of credit), alternating which goes first, and prints the
# median MB/s of each and their ratio. Needs bench/target/jmpi-bench.jar (compare.sh or
# `./mvnw -B install -DskipTests` builds it). Never run it while anything else loads the machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds=3
out="$here/target/rendezvous-switch"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "rendezvous-switch.sh: unknown argument '$1' (expected: --rounds N, --out DIR)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
rm -f "$out"/*.txt
BENCH_CP="$here/target/jmpi-bench.jar:$here/target/lib/*"
run() {
  local round="$1" mode="$2"; shift 2
  echo "== round $round: $mode" >&2
  "$root/bin/jmpirun" -n 2 --timeout 10m "$@" -cp "$BENCH_CP" dev.jmpi.bench.Bench --op pingpong,bandwidth \
    --sizes 256k,512k,1m,2m,4m,16m --warmup-time 3s > "$out/$round.$mode.txt"
}
eager=(--jvm-opt=-Djmpi.eagerLimitBytes=1073741824 --jvm-opt=-Djmpi.unexpectedBytes=4294967296)
for ((r = 1; r <= rounds; r++)); do
  if (( r % 2 == 1 )); then run "$r" default; run "$r" eager "${eager[@]}"; else run "$r" eager "${eager[@]}"; run "$r" default; fi
done
python3 - "$out" <<'PY'
import glob, os, statistics, sys
out = sys.argv[1]
mbs = {}
for f in glob.glob(os.path.join(out, "*.txt")):
    mode = os.path.basename(f).split(".")[1]
    for line in open(f):
        p = line.split()
        if p[:1] == ["RES"] and len(p) >= 9:
            mbs.setdefault((p[1], int(p[2]), mode), []).append(float(p[8]))
print("| case | size | defaults (rendezvous above 1 MiB) MB/s | all eager MB/s | defaults / eager |")
print("|---|---:|---:|---:|---:|")
for test, size in sorted({(k[0], k[1]) for k in mbs}):
    d = statistics.median(mbs.get((test, size, "default"), [float("nan")]))
    e = statistics.median(mbs.get((test, size, "eager"), [float("nan")]))
    print(f"| {test} | {size >> 10} KiB | {d:.0f} | {e:.0f} | {d / e:.2f} |")
PY
