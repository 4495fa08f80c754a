package io.tutela.subject;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * A subject's identifiers, each checked by its own rule and normalised (codice fiscale
 * without omocodia, number in E.164, e-mail with a lower-case domain), and the natural
 * key they give.
 */
record Identifiers(@Nullable String customerCode, @Nullable String codiceFiscale, @Nullable String email,
		@Nullable String phone, @Nullable String licenceNumber) {

	static Identifiers check(@Nullable String customerCode, @Nullable String codiceFiscale, @Nullable String email,
			@Nullable String phone, @Nullable String licenceNumber, List<FieldProblem> problems) {
		String cf = null;
		if (codiceFiscale != null) {
			CodiceFiscale.Result result = CodiceFiscale.parse(codiceFiscale);
			if (result instanceof CodiceFiscale.Valid valid) {
				cf = valid.canonical().code();
			}
			else if (result instanceof CodiceFiscale.Invalid invalid) {
				problems.add(new FieldProblem("codice_fiscale", invalid.reason()));
			}
		}
		String mail = null;
		if (email != null) {
			EmailAddresses.Result result = EmailAddresses.normalise(email);
			if (result instanceof EmailAddresses.Valid valid) {
				mail = valid.address();
			}
			else if (result instanceof EmailAddresses.Invalid invalid) {
				problems.add(new FieldProblem("email", invalid.reason()));
			}
		}
		String number = null;
		if (phone != null) {
			PhoneNumbers.Result result = PhoneNumbers.normalise(phone);
			if (result instanceof PhoneNumbers.Valid valid) {
				number = valid.e164();
			}
			else if (result instanceof PhoneNumbers.Invalid invalid) {
				problems.add(new FieldProblem("phone", invalid.reason()));
			}
		}
		if (customerCode != null && customerCode.length() > 100) {
			problems.add(new FieldProblem("customer_code", "is longer than 100 characters"));
		}
		if (licenceNumber != null && licenceNumber.length() > 100) {
			problems.add(new FieldProblem("licence_number", "is longer than 100 characters"));
		}
		Identifiers ids = new Identifiers(customerCode, cf, mail, number, licenceNumber);
		if (customerCode == null && codiceFiscale == null && email == null && phone == null && licenceNumber == null) {
			problems.add(new FieldProblem("customer_code",
					"a subject needs an identifier: customer code, codice fiscale, e-mail, phone or licence number"));
		}
		return ids;
	}

	/**
	 * The natural key: the customer code, else the codice fiscale, the e-mail, the phone,
	 * the licence.
	 */
	@Nullable String key() {
		if (this.customerCode != null) {
			return "code:" + this.customerCode;
		}
		if (this.codiceFiscale != null) {
			return "cf:" + this.codiceFiscale;
		}
		if (this.email != null) {
			return "email:" + this.email;
		}
		if (this.phone != null) {
			return "phone:" + this.phone;
		}
		return (this.licenceNumber != null) ? "licence:" + this.licenceNumber : null;
	}

}
