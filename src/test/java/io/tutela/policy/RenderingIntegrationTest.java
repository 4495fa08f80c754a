package io.tutela.policy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class RenderingIntegrationTest {

	static final String ID = "acme-render";

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void uploadTheFixture() {
		this.http = Http.admin(this.port);
		String yaml = PolicyValidationUnitTest.minimal().replace("acme-test", ID);
		assertThat(this.http.post("/api/v1/controllers/" + ID + "/policy", "application/yaml", yaml).status()).isIn(200,
				201);
	}

	@Test
	void rendersTheNoticeInItalianAndEnglishWithItsDate() {
		Http.Response it = this.http.get("/api/v1/controllers/" + ID + "/notice?lang=it");
		assertThat(it.status()).isEqualTo(200);
		assertThat(it.contentType()).startsWith("text/html");
		assertThat(it.body()).contains("Informativa privacy clienti", "Data di aggiornamento", "01/03/2024",
				"Dati di traffico telefonico", "6 mesi dalla raccolta", "conservazione segregata", "72 mesi",
				"Contestazione della fattura", "Maria Bianchi", "esecuzione di un contratto (art. 6(1)(b))");
		Http.Response en = this.http.get("/api/v1/controllers/" + ID + "/notice?lang=en");
		assertThat(en.body()).contains("Customer privacy notice", "Last updated", "Telephone traffic data",
				"6 months from collection, then segregation", "72 months", "performance of a contract");
		assertThat(this.http.get("/api/v1/controllers/" + ID + "/notice?lang=fr").status()).isEqualTo(400);
	}

	@Test
	void aPeriodCountedFromTheLaterOfTwoEventsSaysSo() {
		assertThat(HtmlUtils.htmlUnescape(this.http.get("/api/v1/controllers/mysegretaria/notice?lang=it").body()))
			.contains("5 anni dalla più tardiva tra l'ultima attività e la cessazione del contratto");
		assertThat(this.http.get("/api/v1/controllers/mysegretaria/notice?lang=en").body())
			.contains("5 years from the later of the last activity and the end of the contract");
	}

	@Test
	void theRegisterNamesTheRecordsARuleSelects() {
		String csv = this.http.get("/api/v1/controllers/conecto/register.csv?lang=en").body();
		assertThat(csv).contains("[answered: false]: 30 days from collection");
	}

	@Test
	void rendersTheNoticeAsPdf() throws IOException {
		Http.Response pdf = this.http.get("/api/v1/controllers/" + ID + "/notice.pdf?lang=it");
		assertThat(pdf.status()).isEqualTo(200);
		assertThat(pdf.contentType()).isEqualTo("application/pdf");
		assertThat(text(pdf.bytes())).contains("Informativa privacy clienti", "01/03/2024", "72 mesi");
	}

	@Test
	void exportsTheRegisterAsCsvWithOneRowPerPurpose() throws IOException {
		Http.Response csv = this.http.get("/api/v1/controllers/" + ID + "/register.csv?lang=en");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.body()))
			.getRecords();
		assertThat(records).hasSize(2);
		CSVRecord contract = records.get(0);
		assertThat(contract.get("activity_id")).isEqualTo("contract");
		assertThat(contract.get("legal_basis")).contains("6(1)(b)");
		assertThat(contract.get("data_categories")).contains("Identity data", "Telephone traffic data");
		assertThat(contract.get("erasure_time_limits")).contains("6 months from collection", "72 months");
		assertThat(contract.get("recipients")).contains("Mail provider");
		assertThat(contract.get("dpo")).contains("dpo@acme.test");
		Http.Response pdf = this.http.get("/api/v1/controllers/" + ID + "/register.pdf?lang=it");
		assertThat(text(pdf.bytes())).contains("Registro delle attività di trattamento", "Esecuzione del contratto");
	}

	Http dpo() {
		if (dpoSession == null) {
			Staff.Created dpo = Staff.create(this.port, "render-dpo", List.of("dpo"), List.of(ID));
			dpoSession = Http.session(this.port);
			dpoSession.login(dpo.username(), dpo.password());
		}
		return dpoSession;
	}

	static Http dpoSession;

	@Test
	void theConsoleShowsTheControllersAndTheirPages() {
		Http console = dpo();
		assertThat(console.get("/controllers").body()).contains("Acme Telecomunicazioni", "/controllers/" + ID);
		assertThat(console.get("/controllers").body()).as("a DPO of one controller sees only it")
			.doesNotContain("/controllers/ipkom\"");
		assertThat(console.get("/controllers/" + ID).body()).contains("Informativa privacy", "Registro");
		assertThat(console.get("/controllers/" + ID + "/notice?lang=en").body()).contains("Customer privacy notice");
		assertThat(console.get("/controllers/" + ID + "/register?lang=it").body()).contains("Esecuzione del contratto");
		assertThat(console.get("/controllers/" + ID + "/versions").body()).contains("01/03/2024");
		Http.Response missing = console.get("/controllers/nobody");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).startsWith("text/html");
	}

	@Test
	void anUploadWithProblemsShowsEachNextToItsLineAndSavesNothing() {
		String broken = PolicyValidationUnitTest.minimal()
			.replace("acme-test", ID)
			.replace("duration: P6M", "duration: 6M");
		Http.Response page = dpo().submit("/controllers/" + ID + "/upload", "/controllers/" + ID + "/upload",
				Map.of("yaml", broken));
		assertThat(page.status()).isEqualTo(200);
		int line = 1
				+ (int) broken.substring(0, broken.indexOf("duration: 6M")).chars().filter((c) -> c == '\n').count();
		assertThat(page.body()).contains("class=\"bad\" id=\"line-" + line + "\"", "retention[1].duration",
				"not an ISO-8601 period");
		assertThat(this.http.get("/api/v1/controllers/" + ID + "/policy/versions").json()).hasSize(1);
	}

	static String text(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
		}
	}

}
