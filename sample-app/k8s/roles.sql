-- Least privilege for the sample app: run once per database, as its owner or a superuser.
--
--   psql "$ADMIN_URL" -v migrator_password="$MIGRATOR_PASSWORD" -v app_password="$APP_PASSWORD" -f roles.sql
--
-- app_migrator owns the schema and runs the migrations (job mode). app_user runs the service
-- (await mode): it reads and writes data, and cannot create, alter or drop anything.

CREATE ROLE app_migrator LOGIN PASSWORD :'migrator_password';
CREATE ROLE app_user LOGIN PASSWORD :'app_password';

-- The schema belongs to the migration role, so every table it creates does too.
CREATE SCHEMA app AUTHORIZATION app_migrator;
ALTER ROLE app_migrator SET search_path = app;
ALTER ROLE app_user SET search_path = app;

-- Nobody else may create objects in public (the default since PostgreSQL 15; explicit for older ones).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- The application may look into the schema, but not create in it.
GRANT USAGE ON SCHEMA app TO app_user;

-- Tables, sequences and functions the migration role creates later are usable by the
-- application at once: no GRANT needed in every migration.
ALTER DEFAULT PRIVILEGES FOR ROLE app_migrator IN SCHEMA app
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app_user;
ALTER DEFAULT PRIVILEGES FOR ROLE app_migrator IN SCHEMA app
    GRANT USAGE, SELECT ON SEQUENCES TO app_user;
ALTER DEFAULT PRIVILEGES FOR ROLE app_migrator IN SCHEMA app
    GRANT EXECUTE ON FUNCTIONS TO app_user;
