#!/usr/bin/env bash
# A hot standby of the main PostgreSQL cluster, for read-replica tests and benchmarks.
#
#   scripts/standby.sh start    # base backup (pg_basebackup -R) on first start, then pg_ctl start
#   scripts/standby.sh stop     # stop it and drop its replication slot (the primary keeps no WAL for it)
#   scripts/standby.sh status   # prints "streaming <replay lsn>" or fails
#   scripts/standby.sh url      # the standby's URL for a database (default: test)
#
# The primary (127.0.0.1:5432) is never stopped, restarted or reconfigured: it must already allow
# replication (wal_level replica, max_wal_senders > 0, a "host replication" line in pg_hba.conf).
# The standby streams through a physical slot so it never misses WAL under a heavy write load;
# the slot exists exactly while the standby's data directory does.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PRIMARY_HOST=${RIWAYAT_PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${RIWAYAT_PRIMARY_PORT:-5432}
PORT=${RIWAYAT_STANDBY_PORT:-5433}
DATA=${RIWAYAT_STANDBY_DATA:-/var/lib/postgresql/riwayat-standby-$PORT}
SLOT=${RIWAYAT_STANDBY_SLOT:-riwayat_standby_$PORT}
LOG="$DATA.log"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
primary_sql() { psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres -Atqc "$1"; }
standby_sql() { psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atqc "$1"; }

check_primary() {
  local level senders
  level=$(primary_sql "SHOW wal_level")
  senders=$(primary_sql "SHOW max_wal_senders")
  if [ "$level" = minimal ] || [ "$senders" = 0 ]; then
    echo "standby: the primary has wal_level=$level, max_wal_senders=$senders; it needs" \
         "wal_level=replica and max_wal_senders>=2 (a restart of the primary)" >&2
    exit 1
  fi
}

base_backup() {
  check_primary
  primary_sql "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
  rm -rf "$DATA"
  mkdir -p "$(dirname "$DATA")"
  chown postgres: "$(dirname "$DATA")" 2>/dev/null || true
  # -R writes standby.signal and primary_conninfo; -C -S creates the slot the standby streams from.
  as_postgres "$PGBIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres \
    -D "$DATA" -R -X stream -C -S "$SLOT" --checkpoint=fast
  # Debian keeps the configuration outside the data directory, so the copy has none: a hot
  # standby needs at least the primary's connection and worker limits.
  as_postgres tee "$DATA/postgresql.conf" >/dev/null <<EOF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '/var/run/postgresql'
hot_standby = on
hot_standby_feedback = on
max_connections = $(primary_sql "SHOW max_connections")
max_worker_processes = $(primary_sql "SHOW max_worker_processes")
max_wal_senders = $(primary_sql "SHOW max_wal_senders")
max_prepared_transactions = $(primary_sql "SHOW max_prepared_transactions")
max_locks_per_transaction = $(primary_sql "SHOW max_locks_per_transaction")
shared_buffers = 64MB
EOF
  as_postgres tee "$DATA/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
  echo "primary_slot_name = '$SLOT'" | as_postgres tee -a "$DATA/postgresql.auto.conf" >/dev/null
}

streaming() {
  [ "$(standby_sql "SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')" 2>/dev/null)" = t ]
}

start() {
  if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    streaming && { echo "standby: already streaming on $PORT"; return 0; }
    echo "standby: something answers on $PORT but is not a streaming standby" >&2
    exit 1
  fi
  if [ ! -f "$DATA/standby.signal" ] || [ -z "$(primary_sql "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT'")" ]; then
    base_backup
  fi
  as_postgres "$PGBIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null
  for _ in $(seq 1 60); do
    if streaming; then echo "standby: streaming on $PORT from $PRIMARY_HOST:$PRIMARY_PORT"; return 0; fi
    sleep 0.5
  done
  echo "standby: started but not streaming; see $LOG" >&2
  tail -20 "$LOG" >&2 || true
  exit 1
}

stop() {
  if [ -f "$DATA/postmaster.pid" ]; then
    as_postgres "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null || true
  fi
  primary_sql "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
  rm -rf "$DATA"
  echo "standby: stopped, slot $SLOT dropped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) streaming && echo "streaming $(standby_sql 'SELECT pg_last_wal_replay_lsn()')" ;;
  url) echo "postgresql://postgres@127.0.0.1:$PORT/${2:-test}" ;;
  *) echo "usage: $0 start|stop|status|url [database]" >&2; exit 2 ;;
esac
