-- Rights requests (GDPR art. 15-22): who asked what, through which channel, when it is due, and
-- every step as an append-only event. The subject may be unknown to the controller (subject_id
-- null, the reference as given kept). Identity proofs and results are sealed with a key kept
-- outside the database (AES-256-GCM): a stolen database alone reveals neither.

CREATE TABLE rights_request
(
  id                UUID PRIMARY KEY,
  controller_id     TEXT    NOT NULL REFERENCES controller (id),
  type              TEXT    NOT NULL,
  subject_id        UUID REFERENCES subject (id) ON DELETE SET NULL,
  subject_reference TEXT,
  requester         TEXT    NOT NULL CHECK (requester IN ('subject', 'delegate')),
  delegate_name     TEXT,
  channel           TEXT    NOT NULL,
  identity_certain  BOOLEAN NOT NULL,
  received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  details           TEXT,
  state             TEXT    NOT NULL
    CHECK (state IN ('received', 'identity_verified', 'in_progress', 'answered', 'denied')),
  first_due_on      DATE    NOT NULL,
  due_on            DATE    NOT NULL CHECK (due_on >= first_due_on),
  extended          BOOLEAN NOT NULL DEFAULT false,
  closed_at         TIMESTAMP WITH TIME ZONE,
  proofs_purge_on   DATE,
  result_sealed     TEXT,
  CHECK (subject_id IS NOT NULL OR subject_reference IS NOT NULL),
  CHECK (requester = 'subject' OR delegate_name IS NOT NULL),
  CHECK ((state IN ('answered', 'denied')) = (closed_at IS NOT NULL))
);

CREATE INDEX rights_request_open ON rights_request (controller_id, state, due_on);

CREATE TABLE rights_request_event
(
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id    UUID NOT NULL REFERENCES rights_request (id),
  controller_id TEXT NOT NULL REFERENCES controller (id),
  at            TIMESTAMP WITH TIME ZONE NOT NULL,
  kind          TEXT NOT NULL,
  actor         TEXT NOT NULL,
  reason        TEXT,
  due_on        DATE
);

CREATE INDEX rights_request_event_request ON rights_request_event (request_id, id);

DO $$
BEGIN
  IF '${appRole}' = 'CURRENT_USER' OR '${appRole}' = current_user THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON rights_request_event FROM CURRENT_USER;
  ELSE
    REVOKE UPDATE, DELETE, TRUNCATE ON rights_request_event FROM ${appRole};
  END IF;
END $$;

CREATE FUNCTION rights_request_event_append_only() RETURNS trigger
  LANGUAGE plpgsql AS
$$
BEGIN
  RAISE EXCEPTION 'the history of a rights request is append-only: % on rights_request_event refused', TG_OP;
END
$$;

CREATE TRIGGER rights_request_event_no_update_or_delete
  BEFORE UPDATE OR DELETE ON rights_request_event
  FOR EACH ROW EXECUTE FUNCTION rights_request_event_append_only();

CREATE TRIGGER rights_request_event_no_truncate
  BEFORE TRUNCATE ON rights_request_event
  FOR EACH STATEMENT EXECUTE FUNCTION rights_request_event_append_only();

-- An identity document, a proxy or a delegate's document: name and content sealed.
CREATE TABLE rights_request_proof
(
  id            UUID PRIMARY KEY,
  request_id    UUID    NOT NULL REFERENCES rights_request (id),
  controller_id TEXT    NOT NULL REFERENCES controller (id),
  kind          TEXT    NOT NULL CHECK (kind IN ('identity_document', 'proxy', 'delegate_document')),
  name_sealed   TEXT    NOT NULL,
  content_type  TEXT    NOT NULL,
  size          INTEGER NOT NULL CHECK (size > 0),
  content_sealed TEXT   NOT NULL,
  uploaded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX rights_request_proof_request ON rights_request_proof (request_id);
