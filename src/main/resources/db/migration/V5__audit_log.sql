-- The audit log: append-only and hash-chained (docs/audit.md). Each row's hash is
-- SHA-256(prev_hash || canonical encoding of the row); seq is gapless and assigned by the
-- appender under an advisory lock. The rows hold record ids, never personal values.
CREATE TABLE audit_event
(
  seq            BIGINT PRIMARY KEY CHECK (seq > 0),
  occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  actor          TEXT   NOT NULL,
  actor_role     TEXT   NOT NULL,
  controller_id  TEXT,
  action         TEXT   NOT NULL,
  target_ids     TEXT[] NOT NULL,
  category       TEXT,
  purpose        TEXT,
  outcome        TEXT   NOT NULL,
  client_address TEXT,
  prev_hash      TEXT   NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash           TEXT   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- Searches: by controller, actor or action within a time range, newest first; by time alone.
CREATE INDEX audit_event_controller_time ON audit_event (controller_id, occurred_at);
CREATE INDEX audit_event_actor_time ON audit_event (actor, occurred_at);
CREATE INDEX audit_event_action_time ON audit_event (action, occurred_at);
CREATE INDEX audit_event_time ON audit_event (occurred_at);

-- Nobody changes or removes an audit row: not the application (its grants) and not the owner
-- (the triggers). A superuser can still bypass triggers; the hash chain then names the row.
DO $$
BEGIN
  IF '${appRole}' = 'CURRENT_USER' OR '${appRole}' = current_user THEN
    -- the application connects as the owner: it keeps INSERT and SELECT, nothing else
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM CURRENT_USER;
  ELSE
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM ${appRole};
  END IF;
END $$;

CREATE FUNCTION audit_event_append_only() RETURNS trigger
  LANGUAGE plpgsql AS
$$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on audit_event refused', TG_OP;
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Anomaly alerts (Garante, 17 January 2008): mass reads and reads outside working hours.
-- One alert per actor, kind and window; an off-hours alert counts every record the actor
-- reads in that off-hours period.
CREATE TABLE audit_alert
(
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         TEXT   NOT NULL CHECK (kind IN ('mass-read', 'off-hours')),
  actor        TEXT   NOT NULL,
  actor_role   TEXT   NOT NULL,
  window_start TIMESTAMP WITH TIME ZONE NOT NULL,
  window_end   TIMESTAMP WITH TIME ZONE NOT NULL,
  record_count BIGINT NOT NULL CHECK (record_count > 0),
  raised_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_read_at TIMESTAMP WITH TIME ZONE NOT NULL,
  UNIQUE (actor, kind, window_start)
);
CREATE INDEX audit_alert_raised ON audit_alert (raised_at);

-- Records read per actor and minute: the mass-read window is summed from at most a window's
-- worth of rows per actor instead of scanning the log. Rows older than the window are removed.
CREATE TABLE audit_read_count
(
  actor   TEXT   NOT NULL,
  minute  TIMESTAMP WITH TIME ZONE NOT NULL,
  records BIGINT NOT NULL,
  PRIMARY KEY (actor, minute)
);
