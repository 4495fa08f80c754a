-- The breach register (GDPR art. 33-34): every personal data breach stays on it, notified or
-- not, with its clock, the decision and its reasons, and the information given in phases.
CREATE TABLE breach
(
  id                    UUID PRIMARY KEY,
  controller_id         TEXT    NOT NULL REFERENCES controller (id),
  number                INTEGER NOT NULL CHECK (number > 0),
  title                 TEXT    NOT NULL,
  occurred_at           TIMESTAMP WITH TIME ZONE,
  aware_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  -- the deadline computed from the policy in force when the breach was recorded
  deadline              TIMESTAMP WITH TIME ZONE NOT NULL,
  nature                TEXT[]  NOT NULL,
  description           TEXT    NOT NULL,
  categories            TEXT[]  NOT NULL,
  subjects_approx       BIGINT CHECK (subjects_approx >= 0),
  records_approx        BIGINT CHECK (records_approx >= 0),
  consequences          TEXT    NOT NULL,
  measures_taken        TEXT    NOT NULL,
  measures_proposed     TEXT,
  risk                  TEXT    NOT NULL CHECK (risk IN ('unlikely', 'risk', 'high')),
  notify_authority      BOOLEAN,
  authority_reason      TEXT,
  notify_subjects       BOOLEAN,
  subjects_reason       TEXT,
  art34_exception       TEXT,
  decided_at            TIMESTAMP WITH TIME ZONE,
  authority_notified_at TIMESTAMP WITH TIME ZONE,
  lateness_reason       TEXT,
  subjects_notified_at  TIMESTAMP WITH TIME ZONE,
  recorded_by           TEXT    NOT NULL,
  recorded_at           TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, number),
  CHECK (occurred_at IS NULL OR occurred_at <= aware_at),
  CHECK (authority_notified_at IS NULL OR authority_notified_at <= deadline OR lateness_reason IS NOT NULL)
);

-- What happened to a breach, in order: its recording, information given in phases, the
-- decision, the notifications. Never changed.
CREATE TABLE breach_event
(
  id         UUID PRIMARY KEY,
  breach_id  UUID NOT NULL REFERENCES breach (id),
  at         TIMESTAMP WITH TIME ZONE NOT NULL,
  kind       TEXT NOT NULL,
  text       TEXT NOT NULL,
  actor      TEXT NOT NULL
);
CREATE INDEX breach_event_by_breach ON breach_event (breach_id, at);
