-- One role and four databases per service — :svc for the system, :svc_test for its test suite,
-- :svc_system for the system the system tests run (deploy/maillage test recreates it empty each run),
-- :svc_scratch for the second instances that system tests and benchmarks start — with the extensions
-- the services use (created here because they need a superuser; Flyway runs as the role).
-- Idempotent. Used by deploy/infra/postgres.sh and by the compose file's PostgreSQL init script:
--   psql -v ON_ERROR_STOP=1 -v svc=booking -f create-databases.sql
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'svc', :'svc')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'svc') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', db, :'svc')
  FROM unnest(ARRAY[:'svc', :'svc' || '_test', :'svc' || '_system', :'svc' || '_scratch']) AS db
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = db) \gexec
\connect :svc
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
\set testdb :svc _test
\connect :testdb
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
\set scratchdb :svc _scratch
\connect :scratchdb
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
\set systemdb :svc _system
\connect :systemdb
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
