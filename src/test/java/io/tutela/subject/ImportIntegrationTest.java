package io.tutela.subject;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.records.ImportFormat;
import io.tutela.records.Importer;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TutelaIntegrationTest
class ImportIntegrationTest {

	static final String SUBJECTS = """
			customer_code,given_name,family_name,codice_fiscale,email,phone,collected_at
			IMP-001,Mario,Rossi,RSSMRA85T10A562S,Mario.Rossi@Example.ORG,333 123 4567,2024-01-15
			IMP-002,Anna,Bianchi,,anna.bianchi@example.org,06 1234567,2024-02-01T10:00:00Z
			""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http.Response upload(String controller, String kind, String type, String body) {
		return Http.admin(this.port).post("/api/v1/controllers/" + controller + "/imports/" + kind, type, body);
	}

	long count(String table, String controller) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE controller_id = :c")
			.param("c", controller)
			.query(Long.class)
			.single();
	}

	@Test
	void importsSubjectsNormalisedAndTaggedAndAgainChangesNothing() {
		Http.Response first = upload("ipkom", "subjects", "text/csv", SUBJECTS);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("inserted").asLong()).isEqualTo(2);
		Map<String, Object> mario = this.jdbc
			.sql("SELECT * FROM subject WHERE controller_id = 'ipkom' AND subject_key = 'code:IMP-001'")
			.query()
			.singleRow();
		assertThat(mario.get("phone")).isEqualTo("+393331234567");
		assertThat(mario.get("email")).isEqualTo("Mario.Rossi@example.org");
		assertThat(mario.get("category")).isEqualTo("identity");
		assertThat(mario.get("source")).isEqualTo("subject");

		Http.Response again = upload("ipkom", "subjects", "text/csv", SUBJECTS);
		assertThat(again.json().get("inserted").asLong()).isZero();
		assertThat(again.json().get("updated").asLong()).isZero();
		assertThat(again.json().get("unchanged").asLong()).isEqualTo(2);

		Http.Response contracts = upload("ipkom", "contracts", "application/x-ndjson",
				"""
						{"contract_number": "K-1", "subject": "IMP-001", "start_date": "2024-01-15", "service": "fibra"}
						{"contract_number": "K-2", "subject": "RSSMRA85T10A562S", "start_date": "2023-01-01", "end_date": "2024-01-01"}
						""");
		assertThat(contracts.status()).as(contracts.body()).isEqualTo(200);
		assertThat(contracts.json().get("inserted").asLong()).isEqualTo(2);
	}

	@Test
	void aFileWithBadRowsImportsNothingAndNamesEveryRowAndField() {
		long before = count("subject", "conecto");
		Http.Response response = upload("conecto", "subjects", "text/csv", """
				customer_code,given_name,codice_fiscale,email,phone
				BAD-1,Ok,,ok@example.org,
				BAD-2,Wrong check,RSSMRA85T10A562X,,
				BAD-3,Wrong mail,,not-an-email,
				BAD-4,Wrong phone,,,12
				,No identifier,,,
				BAD-1,Duplicate,,,
				""");
		assertThat(response.status()).isEqualTo(422);
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:tutela:problem:import-invalid");
		assertThat(problem.get("errors")).extracting((e) -> e.get("line").asLong() + ":" + e.get("field").asString())
			.contains("3:codice_fiscale", "4:email", "5:phone", "6:customer_code");
		assertThat(count("subject", "conecto")).as("nothing of the file was written").isEqualTo(before);

		Http.Response duplicate = upload("conecto", "subjects", "text/csv", """
				customer_code,given_name
				DUP-1,First
				DUP-1,Second
				""");
		assertThat(duplicate.status()).isEqualTo(422);
		assertThat(duplicate.json().get("errors").get(0).get("line").asLong()).isEqualTo(3);
		assertThat(count("subject", "conecto")).isEqualTo(before);
	}

	@Autowired
	Importer importer;

	@Autowired
	SubjectImport subjectImport;

	@Test
	void anImportCutOffHalfwayLeavesNothingBehind() {
		long before = count("subject", "connext");
		StringBuilder file = new StringBuilder("customer_code,given_name\n");
		for (int i = 0; i < 5000; i++) {
			file.append("CUT-").append(i).append(",Nome\n");
		}
		byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
		InputStream cut = new FilterInputStream(new ByteArrayInputStream(bytes)) {

			int read;

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (this.read > bytes.length / 2) {
					throw new IOException("connection lost");
				}
				int n = super.read(buffer, offset, Math.min(length, 512));
				this.read += Math.max(n, 0);
				return n;
			}

		};
		assertThatThrownBy(() -> this.importer.run("connext", this.subjectImport, ImportFormat.CSV, cut, (n) -> {
		})).isInstanceOf(UncheckedIOException.class);
		assertThat(count("subject", "connext")).isEqualTo(before);
	}

	@Test
	void refusesUnknownColumnsSubjectsAndKindsTheNoticeDoesNotCover() {
		Http.Response columns = upload("ipkom", "subjects", "text/csv", "customer_code,shoe_size\nX-1,42\n");
		assertThat(columns.status()).isEqualTo(422);
		assertThat(columns.json().get("errors").get(0).get("field").asString()).isEqualTo("shoe_size");

		Http.Response orphan = upload("ipkom", "contracts", "text/csv",
				"contract_number,subject,start_date\nK-9,NOBODY,2024-01-01\n");
		assertThat(orphan.status()).isEqualTo(422);
		assertThat(orphan.json().get("errors").get(0).get("message").asString()).contains("no subject");

		Http.Response uncovered = upload("nanosystems", "contracts", "text/csv",
				"contract_number,subject,start_date\nK-9,X,2024-01-01\n");
		assertThat(uncovered.status()).isEqualTo(422);
		assertThat(uncovered.json().get("detail").asString())
			.contains("does not say it holds records of kind 'contract'");

		assertThat(upload("ipkom", "shoes", "text/csv", "a\n1\n").status()).isEqualTo(404);
		assertThat(upload("ipkom", "subjects", "application/xml", "<a/>").status()).isIn(400, 415);
	}

}
