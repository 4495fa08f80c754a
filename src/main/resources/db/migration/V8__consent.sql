-- The consent ledger: every consent given, withdrawn or objected to, with its evidence, as an
-- event. Nothing is updated in place: the history is the record (docs/consent.md).
-- An entry concerns a subject, or for a prospect a bare number (E.164) or e-mail address.
-- scope: a modality ('automated' covers every channel, since consent to or opposition against
-- automated channels extends to traditional ones; 'traditional' covers paper mail and operator
-- calls) or one channel of the policy's marketing.channels.
CREATE TABLE consent_event
(
  id              UUID PRIMARY KEY,
  controller_id   TEXT    NOT NULL REFERENCES controller (id),
  subject_id      UUID REFERENCES subject (id),
  phone           TEXT CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
  email           TEXT CHECK (email LIKE '%_@_%'),
  purpose         TEXT    NOT NULL,
  scope           TEXT    NOT NULL CHECK (scope IN ('automated', 'traditional', 'email', 'sms', 'mms', 'fax',
                                                    'automated_call', 'app_notification', 'paper_mail',
                                                    'operator_call')),
  event           TEXT    NOT NULL CHECK (event IN ('given', 'withdrawn', 'objected')),
  occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  recorded_by     TEXT    NOT NULL,
  method          TEXT    NOT NULL,
  collected_by    TEXT,
  notice_version  TEXT,
  list_provenance TEXT,
  third_party_use BOOLEAN NOT NULL DEFAULT FALSE,
  CHECK (num_nonnulls(subject_id, phone, email) = 1)
);
CREATE INDEX consent_event_by_subject ON consent_event (controller_id, subject_id, occurred_at);
CREATE INDEX consent_event_by_phone ON consent_event (controller_id, phone, occurred_at);
CREATE INDEX consent_event_by_email ON consent_event (controller_id, email, occurred_at);
CREATE INDEX consent_event_by_recording ON consent_event (controller_id, recorded_at);

-- The application may add to the ledger and read it, never change or remove an entry; the owner
-- is stopped by the triggers.
DO $$
BEGIN
  IF '${appRole}' = 'CURRENT_USER' OR '${appRole}' = current_user THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON consent_event FROM CURRENT_USER;
  ELSE
    REVOKE UPDATE, DELETE, TRUNCATE ON consent_event FROM ${appRole};
  END IF;
END $$;

CREATE FUNCTION consent_event_append_only() RETURNS trigger
  LANGUAGE plpgsql AS
$$
BEGIN
  RAISE EXCEPTION 'the consent ledger is append-only: % on consent_event refused', TG_OP;
END
$$;

CREATE TRIGGER consent_event_no_update_or_delete
  BEFORE UPDATE OR DELETE ON consent_event
  FOR EACH ROW EXECUTE FUNCTION consent_event_append_only();

CREATE TRIGGER consent_event_no_truncate
  BEFORE TRUNCATE ON consent_event
  FOR EACH STATEMENT EXECUTE FUNCTION consent_event_append_only();

-- Snapshots of the Registro Pubblico delle Opposizioni as a controller received them, and their
-- numbers (E.164 digits without the '+', as a number) with the date each was registered. The
-- entries carry no foreign key so that millions of rows stream in through COPY; they are read
-- only through their snapshot, which belongs to one controller.
CREATE TABLE register_snapshot
(
  id            UUID PRIMARY KEY,
  controller_id TEXT   NOT NULL REFERENCES controller (id),
  taken_on      DATE   NOT NULL,
  imported_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  imported_by   TEXT   NOT NULL,
  file_name     TEXT,
  entries       BIGINT NOT NULL
);
CREATE INDEX register_snapshot_newest ON register_snapshot (controller_id, taken_on DESC, imported_at DESC);

CREATE TABLE register_entry
(
  snapshot_id   UUID   NOT NULL,
  number        BIGINT NOT NULL,
  registered_on DATE   NOT NULL
);
CREATE INDEX register_entry_by_number ON register_entry (snapshot_id, number) INCLUDE (registered_on);

-- Campaign lists checked against the register and the ledger: when, against which snapshot,
-- and for every number whether it may be called and why.
CREATE TABLE campaign_check
(
  id            UUID PRIMARY KEY,
  controller_id TEXT   NOT NULL REFERENCES controller (id),
  name          TEXT,
  purpose       TEXT   NOT NULL,
  channel       TEXT   NOT NULL,
  checked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  checked_by    TEXT   NOT NULL,
  snapshot_id   UUID REFERENCES register_snapshot (id),
  numbers       BIGINT NOT NULL,
  callable      BIGINT NOT NULL
);
CREATE INDEX campaign_check_by_controller ON campaign_check (controller_id, checked_at DESC);

CREATE TABLE campaign_check_entry
(
  check_id   UUID    NOT NULL,
  line       INTEGER NOT NULL,
  number     TEXT    NOT NULL,
  provenance TEXT    NOT NULL,
  callable   BOOLEAN NOT NULL,
  reason     TEXT    NOT NULL,
  PRIMARY KEY (check_id, line)
);
