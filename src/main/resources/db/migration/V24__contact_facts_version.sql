-- A version of the facts a contact decision reads (subjects, their contracts, the consent
-- ledger), per controller: every statement that changes one of those tables moves the version
-- of each controller whose rows it touched, in its own transaction. A reader that loads the
-- facts and reads the version in one snapshot knows exactly which state it holds: the
-- in-memory index of campaign checks is used only while the version it was built at is still
-- the current one.
CREATE TABLE contact_facts_version
(
  controller_id TEXT   PRIMARY KEY REFERENCES controller (id),
  version       BIGINT NOT NULL
);

CREATE FUNCTION contact_facts_changed() RETURNS trigger
  LANGUAGE plpgsql AS
$$
BEGIN
  INSERT INTO contact_facts_version AS v (controller_id, version)
  SELECT DISTINCT controller_id, 1 FROM changed_rows
  ON CONFLICT (controller_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER subject_inserted AFTER INSERT ON subject REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_changed();
CREATE TRIGGER subject_updated AFTER UPDATE ON subject REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_changed();
CREATE TRIGGER subject_deleted AFTER DELETE ON subject REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_changed();
CREATE TRIGGER contract_inserted AFTER INSERT ON contract REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_changed();
CREATE TRIGGER contract_updated AFTER UPDATE ON contract REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_changed();
CREATE TRIGGER contract_deleted AFTER DELETE ON contract REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_changed();
CREATE TRIGGER consent_event_inserted AFTER INSERT ON consent_event REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_changed();

-- A campaign check's results, one compact record per check instead of a row per number: the
-- numbers, provenances and reasons encoded by the application. Stored as they are (a list of
-- numbers compresses poorly, and compressing it would cost the check its time).
CREATE TABLE campaign_check_result
(
  check_id UUID    PRIMARY KEY REFERENCES campaign_check (id),
  lines    INTEGER NOT NULL,
  data     BYTEA   NOT NULL
);
ALTER TABLE campaign_check_result ALTER COLUMN data SET STORAGE EXTERNAL;
