#!/usr/bin/env bash
# Creates the job secret the manifest refers to (Secret jmpi-reduction-secret, key `secret`:
# base64 of 32 random bytes), fresh for each job, so that no secret is ever written into a file:
#
#   bash deploy/kubernetes/create-secret.sh [secret-name]     # then: kubectl apply -f jmpi-job.yaml
#
# Every rank of the job reads the same value as JMPI_SECRET. Needs kubectl (pointed at the
# cluster and namespace of the job) and openssl. Replaces an existing secret of that name.
set -euo pipefail
name="${1:-jmpi-reduction-secret}"
kubectl delete secret "$name" --ignore-not-found >/dev/null
kubectl create secret generic "$name" --from-literal=secret="$(openssl rand -base64 32)"
kubectl label secret "$name" app.kubernetes.io/name=jmpi app.kubernetes.io/instance=jmpi-reduction >/dev/null
