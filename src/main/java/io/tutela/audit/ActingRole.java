package io.tutela.audit;

/**
 * An authentication that says which of its roles the audit log should record for the
 * actor (the most privileged one); without it, the first {@code ROLE_} authority is
 * recorded.
 */
public interface ActingRole {

	/** The role without the {@code ROLE_} prefix, as in {@code SYSTEM_ADMINISTRATOR}. */
	String actingRole();

}
