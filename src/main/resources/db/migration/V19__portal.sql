-- The subject portal's one-time codes: a code signs a person in to one controller's portal
-- for the address it was sent to. Neither the code nor the address is stored: both only as
-- keyed hashes (the key is outside the database). A code is used once, expires, and allows
-- a few attempts.
CREATE TABLE portal_code
(
  id            UUID PRIMARY KEY,
  controller_id TEXT NOT NULL REFERENCES controller (id),
  address_hash  TEXT NOT NULL,
  code_hash     TEXT NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  used_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX portal_code_by_address ON portal_code (controller_id, address_hash, created_at);

-- A person signed in to the portal follows the requests about them.
CREATE INDEX rights_request_by_subject ON rights_request (controller_id, subject_id);

-- The address of the person who sent a request through the portal, who follows it there
-- (also when the request names the subject by another identifier).
ALTER TABLE rights_request ADD COLUMN portal_address TEXT;
