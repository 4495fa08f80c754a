-- The justice vault by controller and month, and the sealed copy made soon after ingest.
--
-- Operational side (public schema, the application's role):
--   traffic_sealing: what an import loaded and the vault does not hold yet (one entry per import,
--     written in the import's own transaction): the controller, the table, the import's loaded_at
--     (null: every record of the months, after a merge that may have changed records or for what
--     was held before this migration) and the range of starts [lo, hi). The sealing step removes
--     an entry (or moves its lo past a month) only after the vault has committed the month's rows.
--   traffic_month: how many records of a controller each month of a table holds, by category and
--     answered (calls), counted when the records are sealed: retention counts whole months from it
--     instead of reading them.
-- Vault side (schema vault, the vault's role): vault.cdr and vault.telematic_session partitioned by
-- controller, then by month of the start; vault.month_count counts what each month holds.
CREATE TABLE traffic_sealing
(
  id            BIGSERIAL PRIMARY KEY,
  controller_id TEXT        NOT NULL,
  kind          TEXT        NOT NULL CHECK (kind IN ('cdr', 'telematic_session')),
  loaded_at     TIMESTAMPTZ,
  lo            TIMESTAMPTZ NOT NULL,
  hi            TIMESTAMPTZ NOT NULL
);
CREATE INDEX traffic_sealing_by_kind ON traffic_sealing (controller_id, kind);

CREATE TABLE traffic_month
(
  controller_id TEXT        NOT NULL,
  kind          TEXT        NOT NULL CHECK (kind IN ('cdr', 'telematic_session')),
  month         TIMESTAMPTZ NOT NULL,
  category      TEXT        NOT NULL,
  answered      BOOLEAN,
  records       BIGINT      NOT NULL,
  UNIQUE NULLS NOT DISTINCT (controller_id, kind, month, category, answered)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON traffic_sealing, traffic_month TO ${appRole};
GRANT USAGE, SELECT ON SEQUENCE traffic_sealing_id_seq TO ${appRole};

-- Everything held before this migration is still to be sealed, whole months.
INSERT INTO traffic_sealing (controller_id, kind, loaded_at, lo, hi)
SELECT controller_id, 'cdr', NULL, date_trunc('month', min(start_at), 'UTC'),
       date_trunc('month', max(start_at), 'UTC') + INTERVAL '1 month'
FROM cdr GROUP BY controller_id;
INSERT INTO traffic_sealing (controller_id, kind, loaded_at, lo, hi)
SELECT controller_id, 'telematic_session', NULL, date_trunc('month', min(start_at), 'UTC'),
       date_trunc('month', max(start_at), 'UTC') + INTERVAL '1 month'
FROM telematic_session GROUP BY controller_id;

-- An import's rows, recorded in its transaction for the sealing step.
CREATE FUNCTION traffic_loaded(parent TEXT, controller TEXT, loaded TIMESTAMPTZ, lo TIMESTAMPTZ, hi TIMESTAMPTZ)
  RETURNS VOID LANGUAGE sql AS
$$
  INSERT INTO traffic_sealing (controller_id, kind, loaded_at, lo, hi)
  SELECT controller, parent, loaded,
         CASE WHEN loaded IS NULL THEN date_trunc('month', lo, 'UTC') ELSE lo END,
         CASE WHEN loaded IS NULL THEN date_trunc('month', hi, 'UTC') + INTERVAL '1 month' ELSE hi END
  WHERE lo IS NOT NULL AND hi IS NOT NULL;
$$;

-- Counts a controller's records of one month again (records still to be sealed by an import's
-- entry are left to that entry, which adds them when sealed).
CREATE FUNCTION traffic_recount(parent TEXT, controller TEXT, month_start TIMESTAMPTZ) RETURNS VOID
  LANGUAGE plpgsql AS
$$
BEGIN
  IF parent NOT IN ('cdr', 'telematic_session') THEN
    RAISE EXCEPTION 'not a traffic table: %', parent;
  END IF;
  DELETE FROM traffic_month WHERE controller_id = controller AND kind = parent AND month = month_start;
  EXECUTE format($q$
    INSERT INTO traffic_month (controller_id, kind, month, category, answered, records)
    SELECT $1, %L, $2, category, %s, count(*) FROM %I r
    WHERE controller_id = $1 AND start_at >= $2 AND start_at < date_add($2, INTERVAL '1 month', 'UTC')
      AND NOT EXISTS (SELECT 1 FROM traffic_sealing p
                      WHERE p.controller_id = $1 AND p.kind = %L AND p.loaded_at = r.loaded_at)
    GROUP BY 4, 5$q$, parent, CASE WHEN parent = 'cdr' THEN 'answered' ELSE 'NULL::boolean' END, parent,
    parent) USING controller, month_start;
END
$$;

-- A partition dropped by the retention run is detached and moved, in the run's transaction, into
-- the schema "dropped", which only its owner can reach; its files are removed right after, apart
-- from the run (by drop_dropped(), called in the background after the run and on a schedule).
-- Removing a large table's files happens when the transaction that drops it commits and takes time
-- in proportion to their size: the run no longer waits for it, and nobody can read the moved table
-- in the meantime (as the rows a DELETE removes stay in their pages until VACUUM).
CREATE SCHEMA dropped;
REVOKE ALL ON SCHEMA dropped FROM PUBLIC;

-- A detached table into the schema, under a name of its own there (its old name and its oid).
CREATE FUNCTION drop_later(detached REGCLASS) RETURNS VOID
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
  name TEXT;
BEGIN
  SELECT c.relname INTO name FROM pg_class c WHERE c.oid = detached;
  EXECUTE format('ALTER TABLE %s SET SCHEMA dropped', detached);
  EXECUTE format('ALTER TABLE dropped.%I RENAME TO %I', name, left(name, 40) || '_' || detached::oid);
END
$$;
REVOKE ALL ON FUNCTION drop_later(REGCLASS) FROM PUBLIC;

-- Drops every table the schema holds (one caller at a time). Returns how many.
CREATE FUNCTION drop_dropped() RETURNS INT
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
  gone RECORD;
  n    INT := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('dropped_tables'));
  FOR gone IN SELECT c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
              WHERE s.nspname = 'dropped' AND c.relkind IN ('r', 'p') ORDER BY c.relname LOOP
    EXECUTE format('DROP TABLE dropped.%I', gone.relname);
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;
REVOKE ALL ON FUNCTION drop_dropped() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION drop_dropped() TO ${appRole};

-- One month of a traffic table moved out whole, as the schema's owner: the partition starting at
-- month_start (UTC) is detached and dropped if it holds only this controller's records and every
-- record of it is in the vault (no entry of the controller's imports still to seal reaches it; an
-- import of another controller into the month, committed while this waits for the lock, is seen
-- as another controller's records). Returns how many
-- records went with it (as counted when sealed), or -1 when it is left.
CREATE OR REPLACE FUNCTION traffic_drop_partition(parent TEXT, controller TEXT, month_start TIMESTAMPTZ) RETURNS BIGINT
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
  -- no import may write into the month from here on, and what committed before is seen below
  EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', name);
  IF EXISTS (SELECT 1 FROM traffic_sealing p WHERE p.kind = parent AND p.controller_id = controller
             AND p.lo < date_add(month_start, INTERVAL '1 month', 'UTC') AND p.hi > month_start) THEN
    RETURN -1;
  END IF;
  -- served by the primary key, which begins with the controller
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE controller_id < %L) OR EXISTS (SELECT 1 FROM %I WHERE controller_id > %L)',
                 name, controller, name, controller) INTO others;
  IF others THEN
    RETURN -1;
  END IF;
  SELECT sum(records) INTO held FROM traffic_month
  WHERE controller_id = controller AND kind = parent AND month = month_start;
  IF held IS NULL THEN
    -- a controller whose records are not sealed (its policy keeps no vault) is not counted
    EXECUTE format('SELECT count(*) FROM %I', name) INTO held;
  END IF;
  EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parent, name);
  PERFORM drop_later(name::regclass);
  DELETE FROM traffic_month WHERE kind = parent AND month = month_start;
  RETURN held;
END
$$;

-- The months of a traffic table that end on or before a cutoff, dropped as above.
CREATE OR REPLACE FUNCTION traffic_drop_partitions(parent TEXT, controller TEXT, cutoff TIMESTAMPTZ) RETURNS BIGINT
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
  part    RECORD;
  month   TIMESTAMPTZ;
  went    BIGINT;
  dropped BIGINT := 0;
BEGIN
  IF parent NOT IN ('cdr', 'telematic_session') THEN
    RAISE EXCEPTION 'not a traffic table: %', parent;
  END IF;
  FOR part IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = parent::regclass AND c.relname ~ ('^' || parent || '_y[0-9]{4}m[0-9]{2}$')
    ORDER BY c.relname
  LOOP
    month := to_timestamp(right(part.relname, 7), 'YYYY"m"MM')::TIMESTAMP AT TIME ZONE 'UTC';
    CONTINUE WHEN date_add(month, INTERVAL '1 month', 'UTC') > cutoff;
    went := traffic_drop_partition(parent, controller, month);
    IF went > 0 THEN
      dropped := dropped + went;
    END IF;
  END LOOP;
  RETURN dropped;
END
$$;

GRANT EXECUTE ON FUNCTION traffic_loaded(TEXT, TEXT, TIMESTAMPTZ, TIMESTAMPTZ, TIMESTAMPTZ) TO ${appRole};
GRANT EXECUTE ON FUNCTION traffic_recount(TEXT, TEXT, TIMESTAMPTZ) TO ${appRole};

-- The vault, by controller then by month. The existing calls are kept.
ALTER TABLE vault.cdr RENAME TO cdr_v15;
ALTER INDEX vault.cdr_pkey RENAME TO cdr_v15_pkey;
ALTER INDEX vault.vault_cdr_by_callee RENAME TO cdr_v15_by_callee;

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
) PARTITION BY LIST (controller_id);
CREATE INDEX vault_cdr_by_callee ON vault.cdr (controller_id, callee_hash, start_at);

-- A telematic session: subscriber and assigned address sealed and carried as keyed hashes.
CREATE TABLE vault.telematic_session
(
  controller_id     TEXT        NOT NULL,
  start_at          TIMESTAMPTZ NOT NULL,
  ip_hash           BYTEA       NOT NULL,
  subscriber_hash   BYTEA       NOT NULL,
  ip_sealed         TEXT        NOT NULL,
  subscriber_sealed TEXT        NOT NULL,
  end_at            TIMESTAMPTZ,
  bytes_up          BIGINT      NOT NULL CHECK (bytes_up >= 0),
  bytes_down        BIGINT      NOT NULL CHECK (bytes_down >= 0),
  category          TEXT        NOT NULL,
  moved_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (controller_id, ip_hash, start_at)
) PARTITION BY LIST (controller_id);
CREATE INDEX vault_session_by_subscriber ON vault.telematic_session (controller_id, subscriber_hash, start_at);

-- How many records each month of a controller holds in the vault, by category.
CREATE TABLE vault.month_count
(
  kind          TEXT        NOT NULL,
  controller_id TEXT        NOT NULL,
  month         TIMESTAMPTZ NOT NULL,
  category      TEXT        NOT NULL,
  records       BIGINT      NOT NULL,
  PRIMARY KEY (kind, controller_id, month, category)
);

-- The partitions of a vault table covering [lo, hi] for a controller, created when missing: the
-- controller's own (named by a hash of its id) and its months (<that>_yYYYYmMM). Runs as the
-- schema's owner; only the vault's role may call it.
CREATE FUNCTION vault.create_partitions(parent TEXT, controller TEXT, lo TIMESTAMPTZ, hi TIMESTAMPTZ) RETURNS INTEGER
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = vault, pg_temp AS
$$
DECLARE
  own     TEXT;
  month   TIMESTAMP;
  name    TEXT;
  created INTEGER := 0;
BEGIN
  IF parent NOT IN ('cdr', 'telematic_session') THEN
    RAISE EXCEPTION 'not a vault table: %', parent;
  END IF;
  IF lo IS NULL OR hi IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('vault_partitions'));
  own := format('%s_c%s', parent, left(md5(controller), 12));
  IF to_regclass('vault.' || own) IS NULL THEN
    EXECUTE format('CREATE TABLE vault.%I PARTITION OF vault.%I FOR VALUES IN (%L) PARTITION BY RANGE (start_at)',
                   own, parent, controller);
  END IF;
  month := date_trunc('month', lo AT TIME ZONE 'UTC');
  WHILE month <= (hi AT TIME ZONE 'UTC') LOOP
    name := format('%s_y%s', own, to_char(month, 'YYYY"m"MM'));
    IF to_regclass('vault.' || name) IS NULL THEN
      EXECUTE format('CREATE TABLE vault.%I PARTITION OF vault.%I FOR VALUES FROM (%L) TO (%L)', name, own,
                     (month AT TIME ZONE 'UTC'), ((month + INTERVAL '1 month') AT TIME ZONE 'UTC'));
      created := created + 1;
    END IF;
    month := month + INTERVAL '1 month';
  END LOOP;
  RETURN created;
END
$$;

-- A controller's months of a vault table that end on or before a cutoff and hold only records of
-- the category, detached and dropped, each in one operation. Returns how many records went.
CREATE FUNCTION vault.drop_months(parent TEXT, controller TEXT, category TEXT, cutoff TIMESTAMPTZ) RETURNS BIGINT
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = vault, pg_temp AS
$$
DECLARE
  own     TEXT;
  part    RECORD;
  this_month TIMESTAMPTZ;
  others  BOOLEAN;
  held    BIGINT;
  dropped BIGINT := 0;
BEGIN
  IF parent NOT IN ('cdr', 'telematic_session') THEN
    RAISE EXCEPTION 'not a vault table: %', parent;
  END IF;
  own := format('%s_c%s', parent, left(md5(controller), 12));
  IF to_regclass('vault.' || own) IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('vault_partitions'));
  FOR part IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = ('vault.' || own)::regclass ORDER BY c.relname
  LOOP
    this_month := to_timestamp(right(part.relname, 7), 'YYYY"m"MM')::TIMESTAMP AT TIME ZONE 'UTC';
    CONTINUE WHEN date_add(this_month, INTERVAL '1 month', 'UTC') > cutoff;
    SELECT EXISTS (SELECT 1 FROM vault.month_count m WHERE m.kind = parent AND m.controller_id = controller
                   AND m.month = this_month AND m.category <> drop_months.category AND m.records > 0)
      INTO others;
    CONTINUE WHEN others;
    SELECT coalesce(sum(records), 0) INTO held FROM vault.month_count m
    WHERE m.kind = parent AND m.controller_id = controller AND m.month = this_month;
    EXECUTE format('ALTER TABLE vault.%I DETACH PARTITION vault.%I', own, part.relname);
    PERFORM public.drop_later(('vault.' || quote_ident(part.relname))::regclass);
    DELETE FROM vault.month_count m WHERE m.kind = parent AND m.controller_id = controller
      AND m.month = this_month;
    dropped := dropped + held;
  END LOOP;
  RETURN dropped;
END
$$;

REVOKE ALL ON FUNCTION vault.create_partitions(TEXT, TEXT, TIMESTAMPTZ, TIMESTAMPTZ) FROM PUBLIC;
REVOKE ALL ON FUNCTION vault.drop_months(TEXT, TEXT, TEXT, TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION vault.create_partitions(TEXT, TEXT, TIMESTAMPTZ, TIMESTAMPTZ) TO ${vaultRole};
GRANT EXECUTE ON FUNCTION vault.drop_months(TEXT, TEXT, TEXT, TIMESTAMPTZ) TO ${vaultRole};

-- The calls already in the vault, into their months.
SELECT vault.create_partitions('cdr', controller_id, min(start_at), max(start_at))
FROM vault.cdr_v15 GROUP BY controller_id;
INSERT INTO vault.cdr SELECT * FROM vault.cdr_v15;
INSERT INTO vault.month_count (kind, controller_id, month, category, records)
SELECT 'cdr', controller_id, date_trunc('month', start_at, 'UTC'), category, count(*)
FROM vault.cdr_v15 GROUP BY 1, 2, 3, 4;
DROP TABLE vault.cdr_v15;

REVOKE ALL ON ALL TABLES IN SCHEMA vault FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON vault.cdr, vault.telematic_session, vault.month_count TO ${vaultRole};
