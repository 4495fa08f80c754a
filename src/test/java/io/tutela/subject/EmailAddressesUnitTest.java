package io.tutela.subject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tutela.subject.EmailAddresses.Invalid;
import io.tutela.subject.EmailAddresses.Valid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmailAddressesUnitTest {

	static Valid valid(String text) {
		EmailAddresses.Result result = EmailAddresses.normalise(text);
		assertThat(result).as(text).isInstanceOf(Valid.class);
		return (Valid) result;
	}

	static String reason(String text) {
		EmailAddresses.Result result = EmailAddresses.normalise(text);
		assertThat(result).as(text).isInstanceOf(Invalid.class);
		return ((Invalid) result).reason();
	}

	@CsvSource(delimiter = '|',
			value = { "mario.rossi@example.org | mario.rossi@example.org",
					"Mario.Rossi@Example.ORG | Mario.Rossi@example.org", "  m.rossi@example.com  | m.rossi@example.com",
					"mario+newsletter@example.net | mario+newsletter@example.net",
					"o'brien@example.co.uk | o'brien@example.co.uk",
					"\"mario rossi\"@example.org | \"mario rossi\"@example.org",
					"niccolò@posta.example.it | niccolò@posta.example.it", "info@città.example | info@città.example" })
	@ParameterizedTest
	void wellFormedAddressesHaveTheirDomainInLowerCase(String text, String address) {
		assertThat(valid(text).address()).isEqualTo(address);
	}

	@Test
	void theAddressHasItsParts() {
		Valid address = valid("Mario.Rossi@Mail.Example.ORG");
		assertThat(address.localPart()).isEqualTo("Mario.Rossi");
		assertThat(address.domain()).isEqualTo("mail.example.org");
		assertThat(address).hasToString("Mario.Rossi@mail.example.org");
	}

	@CsvSource(delimiter = '|',
			value = { "'' | is empty", "'  ' | is empty", "mario.rossi | has no @",
					"@example.org | nothing before the @", "mario@ | no domain", "mario@localhost | without a dot",
					"mario@[192.0.2.1] | IP address", "mario@192.0.2.1 | IP address",
					"mario rossi@example.org | not a well-formed", "mario@@example.org | not a well-formed",
					"mario.@example.org | not a well-formed", ".mario@example.org | not a well-formed",
					"mario..rossi@example.org | not a well-formed", "mario@example..org | not a well-formed",
					"mario@-example.org | not a well-formed", "mario@example.org. | not a well-formed",
					"mario,rossi@example.org | not a well-formed" })
	@ParameterizedTest
	void malformedAddressesAreRefusedWithTheirReason(String text, String reason) {
		assertThat(reason(text)).contains(reason);
		if (!text.isBlank()) {
			assertThat(reason(text)).as("the reason does not repeat the address").doesNotContain(text);
		}
	}

	@Test
	void theLengthsOfRfc5321AreEnforced() {
		String local64 = "a".repeat(64);
		assertThat(valid(local64 + "@example.org").localPart()).hasSize(64);
		assertThat(reason("a" + local64 + "@example.org")).contains("more than 64 characters before the @");
		String domain = ("d".repeat(60) + ".").repeat(2) + "example.org";
		assertThat(valid(local64 + "@" + domain).address()).hasSizeLessThanOrEqualTo(254);
		assertThat(reason(local64 + "@" + ("d".repeat(60) + ".").repeat(3) + domain))
			.contains("longer than 254 characters");
		assertThat(reason("mario@" + "d".repeat(64) + ".example.org")).contains("not a well-formed");
	}

	@Test
	void orElseThrowGivesTheAddressOrTheReason() {
		assertThat(EmailAddresses.normalise("a@EXAMPLE.org").orElseThrow().address()).isEqualTo("a@example.org");
		assertThatIllegalArgumentException().isThrownBy(() -> EmailAddresses.normalise("a").orElseThrow())
			.withMessageContaining("has no @");
		assertThatIllegalArgumentException().isThrownBy(() -> new Valid("nobody"));
	}

}
