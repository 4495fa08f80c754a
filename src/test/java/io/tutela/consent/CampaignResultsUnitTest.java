package io.tutela.consent;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignResultsUnitTest {

	@Test
	void everyLineComesBackAsCheckedInListOrder() {
		CampaignList list = CampaignList.of(List.of(new String[] { " +393471234567 ", "public_directory" },
				new String[] { "not, a \"number\"\t ☎️ 𝄞", "own_archive" },
				new String[] { "+39061234567", " inbound_callback" }));
		assertThat(list.wrong()).isZero();
		Decision[] decisions = { Decision.no(Decision.Reason.OPPOSITION_REGISTER, List.of()),
				Decision.no(Decision.Reason.INVALID_NUMBER, List.of()),
				Decision.yes(Decision.Reason.INBOUND_CALLBACK, List.of()) };

		List<CampaignChecks.Result> read = new ArrayList<>();
		Results.decode(Results.encode(list, decisions), read::add);

		assertThat(read).containsExactly(
				new CampaignChecks.Result(1, "+393471234567", "public_directory", false, "opposition_register"),
				new CampaignChecks.Result(2, "not, a \"number\"\t ☎️ 𝄞", "own_archive", false, "invalid_number"),
				new CampaignChecks.Result(3, "+39061234567", "inbound_callback", true, "inbound_callback"));
	}

	@Test
	void numbersInAnyOrderComeBackAsTheyWere() {
		List<String[]> rows = new ArrayList<>();
		java.util.Random random = new java.util.Random(3);
		for (int i = 0; i < 5000; i++) {
			rows.add(new String[] { "+39" + (100_000 + (long) (random.nextDouble() * 999_999_999_999L)),
					"public_directory" });
		}
		rows.add(new String[] { "+39000000", "public_directory" });
		rows.add(new String[] { "+39999999999999", "public_directory" });
		CampaignList list = CampaignList.of(rows);
		Decision[] decisions = new Decision[rows.size()];
		java.util.Arrays.fill(decisions, Decision.yes(Decision.Reason.PUBLIC_DIRECTORY, List.of()));

		List<String> numbers = new ArrayList<>();
		Results.decode(Results.encode(list, decisions), (r) -> numbers.add(r.number()));

		assertThat(numbers).containsExactlyElementsOf(rows.stream().map((r) -> r[0]).toList());
	}

	@Test
	void aReaderStopsWhenItHasEnough() {
		List<String[]> rows = new ArrayList<>();
		Decision[] decisions = new Decision[100];
		for (int i = 0; i < 100; i++) {
			rows.add(new String[] { "+3934700000" + (10 + i), "own_archive" });
			decisions[i] = Decision.no(Decision.Reason.NO_CONSENT, List.of());
		}
		List<CampaignChecks.Result> read = new ArrayList<>();
		Results.decode(Results.encode(CampaignList.of(rows), decisions), (r) -> read.add(r) && read.size() < 7);
		assertThat(read).hasSize(7);
		assertThat(read.get(6).line()).isEqualTo(7);
	}

	@Test
	void linesWithoutANumberOrAKnownProvenanceAreNamed() {
		CampaignList list = CampaignList.of(List.of(new String[] { "  ", "own_archive" },
				new String[] { "+393471234567", "phone_book" }, new String[] { "+393471234568", null }));
		assertThat(list.wrong()).isEqualTo(3);
		assertThat(list.problems()).extracting((p) -> p.field())
			.containsExactly("rows[0].number", "rows[1].provenance", "rows[2].provenance");
	}

}
