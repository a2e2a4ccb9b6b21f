#!/usr/bin/env bash
# bench/compare.sh: jmpi against Open MPI over TCP on loopback, side by side, in one go.
#
#   bench/compare.sh [--rounds N] [--out DIR] [--no-build] [--jvm-opt OPT]... [--jmpi-warmup-time T]
#                    [--jmpi-warmup-jit-quiet-max T] [--observe-repeats K]
#
# Installs Debian's openmpi-bin + libopenmpi-dev if mpicc/mpirun are missing, builds
# bench/reference/mpibench.c (and tcppingpong.c, the raw TCP floor) with mpicc/gcc, builds
# jmpi, then runs whole rounds (default 3). Inside a round every case group runs once on each
# system, alternating which goes first (odd rounds Open MPI first, even rounds jmpi first):
#   pt2pt np=2          latency 8 B, 1 KiB, 64 KiB; ping-pong and stream bandwidth 1, 4, 16 MiB
#   pt2ptdirect np=2    jmpi only: ping-pong and stream bandwidth with direct ByteBuffers (--type
#                       direct: no copy on either side), set beside Open MPI's pt2pt numbers
#   coll  np=2, np=4    reduce + allreduce of 1, 1Ki, 128Ki, 1Mi, 8Mi doubles; bcast 1Ki, 128Ki, 1Mi; barrier
#   overlap np=2        jmpi only: iallreduce of 1 Mi doubles while computing as long (Bench --op overlap)
#   observe np=2        jmpi only: ping-pong 1 KiB and 1 MiB with observation off, --stats and --trace,
#                       the three in an order that rotates every time, --observe-repeats times a round
#                       (default 2): what --stats and --trace cost, paired within a round; then,
#                       once a round, each of --stats, --trace and no observation with Bench
#                       --observe-alternate (41 pairs of repetitions, recording on and paused by
#                       Jmpi.pcontrol, in one job): the cost within one JVM, free of run-to-run spread
#   hello np=1,2,4,8    start-up: the whole command timed, start to finish
#   tcp floor           raw loopback TCP ping-pong in C and in Java, blocking and spinning (once per round)
# --jmpi-warmup-time (e.g. 5s) gives jmpi's cases a longer warm-up than the C bench's 0.25 s,
# for steady-state (JIT-compiled) numbers; --jmpi-warmup-jit-quiet-max (e.g. 30s) keeps warming a
# case up after that while any rank's JIT is still compiling, up to that much in all (Bench's
# --warmup-jit-quiet-max); the default measures both exactly alike.
# Open MPI is restricted to TCP on loopback exactly as ../shared/reference-bench/README.md says.
# Then bench/compare_report.py prints the jmpi/Open MPI ratio table (medians across rounds,
# spread = min..max of the round medians) and writes bench/RESULTS.md and
# bench/results-latency-bandwidth.svg. Raw output stays in --out (default bench/target/compare).
# The last bench/netns-compare.sh report (bench/target/netns/report.md), if there is one, goes
# into RESULTS.md as a section of its own, with its own date and commit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds=3
out="$here/target/compare"
build=1
jvm_opts=()
bench_opts=()
warmup_arg=""
observe_repeats=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --jvm-opt) jvm_opts+=("--jvm-opt=$2"); shift 2 ;;
    --jvm-opt=*) jvm_opts+=("--jvm-opt=${1#--jvm-opt=}"); shift ;;
    --jmpi-warmup-time) bench_opts+=("--warmup-time=$2"); warmup_arg+=" --jmpi-warmup-time $2"; shift 2 ;;
    --jmpi-warmup-jit-quiet-max) bench_opts+=("--warmup-jit-quiet-max=$2"); warmup_arg+=" --jmpi-warmup-jit-quiet-max $2"; shift 2 ;;
    --observe-repeats) observe_repeats="$2"; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (expected: --rounds N, --out DIR, --no-build, --jvm-opt OPT, --jmpi-warmup-time T, --jmpi-warmup-jit-quiet-max T, --observe-repeats K)" >&2; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --rounds $rounds (expected: an integer >= 1)" >&2; exit 2; }
[[ "$observe_repeats" =~ ^[0-9]+$ ]] || { echo "compare.sh: --observe-repeats $observe_repeats (expected: an integer >= 0)" >&2; exit 2; }

log() { printf '[compare %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------- Open MPI
if ! command -v mpicc >/dev/null || ! command -v mpirun >/dev/null; then
  log "installing openmpi-bin libopenmpi-dev (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q openmpi-bin libopenmpi-dev >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q openmpi-bin libopenmpi-dev >/dev/null; }
fi
OMPI_TCP=(mpirun --allow-run-as-root --oversubscribe --mca pml ob1 --mca btl tcp,self
          --mca btl_tcp_if_include lo --mca oob_tcp_if_include lo)

mkdir -p "$out/raw" "$out/bin"
rm -f "$out"/raw/*
log "building the C reference (bench/reference/mpibench.c, tcppingpong.c)"
mpicc -O2 -Wall -o "$out/bin/mpibench" "$here/reference/mpibench.c"
gcc -O2 -Wall -o "$out/bin/tcppingpong" "$here/reference/tcppingpong.c"

# ---------------------------------------------------------------- jmpi
if [[ $build -eq 1 ]]; then
  log "building jmpi (./mvnw -B -q install -DskipTests)"
  (cd "$root" && { ./mvnw -B -q -o install -DskipTests || ./mvnw -B -q install -DskipTests; }) >&2
fi
[[ -f "$here/target/jmpi-bench.jar" ]] || { echo "compare.sh: $here/target/jmpi-bench.jar missing (build failed?)" >&2; exit 3; }
BENCH_CP="$here/target/jmpi-bench.jar:$here/target/lib/*"
jmpirun() { "$root/bin/jmpirun" --oversubscribe --timeout 20m "${jvm_opts[@]}" -cp "$BENCH_CP" "$@"; }

# ---------------------------------------------------------------- facts
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: bench/compare.sh --rounds $rounds${jvm_opts[*]:+ ${jvm_opts[*]}}${warmup_arg} --observe-repeats $observe_repeats"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel: $(uname -sr)"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "openmpi: $(mpirun --version 2>&1 | head -1)"
  echo "openmpi flags: ${OMPI_TCP[*]:1}"
  echo "jmpi commit: $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "jmpi rank jvm options: ${jvm_opts[*]:-none beyond the jmpirun defaults}"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/facts.txt"

# run_case ROUND SYSTEM NAME NP COMMAND...: output to raw/ROUND.SYSTEM.NAME.npNP.txt
run_case() {
  local round="$1" sys="$2" name="$3" np="$4"; shift 4
  local f="$out/raw/$round.$sys.$name.np$np.txt"
  log "round $round: $sys $name np=$np"
  local t0 t1
  t0=$(date +%s%N)
  if ! "$@" > "$f" 2>"$f.err"; then
    log "FAILED: $sys $name np=$np (see $f.err)"; tail -5 "$f.err" >&2
  fi
  t1=$(date +%s%N)
  echo "WALL $name $np $(( (t1 - t0) / 1000 ))" >> "$f"
}

# observe_ping_pong ROUND NAME VARIANT BENCH_ARGS...: the 1 KiB and 1 MiB ping-pong with observation
# VARIANT (stats: --stats, trace: --trace, anything else: none), as raw/ROUND.jmpi.NAME.np2.txt.
observe_ping_pong() {
  local r="$1" name="$2" variant="$3"; shift 3
  local flags=()
  case "$variant" in
    stats) flags=(--stats) ;;
    trace) flags=(--trace "$out/observe-trace.json") ;;
  esac
  run_case "$r" jmpi "$name" 2 jmpirun -n 2 "${flags[@]}" dev.jmpi.bench.Bench \
    --op pingpong --sizes 1024,1048576 "$@" "${bench_opts[@]}"
  rm -f "$out/observe-trace.json" "$out/observe-trace.html"
}

# What observation costs (issue 18): the same ping-pong off, with --stats and with --trace, in an
# order that rotates at every repeat so that each variant sees the same load on average. Files
# raw/ROUND.jmpi.observeVARIANTREPEAT.np2.txt; compare_report.py pairs each variant with the off
# run of its own repeat.
observe_group() {
  local r="$1" k i variant
  local variants=(off stats trace)
  for ((k = 1; k <= observe_repeats; k++)); do
    for ((i = 0; i < 3; i++)); do
      variant="${variants[$(( (i + r + k) % 3 ))]}"
      observe_ping_pong "$r" "observe$variant$k" "$variant"
    done
  done
  # Recording on against recording paused, repetition by repetition in one job: the job-to-job
  # spread above (JIT state, memory placement) is larger than a 2 % cost. "plain" runs the same
  # pairs without observation, so both halves are alike: the method's own noise.
  for variant in stats trace plain; do
    observe_ping_pong "$r" "observealt$variant" "$variant" --reps 41 --observe-alternate
  done
}

ompi_group() {
  local r="$1"
  run_case "$r" ompi pt2pt 2 timeout 20m "${OMPI_TCP[@]}" -np 2 "$out/bin/mpibench" pt2pt
  for np in 2 4; do
    run_case "$r" ompi coll "$np" timeout 20m "${OMPI_TCP[@]}" -np "$np" "$out/bin/mpibench" coll 8388608
  done
  for np in 1 2 4 8; do
    run_case "$r" ompi hello "$np" timeout 5m "${OMPI_TCP[@]}" -np "$np" "$out/bin/mpibench" hello
  done
}

jmpi_group() {
  local r="$1"
  run_case "$r" jmpi pt2pt 2 jmpirun -n 2 dev.jmpi.bench.Bench --op pingpong,bandwidth,window "${bench_opts[@]}"
  run_case "$r" jmpi pt2ptdirect 2 jmpirun -n 2 dev.jmpi.bench.Bench --op bandwidth,window --type direct "${bench_opts[@]}"
  for np in 2 4; do
    run_case "$r" jmpi coll "$np" jmpirun -n "$np" dev.jmpi.bench.Bench --op reduce,allreduce,bcast,barrier "${bench_opts[@]}"
  done
  run_case "$r" jmpi overlap 2 jmpirun -n 2 dev.jmpi.bench.Bench --op overlap "${bench_opts[@]}"
  observe_group "$r"
  for np in 1 2 4 8; do
    run_case "$r" jmpi hello "$np" jmpirun -n "$np" dev.jmpi.bench.Bench --op hello --launch-epoch-ns "$(date +%s%N)"
  done
}

# Start-up is timed for launches after the first: on the first launch of a class path with given
# JVM options jmpirun dumps the ranks' class-data archive (once per build of an application, not
# at every launch; one per rank count here, since the default heap size depends on it). So one
# untimed hello per rank count first, on both sides (Open MPI's files then sit in the page cache
# as jmpi's do).
log "warm-up: one untimed hello per rank count on each side"
for np in 1 2 4 8; do
  jmpirun -n "$np" dev.jmpi.bench.Bench --op hello > /dev/null 2>&1 || log "warm-up: jmpi hello np=$np failed"
  timeout 5m "${OMPI_TCP[@]}" -np "$np" "$out/bin/mpibench" hello > /dev/null 2>&1 \
    || log "warm-up: ompi hello np=$np failed"
done

for ((r = 1; r <= rounds; r++)); do
  if (( r % 2 == 1 )); then ompi_group "$r"; jmpi_group "$r"; else jmpi_group "$r"; ompi_group "$r"; fi
  run_case "$r" tcp block 2 "$out/bin/tcppingpong"
  run_case "$r" tcp spin 2 "$out/bin/tcppingpong" spin
  run_case "$r" jtcp block 2 java -cp "$here/target/jmpi-bench.jar" dev.jmpi.bench.floor.JavaTcpPingPong block
  run_case "$r" jtcp spin 2 java -cp "$here/target/jmpi-bench.jar" dev.jmpi.bench.floor.JavaTcpPingPong spin
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/facts.txt"

log "writing bench/RESULTS.md and bench/results-latency-bandwidth.svg"
python3 "$here/compare_report.py" --raw "$out/raw" --facts "$out/facts.txt" \
  --results "$here/RESULTS.md" --svg "$here/results-latency-bandwidth.svg" \
  --notes "$here/results-notes.md" --netns "$here/target/netns/report.md"
