-- Legal holds: a disputed bill, a court order. A hold of a kind the policy lists (legal_holds)
-- suspends the rules that name that kind (retention[].holds) for the records it covers: those of
-- one subject (or every subject), of one record kind (or every kind), collected inside a window
-- (or at any time). Released holds stay for the record.
CREATE TABLE legal_hold
(
  id             UUID PRIMARY KEY,
  controller_id  TEXT        NOT NULL REFERENCES controller (id),
  kind           TEXT        NOT NULL,
  subject_id     UUID,
  record_kind    TEXT,
  from_at        TIMESTAMPTZ,
  until_at       TIMESTAMPTZ,
  reason         TEXT        NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL,
  created_by     TEXT        NOT NULL,
  released_at    TIMESTAMPTZ,
  released_by    TEXT,
  CHECK (from_at IS NULL OR until_at IS NULL OR until_at > from_at)
);
CREATE INDEX legal_hold_active ON legal_hold (controller_id) WHERE released_at IS NULL;

-- A retention run as of a day: its state and where it stands, so that a run cut off resumes.
CREATE TABLE retention_run
(
  id            UUID PRIMARY KEY,
  controller_id TEXT        NOT NULL REFERENCES controller (id),
  as_of         DATE        NOT NULL,
  dry_run       BOOLEAN     NOT NULL,
  started_by    TEXT        NOT NULL,
  state         TEXT        NOT NULL CHECK (state IN ('running', 'finished')),
  cursor        UUID,
  subjects_done BIGINT      NOT NULL DEFAULT 0,
  started_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ
);
CREATE INDEX retention_run_by_controller ON retention_run (controller_id, started_at DESC);

-- What a run found and did for each rule, kept in step with its batches.
CREATE TABLE retention_run_rule
(
  run_id   UUID    NOT NULL REFERENCES retention_run (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  rule_id  TEXT    NOT NULL,
  category TEXT    NOT NULL,
  action   TEXT    NOT NULL,
  status   TEXT    NOT NULL,
  due      BIGINT  NOT NULL DEFAULT 0,
  done     BIGINT  NOT NULL DEFAULT 0,
  held     BIGINT  NOT NULL DEFAULT 0,
  finished BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (run_id, rule_id)
);

-- The rules already applied to a record (pseudonymisation, anonymisation: the record stays), so
-- that a second run does not apply them again.
CREATE TABLE retention_applied
(
  controller_id TEXT        NOT NULL REFERENCES controller (id),
  rule_id       TEXT        NOT NULL,
  record_kind   TEXT        NOT NULL,
  record_id     UUID        NOT NULL,
  run_id        UUID        NOT NULL,
  applied_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (controller_id, rule_id, record_kind, record_id)
);

-- One month of a traffic table moved out whole: the monthly partition starting at month_start
-- (UTC), if it holds only this controller's records, is detached and dropped in one operation, as
-- the schema's owner. Returns how many records went with it, or -1 when it holds another
-- controller's records too (and is left).
CREATE FUNCTION traffic_drop_partition(parent TEXT, controller TEXT, month_start TIMESTAMPTZ) RETURNS BIGINT
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
  name   TEXT;
  others BOOLEAN;
  held   BIGINT;
BEGIN
  IF parent NOT IN ('cdr', 'telematic_session') THEN
    RAISE EXCEPTION 'not a traffic table: %', parent;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('traffic_partitions'));
  name := format('%s_y%s', parent, to_char(month_start AT TIME ZONE 'UTC', 'YYYY"m"MM'));
  IF to_regclass(name) IS NULL THEN
    RETURN 0;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE controller_id <> %L)', name, controller) INTO others;
  IF others THEN
    RETURN -1;
  END IF;
  EXECUTE format('SELECT count(*) FROM %I', name) INTO held;
  EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parent, name);
  EXECUTE format('DROP TABLE %I', name);
  RETURN held;
END
$$;
REVOKE ALL ON FUNCTION traffic_drop_partition(TEXT, TEXT, TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION traffic_drop_partition(TEXT, TEXT, TIMESTAMPTZ) TO ${appRole};
