package io.tutela.subject;

import java.util.Locale;
import java.util.regex.Pattern;

import org.hibernate.validator.internal.constraintvalidators.bv.EmailValidator;

/**
 * E-mail addresses checked and brought to the form Tutela stores: surrounding spaces
 * removed and the domain in lower case (the part before the {@code @} is left as it is:
 * only the receiving server may treat its case as insignificant).
 * <p>
 * The syntax is Hibernate Validator's, the checker behind {@code @Email}, called
 * directly: going through a Bean Validation {@code Validator} costs a second to start and
 * some microseconds a call, too much for imports of a million rows. On top of it come the
 * limits of RFC 5321 (64 characters before the {@code @}, 254 in all) and two rules for
 * the addresses of real people: the domain is a name with at least one dot, not
 * {@code localhost} or an IP address.
 * <p>
 * Bad input is never an exception: it is an {@link Invalid} result whose reason names the
 * fault without repeating the address.
 */
public final class EmailAddresses {

	/** The longest address: a forward path of 256 octets less its angle brackets. */
	public static final int MAXIMUM_LENGTH = 254;

	/** The longest local part (RFC 5321 4.5.3.1.1). */
	public static final int MAXIMUM_LOCAL_PART_LENGTH = 64;

	private static final EmailValidator SYNTAX = new EmailValidator();

	private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

	private EmailAddresses() {
	}

	/** Checks and normalises an address as typed. */
	public static Result normalise(String text) {
		String address = text.strip();
		if (address.isEmpty()) {
			return new Invalid("is empty");
		}
		if (address.length() > MAXIMUM_LENGTH) {
			return new Invalid("is longer than " + MAXIMUM_LENGTH + " characters");
		}
		int at = address.lastIndexOf('@');
		if (at < 0) {
			return new Invalid("has no @");
		}
		if (at == 0) {
			return new Invalid("has nothing before the @");
		}
		if (at > MAXIMUM_LOCAL_PART_LENGTH) {
			return new Invalid("has more than " + MAXIMUM_LOCAL_PART_LENGTH + " characters before the @");
		}
		String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
		if (domain.isEmpty()) {
			return new Invalid("has no domain after the @");
		}
		if (domain.startsWith("[") || IPV4.matcher(domain).matches()) {
			return new Invalid("has an IP address instead of a domain name");
		}
		if (domain.indexOf('.') < 0) {
			return new Invalid("has a domain without a dot");
		}
		String normalised = address.substring(0, at + 1) + domain;
		if (!SYNTAX.isValid(normalised, null)) {
			return new Invalid("is not a well-formed e-mail address");
		}
		return new Valid(normalised);
	}

	/** What {@link #normalise} makes of a text. */
	public sealed interface Result permits Valid, Invalid {

		/** Whether the text is a valid address. */
		default boolean isValid() {
			return this instanceof Valid;
		}

		/**
		 * The valid address.
		 * @throws IllegalArgumentException with the reason when the address is invalid
		 */
		Valid orElseThrow();

	}

	/**
	 * A valid address.
	 *
	 * @param address the address with its domain in lower case
	 */
	public record Valid(String address) implements Result {

		public Valid {
			int at = address.lastIndexOf('@');
			if (at <= 0 || at == address.length() - 1) {
				throw new IllegalArgumentException("not an e-mail address");
			}
		}

		/** The part before the last {@code @}, as given. */
		public String localPart() {
			return this.address.substring(0, this.address.lastIndexOf('@'));
		}

		/** The domain, in lower case. */
		public String domain() {
			return this.address.substring(this.address.lastIndexOf('@') + 1);
		}

		@Override
		public Valid orElseThrow() {
			return this;
		}

		@Override
		public String toString() {
			return this.address;
		}

	}

	/**
	 * A text that is not a valid address.
	 *
	 * @param reason what is wrong, in English, without the address itself
	 */
	public record Invalid(String reason) implements Result {

		@Override
		public Valid orElseThrow() {
			throw new IllegalArgumentException("not a valid e-mail address: " + this.reason);
		}

	}

}
