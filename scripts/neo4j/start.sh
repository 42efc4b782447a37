#!/usr/bin/env bash
# Start a real Neo4j 5.26 LTS Community server (Bolt only) from Maven Central jars, in the background.
#
#   scripts/neo4j/start.sh            # prints bolt://127.0.0.1:PORT on stdout when ready
#   URI=$(scripts/neo4j/start.sh)     # diagnostics go to stderr
#
# Env:
#   DALIL_NEO4J_PORT       Bolt port on 127.0.0.1           (default 7687)
#   DALIL_NEO4J_PASSWORD   password of user neo4j, >= 8 chars (default dalil-test-pw)
#   DALIL_NEO4J_RUN        run dir holding home/, neo4j.log, neo4j.pid (default <repo>/.neo4j-run)
#   DALIL_NEO4J_DATA       DBMS home to use and keep; if unset, a fresh <run>/home is created on every start
#   DALIL_NEO4J_VERSION    org.neo4j:neo4j version          (default 5.26.31)
#   DALIL_NEO4J_CACHE      lib cache dir                    (default ~/.cache/dalil/neo4j-<version>)
#   DALIL_NEO4J_PAGECACHE_MB  page cache size in MB         (default 192)
#   DALIL_NEO4J_AUTH_MAX_FAILED failed logins before Neo4j's 5 s user lock; 0 = never lock (default 0)
#   DALIL_NEO4J_START_TIMEOUT seconds to wait for readiness (default 180)
#   DALIL_NEO4J_JAVA       java binary                      (default: java on PATH; needs 17 or 21)
#   DALIL_NEO4J_JAVA_OPTS  extra JVM options (word-split)
#
# Idempotent: if the server recorded in the pid file is already running, prints its URI and exits 0.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

VERSION="${DALIL_NEO4J_VERSION:-5.26.31}"
PORT="${DALIL_NEO4J_PORT:-7687}"
PASSWORD="${DALIL_NEO4J_PASSWORD:-dalil-test-pw}"
RUN_DIR="${DALIL_NEO4J_RUN:-$REPO_ROOT/.neo4j-run}"
CACHE_DIR="${DALIL_NEO4J_CACHE:-$HOME/.cache/dalil/neo4j-$VERSION}"
TIMEOUT="${DALIL_NEO4J_START_TIMEOUT:-180}"
JAVA="${DALIL_NEO4J_JAVA:-java}"
LIB_DIR="$CACHE_DIR/lib"
PID_FILE="$RUN_DIR/neo4j.pid"
LOG_FILE="$RUN_DIR/neo4j.log"
URI="bolt://127.0.0.1:$PORT"

log() { echo "[neo4j] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_our_server() { # pid -> 0 if it is a live Neo4jServe java process
    local pid="$1"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'Neo4jServe'
}

port_busy() { # port -> 0 if something listens on 127.0.0.1:port
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

[[ "$PORT" =~ ^[0-9]+$ ]] || die "DALIL_NEO4J_PORT must be a number, got '$PORT'"
(( ${#PASSWORD} >= 8 )) || die "DALIL_NEO4J_PASSWORD must have at least 8 characters"
command -v "$JAVA" >/dev/null || die "java not found ($JAVA)"

mkdir -p "$RUN_DIR"

# --- already running? ---------------------------------------------------------------------------
if [[ -f "$PID_FILE" ]]; then
    old_pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    if is_our_server "$old_pid"; then
        if grep -q "^NEO4J_READY $URI\$" "$LOG_FILE" 2>/dev/null; then
            log "already running (pid $old_pid)"
            echo "$URI"
            exit 0
        fi
        die "a Neo4jServe (pid $old_pid) from $PID_FILE is running but not ready on $URI; run stop.sh first"
    fi
    rm -f "$PID_FILE" # stale
fi
port_busy "$PORT" && die "port $PORT on 127.0.0.1 is already in use by another process"

# --- lib folder (built once, then reused) -------------------------------------------------------
build_lib() {
    local build="$CACHE_DIR/build.$$" attempt
    rm -rf "$build"
    mkdir -p "$build"
    # Run Maven on a copy of the pom inside the cache so nothing is written into the repo.
    cp "$SCRIPT_DIR/pom.xml" "$build/pom.xml"
    for attempt in 1 2 3 4 5; do
        log "downloading org.neo4j:neo4j:$VERSION and dependencies (attempt $attempt)"
        local force=()
        # Retries use -U so Maven re-tries artifacts whose earlier failure it cached in ~/.m2.
        (( attempt > 1 )) && force=(-U)
        if (cd "$build" && mvn -B -q "${force[@]}" -Dstyle.color=never -Dneo4j.version="$VERSION" -Dmaven.artifact.threads=2 \
                dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$build/lib" \
                >"$build/mvn.log" 2>&1); then
            if ls "$build/lib/neo4j-$VERSION.jar" >/dev/null 2>&1; then
                rm -rf "$LIB_DIR"
                mv "$build/lib" "$LIB_DIR"
                touch "$LIB_DIR/.complete"
                rm -rf "$build"
                return 0
            fi
            log "Maven finished but neo4j-$VERSION.jar is missing"
        else
            log "Maven failed; last output lines:"
            sed -e 's/\x1b\[[0-9;]*m//g' "$build/mvn.log" | grep -v '^[[:space:]]*$' | tail -n 20 >&2 || true
        fi
        # Maven Central answers 429 under bursts; back off and retry.
        sleep $((attempt * 10))
    done
    rm -rf "$build"
    return 1
}

if [[ ! -f "$LIB_DIR/.complete" ]]; then
    command -v mvn >/dev/null || die "mvn not found and $LIB_DIR is not populated"
    mkdir -p "$CACHE_DIR"
    trap 'rm -rf "$CACHE_DIR/build.$$"' EXIT
    # Serialise concurrent first runs sharing one cache dir.
    exec 9>"$CACHE_DIR/.lock"
    flock 9
    if [[ ! -f "$LIB_DIR/.complete" ]]; then
        build_lib || die "could not fetch Neo4j $VERSION jars from Maven Central"
        log "jars cached in $LIB_DIR ($(ls "$LIB_DIR"/*.jar | wc -l) jars)"
    fi
    flock -u 9
    exec 9>&-
else
    log "reusing jars in $LIB_DIR"
fi

# --- DBMS home ----------------------------------------------------------------------------------
if [[ -n "${DALIL_NEO4J_DATA:-}" ]]; then
    NEO4J_HOME="$DALIL_NEO4J_DATA"
    mkdir -p "$NEO4J_HOME"
else
    NEO4J_HOME="$RUN_DIR/home"
    rm -rf "$NEO4J_HOME"
    mkdir -p "$NEO4J_HOME"
    touch "$NEO4J_HOME/.dalil-ephemeral" # stop.sh removes ephemeral homes
fi
NEO4J_HOME="$(cd "$NEO4J_HOME" && pwd)"

# --- launch -------------------------------------------------------------------------------------
JVM_FLAGS=(
    -Xms256m -Xmx1g
    -XX:+UseG1GC
    -XX:+ExitOnOutOfMemoryError
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/java.lang=ALL-UNNAMED
    -Dio.netty.tryReflectionSetAccessible=true
    -Dfile.encoding=UTF-8
)
# shellcheck disable=SC2206
[[ -n "${DALIL_NEO4J_JAVA_OPTS:-}" ]] && JVM_FLAGS+=(${DALIL_NEO4J_JAVA_OPTS})

: >"$LOG_FILE"
log "starting Neo4j $VERSION on $URI (home $NEO4J_HOME, log $LOG_FILE)"
NEO4J_PASSWORD="$PASSWORD" NEO4J_PAGECACHE_MB="${DALIL_NEO4J_PAGECACHE_MB:-192}" \
    NEO4J_AUTH_MAX_FAILED_ATTEMPTS="${DALIL_NEO4J_AUTH_MAX_FAILED:-0}" \
    nohup "$JAVA" "${JVM_FLAGS[@]}" -cp "$LIB_DIR/*" "$SCRIPT_DIR/Neo4jServe.java" "$NEO4J_HOME" "$PORT" \
    >>"$LOG_FILE" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$PID_FILE"

deadline=$((SECONDS + TIMEOUT))
while :; do
    if grep -q "^NEO4J_READY " "$LOG_FILE"; then
        log "ready after ${SECONDS}s (pid $pid)"
        echo "$URI"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        rm -f "$PID_FILE"
        log "Neo4j exited before becoming ready; last log lines:"
        tail -n 40 "$LOG_FILE" >&2
        exit 1
    fi
    if (( SECONDS >= deadline )); then
        log "not ready after ${TIMEOUT}s; stopping it. Last log lines:"
        tail -n 40 "$LOG_FILE" >&2
        "$SCRIPT_DIR/stop.sh" >&2 || true
        exit 1
    fi
    sleep 0.5
done
