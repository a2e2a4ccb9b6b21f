#!/usr/bin/env bash
# Starts a small real Slurm on this one machine, for trying jmpi under srun/sbatch and for
# the docker module's SlurmIT: one slurmctld and two slurmd (nodes n1 and n2, both at
# 127.0.0.1 with their own ports), authenticated by a munged of its own.
#
#   bash deploy/slurm/slurm-up.sh      # idempotent; needs root; installs slurm-wlm munge if missing
#   srun -N 2 -n 4 java -cp 'launcher/target/lib/*:examples/target/classes' dev.jmpi.examples.reduction.Reduction
#   bash deploy/slurm/slurm-down.sh    # stops exactly the daemons started here, by PID
#
# Runs as root without systemd or cgroups (proctrack/linuxproc, task/none, SlurmUser=root).
# Writes /etc/slurm/slurm.conf (so srun, sinfo and sbatch find it without SLURM_CONF) unless a
# slurm.conf that this script did not write is there (then set JMPI_SLURM_CONF to another
# path and export SLURM_CONF=that path). Adds "127.0.0.1 n1" / "n2" to /etc/hosts only if
# those names do not resolve. State, logs and PIDs: $JMPI_SLURM_DIR (default /var/lib/jmpi-slurm).
set -euo pipefail

state="${JMPI_SLURM_DIR:-/var/lib/jmpi-slurm}"
conf="${JMPI_SLURM_CONF:-/etc/slurm/slurm.conf}"
nodes=(n1 n2)
node_ports=(17001 17002)
cpus_per_node="${JMPI_SLURM_CPUS_PER_NODE:-4}"
ctld_port="${JMPI_SLURMCTLD_PORT:-6817}"
deadline_s="${JMPI_SLURM_START_TIMEOUT_S:-60}"
marker="# written by jmpi deploy/slurm/slurm-up.sh"
log() { printf 'slurm-up: %s\n' "$*" >&2; }
t0=$(date +%s)

if [[ $(id -u) -ne 0 ]]; then
  log "needs root (daemons run as root here)"
  exit 1
fi

alive() { [[ -f "$state/$1.pid" ]] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }
all_alive() {
  alive munged && alive slurmctld || return 1
  local n
  for n in "${nodes[@]}"; do alive "slurmd-$n" || return 1; done
}
if all_alive && SLURM_CONF="$conf" sinfo -h >/dev/null 2>&1; then
  log "already running (PIDs in $state/*.pid)"
  exit 0
fi

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null \
   || ! command -v srun >/dev/null; then
  log "installing slurm-wlm munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq slurm-wlm munge >/dev/null
fi

if [[ -f "$conf" ]] && ! grep -qF "$marker" "$conf"; then
  log "$conf exists and was not written by this script; not touching it."
  log "use JMPI_SLURM_CONF=/some/other/slurm.conf bash $0, then export SLURM_CONF=/some/other/slurm.conf"
  exit 1
fi

for n in "${nodes[@]}" "$(hostname -s)"; do
  if ! getent hosts "$n" >/dev/null; then
    log "adding '127.0.0.1 $n' to /etc/hosts"
    printf '127.0.0.1 %s\n' "$n" >> /etc/hosts
  fi
done

# Anything left from an earlier run that died half-way: stop what it recorded.
if compgen -G "$state/*.pid" >/dev/null; then
  bash "$(dirname "${BASH_SOURCE[0]}")/slurm-down.sh" >&2 || true
fi
mkdir -p "$state/ctld" "$(dirname "$conf")"
chmod 755 "$state"
for n in "${nodes[@]}"; do mkdir -p "$state/spool-$n"; done

if [[ ! -f "$state/munge.key" ]]; then
  dd if=/dev/urandom of="$state/munge.key" bs=1024 count=1 status=none
  chmod 400 "$state/munge.key"
fi

{
  echo "$marker; state in $state"
  cat <<CONF
ClusterName=jmpi
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=$ctld_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$state/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool-%n
SlurmctldPidFile=$state/slurmctld.daemon.pid
SlurmdPidFile=$state/slurmd-%n.daemon.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SlurmdParameters=config_overrides
SwitchType=switch/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
SlurmdTimeout=300
InactiveLimit=0
KillWait=5
MinJobAge=60
CONF
  for i in "${!nodes[@]}"; do
    echo "NodeName=${nodes[$i]} NodeAddr=127.0.0.1 Port=${node_ports[$i]} CPUs=$cpus_per_node State=UNKNOWN"
  done
  echo "PartitionName=debug Nodes=$(IFS=,; echo "${nodes[*]}") Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES"
} > "$conf"
log "wrote $conf"

start_daemon() { # name, command...
  local name="$1"; shift
  setsid "$@" >"$state/$name.out" 2>&1 < /dev/null &
  echo $! > "$state/$name.pid"
}

start_daemon munged munged --foreground --force --key-file="$state/munge.key" --socket="$state/munge.socket" \
  --pid-file="$state/munged.daemon.pid" --log-file="$state/munged.log" --seed-file="$state/munged.seed"
end=$(( $(date +%s) + deadline_s ))
until [[ -S "$state/munge.socket" ]]; do
  alive munged || { log "munged exited:"; cat "$state/munged.out" "$state/munged.log" >&2 2>/dev/null; exit 1; }
  (( $(date +%s) < end )) || { log "munged did not open its socket within ${deadline_s}s"; exit 1; }
  sleep 0.1
done

export SLURM_CONF="$conf"
start_daemon slurmctld slurmctld -D -i -f "$conf"
for n in "${nodes[@]}"; do
  start_daemon "slurmd-$n" slurmd -D -N "$n" -f "$conf"
done

until [[ "$(sinfo -h -o '%T' 2>/dev/null | sort -u | tr '\n' ' ')" == "idle " ]]; do
  for d in slurmctld "${nodes[@]/#/slurmd-}"; do
    if ! alive "$d"; then
      log "$d exited; its output:"
      cat "$state/$d.out" >&2
      tail -n 20 "$state/${d}.log" >&2 2>/dev/null || true
      exit 1
    fi
  done
  if (( $(date +%s) >= end )); then
    log "nodes not idle within ${deadline_s}s:"
    sinfo >&2 || true
    exit 1
  fi
  sleep 0.2
done
log "up in $(( $(date +%s) - t0 )) s: $(sinfo -h -o '%P %D nodes %T %N' | tr '\n' ' ')"
