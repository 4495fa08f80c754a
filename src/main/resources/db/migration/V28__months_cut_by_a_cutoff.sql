-- The months a retention cutoff cuts.
--
-- A cutoff inside a month leaves the run to read that month by time: the records before the cutoff
-- are counted or deleted, the others kept. The tables' keys begin with the controller and a number,
-- so that read was the whole month's partition. A BRIN index on the start serves it instead: the
-- records of a month arrive roughly in the order of their start, so a few summaries of block
-- ranges tell which blocks hold a given span of days (summarised as each range fills).
CREATE INDEX cdr_by_start ON cdr USING brin (start_at) WITH (autosummarize = on);
CREATE INDEX telematic_session_by_start ON telematic_session USING brin (start_at) WITH (autosummarize = on);
CREATE INDEX vault_cdr_by_start ON vault.cdr USING brin (start_at) WITH (autosummarize = on);
CREATE INDEX vault_session_by_start ON vault.telematic_session USING brin (start_at) WITH (autosummarize = on);

-- One month of a traffic table moved out whole, as traffic_drop_partition(parent, controller,
-- month_start) does, when a rule takes out only its records from kept_from on and the records
-- before kept_from are past the next rule's cutoff (the rule that deletes them has them in the
-- vault and takes them from there; out of the operational table they go in any case). Returns how
-- many of the records from kept_from on went (the records before it counted under the month's lock,
-- the month's total as counted when sealed), or -1 when the month is left.
CREATE FUNCTION traffic_drop_partition(parent TEXT, controller TEXT, month_start TIMESTAMPTZ,
                                       kept_from TIMESTAMPTZ) RETURNS BIGINT
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
  name   TEXT;
  others BOOLEAN;
  held   BIGINT;
  before BIGINT := 0;
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
  IF kept_from > month_start THEN
    EXECUTE format('SELECT count(*) FROM %I WHERE start_at < $1', name) INTO before USING kept_from;
  END IF;
  EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parent, name);
  PERFORM drop_later(name::regclass);
  DELETE FROM traffic_month WHERE kind = parent AND month = month_start;
  RETURN held - before;
END
$$;
REVOKE ALL ON FUNCTION traffic_drop_partition(TEXT, TEXT, TIMESTAMPTZ, TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION traffic_drop_partition(TEXT, TEXT, TIMESTAMPTZ, TIMESTAMPTZ) TO ${appRole};

-- The whole month, every record of it counted.
CREATE OR REPLACE FUNCTION traffic_drop_partition(parent TEXT, controller TEXT, month_start TIMESTAMPTZ) RETURNS BIGINT
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
SELECT traffic_drop_partition(parent, controller, month_start, month_start)
$$;
