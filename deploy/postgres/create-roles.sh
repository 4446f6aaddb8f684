#!/bin/sh
# Runs lianxin-roles.sql (beside this script) against the Lianxin database with the passwords of the eight service
# roles taken from the environment, and sets them again on every run (lianxin.reset_passwords), so that rotating a
# password is: change the secret, run this again, restart the service.
#
# Used by docker-compose.yml (service postgres-init) and deploy/k8s (Job postgres-roles). Environment:
#   PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD   an administrator of the database (libpq variables)
#   LIANXIN_<SERVICE>_DB_PASSWORD, LIANXIN_<SERVICE>_DB_OWNER_PASSWORD for SERVICE in MEMBER TRACKING CASE NOTIFICATION
# A password left empty is not set (a role created without one can only log in where pg_hba.conf trusts it).
set -eu

dir=$(cd "$(dirname "$0")" && pwd)

until pg_isready -q; do
    echo "waiting for PostgreSQL at ${PGHOST:-localhost}:${PGPORT:-5432}"
    sleep 2
done

# The passwords go to psql on standard input, never on a command line (visible to ps).
setting() { # role, password
    printf "SET lianxin.password.%s = '%s';\n" "$1" "$(printf '%s' "$2" | sed "s/'/''/g")"
}

{
    echo "SET lianxin.reset_passwords = 'on';"
    for service in member tracking case notification; do
        upper=$(echo "$service" | tr '[:lower:]' '[:upper:]')
        eval "runtime=\${LIANXIN_${upper}_DB_PASSWORD:-}"
        eval "owner=\${LIANXIN_${upper}_DB_OWNER_PASSWORD:-}"
        setting "lianxin_${service}" "$runtime"
        setting "lianxin_${service}_owner" "$owner"
    done
    cat "$dir/lianxin-roles.sql"
} | psql -v ON_ERROR_STOP=1 --no-psqlrc -q

echo "Lianxin roles and schemas ready in database ${PGDATABASE:-}"
