#!/bin/sh
# Entry point of the jmpi image. Runs as the image's user (jmpi, uid 10001) unless `--user`
# says otherwise.
#  - JMPI_SSHD=1 (or the command `sshd`): runs sshd in the foreground as the container's main
#    process, for jmpirun --hostfile launches into this container. An unprivileged sshd lets
#    in only the user it runs as (jmpi), with a key from JMPI_AUTHORIZED_KEYS
#    (newline-separated public keys) or a file mounted at /etc/jmpi/authorized_keys; its host
#    keys and configuration are made on each start under $HOME/.sshd. sshd logs
#    "Server listening on 0.0.0.0 port 22." when it accepts connections (JMPI_SSHD_PORT
#    changes the port: Docker lets unprivileged users bind 22, other runtimes may not).
#  - otherwise: runs the command, e.g. `java -cp "$JMPI_CLASSPATH" Main` or `jmpirun ...`.
set -eu

if [ "${JMPI_SSHD:-0}" = "1" ] || [ "${1:-}" = "sshd" ]; then
  home="${HOME:-/home/jmpi}"
  state="$home/.sshd"
  mkdir -p "$state" "$home/.ssh"
  chmod 700 "$state" "$home/.ssh"
  touch "$home/.ssh/authorized_keys"
  if [ -n "${JMPI_AUTHORIZED_KEYS:-}" ]; then
    printf '%s\n' "$JMPI_AUTHORIZED_KEYS" >> "$home/.ssh/authorized_keys"
  fi
  if [ -f /etc/jmpi/authorized_keys ]; then
    cat /etc/jmpi/authorized_keys >> "$home/.ssh/authorized_keys"
  fi
  chmod 600 "$home/.ssh/authorized_keys"
  [ -f "$state/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$state/ssh_host_ed25519_key"
  cat > "$state/sshd_config" <<CONFIG
Port ${JMPI_SSHD_PORT:-22}
HostKey $state/ssh_host_ed25519_key
PidFile $state/sshd.pid
AuthorizedKeysFile .ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
CONFIG
  exec /usr/sbin/sshd -D -e -f "$state/sshd_config"
fi

exec "$@"
