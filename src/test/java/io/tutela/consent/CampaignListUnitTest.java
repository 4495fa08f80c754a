package io.tutela.consent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tutela.web.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignListUnitTest {

	static CampaignList read(String csv) throws IOException {
		return CampaignList.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
	}

	static List<String> lines(CampaignList list) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			lines.add(((list.keys[i] >= 0) ? "+" + list.keys[i] : "given:" + list.given[i]) + " "
					+ ((list.wrong() == 0) ? list.provenance(i).key() : ""));
		}
		return lines;
	}

	@Test
	void readsEveryWritingOfALineAsTheRowsWouldBe() throws IOException {
		CampaignList list = read("number,provenance\r\n+393471234567,public_directory\r\n"
				+ "  +39061234567 ,\town_archive \n\n   \n347 123 4567,inbound_callback\n"
				+ "+39 347 1234567,third_party_list\n+3934712345678901,own_archive\n☎ +393471234567,own_archive\n"
				+ "+393471234568,own_archive");

		assertThat(list.wrong()).isZero();
		assertThat(lines(list)).containsExactly("+393471234567 public_directory", "+39061234567 own_archive",
				"given:347 123 4567 inbound_callback", "given:+39 347 1234567 third_party_list",
				"given:+3934712345678901 own_archive", "given:☎ +393471234567 own_archive",
				"+393471234568 own_archive");
		CampaignList rows = CampaignList.of(List.of(new String[] { "+393471234567", "public_directory" },
				new String[] { "  +39061234567 ", "\town_archive " },
				new String[] { "347 123 4567", "inbound_callback" },
				new String[] { "+39 347 1234567", "third_party_list" },
				new String[] { "+3934712345678901", "own_archive" }, new String[] { "☎ +393471234567", "own_archive" },
				new String[] { "+393471234568", "own_archive" }));
		assertThat(lines(rows)).isEqualTo(lines(list));
	}

	@Test
	void readsLinesAcrossBlocksAndEveryLineEndingAsTheRowsWouldBe() throws IOException {
		StringBuilder csv = new StringBuilder("number,provenance\r");
		List<String[]> rows = new ArrayList<>();
		String[] endings = { "\n", "\r\n", "\r" };
		for (int i = 0; i < 20_000; i++) {
			String number = (i % 7 == 0) ? "347 " + (1_000_000 + i) : "+39347" + (1_000_000 + i);
			String provenance = (i % 5 == 0) ? " own_archive" : "public_directory";
			// now and then a line far longer than a block of bytes
			String note = (i % 5000 == 1) ? " ".repeat(100_000) : "";
			rows.add(new String[] { number, provenance + note });
			csv.append(number).append(',').append(provenance).append(note).append(endings[i % 3]);
		}
		CampaignList list = read(csv.toString());
		assertThat(list.size()).isEqualTo(20_000);
		assertThat(list.wrong()).isZero();
		assertThat(lines(list)).isEqualTo(lines(CampaignList.of(rows)));
		assertThat(lines(read("number,provenance\n+393471234567,own_archive"))).as("no line ending at the end")
			.containsExactly("+393471234567 own_archive");
	}

	@Test
	void namesTheLinesWithoutANumberOrAKnownProvenance() throws IOException {
		CampaignList list = read("number,provenance\n+393471234567,phone_book\n,own_archive\n+393471234567\n");
		assertThat(list.wrong()).isEqualTo(3);
		assertThat(list.problems()).extracting((p) -> p.field())
			.containsExactly("rows[0].provenance", "rows[1].number", "rows[2].provenance");
	}

	@Test
	void refusesAListWithoutItsHeader() {
		assertThatThrownBy(() -> read("+393471234567,own_archive\n")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> read("")).isInstanceOf(InvalidInputException.class);
	}

}
