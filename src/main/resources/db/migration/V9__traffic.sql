-- Traffic data: call detail records and telematic sessions (Codice privacy art. 123 and 132).
-- Both tables are partitioned by month of their start (months in UTC), so that retention moves or
-- drops a whole month in one operation. Partitions are created on demand by the import, through
-- traffic_create_partitions, before the rows go in; a row outside every partition is refused.
-- The tables carry no foreign keys: at hundreds of millions of rows a per-row check costs more than
-- it protects, and only the import writes them (with the controller it was called for and the
-- subjects it resolved). Neither has an index on subject_id: at that size an index of random ids
-- costs the ingest more than the rest together. A subscriber's records are found through the
-- identifier they were linked by (the caller's number, the subscriber account), which the
-- indexes serve, and kept only when they are linked to that subject (a number passed on to
-- someone else keeps its earlier calls with their earlier holder).

-- Numbers in E.164; start as an instant; the natural key makes a re-import change nothing.
-- loaded_at is when the record was first imported (an import tells what it inserted by it).
CREATE TABLE cdr
(
  controller_id    TEXT        NOT NULL,
  start_at         TIMESTAMPTZ NOT NULL,
  caller           TEXT        NOT NULL,
  callee           TEXT        NOT NULL,
  duration_seconds INTEGER     NOT NULL CHECK (duration_seconds >= 0),
  answered         BOOLEAN     NOT NULL,
  cell             TEXT,
  subject_id       UUID,
  category         TEXT        NOT NULL,
  purposes         TEXT[]      NOT NULL,
  loaded_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (controller_id, caller, start_at, callee)
) PARTITION BY RANGE (start_at);
CREATE INDEX cdr_by_callee ON cdr (controller_id, callee, start_at);

-- A session of a subscriber (the account the network authenticated) with the address assigned.
CREATE TABLE telematic_session
(
  controller_id TEXT        NOT NULL,
  start_at      TIMESTAMPTZ NOT NULL,
  assigned_ip   INET        NOT NULL,
  subscriber    TEXT        NOT NULL,
  end_at        TIMESTAMPTZ,
  bytes_up      BIGINT      NOT NULL DEFAULT 0 CHECK (bytes_up >= 0),
  bytes_down    BIGINT      NOT NULL DEFAULT 0 CHECK (bytes_down >= 0),
  subject_id    UUID,
  category      TEXT        NOT NULL,
  purposes      TEXT[]      NOT NULL,
  loaded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (controller_id, assigned_ip, start_at),
  CHECK (end_at IS NULL OR end_at >= start_at)
) PARTITION BY RANGE (start_at);
CREATE INDEX telematic_session_by_subscriber ON telematic_session (controller_id, subscriber, start_at);

-- The monthly partitions of a traffic table covering [lo, hi], created when missing (named
-- <table>_yYYYYmMM). Runs as the schema's owner, so the application's role creates partitions
-- without the right to create tables of its own; concurrent imports wait for each other here.
CREATE FUNCTION traffic_create_partitions(parent TEXT, lo TIMESTAMPTZ, hi TIMESTAMPTZ) RETURNS INTEGER
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
  month   TIMESTAMP;
  name    TEXT;
  created INTEGER := 0;
BEGIN
  IF parent NOT IN ('cdr', 'telematic_session') THEN
    RAISE EXCEPTION 'not a traffic table: %', parent;
  END IF;
  IF lo IS NULL OR hi IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('traffic_partitions'));
  month := date_trunc('month', lo AT TIME ZONE 'UTC');
  WHILE month <= (hi AT TIME ZONE 'UTC') LOOP
    name := format('%s_y%sm%s', parent, to_char(month, 'YYYY'), to_char(month, 'MM'));
    IF to_regclass(name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', name, parent,
                     (month AT TIME ZONE 'UTC'), ((month + INTERVAL '1 month') AT TIME ZONE 'UTC'));
      created := created + 1;
    END IF;
    month := month + INTERVAL '1 month';
  END LOOP;
  RETURN created;
END
$$;
REVOKE ALL ON FUNCTION traffic_create_partitions(TEXT, TIMESTAMPTZ, TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION traffic_create_partitions(TEXT, TIMESTAMPTZ, TIMESTAMPTZ) TO ${appRole};

-- The partitions an import's staged rows (the temporary table import_staging) need.
CREATE PROCEDURE traffic_stage_partitions(parent TEXT)
  LANGUAGE plpgsql AS
$$
DECLARE
  lo TIMESTAMPTZ;
  hi TIMESTAMPTZ;
BEGIN
  SELECT min(start_at), max(start_at) INTO lo, hi FROM import_staging;
  PERFORM traffic_create_partitions(parent, lo, hi);
END
$$;
GRANT EXECUTE ON PROCEDURE traffic_stage_partitions(TEXT) TO ${appRole};

-- The partitions of a traffic table covering [lo, hi], for the application's role.
CREATE PROCEDURE traffic_partitions(parent TEXT, lo TIMESTAMPTZ, hi TIMESTAMPTZ)
  LANGUAGE plpgsql AS
$$
BEGIN
  PERFORM traffic_create_partitions(parent, lo, hi);
END
$$;
GRANT EXECUTE ON PROCEDURE traffic_partitions(TEXT, TIMESTAMPTZ, TIMESTAMPTZ) TO ${appRole};
