-- The licence number of a support ticket is mandatory only where the controller's policy says so
-- (records[].required); an operator's complaint carries none.
ALTER TABLE support_ticket ALTER COLUMN licence_number DROP NOT NULL;
