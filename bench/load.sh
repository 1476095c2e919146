#!/usr/bin/env bash
# Load tests of issue 11 (bench/RESULTS.md, "Load (issue 11)"): the app under gunicorn as in
# production, locust headless on the loopback only, every step bounded in time.
#
#   bash bench/load.sh residents [users ...]   (a) residents, default 50 100 200
#   bash bench/load.sh trivial [users ...]     (a) the trivial one-row POST (bench-only URLconf)
#   bash bench/load.sh council                 (b) 50 council members with and without a full recompute
#   bash bench/load.sh all                     all three (make bench-load)
#
# Needs the load database migrated and, for (b), its 1,000,000 events:
#   psql -h 127.0.0.1 -U postgres -c 'create database wp_h_load'
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/wp_h_load DJANGO_SECRET_KEY=x .venv/bin/python manage.py migrate
#   DATABASE_URL=... .venv/bin/python bench/generate_events.py
# Knobs: LOAD_RUN_TIME (60s per step), LOAD_THINK (5 s per page on average), LOAD_PORT (8650),
# LOAD_WORKERS (3, as docs/operations.md), LOAD_DB (wp_h_load), LOAD_REDIS_DB (6; cache +1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/.venv/bin
PORT=${LOAD_PORT:-8650}
WORKERS=${LOAD_WORKERS:-3}
RUN_TIME=${LOAD_RUN_TIME:-60s}
REDIS_DB=${LOAD_REDIS_DB:-6}
OUT=${LOAD_OUT:-$ROOT/bench/out/load-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

# --- The environment of every process (web, worker, setup, recompute) ----------------------
export DJANGO_SETTINGS_MODULE=config.settings.production   # DEBUG off, Secure __Host- cookies, HSTS
export DJANGO_SECRET_KEY=bench-load-only-not-a-secret       # the council sessions are signed with it
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/${LOAD_DB:-wp_h_load}
export REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB           # broker
export REDIS_CACHE_URL=redis://127.0.0.1:6379/$((REDIS_DB + 1))   # cache (rate limits, coalescing)
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export MEDIA_ROOT=$OUT/media
# The load generator plays the TLS proxy (X-Forwarded-Proto https, X-Forwarded-For with one
# documentation address per resident): production's PROXY_COUNT=1, so each resident is its
# own client for PARTICIPATIE_CLIENT_LIMIT (10 per 600 s, left at its default).
export PROXY_COUNT=1
# Open link: the test's think times are shorter than a person's 3 s minimum on some
# journeys, and the survey-wide valve (600 a minute = 10/s per survey) would cap the
# open-link group before the machine does. Both are one comparison / one Redis INCR per
# submit, still executed; only their thresholds move.
export PARTICIPATIE_MIN_FILL_SECONDS=0
export PARTICIPATIE_RATE_LIMIT_PER_MINUTE=100000
export LOG_LEVEL=INFO LOG_FORMAT=json                       # production's logging, to a file

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap cleanup EXIT INT TERM

log() { echo "[$(date +%H:%M:%S)] $* | $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/steps.log"; }

WEB_PID=
start_web() {  # $1: settings module
  DJANGO_SETTINGS_MODULE=$1 "$BIN/gunicorn" config.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --no-control-socket \
    >>"$OUT/gunicorn.log" 2>&1 &
  WEB_PID=$!
  PIDS+=("$WEB_PID")
  for _ in $(seq 100); do
    if curl -fsS 2>/dev/null -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT/inloggen/"; then
      log "gunicorn up ($1, $WORKERS workers, pid $WEB_PID)"
      return
    fi
    sleep 0.3
  done
  echo "gunicorn did not start (see $OUT/gunicorn.log)" >&2
  exit 1
}
stop_web() {
  kill "$WEB_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$WEB_PID" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$WEB_PID" 2>/dev/null || true
}

WORKER_PID=
start_worker() {  # production's worker: the recompute requests of the survey events
  "$BIN/celery" -A config worker --concurrency 2 --loglevel WARNING >>"$OUT/worker.log" 2>&1 &
  WORKER_PID=$!
  PIDS+=("$WORKER_PID")
}

# locust_step NAME FILE CLASS USERS [extra env...]: one bounded headless run plus the CPU monitor.
locust_step() {
  local name=$1 file=$2 class=$3 users=$4
  log "step $name: $users users of $class for $RUN_TIME"
  "$BIN/locust" -f "$file" --headless -u "$users" -r "$(( users / 5 > 0 ? users / 5 : 1 ))" -t "$RUN_TIME" \
    --reset-stats --stop-timeout 30 -H "http://127.0.0.1:$PORT" --csv "$OUT/$name" --only-summary \
    --loglevel WARNING "$class" >"$OUT/$name.locust.log" 2>&1 &
  local locust_pid=$!
  PIDS+=("$locust_pid")
  local named=("locust=$locust_pid" "gunicorn=$WEB_PID")
  [ -n "$WORKER_PID" ] && named+=("celery worker=$WORKER_PID")
  "$BIN/python" bench/load_monitor.py "$OUT/$name.cpu.json" "$locust_pid" "${named[@]}" >/dev/null
  wait "$locust_pid" || true   # locust exits 1 when a request failed; the figures say which
  log "step $name done"
}

setup() { "$BIN/python" bench/load_setup.py "$@"; }

residents() {
  start_web config.settings.production
  start_worker
  for users in "${@:-50 100 200}"; do
    for u in $users; do
      setup residents "$OUT/residents-$u.json" 5000
      LOAD_SETUP=$OUT/residents-$u.json LOAD_OUTCOMES=$OUT/residents-$u.outcomes.json \
        locust_step "residents-$u" bench/load_residents.py Resident "$u"
      setup verify "$OUT/residents-$u.json" "$OUT/residents-$u.outcomes.json" | tee "$OUT/residents-$u.verify.json" \
        || log "residents-$u: VERIFY FAILED"
    done
  done
  stop_web
}

trivial() {
  setup trivial
  start_web bench.load_settings
  for users in "${@:-50 100 200}"; do
    for u in $users; do
      setup trivial
      locust_step "trivial-$u" bench/load_residents.py TrivialPoster "$u"
      echo "{\"rows\": $(setup trivial-count)}" | tee "$OUT/trivial-$u.rows.json"
    done
  done
  stop_web
}

council() {
  setup council "$OUT/council.json" 50
  start_web config.settings.production
  log "recompute alone (3 runs)"
  "$BIN/python" bench/load_recompute.py "$OUT/recompute-alone.json" --times 3 | tee -a "$OUT/steps.log"
  LOAD_COUNCIL=$OUT/council.json locust_step council-alone bench/load_council.py CouncilMember 50
  # The same readers while full recomputes run back to back (started after the 10 s ramp).
  local secs=${RUN_TIME%s}
  ( sleep 10; exec "$BIN/python" bench/load_recompute.py "$OUT/recompute-readers.json" --seconds $((secs - 15)) ) \
    >>"$OUT/steps.log" 2>&1 &
  local recompute_pid=$!
  PIDS+=("$recompute_pid")
  LOAD_COUNCIL=$OUT/council.json locust_step council-recompute bench/load_council.py CouncilMember 50
  wait "$recompute_pid" || true
  stop_web
}

"$BIN/python" manage.py collectstatic --no-input -v0
command=${1:-all}
shift || true
case $command in
  residents) residents "$@" ;;
  trivial) trivial "$@" ;;
  council) council ;;
  all) residents "$@"; trivial "$@"; council ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
cleanup
"$BIN/python" bench/load_report.py "$OUT" | tee "$OUT/report.md"
echo "outputs in $OUT"
