-- Controllers (tenants) and the versions of their policy (the privacy notice as code).
CREATE TABLE controller
(
  id           TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name         TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('controller', 'processor')),
  processor_id TEXT REFERENCES controller (id),
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE TABLE policy_version
(
  controller_id TEXT    NOT NULL REFERENCES controller (id),
  version       INTEGER NOT NULL CHECK (version > 0),
  accepted_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  notice_date   DATE    NOT NULL,
  source_name   TEXT    NOT NULL,
  source_yaml   TEXT    NOT NULL,
  sha256        TEXT    NOT NULL,
  origin        TEXT    NOT NULL CHECK (origin IN ('seed', 'upload')),
  PRIMARY KEY (controller_id, version)
);
