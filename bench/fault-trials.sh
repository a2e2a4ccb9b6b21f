#!/usr/bin/env bash
# Fault trials: breaks running 4-rank jobs at random moments and reports how they end
# (hangs, time from fault to jmpirun's exit, cause named, processes left behind).
# Build first: ./mvnw -B -q install -DskipTests. Then, from anywhere:
#   bench/fault-trials.sh --trials 50
#   bench/fault-trials.sh --kinds stop --trials 5 --jvm-opt=-Djmpi.someSetting=value
# Options: bench/fault-trials.sh --help
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jar="bench/target/jmpi-bench.jar"
if [[ ! -f "$jar" ]]; then
  echo "fault-trials: $jar not found; build first: ./mvnw -B -q install -DskipTests" >&2
  exit 2
fi
exec java -XX:TieredStopAtLevel=1 -cp "$jar:bench/target/lib/*" dev.jmpi.bench.faults.FaultTrials \
  --jmpirun "$root/bin/jmpirun" "$@"
