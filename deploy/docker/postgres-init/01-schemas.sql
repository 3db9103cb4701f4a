-- One database, one schema per service, each reached with its own login role that can touch only
-- its schema (DESIGN.md §1). Run once by the postgres image's entrypoint, as the superuser,
-- connected to POSTGRES_DB (`radiant`), when the data volume is first initialised.
-- Passwords are the dev ones (`<svc>-dev`); outside dev, set real ones and keep them out of git.

-- Nobody gets anything by default: no CONNECT/TEMP on the database, nothing in schema public.
REVOKE ALL ON DATABASE radiant FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

DO $$
DECLARE
    svc text;
BEGIN
    FOREACH svc IN ARRAY ARRAY['identity', 'approval', 'metering', 'billing', 'audit'] LOOP
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', svc, svc || '-dev');
        -- The role owns its schema, so its Alembic migrations (version table included) live there.
        EXECUTE format('CREATE SCHEMA %I AUTHORIZATION %I', svc, svc);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc);
        EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = %I', svc, current_database(), svc);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), svc);
    END LOOP;
END
$$;

-- The audit log is append-only: its runtime login must not own the tables (an owner could grant
-- itself UPDATE back or disable the refusing triggers). `audit_owner` owns the schema and runs the
-- migrations (AUDIT_MIGRATION_DATABASE_URL); they grant `audit` SELECT/INSERT on the log.
CREATE ROLE audit_owner LOGIN PASSWORD 'audit_owner-dev';
ALTER SCHEMA audit OWNER TO audit_owner;
GRANT USAGE ON SCHEMA audit TO audit;
ALTER ROLE audit_owner IN DATABASE radiant SET search_path = audit;
GRANT CONNECT ON DATABASE radiant TO audit_owner;
