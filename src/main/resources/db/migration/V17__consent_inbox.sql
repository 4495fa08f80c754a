-- Objections by e-mail: every message received at a controller's objection address (polled
-- from a mailbox, or handed in by an operator), once per Message-ID. Tutela proposes the
-- subject the sender or a quoted unsubscribe link names; a person confirms (an objection on
-- the ledger, consent_event_id) or decides otherwise (not an objection). The message is the
-- evidence of the objection.
CREATE TABLE consent_inbox_message
(
  id               UUID PRIMARY KEY,
  controller_id    TEXT NOT NULL REFERENCES controller (id),
  message_id       TEXT NOT NULL,
  received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at          TIMESTAMP WITH TIME ZONE,
  sender           TEXT,
  subject_line     TEXT,
  body             TEXT NOT NULL,
  source           TEXT NOT NULL CHECK (source IN ('mailbox', 'upload', 'api')),
  received_by      TEXT NOT NULL,
  objection_like   BOOLEAN NOT NULL,
  match            TEXT NOT NULL CHECK (match IN ('link', 'sender', 'ambiguous', 'none')),
  proposed_subject UUID REFERENCES subject (id) ON DELETE SET NULL,
  -- a prospect a quoted unsubscribe link names (a bare address or number, as on the ledger)
  proposed_email   TEXT,
  proposed_phone   TEXT,
  candidates       UUID[] NOT NULL DEFAULT '{}',
  link_purpose     TEXT,
  state            TEXT NOT NULL CHECK (state IN ('proposed', 'pending', 'objection', 'not_objection')),
  decided_at       TIMESTAMP WITH TIME ZONE,
  decided_by       TEXT,
  -- the ledger entry (no foreign key: the append-only ledger refuses TRUNCATE by its own trigger)
  consent_event_id UUID,
  UNIQUE (controller_id, message_id)
);
CREATE INDEX consent_inbox_by_state ON consent_inbox_message (controller_id, state, received_at DESC);

-- The periodic re-check of marketing contact data: the subjects whose data went stale
-- (marketing.contact_expiry after the last contact) or whose continued interest is due to be
-- asked again (marketing.interest_recheck), as the newest run found them.
CREATE TABLE stale_contact
(
  controller_id TEXT NOT NULL REFERENCES controller (id),
  subject_id    UUID NOT NULL REFERENCES subject (id) ON DELETE CASCADE,
  reason        TEXT NOT NULL CHECK (reason IN ('contact_expired', 'interest_recheck_due')),
  last_contact  DATE NOT NULL,
  due_on        DATE NOT NULL,
  checked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (controller_id, subject_id)
);
