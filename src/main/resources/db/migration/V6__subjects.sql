-- Subjects and the records about them. Every record belongs to one controller and carries its
-- tags: the data category, the purposes it is kept for, where it came from and when.
CREATE TABLE subject
(
  id              UUID PRIMARY KEY,
  controller_id   TEXT    NOT NULL REFERENCES controller (id),
  subject_key     TEXT    NOT NULL,
  category        TEXT    NOT NULL,
  purposes        TEXT[]  NOT NULL,
  source          TEXT    NOT NULL,
  special         BOOLEAN NOT NULL DEFAULT FALSE,
  given_name      TEXT,
  family_name     TEXT,
  codice_fiscale  TEXT,
  email           TEXT,
  phone           TEXT,
  customer_code   TEXT,
  licence_number  TEXT,
  portal_account  TEXT,
  address         TEXT,
  collected_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_contact_at TIMESTAMP WITH TIME ZONE,
  restricted      BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, subject_key)
);
CREATE INDEX subject_by_codice_fiscale ON subject (controller_id, codice_fiscale);
CREATE INDEX subject_by_email ON subject (controller_id, email);
CREATE INDEX subject_by_phone ON subject (controller_id, phone);
CREATE INDEX subject_by_customer_code ON subject (controller_id, customer_code);
CREATE INDEX subject_by_licence ON subject (controller_id, licence_number);
CREATE INDEX subject_by_name ON subject (controller_id, lower(family_name), lower(given_name));

CREATE TABLE contract
(
  id              UUID PRIMARY KEY,
  controller_id   TEXT   NOT NULL REFERENCES controller (id),
  subject_id      UUID   NOT NULL REFERENCES subject (id),
  contract_number TEXT   NOT NULL,
  service         TEXT,
  start_date      DATE   NOT NULL,
  end_date        DATE,
  category        TEXT   NOT NULL,
  purposes        TEXT[] NOT NULL,
  source          TEXT   NOT NULL,
  collected_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, contract_number),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX contract_by_subject ON contract (subject_id);

CREATE TABLE portal_account
(
  id               UUID PRIMARY KEY,
  controller_id    TEXT   NOT NULL REFERENCES controller (id),
  subject_id       UUID   NOT NULL REFERENCES subject (id),
  username         TEXT   NOT NULL,
  opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  last_activity_at TIMESTAMP WITH TIME ZONE,
  closed_on        DATE,
  category         TEXT   NOT NULL,
  purposes         TEXT[] NOT NULL,
  source           TEXT   NOT NULL,
  collected_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, username)
);
CREATE INDEX portal_account_by_subject ON portal_account (subject_id);

CREATE TABLE invoice
(
  id             UUID PRIMARY KEY,
  controller_id  TEXT    NOT NULL REFERENCES controller (id),
  subject_id     UUID    NOT NULL REFERENCES subject (id),
  contract_id    UUID REFERENCES contract (id),
  invoice_number TEXT    NOT NULL,
  issued_on      DATE    NOT NULL,
  due_on         DATE,
  amount_cents   BIGINT  NOT NULL,
  currency       TEXT    NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  disputed       BOOLEAN NOT NULL DEFAULT FALSE,
  category       TEXT    NOT NULL,
  purposes       TEXT[]  NOT NULL,
  source         TEXT    NOT NULL,
  collected_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, invoice_number)
);
CREATE INDEX invoice_by_subject ON invoice (subject_id);

CREATE TABLE payment
(
  id            UUID PRIMARY KEY,
  controller_id TEXT   NOT NULL REFERENCES controller (id),
  subject_id    UUID   NOT NULL REFERENCES subject (id),
  invoice_id    UUID REFERENCES invoice (id),
  reference     TEXT   NOT NULL,
  paid_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  amount_cents  BIGINT NOT NULL,
  method        TEXT,
  category      TEXT   NOT NULL,
  purposes      TEXT[] NOT NULL,
  source        TEXT   NOT NULL,
  collected_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  UNIQUE (controller_id, reference)
);
CREATE INDEX payment_by_subject ON payment (subject_id);
