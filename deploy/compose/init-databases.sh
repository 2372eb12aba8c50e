#!/usr/bin/env bash
# PostgreSQL init script of the compose file: the same roles, databases and extensions as the local run
# (deploy/infra/create-databases.sql), for each service; and Keycloak's database.
set -euo pipefail
for svc in directory offers booking notification; do
  psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -v svc="$svc" -f /maillage/create-databases.sql
done
# Keycloak's own database (development password; the compose file's keycloak service).
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres <<'SQL'
CREATE ROLE keycloak LOGIN PASSWORD 'keycloak';
CREATE DATABASE keycloak OWNER keycloak;
SQL
