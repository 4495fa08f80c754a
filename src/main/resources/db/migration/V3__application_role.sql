-- The application connects as its own role (${appRole}); the migrations run as the schema's owner.
-- The application may read and write ordinary tables; what must never change (the audit log) is
-- protected table by table in later migrations.
GRANT USAGE ON SCHEMA public TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${appRole};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${appRole};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${appRole};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${appRole};
DO $$
BEGIN
  IF '${appRole}' <> 'CURRENT_USER' AND '${appRole}' <> current_user THEN
    REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM ${appRole};
  END IF;
END $$;
