-- One audit event appended in one round trip: the chain's advisory lock, its head (read by a
-- statement of its own once the lock is held, as in audit_chain_head), the event linked after it
-- and inserted. The hash is the chain's own (docs/audit.md):
--   hash = lower-case hex(SHA-256(UTF-8(prev_hash || seq || after_seq)))
-- where after_seq is the event's canonical encoding from the TAB that follows its seq, which the
-- application writes (the encoding stays in one place); prev_hash is 64 zeros before the first.
CREATE FUNCTION audit_append_one(lock_key BIGINT, occurred TIMESTAMP WITH TIME ZONE, actor TEXT, actor_role TEXT,
                                 controller_id TEXT, action TEXT, target_ids TEXT[], category TEXT, purpose TEXT,
                                 outcome TEXT, client_address TEXT, after_seq TEXT)
  RETURNS TABLE (seq BIGINT, prev_hash TEXT, hash TEXT)
  LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
  new_seq  BIGINT;
  prev     TEXT;
  new_hash TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  SELECT e.seq, e.hash INTO new_seq, prev FROM audit_event e ORDER BY e.seq DESC LIMIT 1;
  new_seq := coalesce(new_seq, 0) + 1;
  prev := coalesce(prev, repeat('0', 64));
  new_hash := encode(sha256(convert_to(prev || new_seq::TEXT || after_seq, 'UTF8')), 'hex');
  INSERT INTO audit_event (seq, occurred_at, actor, actor_role, controller_id, action, target_ids, category,
                           purpose, outcome, client_address, prev_hash, hash)
  VALUES (new_seq, occurred, actor, actor_role, controller_id, action, target_ids, category, purpose, outcome,
          client_address, prev, new_hash);
  RETURN QUERY SELECT new_seq, prev, new_hash;
END
$$;
REVOKE ALL ON FUNCTION audit_append_one(BIGINT, TIMESTAMP WITH TIME ZONE, TEXT, TEXT, TEXT, TEXT, TEXT[], TEXT, TEXT,
  TEXT, TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append_one(BIGINT, TIMESTAMP WITH TIME ZONE, TEXT, TEXT, TEXT, TEXT, TEXT[], TEXT,
  TEXT, TEXT, TEXT, TEXT) TO ${appRole};
