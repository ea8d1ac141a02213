#!/usr/bin/env bash
# Local stack for kernel-sweep, everything on 127.0.0.1:
#   infra: Temporal dev server (SQLite file) + SeaweedFS (one `weed server` with the S3 gateway)
#   apps:  gateway (node dist/apps/gateway/main.js), worker-0 (node dist/apps/worker/main.js on the
#          sweeps queue: workflow code, queries and bookkeeping, never training) and $KS_WORKERS
#          training workers worker-1..N (the trial queue), at lower CPU priority (nice
#          $KS_WORKER_NICE, default 10) so that training does not starve the gateway of CPU on a
#          shared machine (KS_WORKER_NICE=0 turns it off). Training runs TensorFlow ops on a
#          worker's main thread, which is also where a Temporal worker takes its tasks: a process
#          that trains would answer a progress query only between training steps, seconds apart.
#
# Usage: scripts/stack.sh up [--infra]     start what is not running, wait until healthy
#        scripts/stack.sh down [--infra]   stop everything (with --infra: only Temporal and SeaweedFS)
#        scripts/stack.sh status           print each part and the endpoints
#        scripts/stack.sh stop PART        stop one part (temporal, seaweed, gateway, worker-N);
#                                          `up` starts it again on the same data
#
# State lives in $KS_STACK_DIR (default .stack): data/, logs/<part>.log, pids/<part>.pid, api-key.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# shellcheck source=scripts/lib/disk.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/disk.sh"
cd "$KS_ROOT"

DATA_DIR="$KS_STACK_DIR/data"
LOG_DIR="$KS_STACK_DIR/logs"
PID_DIR="$KS_STACK_DIR/pids"
API_KEY_FILE="$KS_STACK_DIR/api-key"
S3_IDENTITIES="$KS_STACK_DIR/s3-identities.json"
HEALTH_TIMEOUT_S="${KS_HEALTH_TIMEOUT_S:-90}"
STOP_TIMEOUT_S="${KS_STOP_TIMEOUT_S:-20}"
# SeaweedFS -volume.minFreeSpace: below this much free disk its volumes turn read-only and every
# S3 write fails. A percentage (a number up to 100) or a size such as 2GiB. The default is a size:
# SeaweedFS's own 1% is 2.5 GB on a 250 GB disk, more headroom than a local stack needs.
SEAWEED_MIN_FREE="${KS_SEAWEED_MIN_FREE:-1GiB}"
WORKER_NICE="${KS_WORKER_NICE:-10}"
[[ $WORKER_NICE =~ ^-?[0-9]+$ ]] || { printf '[stack] ERROR: KS_WORKER_NICE must be an integer, got %s\n' "$WORKER_NICE" >&2; exit 2; }
SEARCH_ATTRIBUTES=(SweepId=Keyword KernelFamily=Keyword FreezeStrategy=Keyword TrialStatus=Keyword TestAccuracy=Double Owner=Keyword TrialQueue=Keyword)

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# fail PART MESSAGE: report a part that did not come up, with the tail of its log.
fail() {
  local part=$1
  shift
  printf '[stack] ERROR: %s: %s\n' "$part" "$*" >&2
  if [[ -f $LOG_DIR/$part.log ]]; then
    printf '[stack] ---- last 40 lines of %s ----\n' "$LOG_DIR/$part.log" >&2
    tail -n 40 "$LOG_DIR/$part.log" >&2
    printf '[stack] ----\n' >&2
  fi
  exit 1
}

pid_of() { cat "$PID_DIR/$1.pid" 2>/dev/null || true; }

# is_running PART: the pid file names a live process that is still ours (guards against reuse).
is_running() {
  local pid
  pid=$(pid_of "$1")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(cat "$PID_DIR/$1.cmd" 2>/dev/null || echo '<none>')"
}

# clear_stale PART: drop pid files of a part that is not running.
clear_stale() {
  if [[ -f $PID_DIR/$1.pid ]] && ! is_running "$1"; then
    log "$1: removing stale pid file"
    rm -f "$PID_DIR/$1.pid" "$PID_DIR/$1.cmd"
  fi
}

# launch PART MARKER CMD...: start CMD detached in its own session; MARKER identifies it in /proc.
launch() {
  local part=$1 marker=$2
  shift 2
  [[ -f $LOG_DIR/$part.log ]] && mv -f "$LOG_DIR/$part.log" "$LOG_DIR/$part.log.1"
  setsid "$@" >"$LOG_DIR/$part.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$part.pid"
  printf '%s' "$marker" >"$PID_DIR/$part.cmd"
  log "$part: started (pid $!, log $LOG_DIR/$part.log)"
}

# wait_for PART CHECK...: poll CHECK until it succeeds, failing early if PART's process dies.
# $WAIT_HINT, when set, is added to the message of a part that never became healthy.
wait_for() {
  local part=$1 start=$SECONDS deadline=$((SECONDS + HEALTH_TIMEOUT_S))
  shift
  until "$@" >/dev/null 2>&1; do
    is_running "$part" || fail "$part" "process exited before becoming healthy"
    ((SECONDS < deadline)) || fail "$part" "not healthy after ${HEALTH_TIMEOUT_S}s${WAIT_HINT:+: $WAIT_HINT}"
    sleep 1
  done
  log "$part: ready after $((SECONDS - start))s"
}

# stop PART [TIMEOUT_S]: SIGTERM the process group, wait, then SIGKILL.
stop() {
  local part=$1 timeout=${2:-$STOP_TIMEOUT_S} pid deadline
  if ! is_running "$part"; then
    rm -f "$PID_DIR/$part.pid" "$PID_DIR/$part.cmd"
    return 0
  fi
  pid=$(pid_of "$part")
  log "$part: stopping (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$part: still running after ${timeout}s, sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_DIR/$part.pid" "$PID_DIR/$part.cmd"
}

require_tool() {
  command -v "$1" >/dev/null 2>&1 || die "$1 not found on PATH: run bash scripts/setup.sh first"
}

# ---- Temporal ---------------------------------------------------------------------------

temporal_healthy() {
  timeout 10 temporal operator cluster health --address "$TEMPORAL_ADDRESS" | grep -q SERVING &&
    timeout 10 temporal operator namespace describe --address "$TEMPORAL_ADDRESS" \
      --namespace "$TEMPORAL_NAMESPACE" >/dev/null
}

# The dev server registers --search-attribute only when it creates its database: register what an
# existing one lacks (a project upgrade that added an attribute).
ensure_search_attributes() {
  local existing sa
  existing="$(timeout 10 temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE")"
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do
    grep -qw "${sa%%=*}" <<<"$existing" && continue
    log "temporal: registering search attribute ${sa%%=*}"
    timeout 30 temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" \
      --name "${sa%%=*}" --type "${sa#*=}" >/dev/null
  done
}

up_temporal() {
  local args=() sa
  require_tool temporal
  clear_stale temporal
  if ! is_running temporal; then
    for sa in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
    [[ $TEMPORAL_NAMESPACE == default ]] || args+=(--namespace "$TEMPORAL_NAMESPACE")
    # WAL + synchronous=NORMAL: commits survive a crash of the server, not of the machine; local only.
    for sa in $KS_TEMPORAL_SQLITE_PRAGMAS; do args+=(--sqlite-pragma "$sa"); done
    # One partition per task queue. With Temporal's default of four and a handful of pollers (a
    # worker per core, one trial at a time), a task that waited in the backlog while every worker
    # trained can sit in a partition no poller is on once they are free: a raw-pixel trial of
    # the seed-grid benchmark started 100 s after both workers went idle. One partition serves
    # far more tasks a second than a local stack schedules.
    args+=(--dynamic-config-value matching.numTaskqueueReadPartitions=1 --dynamic-config-value matching.numTaskqueueWritePartitions=1)
    launch temporal "server start-dev --ip 127.0.0.1 --port $TEMPORAL_PORT " \
      "$(command -v temporal)" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
      --ui-port "$TEMPORAL_UI_PORT" --db-filename "$DATA_DIR/temporal.db" --log-level warn "${args[@]}"
  fi
  wait_for temporal temporal_healthy
  ensure_search_attributes
  log "temporal: healthy at $TEMPORAL_ADDRESS"
}

# ---- SeaweedFS --------------------------------------------------------------------------

write_s3_identities() {
  (
    umask 077
    cat >"$S3_IDENTITIES" <<JSON
{
  "identities": [
    {
      "name": "kernel-sweep-local",
      "credentials": [{ "accessKey": "$S3_ACCESS_KEY_ID", "secretKey": "$S3_SECRET_ACCESS_KEY" }],
      "actions": ["Admin", "Read", "Write", "List", "Tagging"]
    }
  ]
}
JSON
  )
}

# ensure_bucket: HeadBucket, CreateBucket when missing (the S3 health check); s3_writable: put
# and delete one object, since HeadBucket answers even when SeaweedFS takes no writes. At most
# 20 s each, so that wait_for's deadline holds when S3 does not answer.
ensure_bucket() { timeout 20 node scripts/lib/s3-probe.js bucket; }
s3_writable() { timeout 20 node scripts/lib/s3-probe.js write; }

up_seaweed() {
  require_tool weed
  [[ -d node_modules/@aws-sdk/client-s3 ]] || die "node_modules missing: run bash scripts/setup.sh first"
  clear_stale seaweed
  if ! is_running seaweed; then
    mkdir -p "$DATA_DIR/seaweed"
    check_disk_for_seaweed "$DATA_DIR/seaweed"
    write_s3_identities
    launch seaweed "server -ip=127.0.0.1 " \
      "$(command -v weed)" server -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$DATA_DIR/seaweed" \
      -master.port="$SEAWEED_MASTER_PORT" -volume.port="$SEAWEED_VOLUME_PORT" -filer.port="$SEAWEED_FILER_PORT" \
      -master.volumeSizeLimitMB=64 -master.electionTimeout=1s -master.telemetry=false \
      -volume.max=0 -volume.preStopSeconds=1 -volume.minFreeSpace="$SEAWEED_MIN_FREE" \
      -s3 -s3.port="$S3_PORT" -s3.config="$S3_IDENTITIES" -s3.port.iceberg=0 -s3.port.lance=0
  fi
  wait_for seaweed ensure_bucket
  WAIT_HINT="S3 accepts no writes; $(disk_report "$DATA_DIR/seaweed")" wait_for seaweed s3_writable
  log "seaweed: S3 healthy at $S3_ENDPOINT, bucket $S3_BUCKET ready"
}

# ---- apps -------------------------------------------------------------------------------

api_key() {
  if [[ ! -s $API_KEY_FILE ]]; then
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$API_KEY_FILE")
  fi
  cat "$API_KEY_FILE"
}

api_key_sha256() { printf '%s' "$(api_key)" | sha256sum | cut -d' ' -f1; }

gateway_healthy() {
  KS_KEY=$(api_key) node -e '
    const url = `http://${process.env.GATEWAY_HOST}:${process.env.GATEWAY_PORT}/graphql`;
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": process.env.KS_KEY },
      body: JSON.stringify({ query: "{__typename}" }),
      signal: AbortSignal.timeout(5000),
    }).then((res) => process.exit(res.status === 200 ? 0 : 1), () => process.exit(1));
  '
}

worker_ready() { grep -q 'worker running' "$LOG_DIR/$1.log"; }

# app_main APP: the compiled entry point, dist/apps/APP/main.js or (tsc with rootDir ".")
# dist/apps/APP/src/main.js.
app_main() {
  local f
  for f in "dist/apps/$1/main.js" "dist/apps/$1/src/main.js"; do
    [[ -f $f ]] && { echo "$f"; return 0; }
  done
  die "dist/apps/$1/main.js missing: run npm run build first"
}

up_apps() {
  local main_gw main_wk i part
  main_gw=${KS_GATEWAY_MAIN:-$(app_main gateway)}
  main_wk=${KS_WORKER_MAIN:-$(app_main worker)}
  export KS_API_KEYS="local:$(api_key_sha256)"
  clear_stale gateway
  is_running gateway || launch gateway "$main_gw" node "$main_gw"
  clear_stale worker-0
  is_running worker-0 || KS_WORKER_INDEX=0 WORKER_TASK_QUEUES="${KS_TASK_QUEUE_SWEEPS:-sweeps}" launch worker-0 "$main_wk" node "$main_wk"
  for ((i = 1; i <= KS_WORKERS; i++)); do
    part="worker-$i"
    clear_stale "$part"
    is_running "$part" ||
      KS_WORKER_INDEX=$i WORKER_TASK_QUEUES="${KS_TASK_QUEUE_CPU:-trials-cpu}" launch "$part" "$main_wk" nice -n "$WORKER_NICE" node "$main_wk"
  done
  wait_for gateway gateway_healthy
  log "gateway: healthy at http://$GATEWAY_HOST:$GATEWAY_PORT/graphql"
  for ((i = 0; i <= KS_WORKERS; i++)); do
    wait_for "worker-$i" worker_ready "worker-$i"
    log "worker-$i: running"
  done
}

# ---- commands ---------------------------------------------------------------------------

app_parts() {
  local f
  echo gateway
  for f in "$PID_DIR"/worker-*.pid; do [[ -e $f ]] && basename "$f" .pid; done
  return 0
}

cmd_up() {
  mkdir -p "$DATA_DIR" "$LOG_DIR" "$PID_DIR"
  up_temporal
  up_seaweed
  [[ $INFRA_ONLY == 1 ]] || up_apps
  cmd_status
}

cmd_down() {
  local part
  # Apps first (they drain work against the infra), each group in parallel.
  if [[ $INFRA_ONLY == 0 ]]; then
    for part in $(app_parts); do stop "$part" & done
    wait
  fi
  # weed's filer waits up to 15 s for its streaming gRPC clients before it flushes and exits.
  stop seaweed $((STOP_TIMEOUT_S + 15)) &
  stop temporal &
  wait
  log "stopped"
}

cmd_status() {
  local part state i
  for part in temporal seaweed gateway $(app_parts | grep -v '^gateway$' || true); do
    if is_running "$part"; then state="up (pid $(pid_of "$part"))"; else state=down; fi
    printf '%-10s %s\n' "$part" "$state"
  done
  for ((i = 0; i <= KS_WORKERS; i++)); do
    [[ -f $PID_DIR/worker-$i.pid ]] || printf '%-10s %s\n' "worker-$i" down
  done
  printf '\n'
  printf 'GraphQL:      http://%s:%s/graphql\n' "$GATEWAY_HOST" "$GATEWAY_PORT"
  printf 'Temporal:     %s (namespace %s)\n' "$TEMPORAL_ADDRESS" "$TEMPORAL_NAMESPACE"
  printf 'Temporal UI:  http://127.0.0.1:%s\n' "$TEMPORAL_UI_PORT"
  printf 'S3 endpoint:  %s (bucket %s, access key %s)\n' "$S3_ENDPOINT" "$S3_BUCKET" "$S3_ACCESS_KEY_ID"
  if [[ -s $API_KEY_FILE ]]; then
    printf 'API key:      %s (header x-api-key; file %s)\n' "$(cat "$API_KEY_FILE")" "$API_KEY_FILE"
  else
    printf 'API key:      not generated yet (created by `stack.sh up`)\n'
  fi
}

COMMAND=${1:-}
[[ $# -gt 0 ]] && shift
INFRA_ONLY=0
if [[ $COMMAND == stop ]]; then
  [[ $# -eq 1 && $1 =~ ^(temporal|seaweed|gateway|worker-[0-9]+)$ ]] || die "usage: stack.sh stop temporal|seaweed|gateway|worker-N"
  stop "$1" $((STOP_TIMEOUT_S + 15))
  exit 0
fi
for arg in "$@"; do
  case $arg in
    --infra) INFRA_ONLY=1 ;;
    *) die "unknown option $arg (usage: stack.sh up|down|status [--infra])" ;;
  esac
done

case $COMMAND in
  up) cmd_up ;;
  down) cmd_down ;;
  status) mkdir -p "$PID_DIR" && cmd_status ;;
  *) die "usage: stack.sh up|down|status [--infra]" ;;
esac
