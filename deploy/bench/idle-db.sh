#!/usr/bin/env bash
# The database's load while the stack is idle: what the services cost PostgreSQL when nobody uses them
# (outbox relays' polls, notification worker rounds, housekeeping). Counts, over IDLE_SECONDS (default 30),
# the transactions (xact_commit + xact_rollback of pg_stat_database) of each service's database, and the
# statements (pg_stat_statements calls) when that extension is loaded; prints them per second.
# Run it with the stack up and otherwise unused (deploy/maillage bench runs it after start-up and the demo
# data, before any load):
#   deploy/bench/idle-db.sh                       IDLE_SECONDS=60 deploy/bench/idle-db.sh
# Reads statistics only, as the booking role over 127.0.0.1 (PGUSER/PGPASSWORD to change), from the
# database "postgres", so that its own two queries are not counted.
# Prints: RESULT|idle database load ...|figure|goal
set -Eeuo pipefail
trap 'echo "[bench] ERROR: exit $? at line $LINENO: $BASH_COMMAND" >&2' ERR

IDLE_SECONDS=${IDLE_SECONDS:-30}
DATABASES=${DATABASES:-directory offers booking notification}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-booking} PGPASSWORD=${PGPASSWORD:-booking}
IN=$(printf "'%s'," $DATABASES); IN=${IN%,}

command -v psql >/dev/null || { echo "[bench] psql is missing (apt-get install -y postgresql-client)" >&2; exit 1; }
q() { psql -X -q -t -A -d postgres -v ON_ERROR_STOP=1 -c "$1"; }

# "datname|transactions" per database, then "statements|calls" when pg_stat_statements can be read.
sample() {
  q "SELECT datname || '|' || (xact_commit + xact_rollback) FROM pg_stat_database WHERE datname IN ($IN) ORDER BY datname"
  q "SELECT 'statements|' || coalesce(sum(s.calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
     WHERE d.datname IN ($IN)" 2>/dev/null || true
}

echo "[bench] idle database load: $DATABASES, over ${IDLE_SECONDS}s"
before=$(sample)
start=$(date +%s%N)
sleep "$IDLE_SECONDS"
after=$(sample)
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

# Per line: name, count before, count after -> rate per second.
rates=$(join -t'|' <(sort <<<"$before") <(sort <<<"$after") \
  | awk -F'|' -v ms="$elapsed_ms" 'NF == 3 && $1 != "" { printf "%s|%.1f\n", $1, ($3 - $2) * 1000 / ms }')
[ -n "$rates" ] || { echo "[bench] no statistics for the databases $DATABASES" >&2; exit 1; }
echo "$rates" | sed 's/^/[bench]   /; s/|/: /; s/$/ per second/'
per_db=$(grep -v '^statements|' <<<"$rates" | awk -F'|' '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')
total=$(grep -v '^statements|' <<<"$rates" | awk -F'|' '{ t += $2 } END { printf "%.1f", t }')
echo "RESULT|idle database load, transactions/s over ${IDLE_SECONDS} s (pg_stat_database)|$total/s ($per_db)|no more than before issue 15"
if grep -q '^statements|' <<<"$rates"; then
  echo "RESULT|idle database load, statements/s over ${IDLE_SECONDS} s (pg_stat_statements)|$(sed -n 's/^statements|//p' <<<"$rates")/s|no more than before issue 15"
fi
