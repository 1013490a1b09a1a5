#!/usr/bin/env bash
# `npm run kafka:stop [--clean]`: stops the broker started by start.sh (SIGTERM, then SIGKILL
# after KAFKA_STOP_TIMEOUT seconds). --clean also deletes its data. Idempotent; keeps .kafka/lib.
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STOP_TIMEOUT_S="${KAFKA_STOP_TIMEOUT:-30}"
clean=false
for arg in "$@"; do
  case "$arg" in
    --clean) clean=true ;;
    *) echo "usage: stop.sh [--clean]" >&2; exit 2 ;;
  esac
done

pid="$(kafka_running_pid)"
if [[ -n "$pid" ]]; then
  started=$SECONDS
  kafka_terminate "$pid" "$STOP_TIMEOUT_S"
  echo "kafka: stopped broker (pid $pid) in $((SECONDS - started))s"
else
  rm -f "$KAFKA_PID_FILE"
  echo "kafka: not running"
fi

if $clean; then
  rm -rf "$KAFKA_DATA" "$KAFKA_CONFIG" "$KAFKA_LOG" "$KAFKA_LOG.1"
  echo "kafka: removed broker data under .kafka/ (the jar cache .kafka/lib stays)"
fi
