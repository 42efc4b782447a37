#!/usr/bin/env bash
# Stop the Neo4j server started by start.sh. Never fails if nothing is running.
#
# Env: DALIL_NEO4J_RUN (same as start.sh), DALIL_NEO4J_STOP_TIMEOUT seconds before SIGKILL (default 60).
set -uo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
RUN_DIR="${DALIL_NEO4J_RUN:-$REPO_ROOT/.neo4j-run}"
PID_FILE="$RUN_DIR/neo4j.pid"
TIMEOUT="${DALIL_NEO4J_STOP_TIMEOUT:-60}"

log() { echo "[neo4j] $*" >&2; }

is_our_server() {
    local pid="$1"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'Neo4jServe'
}

pid="$(cat "$PID_FILE" 2>/dev/null || true)"
if is_our_server "$pid"; then
    log "stopping pid $pid (SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "still alive after ${TIMEOUT}s; SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    fi
    log "stopped"
else
    log "not running"
fi
rm -f "$PID_FILE"
# A home created fresh by start.sh (not DALIL_NEO4J_DATA) is throwaway; the log is kept.
if [[ -f "$RUN_DIR/home/.dalil-ephemeral" ]]; then
    rm -rf "$RUN_DIR/home"
fi
exit 0
