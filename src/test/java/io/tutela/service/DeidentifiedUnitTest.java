package io.tutela.service;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeidentifiedUnitTest {

	private static final String M = Deidentified.MASK;

	@Test
	void theAuthorsNamesAndCodesGoAsWholeWordsWhateverTheirCase() {
		String text = Deidentified.text(
				"Buongiorno, sono ANNA de santis, licenza LIC-42. Annarita ha ragione, chiedete a Santis.",
				List.of("Anna De Santis", "LIC-42"));
		assertThat(text)
			.isEqualTo("Buongiorno, sono " + M + ", licenza " + M + ". Annarita ha ragione, chiedete a " + M + ".");
	}

	@Test
	void emailsNumbersCodiciFiscaliIbansAndAddressesGoWhereverTheyAre() {
		String text = Deidentified.text(
				"Scrivete a m.rossi@example.org o al +39 06 1234 5678, "
						+ "CF RSSMRA85M01H501Z, IBAN IT60 X054 2811 1010 0000 0123 456, IP 192.0.2.44 e 2001:db8::1.",
				List.of());
		assertThat(text).doesNotContain("m.rossi", "1234", "RSSMRA", "X054", "192.0.2", "db8")
			.startsWith("Scrivete a " + M + " o al " + M + ", CF " + M + ", IBAN " + M + ", IP " + M + " e " + M);
	}

	@Test
	void datesAmountsTimesAndShortNumbersStay() {
		String text = "Il 03/02/2025 alle 10:30 mi avete addebitato 12,50 euro sulla fattura 2025-118.";
		assertThat(Deidentified.text(text, List.of())).isEqualTo(text);
	}

	@Test
	void nothingLeavesNothing() {
		assertThat(Deidentified.text(null, List.of("Anna"))).isEmpty();
		assertThat(Deidentified.text("Ciao", java.util.Arrays.asList((String) null, " "))).isEqualTo("Ciao");
	}

}
