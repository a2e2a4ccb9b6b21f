#!/usr/bin/env bash
# bench/startup-scale.sh: start-up and barrier time as the rank count grows, jmpi beside Open MPI.
#
#   bench/startup-scale.sh [--np "2 4 8 16 32 64"] [--rounds N] [--out DIR] [--no-build]
#
# For each np and round (systems alternate which goes first): the whole command of a hello
# world (init, barrier, finalize) timed start to finish, then a barrier latency run, on each
# system; every rank's peak RSS from the hello. Ranks are JVMs/processes on this host,
# oversubscribed beyond its cores, exactly as a user's laptop would run them. Open MPI runs over
# TCP on loopback as in compare.sh. Writes DIR/scale.md (table) and DIR/scale.svg (chart);
# bench/results-startup.md quotes them. Never run it while anything else loads the machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
nps="2 4 8 16 32 64"
rounds=2
out="$here/target/scale"
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --np) nps="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "startup-scale.sh: unknown argument '$1' (expected: --np LIST, --rounds N, --out DIR, --no-build)" >&2; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "startup-scale.sh: --rounds $rounds (expected: an integer >= 1)" >&2; exit 2; }
log() { printf '== %s\n' "$*" >&2; }

if ! command -v mpicc >/dev/null || ! command -v mpirun >/dev/null; then
  log "installing Open MPI (openmpi-bin, libopenmpi-dev)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openmpi-bin libopenmpi-dev >/dev/null
fi
OMPI_TCP=(mpirun --allow-run-as-root --oversubscribe --mca pml ob1 --mca btl tcp,self
          --mca btl_tcp_if_include lo --mca oob_tcp_if_include lo)
mkdir -p "$out/raw" "$out/bin"
rm -f "$out"/raw/*
mpicc -O2 -Wall -o "$out/bin/mpibench" "$here/reference/mpibench.c"
if [[ $build -eq 1 ]]; then
  log "building jmpi"
  (cd "$root" && { ./mvnw -B -q -o install -DskipTests || ./mvnw -B -q install -DskipTests; }) >&2
fi
BENCH_CP="$here/target/jmpi-bench.jar:$here/target/lib/*"
jmpirun() { "$root/bin/jmpirun" --oversubscribe --timeout 20m -cp "$BENCH_CP" "$@"; }

# timed ROUND SYSTEM CASE NP COMMAND...: output in raw/, last line "WALL <microseconds>"
timed() {
  local round="$1" sys="$2" name="$3" np="$4"; shift 4
  local f="$out/raw/$round.$sys.$name.np$np.txt" t0 t1
  log "round $round: $sys $name np=$np"
  t0=$(date +%s%N)
  "$@" > "$f" 2> "$f.err" || { log "FAILED: $sys $name np=$np"; tail -5 "$f.err" >&2; }
  t1=$(date +%s%N)
  echo "WALL $(( (t1 - t0) / 1000 ))" >> "$f"
}
ompi() {
  timed "$1" ompi hello "$2" timeout 10m "${OMPI_TCP[@]}" -np "$2" "$out/bin/mpibench" hello
  timed "$1" ompi barrier "$2" timeout 10m "${OMPI_TCP[@]}" -np "$2" "$out/bin/mpibench" barrier
}
jmpi() {
  timed "$1" jmpi hello "$2" jmpirun -n "$2" dev.jmpi.bench.Bench --op hello
  timed "$1" jmpi barrier "$2" jmpirun -n "$2" dev.jmpi.bench.Bench --op barrier
}
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ) commit: $(cd "$root" && git rev-parse --short HEAD) cpus: $(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg)" > "$out/facts.txt"
for ((r = 1; r <= rounds; r++)); do
  for np in $nps; do
    if (( r % 2 == 1 )); then ompi "$r" "$np"; jmpi "$r" "$np"; else jmpi "$r" "$np"; ompi "$r" "$np"; fi
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/facts.txt"
python3 "$here/startup_scale_report.py" "$out"
