-- Pseudonymisation (GDPR art. 4(5)): an identifier is replaced by a keyed token (SHA-256 of a
-- per-controller random key and the value); the key and the table from token back to value live in
-- their own schema, on which the application's role (${appRole}) has no privilege. It may only
-- call pseudonym() to obtain a token, and pseudonym_reveal() which the retention module's
-- re-identification service calls for the DPO alone, auditing each call.
CREATE SCHEMA reidentification;
REVOKE ALL ON SCHEMA reidentification FROM PUBLIC;

CREATE TABLE reidentification.secret
(
  controller_id TEXT PRIMARY KEY,
  key           BYTEA NOT NULL
);

CREATE TABLE reidentification.pseudonym
(
  controller_id TEXT        NOT NULL,
  token         TEXT        NOT NULL,
  value         TEXT        NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (controller_id, token)
);
REVOKE ALL ON ALL TABLES IN SCHEMA reidentification FROM PUBLIC;

CREATE FUNCTION pseudonym(controller TEXT, value TEXT) RETURNS TEXT
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = reidentification, pg_catalog, pg_temp AS
$$
DECLARE
  secret BYTEA;
  result TEXT;
BEGIN
  IF value IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT s.key INTO secret FROM reidentification.secret s WHERE s.controller_id = controller;
  IF secret IS NULL THEN
    INSERT INTO reidentification.secret (controller_id, key)
    VALUES (controller, uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()))
    ON CONFLICT (controller_id) DO NOTHING;
    SELECT s.key INTO secret FROM reidentification.secret s WHERE s.controller_id = controller;
  END IF;
  result := 'ps-' || left(encode(sha256(secret || convert_to(value, 'UTF8')), 'hex'), 24);
  INSERT INTO reidentification.pseudonym (controller_id, token, value) VALUES (controller, result, value)
  ON CONFLICT (controller_id, token) DO NOTHING;
  RETURN result;
END
$$;

CREATE FUNCTION pseudonym_reveal(controller TEXT, pseudonym TEXT) RETURNS TEXT
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = reidentification, pg_catalog, pg_temp AS
$$
  SELECT p.value FROM reidentification.pseudonym p WHERE p.controller_id = controller AND p.token = pseudonym
$$;

REVOKE ALL ON FUNCTION pseudonym(TEXT, TEXT) FROM PUBLIC;
REVOKE ALL ON FUNCTION pseudonym_reveal(TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pseudonym(TEXT, TEXT) TO ${appRole};
GRANT EXECUTE ON FUNCTION pseudonym_reveal(TEXT, TEXT) TO ${appRole};
