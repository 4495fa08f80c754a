-- Service records: support tickets and remote-assistance sessions (Nanosystems), the call log and
-- call notes, receptionist configuration, caller lists and contacts imported on consent of a virtual
-- receptionist's client controllers (MySegretaria), and call-recording metadata (IPKOM §8).
-- Every record belongs to one controller and carries its tags (category, purposes, source,
-- collected_at); each has a natural key unique within its controller, so that importing the same
-- file again changes nothing. A link to a subject is optional: it is set when the record names one.

CREATE TABLE support_ticket
(
  id               UUID PRIMARY KEY,
  controller_id    TEXT    NOT NULL REFERENCES controller (id),
  ticket_number    BIGINT  NOT NULL CHECK (ticket_number > 0),
  subject_id       UUID REFERENCES subject (id),
  name             TEXT    NOT NULL,
  email            TEXT    NOT NULL,
  subject_line     TEXT    NOT NULL,
  message          TEXT    NOT NULL,
  licence_number   TEXT    NOT NULL,
  attachment_count INTEGER NOT NULL DEFAULT 0 CHECK (attachment_count >= 0),
  attachment_names TEXT[]  NOT NULL DEFAULT '{}',
  opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  closed_at        TIMESTAMP WITH TIME ZONE,
  category         TEXT    NOT NULL,
  purposes         TEXT[]  NOT NULL,
  source           TEXT    NOT NULL,
  collected_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, ticket_number),
  CHECK (closed_at IS NULL OR closed_at >= opened_at),
  CHECK (attachment_count >= cardinality(attachment_names))
);
CREATE INDEX support_ticket_by_subject ON support_ticket (subject_id);
CREATE INDEX support_ticket_by_email ON support_ticket (controller_id, email);
CREATE INDEX support_ticket_by_opened ON support_ticket (controller_id, opened_at);

-- Start and end are instants (shown in UTC, as the notice promises: GMT).
CREATE TABLE remote_session
(
  id            UUID PRIMARY KEY,
  controller_id TEXT   NOT NULL REFERENCES controller (id),
  subject_id    UUID REFERENCES subject (id),
  remote_id     TEXT   NOT NULL,
  ip_address    INET   NOT NULL,
  started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at      TIMESTAMP WITH TIME ZONE,
  category      TEXT   NOT NULL,
  purposes      TEXT[] NOT NULL,
  source        TEXT   NOT NULL,
  collected_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, remote_id, started_at),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX remote_session_by_subject ON remote_session (subject_id);
CREATE INDEX remote_session_by_started ON remote_session (controller_id, started_at);

-- Numbers are in E.164.
CREATE TABLE call_log
(
  id            UUID PRIMARY KEY,
  controller_id TEXT   NOT NULL REFERENCES controller (id),
  subject_id    UUID REFERENCES subject (id),
  caller_name   TEXT,
  number        TEXT   NOT NULL,
  called_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  request       TEXT,
  category      TEXT   NOT NULL,
  purposes      TEXT[] NOT NULL,
  source        TEXT   NOT NULL,
  collected_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, number, called_at)
);
CREATE INDEX call_log_by_subject ON call_log (subject_id);
CREATE INDEX call_log_by_called ON call_log (controller_id, called_at);

-- A note the client deletes is deleted for good: no flag, no copy (MySegretaria §7.1).
CREATE TABLE call_note
(
  id            UUID PRIMARY KEY,
  controller_id TEXT   NOT NULL REFERENCES controller (id),
  call_id       UUID   NOT NULL REFERENCES call_log (id) ON DELETE CASCADE,
  note          TEXT   NOT NULL,
  noted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  category      TEXT   NOT NULL,
  purposes      TEXT[] NOT NULL,
  source        TEXT   NOT NULL,
  collected_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, call_id, noted_at)
);
CREATE INDEX call_note_by_call ON call_note (call_id);

-- One configuration per client controller. Availability: entries 'mon 09:00-13:00'; forwarding:
-- entries 'busy +390612345678' (condition and number in E.164).
CREATE TABLE receptionist_config
(
  id                 UUID PRIMARY KEY,
  controller_id      TEXT   NOT NULL UNIQUE REFERENCES controller (id),
  availability       TEXT[] NOT NULL,
  forwarding         TEXT[] NOT NULL,
  notification_email TEXT,
  category           TEXT   NOT NULL,
  purposes           TEXT[] NOT NULL,
  source             TEXT   NOT NULL,
  collected_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE TABLE caller_list_entry
(
  id            UUID PRIMARY KEY,
  controller_id TEXT   NOT NULL REFERENCES controller (id),
  number        TEXT   NOT NULL,
  name          TEXT,
  kind          TEXT   NOT NULL CHECK (kind IN ('blacklist', 'vip')),
  category      TEXT   NOT NULL,
  purposes      TEXT[] NOT NULL,
  source        TEXT   NOT NULL,
  collected_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, number)
);

-- Natural key: the number, else the e-mail ('phone:+39…', 'email:…'). No contact without the time
-- its consent was given.
CREATE TABLE imported_contact
(
  id               UUID PRIMARY KEY,
  controller_id    TEXT   NOT NULL REFERENCES controller (id),
  contact_key      TEXT   NOT NULL,
  name             TEXT,
  number           TEXT,
  email            TEXT,
  consent_given_at TIMESTAMP WITH TIME ZONE NOT NULL,
  category         TEXT   NOT NULL,
  purposes         TEXT[] NOT NULL,
  source           TEXT   NOT NULL,
  collected_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, contact_key),
  CHECK (number IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX imported_contact_by_number ON imported_contact (controller_id, number);
CREATE INDEX imported_contact_by_email ON imported_contact (controller_id, email);

-- Metadata of recorded calls; a call is recorded only after the recorded announcement (IPKOM §8).
CREATE TABLE call_recording
(
  id                  UUID PRIMARY KEY,
  controller_id       TEXT    NOT NULL REFERENCES controller (id),
  call_reference      TEXT    NOT NULL,
  subject_id          UUID REFERENCES subject (id),
  number              TEXT,
  recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  duration_seconds    INTEGER CHECK (duration_seconds >= 0),
  announcement_played BOOLEAN NOT NULL CHECK (announcement_played),
  category            TEXT    NOT NULL,
  purposes            TEXT[]  NOT NULL,
  source              TEXT    NOT NULL,
  collected_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, call_reference)
);
CREATE INDEX call_recording_by_subject ON call_recording (subject_id);
CREATE INDEX call_recording_by_recorded ON call_recording (controller_id, recorded_at);
