-- What an erasure kept, record by record, and on which ground (GDPR art. 17(3)): the answer
-- lists it, and the request page shows it. A record names no personal data: its kind, its
-- id, the ground, and for a legal obligation the policy's rule, until when it keeps the
-- record (or the event it waits for) and the rule's legal reference.
CREATE TABLE rights_request_kept
(
  request_id      UUID    NOT NULL REFERENCES rights_request (id),
  controller_id   TEXT    NOT NULL REFERENCES controller (id),
  position        INTEGER NOT NULL,
  kind            TEXT    NOT NULL,
  record_id       UUID    NOT NULL,
  ground          TEXT    NOT NULL
    CHECK (ground IN ('legal_hold', 'legal_obligation', 'own_rules', 'identifies_kept', 'ledger_evidence')),
  rule_id         TEXT,
  until           DATE,
  waiting_for     TEXT,
  legal_reference TEXT,
  PRIMARY KEY (request_id, position)
);
