-- Whatever changes what an API token stands for (its revocation, expiry or scope, its owner's
-- roles, controllers or being enabled) is announced on the channel tutela_identity when it
-- commits: every Tutela process that keeps tokens in memory listens and forgets them. A token's
-- last use, an account's failed logins or second-factor step change nothing a token stands for.
CREATE FUNCTION identity_changed() RETURNS TRIGGER
  LANGUAGE plpgsql AS
$$
BEGIN
  PERFORM pg_notify('tutela_identity', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER api_token_changed
  AFTER UPDATE OF account_id, token_hash, roles, all_controllers, controllers, expires_at, revoked_at OR DELETE OR TRUNCATE
  ON api_token FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
CREATE TRIGGER staff_account_changed
  AFTER UPDATE OF username, display_name, enabled, all_controllers OR DELETE OR TRUNCATE
  ON staff_account FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
CREATE TRIGGER staff_role_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_role FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
CREATE TRIGGER staff_controller_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_controller FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
