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

CREATE OR REPLACE FUNCTION vault.drop_months(parent TEXT, controller TEXT, category TEXT, cutoff TIMESTAMPTZ) RETURNS BIGINT
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
