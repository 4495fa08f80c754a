-- A condition an audit append waits on (AuditLog.record with a Precondition): sent in the
-- append's own round trip, just before it, it raises an error when the condition does not
-- hold, so that the server skips the statements after it and rolls back what the round trip
-- did. A caller that answered from memory learns so, without a round trip of its own,
-- whether what it answered from was still current.
CREATE FUNCTION audit_require(holds BOOLEAN) RETURNS BOOLEAN
  LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
  IF holds IS NOT TRUE THEN
    RAISE EXCEPTION 'the precondition of the audit append does not hold' USING ERRCODE = 'TA001';
  END IF;
  RETURN true;
END
$$;
REVOKE ALL ON FUNCTION audit_require(BOOLEAN) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_require(BOOLEAN) TO ${appRole};
