#!/usr/bin/env bash
# bench/netns-compare.sh: jmpi against Open MPI over a shaped network that is not loopback.
#
#   sudo bench/netns-compare.sh [--profile 10g|1g|100m[,...]|both] [--quick] [--rounds N] [--out DIR]
#                               [--no-build] [--rate-only] [--case-timeout SECONDS] [--only lat,bw,coll,overlap]
#                               [--jmpi-warmup-time T] [--jmpi-warmup-jit-quiet-max T]
#   sudo bench/netns-compare.sh --cleanup        # remove this script's objects left by a killed run
#
# Builds a small cluster out of network namespaces (names and addresses: bench/netns/netns.conf):
# nodes jmpi-ns0..3 (10.77.0.1..4/24), each joined by a veth pair (jmpi-e<i> in the node,
# jmpi-v<i> on the bridge) to the bridge jmpi-br0, which lives in a namespace of its own,
# jmpi-sw, so that the root namespace's firewall never sees bridged frames (Docker's FORWARD
# policy DROP would drop them). The root namespace, where mpirun and jmpirun run, is one more
# bridge port: jmpi-h, 10.77.0.254/24. Every node's link is shaped with tc:
#   10g  10 Gbit/s, 50 us one-way delay      1g  1 Gbit/s, 200 us one-way delay
#   100m 100 Mbit/s, 1 ms one-way delay (only when asked: a link slow enough that a transfer
#        is mostly waiting, for --only overlap)
# (the node's egress: netem delay + rate; its ingress, the bridge port's egress: tbf at the
# same rate, so a node can neither send nor receive faster than its link). Nodes have no
# route but their /24: all benchmark traffic stays on this private network. --rate-only
# shapes the rate with tbf and emulates no delay, for kernels without sch_netem (without
# netem the script otherwise refuses to run).
#
# One rank per namespace, for both systems, through the same links: Open MPI's mpirun and
# jmpi's jmpirun run in the root namespace and start ranks through bench/netns/agent.sh, an
# ssh stand-in that runs the command in the namespace of the host address it is given.
# Open MPI: TCP only (pml ob1, btl tcp,self) on 10.77.0.0/24; its numbers come from
# bench/netns/netbench.c, which is bench/reference/mpibench.c's measuring code with this run's
# sizes. jmpi: dev.jmpi.bench.Bench, which measures exactly as mpibench.c does.
#   np=2  latency 8 B, 1 KiB; ping-pong bandwidth 1 MiB, 16 MiB
#   np=4  reduce, allreduce, bcast of 1 Ki, 128 Ki, 1 Mi, 8 Mi doubles
#   np=2  overlap (jmpi only, --only overlap): iallreduce of 1 Mi doubles while the rank computes
#         about as long (Bench --op overlap). On loopback each rank's one CPU does both the
#         computation and all of the transfer's work; over a link that paces the transfer, the
#         allreduce mostly waits on the wire, which the progress daemon can overlap.
# Each node has CPUs of its own (netns/agent.sh pins a node's processes to its share of the CPUs,
# for both systems): on a host with fewer CPUs than nodes, nodes share CPUs, and then both
# systems are told so, as each is on an oversubscribed host (Open MPI: mpi_yield_when_idle=1;
# jmpi: jmpi.spinYield=true). --jmpi-warmup-time / --jmpi-warmup-jit-quiet-max: as in
# compare.sh (jmpi's steady state after the JIT; the default warms both alike, 0.25 s).
# Every case group runs once per system per round; which system goes first alternates from
# group to group and round to round. --quick: 8 B, 1 KiB latency, 64 KiB ping-pong, 1 Ki and
# 16 Ki doubles, 3 repetitions of ~5 ms after 10 ms of warm-up (a functional check, not a
# measurement). Each command is bounded by --case-timeout (default 900 s, --quick 180 s).
#
# Prints a markdown table per profile (medians over rounds, jmpi/Open MPI time ratio) and keeps
# the raw output in --out (default bench/target/netns). Always removes what it created (trap on
# EXIT, INT, TERM), and refuses to start if any of its names or its subnet already exist.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=netns/netns.conf
. "$here/netns/netns.conf"
agent="$here/netns/agent.sh"
lockfile=/run/jmpi-netns-compare.lock

profiles=(10g 1g)
groups=(lat bw coll)   # overlap: only when asked (--only)
quick=0
rounds=""
out="$here/target/netns"
build=1
rate_only=0
case_timeout=""
cleanup_only=0
jmpi_warmup=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile)
      if [[ "${2:-}" == both ]]; then
        profiles=(10g 1g)
      else
        IFS=, read -r -a profiles <<< "${2:-}"
        for p in "${profiles[@]}" ""; do
          [[ -z "$p" && ${#profiles[@]} -gt 0 ]] && break
          [[ "$p" =~ ^(10g|1g|100m)$ ]] \
            || { echo "netns-compare.sh: --profile '${2:-}' (expected: 10g, 1g, 100m, a comma-separated list of them, or both)" >&2; exit 2; }
        done
      fi
      shift 2 ;;
    --quick) quick=1; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --rate-only) rate_only=1; shift ;;
    --case-timeout) case_timeout="$2"; shift 2 ;;
    --only) IFS=, read -r -a groups <<< "$2"; shift 2 ;;
    --jmpi-warmup-time) jmpi_warmup+=("--warmup-time=$2"); shift 2 ;;
    --jmpi-warmup-jit-quiet-max) jmpi_warmup+=("--warmup-jit-quiet-max=$2"); shift 2 ;;
    --cleanup) cleanup_only=1; shift ;;
    -h|--help) sed -n '2,48p' "$0"; exit 0 ;;
    *) echo "netns-compare.sh: unknown argument '$1' (expected: --profile 10g|1g|100m[,...]|both, --quick, --rounds N," \
            "--out DIR, --no-build, --rate-only, --case-timeout SECONDS, --only lat,bw,coll,overlap," \
            "--jmpi-warmup-time T, --jmpi-warmup-jit-quiet-max T, --cleanup)" >&2; exit 2 ;;
  esac
done
[[ -z "$rounds" ]] && rounds=$(( quick ? 1 : 2 ))
[[ -z "$case_timeout" ]] && case_timeout=$(( quick ? 180 : 900 ))
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "netns-compare.sh: --rounds $rounds (expected: an integer >= 1)" >&2; exit 2; }
for g in "${groups[@]}"; do
  [[ "$g" =~ ^(lat|bw|coll|overlap)$ ]] || { echo "netns-compare.sh: --only $g (expected: a comma-separated list of lat, bw, coll, overlap)" >&2; exit 2; }
done
[[ "$case_timeout" =~ ^[1-9][0-9]*$ ]] || { echo "netns-compare.sh: --case-timeout $case_timeout (expected: seconds >= 1)" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "netns-compare.sh: must run as root (it creates network namespaces, veths, a bridge and qdiscs)" >&2; exit 2; }

log() { printf '[netns %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 3; }

ns_name() { echo "$NETNS_PREFIX$1"; }
ns_addr() { echo "$NETNS_SUBNET.$(( $1 + 1 ))"; }
host_addr="$NETNS_SUBNET.$NETNS_HOST_ADDR"
subnet="$NETNS_SUBNET.0/24"

# ---------------------------------------------------------------- tools
need_pkgs=()
command -v ip >/dev/null && command -v tc >/dev/null || need_pkgs+=(iproute2)
if [[ $cleanup_only -eq 0 ]]; then
  command -v mpicc >/dev/null && command -v mpirun >/dev/null || need_pkgs+=(openmpi-bin libopenmpi-dev)
  command -v ping >/dev/null || need_pkgs+=(iputils-ping)   # the links' round trip, in facts.txt
fi
if [[ ${#need_pkgs[@]} -gt 0 ]]; then
  log "installing ${need_pkgs[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${need_pkgs[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q "${need_pkgs[@]}" >/dev/null; }
fi
command -v flock >/dev/null || die "flock (util-linux) is missing"

# One run at a time: the names are fixed.
exec 9>"$lockfile"
flock -n 9 || die "another bench/netns-compare.sh holds $lockfile; wait for it (or, if none runs, remove the file)"

# ---------------------------------------------------------------- network: ours only
existing_objects() {
  local i
  [[ -e "/run/netns/$NETNS_SWITCH" ]] && echo "namespace $NETNS_SWITCH"
  for ((i = 0; i < NETNS_COUNT; i++)); do
    [[ -e "/run/netns/$(ns_name "$i")" ]] && echo "namespace $(ns_name "$i")"
    ip link show dev "$NETNS_PORT$i" >/dev/null 2>&1 && echo "link $NETNS_PORT$i"
    ip link show dev "$NETNS_NS_VETH$i" >/dev/null 2>&1 && echo "link $NETNS_NS_VETH$i"
  done
  ip link show dev "$NETNS_BRIDGE" >/dev/null 2>&1 && echo "link $NETNS_BRIDGE"
  ip link show dev "$NETNS_HOST_VETH" >/dev/null 2>&1 && echo "link $NETNS_HOST_VETH"
  ip link show dev "$NETNS_HOST_PORT" >/dev/null 2>&1 && echo "link $NETNS_HOST_PORT"
  return 0
}

# The processes still inside our namespaces: ranks or daemons a failed run left behind.
# They can only be ours: nothing else is started in these namespaces.
ns_leftovers() {
  local i
  for ((i = 0; i < NETNS_COUNT; i++)); do
    [[ -e "/run/netns/$(ns_name "$i")" ]] && ip netns pids "$(ns_name "$i")" 2>/dev/null
  done
  return 0
}

kill_ns_leftovers() {
  local pids t
  pids="$(ns_leftovers | tr '\n' ' ')"
  [[ -z "${pids// }" ]] && return 0
  log "processes left in the namespaces: $(ps -o pid=,comm= -p "${pids// /,}" 2>/dev/null | tr -s ' \n' ' ')- stopping them"
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for ((t = 0; t < 50; t++)); do
    pids="$(ns_leftovers | tr '\n' ' ')"
    [[ -z "${pids// }" ]] && return 0
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  sleep 0.2
}

remove_network() {
  local i
  kill_ns_leftovers
  # Deleting a namespace destroys the veth ends in it, their peers and the qdiscs on both.
  for ((i = 0; i < NETNS_COUNT; i++)); do
    [[ -e "/run/netns/$(ns_name "$i")" ]] && ip netns del "$(ns_name "$i")" 2>/dev/null
  done
  [[ -e "/run/netns/$NETNS_SWITCH" ]] && ip netns del "$NETNS_SWITCH" 2>/dev/null
  # Links of ours created before they were moved into a namespace (an interrupted setup).
  for ((i = 0; i < NETNS_COUNT; i++)); do
    ip link show dev "$NETNS_PORT$i" >/dev/null 2>&1 && ip link del dev "$NETNS_PORT$i" 2>/dev/null
  done
  ip link show dev "$NETNS_BRIDGE" >/dev/null 2>&1 && ip link del dev "$NETNS_BRIDGE" 2>/dev/null
  ip link show dev "$NETNS_HOST_VETH" >/dev/null 2>&1 && ip link del dev "$NETNS_HOST_VETH" 2>/dev/null
  return 0
}

if [[ $cleanup_only -eq 1 ]]; then
  found="$(existing_objects)"
  if [[ -z "$found" ]]; then log "nothing of bench/netns-compare.sh's left"; exit 0; fi
  log "removing: $(echo "$found" | tr '\n' ',' | sed 's/,$//')"
  remove_network
  found="$(existing_objects)"
  [[ -z "$found" ]] || die "still present after cleanup: $(echo "$found" | tr '\n' ' ')"
  exit 0
fi

found="$(existing_objects)"
[[ -z "$found" ]] || die "already present: $(echo "$found" | tr '\n' ',' | sed 's/,$//'). If a killed run of this script left them, remove them with: $0 --cleanup"
if routes="$(ip -4 route list match "$(ns_addr 0)" | grep -v '^default' || true)"; [[ -n "$routes" ]]; then
  die "subnet $subnet is already routed on this host ($routes); edit bench/netns/netns.conf to use a free one"
fi
if ip -4 -o addr show to "$subnet" | grep -q .; then
  die "an address in $subnet is already assigned on this host; edit bench/netns/netns.conf to use a free one"
fi

# ---------------------------------------------------------------- builds (before the network exists)
mkdir -p "$out/bin" "$out/raw"
rm -rf "${out:?}"/raw/*
refdir="$here/reference"
if [[ $quick -eq 1 ]]; then
  # Fewer, shorter repetitions: the reference's own code with three constants changed.
  refdir="$out/quick-reference"
  mkdir -p "$refdir"
  sed -e 's/^#define REPS 11$/#define REPS 3/' -e 's/^#define TARGET 0.04 .*/#define TARGET 0.005/' \
      -e 's/^#define WARMUP 0.25 .*/#define WARMUP 0.01/' "$here/reference/mpibench.c" > "$refdir/mpibench.c"
  grep -q '^#define REPS 3$' "$refdir/mpibench.c" && grep -q '^#define WARMUP 0.01$' "$refdir/mpibench.c" \
    || die "could not make the --quick copy of reference/mpibench.c (its #define lines changed?)"
fi
log "building bench/netns/netbench.c (mpibench.c from $refdir)"
mpicc -O2 -Wall -Wno-unused-function -I"$refdir" -o "$out/bin/netbench" "$here/netns/netbench.c"
if [[ $build -eq 1 ]]; then
  log "building jmpi (./mvnw -B -o -q package -DskipTests)"
  (cd "$root" && ./mvnw -B -o -q package -DskipTests) >&2
fi
[[ -f "$here/target/jmpi-bench.jar" ]] || die "$here/target/jmpi-bench.jar missing (build failed, or --no-build without a build)"
BENCH_CP="$here/target/jmpi-bench.jar:$here/target/lib/*"

# ---------------------------------------------------------------- network
child=""
on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [[ -n "$child" ]] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  remove_network
  local left
  left="$(existing_objects)"
  if [[ -n "$left" ]]; then
    log "ERROR: could not remove: $(echo "$left" | tr '\n' ' ')"
  else
    log "removed the namespaces, veths, bridge and qdiscs it created"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# The bridge lives in a namespace of its own: bridged frames then meet only that namespace's
# netfilter (empty), not the root namespace's firewall (e.g. Docker's FORWARD policy DROP
# with bridge-nf-call-iptables=1, which silently drops bridged traffic). The root namespace
# joins the bridge as one more port, so the launchers reach the ranks.
sw() { ip netns exec "$NETNS_SWITCH" "$@"; }
log "creating $NETNS_SWITCH (bridge $NETNS_BRIDGE), ${NETNS_PREFIX}0..$((NETNS_COUNT - 1)) ($(ns_addr 0)..$(ns_addr $((NETNS_COUNT - 1)))), $NETNS_HOST_VETH ($host_addr)"
ip netns add "$NETNS_SWITCH"
sw sysctl -qw net.ipv6.conf.all.disable_ipv6=1 2>/dev/null || true
sw sysctl -qw net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
for v in iptables ip6tables arptables; do sw sysctl -qw "net.bridge.bridge-nf-call-$v=0" 2>/dev/null || true; done
sw ip link add "$NETNS_BRIDGE" type bridge
sw ip link set "$NETNS_BRIDGE" up
ip link add "$NETNS_HOST_VETH" type veth peer name "$NETNS_HOST_PORT" netns "$NETNS_SWITCH"
sysctl -qw "net.ipv6.conf.$NETNS_HOST_VETH.disable_ipv6=1" 2>/dev/null || true
ip addr add "$host_addr/24" dev "$NETNS_HOST_VETH"
ip link set "$NETNS_HOST_VETH" up
sw ip link set "$NETNS_HOST_PORT" master "$NETNS_BRIDGE"
sw ip link set "$NETNS_HOST_PORT" up
for ((i = 0; i < NETNS_COUNT; i++)); do
  ns="$(ns_name "$i")"
  ip netns add "$ns"
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 2>/dev/null || true
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
  sw ip link add "$NETNS_PORT$i" type veth peer name "$NETNS_NS_VETH$i" netns "$ns"
  sw ip link set "$NETNS_PORT$i" master "$NETNS_BRIDGE"
  sw ip link set "$NETNS_PORT$i" up
  ip -n "$ns" addr add "$(ns_addr "$i")/24" dev "$NETNS_NS_VETH$i"
  ip -n "$ns" link set lo up
  ip -n "$ns" link set "$NETNS_NS_VETH$i" up
done

have_netem=1
if ! ip netns exec "$(ns_name 0)" tc qdisc add dev "${NETNS_NS_VETH}0" root netem delay 1us 2>/dev/null; then
  have_netem=0
else
  ip netns exec "$(ns_name 0)" tc qdisc del dev "${NETNS_NS_VETH}0" root
fi
if [[ $have_netem -eq 0 && $rate_only -eq 0 ]]; then
  die "this kernel has no netem qdisc (sch_netem; CONFIG_NET_SCH_NETEM), so the links' delay cannot be emulated. Run on a kernel with netem, or pass --rate-only to shape the rate alone (tbf) and measure without added delay"
fi

# shape PROFILE: a namespace's egress gets the delay and the rate, its ingress (the bridge
# port's egress) the rate. tbf: burst 128 KiB (a 64 KiB GSO packet passes whole), a queue of
# 20 ms (2.5 MB at 1 Gbit/s); at 100 Mbit/s 200 ms, the same 2.5 MB: with 20 ms (250 KB) the
# queue dropped ~1,000 packets in two overlap runs, and TCP's retransmission timeouts (200 ms
# at least) then set the repetitions' times, not the link's rate.
shape() {
  local rate delay queue=20ms i ns
  case "$1" in
    10g) rate=10gbit; delay=50us ;;
    1g) rate=1gbit; delay=200us ;;
    100m) rate=100mbit; delay=1ms; queue=200ms ;;
  esac
  for ((i = 0; i < NETNS_COUNT; i++)); do
    ns="$(ns_name "$i")"
    if [[ $rate_only -eq 1 ]]; then
      ip netns exec "$ns" tc qdisc replace dev "$NETNS_NS_VETH$i" root tbf rate "$rate" burst 128k latency "$queue"
    else
      ip netns exec "$ns" tc qdisc replace dev "$NETNS_NS_VETH$i" root netem delay "$delay" rate "$rate" limit 100000
    fi
    sw tc qdisc replace dev "$NETNS_PORT$i" root tbf rate "$rate" burst 128k latency "$queue"
  done
}

profile_label() {
  local r d
  case "$1" in
    10g) r="10 Gbit/s"; d="50 µs" ;;
    1g) r="1 Gbit/s"; d="200 µs" ;;
    100m) r="100 Mbit/s"; d="1 ms" ;;
  esac
  if [[ $rate_only -eq 1 ]]; then
    echo "$r per link, one-way delay NOT emulated (--rate-only: tbf, no netem)"
  else
    echo "$r per link, $d one-way delay (netem + tbf)"
  fi
}

# Reachability (and the round trip the shaping gives): every node from node 0, the root
# namespace's address from every node.
check_links() {
  local i rtt rc
  for ((i = 1; i < NETNS_COUNT; i++)); do
    if command -v ping >/dev/null; then
      rtt="$(ip netns exec "$(ns_name 0)" ping -c 5 -i 0.2 -W 2 -q "$(ns_addr "$i")" 2>/dev/null | sed -n 's/^rtt .* = //p')"
      [[ -n "$rtt" ]] || die "$(ns_name 0) cannot reach $(ns_addr "$i") ($(ns_name "$i")) over $NETNS_BRIDGE"
      echo "ping $(ns_name 0) -> $(ns_addr "$i") rtt min/avg/max/mdev: $rtt"
    fi
  done
  for ((i = 0; i < NETNS_COUNT; i++)); do
    # Nothing listens on port 9: "connection refused" is an answer, a timeout is not.
    rc=0
    ip netns exec "$(ns_name "$i")" timeout 5 bash -c "exec 3<>/dev/tcp/$host_addr/9" 2>/dev/null || rc=$?
    [[ $rc -ne 124 ]] || die "$(ns_name "$i") cannot reach the launchers' address $host_addr"
  done
}

# ---------------------------------------------------------------- runs
for n in 2 4; do
  : > "$out/hosts.np$n"
  for ((i = 0; i < n; i++)); do echo "$(ns_addr "$i") slots=1" >> "$out/hosts.np$n"; done
done
# --bind-to none: each namespace is a "node" to mpirun, and on a node of one slot Open MPI binds
# its rank to the node's first core. Here every node is the same machine, so every rank was bound
# to core 0: the two ranks of a ping-pong then shared one core and each message waited for the
# scheduler's tick (4.00 ms one-way at HZ=250). jmpi's ranks are not bound either.
# shellcheck disable=SC2054  # "tcp,self" is one argument
OMPI=(mpirun --allow-run-as-root --mca plm_rsh_agent "$agent" --mca plm_rsh_no_tree_spawn 1 --bind-to none
      --mca pml ob1 --mca btl tcp,self --mca btl_tcp_if_include "$subnet" --mca oob_tcp_if_include "$subnet")
# jmpirun's own --timeout comes first, so that a hang is reported with what each rank waits in.
JMPIRUN=("$root/bin/jmpirun" --ssh "$agent" --iface "$NETNS_HOST_VETH" --stdin none
         --timeout "$(( case_timeout > 30 ? case_timeout - 15 : case_timeout ))s")

if [[ $quick -eq 1 ]]; then
  lat_bytes=8,1024; bw_bytes=65536; coll_elems=1024,16384
  jmpi_bw=64k; jmpi_coll=8k,128k; jmpi_overlap=128k
  jmpi_method=(--reps 3 --min-time 5ms --warmup-time 10ms)
else
  lat_bytes=8,1024; bw_bytes=1048576,16777216; coll_elems=1024,131072,1048576,8388608
  jmpi_bw=1m,16m; jmpi_coll=8k,1m,8m,64m; jmpi_overlap=8m
  jmpi_method=("${jmpi_warmup[@]}")
fi

# Nodes that share CPUs (fewer CPUs than ranks in a case): both systems yield while they poll,
# as each does by itself on a host it knows to be oversubscribed.
cpu_count="$(nproc)"
ompi_shared_cpus() { (( $1 > cpu_count )) && echo --mca mpi_yield_when_idle 1; return 0; }
jmpi_shared_cpus() { (( $1 > cpu_count )) && echo --jvm-opt -Djmpi.spinYield=true; return 0; }

failures=0
# run_case PROFILE ROUND SYSTEM GROUP NP COMMAND...: output to raw/PROFILE/ROUND.SYSTEM.GROUP.npNP.txt
run_case() {
  local profile="$1" round="$2" sys="$3" group="$4" np="$5"; shift 5
  local f="$out/raw/$profile/$round.$sys.$group.np$np.txt" rc=0 t0 t1 t
  mkdir -p "$out/raw/$profile"
  log "$profile round $round: $sys $group np=$np"
  t0=$(date +%s%N)
  timeout -k 15 "$case_timeout" "$@" > "$f" 2> "$f.err" < /dev/null 9>&- &
  child=$!
  wait "$child" || rc=$?
  child=""
  t1=$(date +%s%N)
  echo "WALL $group $np $(( (t1 - t0) / 1000 ))" >> "$f"
  if [[ $rc -ne 0 ]]; then
    failures=$((failures + 1))
    log "FAILED ($([[ $rc -eq 124 ]] && echo "timed out after ${case_timeout}s" || echo "exit $rc")): $sys $group np=$np (see $f.err)"
    tail -5 "$f.err" >&2
  fi
  # jmpi's remote watchdog polls once a second: give what ends by itself 3 s to end.
  for ((t = 0; t < 30; t++)); do
    [[ -z "$(ns_leftovers)" ]] && break
    sleep 0.1
  done
  if [[ -n "$(ns_leftovers)" ]]; then
    echo "LEFTOVER $sys $group np=$np: $(ns_leftovers | tr '\n' ' ')" >> "$out/facts.txt"
    kill_ns_leftovers
  fi
  return 0
}

ompi_case() {
  local p="$1" r="$2" group="$3"
  case "$group" in
    lat) run_case "$p" "$r" ompi lat 2 "${OMPI[@]}" --hostfile "$out/hosts.np2" -np 2 "$out/bin/netbench" pt2pt "$lat_bytes" "" ;;
    bw) run_case "$p" "$r" ompi bw 2 "${OMPI[@]}" --hostfile "$out/hosts.np2" -np 2 "$out/bin/netbench" pt2pt "" "$bw_bytes" ;;
    # shellcheck disable=SC2046  # the words of ompi_shared_cpus are options
    coll) run_case "$p" "$r" ompi coll 4 "${OMPI[@]}" $(ompi_shared_cpus 4) --hostfile "$out/hosts.np4" -np 4 "$out/bin/netbench" coll "$coll_elems" ;;
    overlap) ;;  # the C bench has no overlap mode
  esac
}

jmpi_case() {
  local p="$1" r="$2" group="$3"
  local bench=(-cp "$BENCH_CP" dev.jmpi.bench.Bench)
  case "$group" in
    lat) run_case "$p" "$r" jmpi lat 2 "${JMPIRUN[@]}" --hostfile "$out/hosts.np2" -n 2 "${bench[@]}" --op pingpong --sizes 8,1k "${jmpi_method[@]}" ;;
    bw) run_case "$p" "$r" jmpi bw 2 "${JMPIRUN[@]}" --hostfile "$out/hosts.np2" -n 2 "${bench[@]}" --op bandwidth --sizes "$jmpi_bw" "${jmpi_method[@]}" ;;
    # shellcheck disable=SC2046  # the words of jmpi_shared_cpus are options
    coll) run_case "$p" "$r" jmpi coll 4 "${JMPIRUN[@]}" $(jmpi_shared_cpus 4) --hostfile "$out/hosts.np4" -n 4 "${bench[@]}" --op reduce,allreduce,bcast --sizes "$jmpi_coll" "${jmpi_method[@]}" ;;
    overlap) run_case "$p" "$r" jmpi overlap 2 "${JMPIRUN[@]}" --hostfile "$out/hosts.np2" -n 2 "${bench[@]}" --op overlap --sizes "$jmpi_overlap" "${jmpi_method[@]}" ;;
  esac
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: bench/netns-compare.sh --profile $(IFS=,; echo "${profiles[*]}") --rounds $rounds$([[ "${groups[*]}" != "lat bw coll" ]] && echo " --only $(IFS=,; echo "${groups[*]}")")$([[ $quick -eq 1 ]] && echo " --quick")$([[ $rate_only -eq 1 ]] && echo " --rate-only")${jmpi_warmup[*]:+ (jmpi bench: ${jmpi_warmup[*]})}"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "kernel: $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "openmpi: $(mpirun --version 2>&1 | head -1)"
  echo "openmpi flags: ${OMPI[*]:1}"
  echo "jmpirun flags: ${JMPIRUN[*]:1}"
  echo "cpus per node: $(for ((i = 0; i < NETNS_COUNT; i++)); do printf '%s=%s ' "$(ns_name "$i")" "$("$agent" "$(ns_name "$i")" 'sed -n "s/^Cpus_allowed_list:[[:space:]]*//p" /proc/self/status')"; done)"
  echo "np=4 on $cpu_count cpus: $( (( 4 > cpu_count )) && echo "nodes share CPUs; Open MPI $(ompi_shared_cpus 4), jmpirun $(jmpi_shared_cpus 4)" || echo "a CPU per node")"
  echo "jmpi commit: $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "netem: $([[ $have_netem -eq 1 ]] && echo available || echo "not in this kernel")"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/facts.txt"

k=0
for p in "${profiles[@]}"; do
  shape "$p"
  log "profile $p: $(profile_label "$p")"
  {
    echo "profile $p: $(profile_label "$p")"
    check_links | sed "s/^/  $p /"
  } >> "$out/facts.txt"
  for ((r = 1; r <= rounds; r++)); do
    for g in "${groups[@]}"; do
      if (( k % 2 == 0 )); then ompi_case "$p" "$r" "$g"; jmpi_case "$p" "$r" "$g"
      else jmpi_case "$p" "$r" "$g"; ompi_case "$p" "$r" "$g"; fi
      k=$((k + 1))
    done
  done
  ip netns exec "$(ns_name 0)" tc -s qdisc show dev "${NETNS_NS_VETH}0" | sed "s/^/  $p qdisc ${NETNS_NS_VETH}0 (counters since setup): /" >> "$out/facts.txt"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/facts.txt"

log "report"
report_opts=(--raw "$out/raw" --facts "$out/facts.txt" --profiles "${profiles[@]}")
[[ $quick -eq 1 ]] && report_opts+=(--quick)
python3 "$here/netns/report.py" "${report_opts[@]}" | tee "$out/report.md"
if [[ $failures -gt 0 ]]; then
  log "$failures case(s) failed; see $out/raw/*/*.err"
  exit 1
fi
