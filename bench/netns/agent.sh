#!/usr/bin/env bash
# bench/netns/agent.sh: an ssh stand-in that "logs in" to one of bench/netns-compare.sh's
# network namespaces. Called exactly as ssh is:
#
#   agent.sh [ssh options] HOST COMMAND...
#
# HOST is a namespace's address (10.77.0.1 .. 10.77.0.4, see netns.conf) or its name
# (jmpi-ns0 .. jmpi-ns3). As ssh does, the words of COMMAND are joined with spaces and run by
# a shell; here /bin/sh inside the namespace (`ip netns exec`), with a fresh environment like
# a login (HOME, USER, LOGNAME, PATH, LANG, SHELL only), and with this process's stdin,
# stdout and stderr (jmpirun writes its job secret to stdin; Open MPI's orted reports back
# on stdout/stderr). The process is replaced (exec) all the way down, so the command's
# parent is the launcher, as for a command run by sshd: jmpi's remote watchdog polls it.
# Only the namespaces of netns.conf are reachable; anything else fails as ssh would (255).
# The command runs on the node's own CPUs (taskset; see below); NETNS_PIN=0 in the caller's
# environment leaves it free to run anywhere, as before.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=netns.conf
. "$here/netns.conf"

fail() { echo "agent.sh: $*" >&2; exit 255; }

# ssh options: those that take an argument (ssh(1) synopsis), all others are flags.
while [[ $# -gt 0 && "$1" == -* ]]; do
  case "$1" in
    --) shift; break ;;
    -[BbcDEeFIiJLlmOoPpQRSWw]) [[ $# -ge 2 ]] || fail "option $1 needs an argument"; shift 2 ;;
    *) shift ;;
  esac
done
[[ $# -ge 1 ]] || fail "no host (usage: agent.sh [ssh options] HOST COMMAND...)"
host="${1#*@}"
shift
[[ $# -ge 1 ]] || fail "no command for host $host (an interactive login is not supported)"

ns=""
for ((i = 0; i < NETNS_COUNT; i++)); do
  if [[ "$host" == "$NETNS_SUBNET.$((i + 1))" || "$host" == "$NETNS_PREFIX$i" ]]; then
    ns="$NETNS_PREFIX$i"
  fi
done
[[ -n "$ns" ]] || fail "host $host is not one of bench/netns-compare.sh's namespaces ($NETNS_SUBNET.1..$NETNS_COUNT, ${NETNS_PREFIX}0..$((NETNS_COUNT - 1)))"
[[ -e "/run/netns/$ns" ]] || fail "host $host: namespace $ns does not exist (is bench/netns-compare.sh running?)"

# Each namespace is a node, and a node has CPUs of its own: node i runs on its share of the CPUs
# this agent may use (all of them split evenly; with fewer CPUs than nodes, CPU i mod count).
# Without this, both systems' ranks share whatever CPUs the kernel picks, and two ranks of a
# ping-pong stacked on one CPU measure the scheduler, not the network.
cpus=()
allowed="$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status)"
IFS=, read -r -a parts <<< "$allowed"
for part in "${parts[@]}"; do
  if [[ "$part" == *-* ]]; then for ((c = ${part%-*}; c <= ${part#*-}; c++)); do cpus+=("$c"); done
  elif [[ -n "$part" ]]; then cpus+=("$part"); fi
done
node="${ns#"$NETNS_PREFIX"}"
pin=()
if [[ "${NETNS_PIN:-1}" == 1 && ${#cpus[@]} -gt 0 ]] && command -v taskset >/dev/null; then
  share=$(( ${#cpus[@]} / NETNS_COUNT ))
  if [[ $share -ge 1 ]]; then
    list="$(IFS=,; echo "${cpus[*]:$((node * share)):$share}")"
  else
    list="${cpus[$((node % ${#cpus[@]}))]}"
  fi
  pin=(taskset -c "$list")
fi

exec ip netns exec "$ns" "${pin[@]}" env -i HOME="${HOME:-/root}" USER="${USER:-root}" LOGNAME="${LOGNAME:-root}" \
  PATH="${PATH:-/usr/local/bin:/usr/bin:/bin}" LANG="${LANG:-C.UTF-8}" SHELL=/bin/sh \
  /bin/sh -c "$*"
