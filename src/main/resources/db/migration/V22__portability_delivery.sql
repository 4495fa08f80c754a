-- Portability answers delivered straight to another controller's endpoint (GDPR art. 20(2)):
-- one row per delivery asked for, with its state, attempts and the next try; the zip itself
-- stays sealed in the request's result and is opened only to be sent.
CREATE TABLE portability_delivery
(
  id            UUID PRIMARY KEY,
  controller_id TEXT NOT NULL REFERENCES controller (id),
  request_id    UUID NOT NULL REFERENCES rights_request (id),
  url           TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  last_status   TEXT,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  delivered_at  TIMESTAMP WITH TIME ZONE
);

CREATE INDEX portability_delivery_due ON portability_delivery (next_at) WHERE state = 'pending';
CREATE INDEX portability_delivery_by_request ON portability_delivery (controller_id, request_id);

