-- The numbers each change of the contact facts touched, so that an index of them in memory
-- catches up by reading again only those numbers instead of being built again whole.
--
-- Every statement on subject, contract or consent_event still moves its controllers'
-- version (contact_facts_version) by one; with it, it journals the numbers whose facts it may
-- have changed at that new version. An index at version v catches up to the current version
-- c when the journal holds every version after v (journal_from <= v + 1): it reads the
-- journal rows of versions v+1..c and the facts of those numbers, in one snapshot.
--
-- A statement that takes a number away from the tables (a subject deleted, or its number
-- changed or removed, as an erasure or anonymisation does) journals nothing: it deletes the
-- controller's journal, so that no row of it names a number the tables no longer hold, and
-- moves journal_from past itself, so that every older index is built again. So does a
-- statement touching more than 10,000 numbers (a bulk import: building again is cheaper).
-- Journal rows older than a retention are pruned by the application, which moves
-- journal_from past them.
ALTER TABLE contact_facts_version ADD COLUMN journal_from BIGINT;
UPDATE contact_facts_version SET journal_from = version + 1;
ALTER TABLE contact_facts_version ALTER COLUMN journal_from SET NOT NULL;

CREATE TABLE contact_facts_change
(
  controller_id TEXT   NOT NULL,
  version       BIGINT NOT NULL,
  number        TEXT   NOT NULL,
  changed_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX contact_facts_change_by_version ON contact_facts_change (controller_id, version);
CREATE INDEX contact_facts_change_by_time ON contact_facts_change (changed_at);

-- Clears the controller's journal and moves its reach past the current version: every older index
-- is built again whole. Also called after an erasure, whose subject row may keep its number.
CREATE FUNCTION contact_facts_journal_cleared(controller TEXT) RETURNS VOID
  LANGUAGE plpgsql AS
$$
BEGIN
  UPDATE contact_facts_version SET journal_from = version + 1 WHERE controller_id = controller;
  DELETE FROM contact_facts_change WHERE controller_id = controller;
END
$$;

-- Moves the controller's version by one and journals the numbers at it, or (whole) clears the
-- journal.
CREATE FUNCTION contact_facts_moved(controller TEXT, numbers TEXT[], whole BOOLEAN) RETURNS VOID
  LANGUAGE plpgsql AS
$$
DECLARE
  moved BIGINT;
BEGIN
  INSERT INTO contact_facts_version AS v (controller_id, version, journal_from)
  VALUES (controller, 1, 1)
  ON CONFLICT (controller_id) DO UPDATE SET version = v.version + 1
  RETURNING version INTO moved;
  IF whole OR cardinality(numbers) > 10000 THEN
    PERFORM contact_facts_journal_cleared(controller);
  ELSIF cardinality(numbers) > 0 THEN
    INSERT INTO contact_facts_change (controller_id, version, number)
    SELECT controller, moved, n FROM unnest(numbers) n;
  END IF;
END
$$;

DROP TRIGGER subject_inserted ON subject;
DROP TRIGGER subject_updated ON subject;
DROP TRIGGER subject_deleted ON subject;
DROP TRIGGER contract_inserted ON contract;
DROP TRIGGER contract_updated ON contract;
DROP TRIGGER contract_deleted ON contract;
DROP TRIGGER consent_event_inserted ON consent_event;
DROP FUNCTION contact_facts_changed();

-- Subjects added: their numbers.
CREATE FUNCTION contact_facts_subject_added() RETURNS TRIGGER
  LANGUAGE plpgsql AS
$$
BEGIN
  PERFORM contact_facts_moved(controller_id,
                              coalesce(array_agg(DISTINCT phone) FILTER (WHERE phone IS NOT NULL), '{}'), false)
  FROM changed_rows GROUP BY controller_id;
  RETURN NULL;
END
$$;

-- Subjects changed: their numbers, unless one of them lost its number.
CREATE FUNCTION contact_facts_subject_changed() RETURNS TRIGGER
  LANGUAGE plpgsql AS
$$
BEGIN
  PERFORM contact_facts_moved(n.controller_id,
                              coalesce(array_agg(DISTINCT n.phone) FILTER (WHERE n.phone IS NOT NULL), '{}'),
                              bool_or(o.phone IS NOT NULL AND o.phone IS DISTINCT FROM n.phone))
  FROM changed_rows n JOIN old_rows o ON o.id = n.id GROUP BY n.controller_id;
  RETURN NULL;
END
$$;

-- Subjects deleted: the journal is broken if one of them held a number.
CREATE FUNCTION contact_facts_subject_removed() RETURNS TRIGGER
  LANGUAGE plpgsql AS
$$
BEGIN
  PERFORM contact_facts_moved(controller_id, '{}', bool_or(phone IS NOT NULL))
  FROM changed_rows GROUP BY controller_id;
  RETURN NULL;
END
$$;

-- Contracts added, changed or deleted: the numbers of their subjects.
CREATE FUNCTION contact_facts_contract_changed() RETURNS TRIGGER
  LANGUAGE plpgsql AS
$$
BEGIN
  PERFORM contact_facts_moved(r.controller_id,
                              coalesce(array_agg(DISTINCT s.phone) FILTER (WHERE s.phone IS NOT NULL), '{}'), false)
  FROM changed_rows r LEFT JOIN subject s ON s.id = r.subject_id GROUP BY r.controller_id;
  RETURN NULL;
END
$$;

-- Ledger entries added: the number they name, and the numbers of the subjects they are about
-- or whose e-mail address they name.
CREATE FUNCTION contact_facts_ledger_changed() RETURNS TRIGGER
  LANGUAGE plpgsql AS
$$
BEGIN
  PERFORM contact_facts_moved(e.controller_id, coalesce(array_agg(DISTINCT n.number) FILTER (WHERE n.number IS NOT NULL), '{}'), false)
  FROM (SELECT DISTINCT controller_id FROM changed_rows) e
         LEFT JOIN LATERAL (SELECT r.phone AS number FROM changed_rows r
                            WHERE r.controller_id = e.controller_id AND r.phone IS NOT NULL
                            UNION
                            SELECT s.phone FROM changed_rows r JOIN subject s ON s.id = r.subject_id
                            WHERE r.controller_id = e.controller_id AND s.phone IS NOT NULL
                            UNION
                            SELECT s.phone FROM changed_rows r
                                                  JOIN subject s ON s.controller_id = r.controller_id AND s.email = r.email
                            WHERE r.controller_id = e.controller_id AND s.phone IS NOT NULL) n ON true
  GROUP BY e.controller_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER subject_inserted AFTER INSERT ON subject REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_subject_added();
CREATE TRIGGER subject_updated AFTER UPDATE ON subject REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_subject_changed();
CREATE TRIGGER subject_deleted AFTER DELETE ON subject REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_subject_removed();
CREATE TRIGGER contract_inserted AFTER INSERT ON contract REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_contract_changed();
-- a contract moved to another subject touches the numbers of both: the rows before and after
CREATE TRIGGER contract_updated AFTER UPDATE ON contract REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_contract_changed();
CREATE TRIGGER contract_updated_from AFTER UPDATE ON contract REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_contract_changed();
CREATE TRIGGER contract_deleted AFTER DELETE ON contract REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_contract_changed();
CREATE TRIGGER consent_event_inserted AFTER INSERT ON consent_event REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contact_facts_ledger_changed();
