-- The start of an audit append in one round trip: the chain's advisory lock, then its head. The head
-- is read by a statement of its own once the lock is held (a VOLATILE function takes a new snapshot
-- for each statement), so it sees what the lock's previous holder committed; a single SELECT taking
-- the lock would read with the snapshot it took before waiting.
CREATE FUNCTION audit_chain_head(lock_key BIGINT) RETURNS TABLE (seq BIGINT, hash TEXT)
  LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN QUERY SELECT e.seq, e.hash FROM audit_event e ORDER BY e.seq DESC LIMIT 1;
END
$$;
REVOKE ALL ON FUNCTION audit_chain_head(BIGINT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_chain_head(BIGINT) TO ${appRole};
