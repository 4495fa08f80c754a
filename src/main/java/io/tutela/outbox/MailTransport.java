package io.tutela.outbox;

/** How a message leaves Tutela. */
interface MailTransport {

	/** The transport's name, kept with every message it delivered. */
	String name();

	/**
	 * Delivers one message, or throws with the reason it could not be delivered.
	 */
	void send(String from, String to, String subjectLine, String body) throws Exception;

}
