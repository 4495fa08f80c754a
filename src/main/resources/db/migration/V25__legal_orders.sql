-- Legal orders (Codice privacy art. 132 c.3 and c.3-bis): the only key to the justice vault. They
-- live in the vault's schema, reached only by the vault's role, like the data they open: the
-- operational role cannot read who is under investigation. The identifiers an order names are
-- sealed (AES-256-GCM, key outside the database) and carried as keyed hashes, as in vault.cdr.

-- kind and offence_class are keys of the controller's policy (justice.orders, .offence_classes).
-- validate_by: an urgent decree's deadline for validation (issued_at + the kind's validation);
-- validated_at / validation_refused_at: what the judge decided. window_from / window_to: the time
-- range of the records the order asks for. max_hits: above it the answer is refused, not cut.
CREATE TABLE vault.legal_order
(
  id                    UUID PRIMARY KEY,
  controller_id         TEXT        NOT NULL,
  kind                  TEXT        NOT NULL,
  authority             TEXT        NOT NULL,
  authorised_org        TEXT        NOT NULL,
  order_number          TEXT        NOT NULL,
  issued_at             TIMESTAMPTZ NOT NULL,
  received_at           TIMESTAMPTZ NOT NULL,
  offence_class         TEXT        NOT NULL,
  legal_basis           TEXT,
  window_from           TIMESTAMPTZ NOT NULL,
  window_to             TIMESTAMPTZ NOT NULL,
  max_hits              INTEGER     NOT NULL CHECK (max_hits > 0),
  validate_by           TIMESTAMPTZ,
  validated_at          TIMESTAMPTZ,
  validation_reference  TEXT,
  validation_refused_at TIMESTAMPTZ,
  revoked_at            TIMESTAMPTZ,
  registered_by         TEXT        NOT NULL,
  registered_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (controller_id, authorised_org, order_number),
  CHECK (window_from < window_to)
);
CREATE INDEX legal_order_by_controller ON vault.legal_order (controller_id, registered_at DESC);

-- The identifiers in an order's scope: a telephone number (E.164: calls from or to it), a
-- subscriber account or an assigned IP address (telematic sessions).
CREATE TABLE vault.legal_order_target
(
  order_id UUID    NOT NULL REFERENCES vault.legal_order (id),
  position INTEGER NOT NULL,
  kind     TEXT    NOT NULL CHECK (kind IN ('number', 'subscriber', 'address')),
  sealed   TEXT    NOT NULL,
  hash     BYTEA   NOT NULL,
  PRIMARY KEY (order_id, position)
);

-- Each answer given (or refused) for an order: the handover document (ETSI TS 102 657 structure,
-- header, records and signed digest) is kept sealed, so that the same answer can be handed over
-- again and checked later; digest and signature stay readable for verification.
CREATE TABLE vault.legal_order_answer
(
  id           UUID PRIMARY KEY,
  order_id     UUID        NOT NULL REFERENCES vault.legal_order (id),
  sequence     INTEGER     NOT NULL,
  answered_at  TIMESTAMPTZ NOT NULL,
  answered_by  TEXT        NOT NULL,
  outcome      TEXT        NOT NULL CHECK (outcome IN ('complete', 'refused')),
  reason       TEXT,
  hits         INTEGER     NOT NULL,
  document     TEXT,
  digest       TEXT,
  signature    TEXT,
  UNIQUE (order_id, sequence)
);
CREATE INDEX legal_order_answer_by_actor ON vault.legal_order_answer (answered_by, answered_at);

GRANT SELECT, INSERT ON vault.legal_order, vault.legal_order_target, vault.legal_order_answer TO ${vaultRole};
GRANT UPDATE (validated_at, validation_reference, validation_refused_at, revoked_at) ON vault.legal_order TO ${vaultRole};
REVOKE ALL ON vault.legal_order, vault.legal_order_target, vault.legal_order_answer FROM PUBLIC;

-- The vault's own rules of anomalous use raise alerts beside the audit log's.
ALTER TABLE audit_alert DROP CONSTRAINT audit_alert_kind_check;
ALTER TABLE audit_alert ADD CONSTRAINT audit_alert_kind_check
  CHECK (kind IN ('mass-read', 'off-hours', 'vault-mass-query', 'vault-out-of-scope'));
