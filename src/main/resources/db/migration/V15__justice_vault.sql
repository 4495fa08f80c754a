-- The justice vault (Codice art. 132, L. 167/2017, the Garante's 2008 measures): traffic data
-- past their operational period, kept apart for the courts only. The schema is owned by the
-- migrations' role; the vault's own role (${vaultRole}) may read and write it; the application's
-- operational role (${appRole}) gets no privilege on it, so the operational code cannot read it.
-- On the embedded server the vault role is created here; on an external server the DBA creates it
-- beforehand (see docs/vault.md), and then nothing is created.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${vaultRole}') THEN
    CREATE ROLE ${vaultRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END $$;

CREATE SCHEMA vault;
REVOKE ALL ON SCHEMA vault FROM PUBLIC;
GRANT USAGE ON SCHEMA vault TO ${vaultRole};

-- A call moved into the vault. Numbers are never stored in clear: each is sealed (AES-256-GCM,
-- key outside the database) and carried as a keyed hash (HMAC-SHA-256, another key outside the
-- database) so that an order's numbers are found without decrypting the table. The natural key of
-- the operational call (controller, caller, start, callee) becomes (controller, caller_hash,
-- start_at, callee_hash): moving the same call twice changes nothing.
CREATE TABLE vault.cdr
(
  controller_id    TEXT        NOT NULL,
  start_at         TIMESTAMPTZ NOT NULL,
  caller_hash      BYTEA       NOT NULL,
  callee_hash      BYTEA       NOT NULL,
  caller_sealed    TEXT        NOT NULL,
  callee_sealed    TEXT        NOT NULL,
  duration_seconds INTEGER     NOT NULL CHECK (duration_seconds >= 0),
  answered         BOOLEAN     NOT NULL,
  cell             TEXT,
  category         TEXT        NOT NULL,
  moved_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (controller_id, caller_hash, start_at, callee_hash)
);
CREATE INDEX vault_cdr_by_callee ON vault.cdr (controller_id, callee_hash, start_at);

GRANT SELECT, INSERT, DELETE ON ALL TABLES IN SCHEMA vault TO ${vaultRole};
REVOKE ALL ON ALL TABLES IN SCHEMA vault FROM PUBLIC;
