package io.tutela.portal;

import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import io.tutela.requests.PortalRequests;

/**
 * A person signed in to one controller's portal: the subject the controller knows by the
 * address (null when it knows none, or more than one), and the address the code proved.
 * Kept in the HTTP session apart from any staff login, and never turned into one.
 *
 * @param actorId a pseudonym of this sign-in for the audit log and the request history,
 * so that neither names the person
 */
record PortalSession(String controllerId, @Nullable UUID subjectId, String email,
		UUID actorId) implements Serializable {

	static final String ATTRIBUTE = PortalSession.class.getName();

	/** The address waiting for its code, before the sign-in. */
	record Pending(String controllerId, String email) implements Serializable {

		static final String ATTRIBUTE = Pending.class.getName();

	}

	/** The person signed in to this controller's portal in this session, if any. */
	static Optional<PortalSession> of(HttpServletRequest request, String controllerId) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(ATTRIBUTE) instanceof PortalSession signed
				&& signed.controllerId().equals(controllerId)) ? Optional.of(signed) : Optional.empty();
	}

	/** The person signed in to any portal in this session, if any. */
	static Optional<PortalSession> any(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(ATTRIBUTE) instanceof PortalSession signed)
				? Optional.of(signed) : Optional.empty();
	}

	/** The name the audit log and the request history record for this person. */
	String actor() {
		return "portal:" + this.actorId;
	}

	PortalRequests.Person person() {
		return new PortalRequests.Person(this.subjectId, this.email);
	}

}
