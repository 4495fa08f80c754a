-- Staff accounts, their roles and the controllers each may see; recovery codes; API tokens.
CREATE TABLE staff_account
(
  id                 UUID PRIMARY KEY,
  username           TEXT    NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name       TEXT    NOT NULL,
  password_hash      TEXT    NOT NULL,
  password_temporary BOOLEAN NOT NULL DEFAULT TRUE,
  all_controllers    BOOLEAN NOT NULL DEFAULT FALSE,
  enabled            BOOLEAN NOT NULL DEFAULT TRUE,
  totp_secret        TEXT,
  totp_enabled       BOOLEAN NOT NULL DEFAULT FALSE,
  totp_last_step     BIGINT,
  failed_logins      INTEGER NOT NULL DEFAULT 0,
  last_failed_at     TIMESTAMP WITH TIME ZONE,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE TABLE staff_role
(
  account_id UUID NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('dpo', 'operator', 'complaint_handler', 'judicial_liaison',
                                           'system_administrator', 'client_user', 'auditor')),
  PRIMARY KEY (account_id, role)
);

CREATE TABLE staff_controller
(
  account_id    UUID NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
  controller_id TEXT NOT NULL REFERENCES controller (id),
  PRIMARY KEY (account_id, controller_id)
);

CREATE TABLE recovery_code
(
  account_id UUID NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
  code_hash  TEXT NOT NULL,
  used_at    TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (account_id, code_hash)
);

CREATE TABLE api_token
(
  id              UUID PRIMARY KEY,
  account_id      UUID    NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
  name            TEXT    NOT NULL,
  token_hash      TEXT    NOT NULL UNIQUE,
  roles           TEXT[]  NOT NULL,
  all_controllers BOOLEAN NOT NULL,
  controllers     TEXT[]  NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at      TIMESTAMP WITH TIME ZONE,
  last_used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_token_by_account ON api_token (account_id);
