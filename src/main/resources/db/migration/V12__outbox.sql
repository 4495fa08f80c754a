-- The outbox: messages Tutela owes to people and organisations (a changed notice to every
-- subject told of it, a rights request's notice to recipients), written in the same
-- transaction as what causes them and delivered afterwards, with retries, so that nothing
-- acknowledged is lost if the process stops.

-- One text sent to many: its wording is stored once.
CREATE TABLE mailing
(
  id            UUID PRIMARY KEY,
  controller_id TEXT NOT NULL REFERENCES controller (id),
  kind          TEXT NOT NULL,
  -- what the mailing is about (a policy version, a request), unique per kind: a cause
  -- never makes two mailings
  reference     TEXT NOT NULL,
  subject_line  TEXT NOT NULL,
  body          TEXT NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, kind, reference)
);

CREATE TABLE outbox_message
(
  id              UUID PRIMARY KEY,
  mailing_id      UUID NOT NULL REFERENCES mailing (id) ON DELETE CASCADE,
  controller_id   TEXT NOT NULL REFERENCES controller (id),
  subject_id      UUID,
  recipient       TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  last_error      TEXT,
  transport       TEXT,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  sent_at         TIMESTAMP WITH TIME ZONE,
  UNIQUE (mailing_id, recipient),
  CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_message_by_controller ON outbox_message (controller_id, state, created_at);
CREATE INDEX outbox_message_by_subject ON outbox_message (subject_id);
