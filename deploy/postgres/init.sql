-- sendsys Postgres bootstrap: database `sendsys`, one LOGIN role and one schema per
-- service, each schema owned by its service's role and granted to nobody else.
--
-- Passwords come from psql variables (-v assessment_password=...) or, when those are
-- not given, from the environment (ASSESSMENT_DB_PASSWORD, ... via \getenv, psql 15+):
--   psql -v ON_ERROR_STOP=1 -U postgres -d postgres -f deploy/postgres/init.sql
-- The postgres:16 image runs this file from /docker-entrypoint-initdb.d on first start
-- (docker-compose.yml passes the *_DB_PASSWORD variables). Safe to re-run: it creates
-- what is missing and resets passwords and privileges.
\set ON_ERROR_STOP on

\if :{?assessment_password} \else \getenv assessment_password ASSESSMENT_DB_PASSWORD \endif
\if :{?localoffer_password} \else \getenv localoffer_password LOCALOFFER_DB_PASSWORD \endif
\if :{?budgets_password} \else \getenv budgets_password BUDGETS_DB_PASSWORD \endif
\if :{?mediation_password} \else \getenv mediation_password MEDIATION_DB_PASSWORD \endif
\if :{?notifications_password} \else \getenv notifications_password NOTIFICATIONS_DB_PASSWORD \endif
SELECT :{?assessment_password} AND :{?localoffer_password} AND :{?budgets_password} AND :{?mediation_password} AND :{?notifications_password} AS passwords_set \gset
\if :passwords_set
\else
  \warn 'init.sql: set ASSESSMENT_/LOCALOFFER_/BUDGETS_/MEDIATION_/NOTIFICATIONS_DB_PASSWORD (or -v <service>_password=...)'
  DO $$ BEGIN RAISE EXCEPTION 'sendsys init: a service database password is missing'; END $$;
\endif

SELECT 'CREATE DATABASE sendsys' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'sendsys') \gexec
REVOKE ALL ON DATABASE sendsys FROM PUBLIC;

-- Roles are cluster-wide. No superuser, no CREATEDB/CREATEROLE, no inherited privileges.
SELECT 'CREATE ROLE assessment' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'assessment') \gexec
ALTER ROLE assessment WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'assessment_password';
GRANT CONNECT, TEMPORARY ON DATABASE sendsys TO assessment;
ALTER ROLE assessment IN DATABASE sendsys SET search_path = assessment;
SELECT 'CREATE ROLE localoffer' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'localoffer') \gexec
ALTER ROLE localoffer WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'localoffer_password';
GRANT CONNECT, TEMPORARY ON DATABASE sendsys TO localoffer;
ALTER ROLE localoffer IN DATABASE sendsys SET search_path = localoffer;
SELECT 'CREATE ROLE budgets' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'budgets') \gexec
ALTER ROLE budgets WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'budgets_password';
GRANT CONNECT, TEMPORARY ON DATABASE sendsys TO budgets;
ALTER ROLE budgets IN DATABASE sendsys SET search_path = budgets;
SELECT 'CREATE ROLE mediation' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mediation') \gexec
ALTER ROLE mediation WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'mediation_password';
GRANT CONNECT, TEMPORARY ON DATABASE sendsys TO mediation;
ALTER ROLE mediation IN DATABASE sendsys SET search_path = mediation;
SELECT 'CREATE ROLE notifications' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'notifications') \gexec
ALTER ROLE notifications WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD :'notifications_password';
GRANT CONNECT, TEMPORARY ON DATABASE sendsys TO notifications;
ALTER ROLE notifications IN DATABASE sendsys SET search_path = notifications;

\connect sendsys
-- Nobody but its owner may create objects in `public` (the default from Postgres 15 on).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- One schema per service, owned by that service's role: its tables, outbox, inbox,
-- deadlines and alembic_version live there. No grants on another service's schema.
CREATE SCHEMA IF NOT EXISTS assessment AUTHORIZATION assessment;
ALTER SCHEMA assessment OWNER TO assessment;
REVOKE ALL ON SCHEMA assessment FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS localoffer AUTHORIZATION localoffer;
ALTER SCHEMA localoffer OWNER TO localoffer;
REVOKE ALL ON SCHEMA localoffer FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS budgets AUTHORIZATION budgets;
ALTER SCHEMA budgets OWNER TO budgets;
REVOKE ALL ON SCHEMA budgets FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS mediation AUTHORIZATION mediation;
ALTER SCHEMA mediation OWNER TO mediation;
REVOKE ALL ON SCHEMA mediation FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS notifications AUTHORIZATION notifications;
ALTER SCHEMA notifications OWNER TO notifications;
REVOKE ALL ON SCHEMA notifications FROM PUBLIC;
