#!/usr/bin/env bash
# CI: install Debian's PostgreSQL, start a local cluster on 127.0.0.1 and create the test role and database.
# Sourced by .ci/run; on success it exports LEXMEMO_TEST_DATABASE_URL (the store tests' PostgreSQL variant).
# On failure it prints why and exports nothing: with CI=true the PostgreSQL tests then FAIL (not skip).
lexmemo_start_postgres() {
    local log=/tmp/lexmemo-ci-postgres.log
    if [ "$(id -u)" != 0 ]; then echo "warning: not root, cannot install/start PostgreSQL" >&2; return 1; fi
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >>"$log" 2>&1 \
            || { echo "warning: could not install postgresql (see $log)" >&2; return 1; }
    fi
    local ver
    ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
    # Debian creates "main" on install; a minimal image may not (policy-rc.d / no cluster): create it then.
    if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$ver main"; then
        pg_createcluster "$ver" main -- --auth-local=peer --auth-host=scram-sha-256 >>"$log" 2>&1 \
            || { echo "warning: pg_createcluster failed (see $log)" >&2; return 1; }
    fi
    if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -qx online; then
        pg_ctlcluster "$ver" main start -o "-c listen_addresses=127.0.0.1" >>"$log" 2>&1 \
            || { echo "warning: could not start PostgreSQL $ver (see $log)" >&2; return 1; }
    fi
    local port
    port=$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')
    # A throw-away CI password: the cluster listens on 127.0.0.1 only and lives as long as the CI machine.
    su postgres -c "psql -q -p $port -v ON_ERROR_STOP=1" >>"$log" 2>&1 <<SQL || { echo "warning: could not create the lexmemo role (see $log)" >&2; return 1; }
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lexmemo') THEN
    CREATE ROLE lexmemo LOGIN PASSWORD 'lexmemo' CREATEDB;
  END IF;
END \$\$;
SQL
    if ! su postgres -c "psql -qtA -p $port -c \"SELECT 1 FROM pg_database WHERE datname = 'lexmemo'\"" | grep -q 1; then
        su postgres -c "createdb -p $port -O lexmemo lexmemo" >>"$log" 2>&1 \
            || { echo "warning: could not create the lexmemo database (see $log)" >&2; return 1; }
    fi
    export LEXMEMO_TEST_DATABASE_URL="postgresql://lexmemo:lexmemo@127.0.0.1:$port/lexmemo"
    echo "PostgreSQL $ver on 127.0.0.1:$port for the store tests"
}
