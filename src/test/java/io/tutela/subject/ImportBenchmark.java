package io.tutela.subject;

import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.BenchData;
import io.tutela.HttpLatency;
import io.tutela.TutelaApplication;
import io.tutela.records.ImportFormat;
import io.tutela.records.ImportReport;
import io.tutela.records.ImportSpec;
import io.tutela.records.Importer;

/**
 * Not a test: the benchmark of issue 4, run by {@code bench/import.sh}. On a fresh
 * embedded PostgreSQL (fsync and synchronous commit on), imports N subjects with their
 * contracts through Tutela (every row validated, staged through COPY, merged on natural
 * keys), then PostgreSQL's own COPY of the same rows into the same tables (for another
 * controller), and measures the subject 360 of one subject among them over HTTP.
 */
public final class ImportBenchmark {

	static final String TOKEN = "tut_benchmark-token-0000000000000000000000000001";

	public static void main(String[] args) throws Exception {
		long count = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		Path data = BenchData.directory();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TutelaApplication.class)
			.properties("server.port=0", "TUTELA_DATA_DIR=" + data, "tutela.demo.subjects=0",
					"TUTELA_BOOTSTRAP_TOKEN=" + TOKEN, "logging.level.root=WARN")
			.run()) {
			DemoData demo = app.getBean(DemoData.class);
			Importer importer = app.getBean(Importer.class);
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			DemoData.Files files = demo.write("conecto", count);
			long contracts = Files.lines(files.contracts()).count() - 1;

			long start = System.nanoTime();
			ImportReport subjects;
			try (InputStream in = Files.newInputStream(files.subjects())) {
				subjects = importer.run("conecto", app.getBean(SubjectImport.class), ImportFormat.CSV, in, (n) -> {
				});
			}
			try (InputStream in = Files.newInputStream(files.contracts())) {
				importer.run("conecto", app.getBean(ContractImport.class), ImportFormat.CSV, in, (n) -> {
				});
			}
			double tutela = (System.nanoTime() - start) / 1e9;
			long rows = subjects.rows() + contracts;

			// support tickets naming their subject by e-mail: the service imports'
			// one-pass
			// resolution of subject references
			Path ticketFile = Files.createTempFile(data, "tickets", ".csv");
			try (var out = Files.newBufferedWriter(ticketFile)) {
				out.write("ticket_number,subject,name,email,subject_line,message,opened_at,category\n");
				long[] number = { 0 };
				for (String email : jdbc.sql(
						"SELECT email FROM subject WHERE controller_id = 'conecto' AND email IS NOT NULL ORDER BY email")
					.query(String.class)
					.list()) {
					number[0]++;
					out.write(number[0] + "," + email + ",Cliente " + number[0] + "," + email
							+ ",Reclamo,Addebiti non riconosciuti,2025-01-01T10:00:00Z,complaints\n");
				}
			}
			ImportSpec ticketSpec = app.getBeansOfType(ImportSpec.class)
				.values()
				.stream()
				.filter((spec) -> spec.name().equals("support-tickets"))
				.findFirst()
				.orElseThrow();
			long ticketStart = System.nanoTime();
			ImportReport tickets;
			try (InputStream in = Files.newInputStream(ticketFile)) {
				tickets = importer.run("conecto", ticketSpec, ImportFormat.CSV, in, (n) -> {
				});
			}
			double ticketSeconds = (System.nanoTime() - ticketStart) / 1e9;

			Path subjectCopy = Files.createTempFile(data, "subjects", ".csv");
			Path contractCopy = Files.createTempFile(data, "contracts", ".csv");
			DataSource owner = app.getBean("migrationDataSource", DataSource.class);
			try (Connection connection = owner.getConnection()) {
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				try (var out = Files.newBufferedWriter(subjectCopy)) {
					copy.copyOut("COPY (SELECT md5(id::text || 'copy')::uuid, 'ipkom', subject_key, 'identity', "
							+ "'{contract}'::text[], source, special, given_name, family_name, codice_fiscale, email, phone, "
							+ "customer_code, licence_number, portal_account, address, collected_at, last_contact_at "
							+ "FROM subject WHERE controller_id = 'conecto') TO STDOUT WITH (FORMAT csv)", out);
				}
				try (var out = Files.newBufferedWriter(contractCopy)) {
					copy.copyOut(
							"COPY (SELECT md5(id::text || 'copy')::uuid, 'ipkom', md5(subject_id::text || 'copy')::uuid, "
									+ "contract_number, service, start_date, end_date, category, purposes, source, collected_at "
									+ "FROM contract WHERE controller_id = 'conecto') TO STDOUT WITH (FORMAT csv)",
							out);
				}
				connection.setAutoCommit(false);
				long copyStart = System.nanoTime();
				try (Reader in = Files.newBufferedReader(subjectCopy)) {
					copy.copyIn("COPY subject (id, controller_id, subject_key, category, purposes, source, special, "
							+ "given_name, family_name, codice_fiscale, email, phone, customer_code, licence_number, "
							+ "portal_account, address, collected_at, last_contact_at) FROM STDIN WITH (FORMAT csv)",
							in);
				}
				try (Reader in = Files.newBufferedReader(contractCopy)) {
					copy.copyIn("COPY contract (id, controller_id, subject_id, contract_number, service, start_date, "
							+ "end_date, category, purposes, source, collected_at) FROM STDIN WITH (FORMAT csv)", in);
				}
				connection.commit();
				double plain = (System.nanoTime() - copyStart) / 1e9;
				Path ticketCopy = Files.createTempFile(data, "tickets-copy", ".csv");
				try (var out = Files.newBufferedWriter(ticketCopy)) {
					copy.copyOut("COPY (SELECT md5(id::text || 'copy')::uuid, 'ipkom', ticket_number, "
							+ "md5(subject_id::text || 'copy')::uuid, name, email, subject_line, message, opened_at, "
							+ "category, purposes, source, collected_at FROM support_ticket "
							+ "WHERE controller_id = 'conecto') TO STDOUT WITH (FORMAT csv)", out);
				}
				long ticketCopyStart = System.nanoTime();
				try (Reader in = Files.newBufferedReader(ticketCopy)) {
					copy.copyIn("COPY support_ticket (id, controller_id, ticket_number, subject_id, name, email, "
							+ "subject_line, message, opened_at, category, purposes, source, collected_at) "
							+ "FROM STDIN WITH (FORMAT csv)", in);
				}
				connection.commit();
				double ticketPlain = (System.nanoTime() - ticketCopyStart) / 1e9;
				System.out.printf("import of %,d subjects and %,d contracts (%,d rows)%n", subjects.rows(), contracts,
						rows);
				System.out.printf("  Tutela import, validated:  %6.1f s  %,9.0f rows/s%n", tutela, rows / tutela);
				System.out.printf("  plain COPY, same rows:     %6.1f s  %,9.0f rows/s%n", plain, rows / plain);
				System.out.printf("  Tutela / COPY:             %6.0f %%%n", 100 * plain / tutela);
				System.out.printf("import of %,d support tickets naming their subject by e-mail%n", tickets.rows());
				System.out.printf("  Tutela import, validated:  %6.1f s  %,9.0f rows/s%n", ticketSeconds,
						tickets.rows() / ticketSeconds);
				System.out.printf("  plain COPY, same rows:     %6.1f s  %,9.0f rows/s%n", ticketPlain,
						tickets.rows() / ticketPlain);
				System.out.printf("  Tutela / COPY:             %6.0f %%%n", 100 * ticketPlain / ticketSeconds);
			}
			files.delete();

			List<String> ids = jdbc
				.sql("SELECT id::text FROM subject WHERE controller_id = 'conecto' ORDER BY random() LIMIT 1200")
				.query(String.class)
				.list();
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();
			List<Double> millis = HttpLatency.measure(client, ids.stream()
				.map((id) -> URI
					.create("http://localhost:" + port + "/api/v1/controllers/conecto/subjects/" + id + "/overview"))
				.toList(), TOKEN, 200);
			System.out.printf("subject 360 over HTTP, one subject among %,d (%d requests after 200 warm-up):%n",
					jdbc.sql("SELECT count(*) FROM subject").query(Long.class).single(), millis.size());
			System.out.println("  " + HttpLatency.summary(millis));
		}
	}

}
