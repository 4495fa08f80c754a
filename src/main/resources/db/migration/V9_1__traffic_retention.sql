-- Retention of traffic data by whole months: the monthly partitions of a traffic table that end on
-- or before a cutoff and hold no other controller's records are detached and dropped, each in one
-- operation, as the schema's owner. Returns how many records went with them.
CREATE FUNCTION traffic_drop_partitions(parent TEXT, controller TEXT, cutoff TIMESTAMPTZ) RETURNS BIGINT
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
  part    RECORD;
  upper   TIMESTAMPTZ;
  others  BOOLEAN;
  held    BIGINT;
  dropped BIGINT := 0;
BEGIN
  IF parent NOT IN ('cdr', 'telematic_session') THEN
    RAISE EXCEPTION 'not a traffic table: %', parent;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('traffic_partitions'));
  FOR part IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = parent::regclass AND c.relname ~ ('^' || parent || '_y[0-9]{4}m[0-9]{2}$')
    ORDER BY c.relname
  LOOP
    upper := (to_timestamp(right(part.relname, 7), 'YYYY"m"MM')::TIMESTAMP + INTERVAL '1 month') AT TIME ZONE 'UTC';
    CONTINUE WHEN upper > cutoff;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE controller_id <> %L)', part.relname, controller) INTO others;
    CONTINUE WHEN others;
    EXECUTE format('SELECT count(*) FROM %I', part.relname) INTO held;
    EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parent, part.relname);
    EXECUTE format('DROP TABLE %I', part.relname);
    dropped := dropped + held;
  END LOOP;
  RETURN dropped;
END
$$;
REVOKE ALL ON FUNCTION traffic_drop_partitions(TEXT, TEXT, TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION traffic_drop_partitions(TEXT, TEXT, TIMESTAMPTZ) TO ${appRole};
