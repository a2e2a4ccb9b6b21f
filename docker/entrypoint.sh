#!/bin/sh
# Entry point of the jmpi image.
#  - JMPI_SSHD=1 (or the command `sshd`): runs sshd in the foreground as the container's main
#    process, for jmpirun --hostfile launches into this container. Root may log in with a key
#    from JMPI_AUTHORIZED_KEYS (newline-separated public keys) or a file mounted at
#    /etc/jmpi/authorized_keys; host keys are generated on first start. sshd logs
#    "Server listening on 0.0.0.0 port 22." when it accepts connections.
#  - otherwise: runs the command, e.g. `java -cp "$JMPI_CLASSPATH" Main` or `jmpirun ...`.
set -eu

if [ "${JMPI_SSHD:-0}" = "1" ] || [ "${1:-}" = "sshd" ]; then
  ssh-keygen -A >/dev/null
  mkdir -p /run/sshd /root/.ssh
  chmod 700 /root/.ssh
  touch /root/.ssh/authorized_keys
  if [ -n "${JMPI_AUTHORIZED_KEYS:-}" ]; then
    printf '%s\n' "$JMPI_AUTHORIZED_KEYS" >> /root/.ssh/authorized_keys
  fi
  if [ -f /etc/jmpi/authorized_keys ]; then
    cat /etc/jmpi/authorized_keys >> /root/.ssh/authorized_keys
  fi
  chmod 600 /root/.ssh/authorized_keys
  exec /usr/sbin/sshd -D -e -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no
fi

exec "$@"
