#!/usr/bin/env bash
# Starts a throwaway sshd on 127.0.0.1 for the launcher's SSH tests (SshLaunchIT) and
# prints the variables that enable them, for eval:
#
#   eval "$(bash launcher/src/test/ssh/start-test-sshd.sh)"
#   ./mvnw -B verify            # SshLaunchIT now runs instead of being skipped
#
# Key-only authentication for the current user with a key made here, a host key made here
# and pinned in a private known_hosts (StrictHostKeyChecking yes), no PAM, listening on
# loopback only. Installs openssh-server/openssh-client with apt-get if they are missing
# (needs root). Idempotent: a second run reuses the keys and restarts the daemon.
# Environment: JMPI_SSHD_DIR (default /tmp/jmpi-sshd), JMPI_SSHD_PORT (default 2222).
set -euo pipefail

dir="${JMPI_SSHD_DIR:-/tmp/jmpi-sshd}"
port="${JMPI_SSHD_PORT:-2222}"
alias_name="jmpi-ssh-test"

if [[ ! -x /usr/sbin/sshd ]] || ! command -v ssh >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
  echo "start-test-sshd: installing openssh-server and openssh-client" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server openssh-client >&2
fi

mkdir -p "$dir" /run/sshd
chmod 700 "$dir"
[[ -f "$dir/host_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C jmpi-test-host -f "$dir/host_ed25519"
[[ -f "$dir/client_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C jmpi-test-client -f "$dir/client_ed25519"
cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
chmod 600 "$dir/authorized_keys"

cat > "$dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $(id -un)
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
X11Forwarding no
PrintMotd no
EOF

echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" > "$dir/known_hosts"
cat > "$dir/ssh_config" <<EOF
Host $alias_name
  HostName 127.0.0.1
  Port $port
  User $(id -un)
  IdentityFile $dir/client_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
  ConnectTimeout 10
EOF

if [[ -f "$dir/sshd.pid" ]] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null; then
  kill "$(cat "$dir/sshd.pid")"
  for _ in $(seq 50); do kill -0 "$(cat "$dir/sshd.pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
fi
/usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"

for _ in $(seq 100); do
  if ssh -F "$dir/ssh_config" "$alias_name" true </dev/null 2>/dev/null; then
    echo "export JMPI_SSH_TEST_HOSTS=$alias_name"
    echo "export JMPI_SSH_TEST_SSH='ssh -F $dir/ssh_config'"
    exit 0
  fi
  sleep 0.1
done
echo "start-test-sshd: sshd on 127.0.0.1:$port does not accept the test key; see $dir/sshd.log" >&2
cat "$dir/sshd.log" >&2 || true
exit 1
