# shellcheck shell=bash disable=SC2034 # the paths are used by the scripts that source this file
# Shared paths and process helpers for scripts/kafka/start.sh and stop.sh (sourced, not run).
# Owns everything under .kafka/ at the repo root; never signals a process it did not record.

KAFKA_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$KAFKA_SCRIPT_DIR/../.." && pwd)"
KAFKA_HOME="$REPO_ROOT/.kafka"
KAFKA_LIB="$KAFKA_HOME/lib"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_CONFIG="$KAFKA_HOME/server.properties"
KAFKA_LOG="$KAFKA_HOME/broker.log"
KAFKA_PID_FILE="$KAFKA_HOME/broker.pid"
KAFKA_LOG4J_CONFIG="$KAFKA_SCRIPT_DIR/log4j2.properties"

# Prints the pid of the broker recorded in broker.pid if that process is alive and is
# still our Kafka JVM (guards against a recycled pid); prints nothing otherwise.
kafka_running_pid() {
  [[ -f "$KAFKA_PID_FILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$KAFKA_PID_FILE")"
  [[ -n "$pid" ]] && kafka_alive "$pid" || return 0
  if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "kafka\.Kafka $KAFKA_CONFIG"; then
    echo "$pid"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:<port> (1 s bound).
kafka_port_open() {
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# True while <pid> exists and is not a zombie (a zombie only waits for its parent's reap).
kafka_alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ -n "$stat" && "${stat:0:1}" != "Z" ]]
}

# Sends SIGTERM to <pid>, waits up to <seconds> for it to exit, then SIGKILLs it.
kafka_terminate() {
  local pid="$1" bound="$2" ticks=0
  kill -TERM "$pid" 2>/dev/null || true
  while kafka_alive "$pid"; do
    if (( ticks == bound * 10 )); then
      echo "kafka: broker (pid $pid) still alive after ${bound}s, sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    elif (( ticks > bound * 10 + 100 )); then
      echo "kafka: broker (pid $pid) survived SIGKILL for 10s; giving up" >&2
      return 1
    fi
    sleep 0.1
    ticks=$((ticks + 1))
  done
  rm -f "$KAFKA_PID_FILE"
}
