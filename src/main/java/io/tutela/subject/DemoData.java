package io.tutela.subject;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.ControllerSummary;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.ImportFormat;
import io.tutela.records.ImportReport;
import io.tutela.records.ImportSpec;
import io.tutela.records.Importer;

/**
 * Synthetic demo data for every controller that has none yet: people with valid codici
 * fiscali and plausible numbers, shaped by what each policy says the controller holds
 * (customers with contracts for an operator, prospects for a call centre, ticket authors
 * for a helpdesk, callers for a receptionist's client). It goes through the same import
 * as real data.
 */
@Component
@Order(200)
public class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final Policies policies;

	private final Importer importer;

	private final SubjectImport subjects;

	private final ContractImport contracts;

	private final JdbcClient jdbc;

	private final int perController;

	private final List<ImportSpec> specs;

	DemoData(Policies policies, Importer importer, SubjectImport subjects, ContractImport contracts, JdbcClient jdbc,
			List<ImportSpec> specs, @Value("${tutela.demo.subjects:200}") int perController) {
		this.specs = specs;
		this.policies = policies;
		this.importer = importer;
		this.subjects = subjects;
		this.contracts = contracts;
		this.jdbc = jdbc;
		this.perController = perController;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.perController <= 0) {
			return;
		}
		for (ControllerSummary controller : this.policies.controllers()) {
			if (controller.currentVersion() == 0) {
				continue;
			}
			boolean empty = this.jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM subject WHERE controller_id = :c)")
				.param("c", controller.id())
				.query(Boolean.class)
				.single();
			if (empty && this.policies.current(controller.id()).records(RecordKind.SUBJECT).isPresent()) {
				ImportReport report = load(controller.id(), this.perController, (rows) -> {
				});
				log.info("Loaded {} demo subjects for '{}'", report.inserted(), controller.id());
			}
		}
	}

	/**
	 * Generates and imports {@code count} subjects (and their contracts) for a
	 * controller.
	 */
	public ImportReport load(String controllerId, long count, LongConsumer progress) {
		Files files = write(controllerId, count);
		try {
			ImportReport report;
			try (InputStream in = java.nio.file.Files.newInputStream(files.subjects())) {
				report = this.importer.run(controllerId, this.subjects, ImportFormat.CSV, in, progress);
			}
			if (files.contracts() != null) {
				try (InputStream in = java.nio.file.Files.newInputStream(files.contracts())) {
					this.importer.run(controllerId, this.contracts, ImportFormat.CSV, in, progress);
				}
			}
			serviceRecords(controllerId, Math.min(count, 10_000), progress);
			return report;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			files.delete();
		}
	}

	/**
	 * Service records for the first demo subjects, where the policy says the controller
	 * holds them: a support ticket and a remote session for a helpdesk's ticket authors,
	 * a call for a receptionist client's callers. They go through the service module's
	 * own imports.
	 */
	private void serviceRecords(String controllerId, long count, LongConsumer progress) throws IOException {
		Policy policy = this.policies.current(controllerId);
		String kind = policy.records(RecordKind.SUBJECT).orElseThrow().defaultCategory();
		DemoPeople people = new DemoPeople(controllerId.hashCode());
		String prefix = prefix(controllerId);
		if ("support_ticket".equals(kind) && policy.records(RecordKind.SUPPORT_TICKET).isPresent()) {
			importGenerated(controllerId, "support-tickets", progress, new String[] { "ticket_number", "subject",
					"name", "email", "subject_line", "message", "licence_number", "opened_at" }, count, (i, row) -> {
						DemoPeople.Person p = people.person(i);
						String licence = "LIC-" + prefix + String.format("%07d", i + 1);
						row.addAll(List.of(String.valueOf(i + 1), licence, p.givenName() + " " + p.surname(), p.email(),
								"Assistenza", "Richiesta di assistenza tecnica (dati dimostrativi)", licence,
								people.reference().minusDays(1 + i % 700).toString()));
					});
		}
		if ("support_ticket".equals(kind) && policy.records(RecordKind.REMOTE_SESSION).isPresent()) {
			importGenerated(controllerId, "remote-sessions", progress,
					new String[] { "subject", "remote_id", "ip_address", "started_at", "ended_at" }, count,
					(i, row) -> {
						String day = people.reference().minusDays(1 + i % 700).toString();
						row.addAll(List.of("LIC-" + prefix + String.format("%07d", i + 1), "RID-" + (100_000 + i),
								"192.0.2." + (1 + i % 254), day + "T09:00:00Z", day + "T09:25:00Z"));
					});
		}
		List<String> complaints = policy.handledWithoutIdentity(RecordKind.SUPPORT_TICKET);
		if (!complaints.isEmpty()) {
			// complaints of one customer in three, handled without identity by the
			// functions
			// concerned
			importGenerated(
					controllerId, "support-tickets", progress, new String[] { "ticket_number", "subject", "name",
							"email", "subject_line", "message", "opened_at", "category" },
					(count + 2) / 3, (i, row) -> {
						DemoPeople.Person p = people.person(i * 3);
						row.addAll(List.of(String.valueOf(i + 1), p.email(), p.givenName() + " " + p.surname(),
								p.email(), "Reclamo su addebiti in fattura",
								"Il cliente " + p.surname() + " segnala addebiti non riconosciuti nella fattura di "
										+ "questo mese e chiede di essere richiamato al " + p.mobile()
										+ " (dati dimostrativi)",
								people.reference().minusDays(1 + i % 300) + "T11:30:00Z", complaints.get(0)));
					});
		}
		if ("call_log".equals(kind) && policy.records(RecordKind.CALL_LOG).isPresent()) {
			importGenerated(controllerId, "calls", progress,
					new String[] { "subject", "caller_name", "number", "called_at", "request" }, count, (i, row) -> {
						DemoPeople.Person p = people.person(i);
						row.addAll(List.of(p.mobile(), p.givenName() + " " + p.surname(), p.mobile(),
								people.reference().minusDays(1 + i % 365) + "T10:15:00Z",
								"Chiede di essere richiamato (dati dimostrativi)"));
					});
		}
	}

	private void importGenerated(String controllerId, String specName, LongConsumer progress, String[] header,
			long count, java.util.function.BiConsumer<Long, List<String>> row) throws IOException {
		ImportSpec spec = this.specs.stream().filter((s) -> s.name().equals(specName)).findFirst().orElse(null);
		if (spec == null) {
			return;
		}
		Path file = java.nio.file.Files.createTempFile("tutela-demo-" + specName, ".csv");
		try {
			try (BufferedWriter out = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.UTF_8);
					CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header).get())) {
				List<String> values = new java.util.ArrayList<>();
				for (long i = 0; i < count; i++) {
					values.clear();
					row.accept(i, values);
					csv.printRecord(values);
				}
			}
			try (InputStream in = java.nio.file.Files.newInputStream(file)) {
				this.importer.run(controllerId, spec, ImportFormat.CSV, in, progress);
			}
		}
		finally {
			java.nio.file.Files.deleteIfExists(file);
		}
	}

	private static String prefix(String controllerId) {
		return controllerId.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "").substring(0, 3);
	}

	/**
	 * The demo files of a controller: subjects, and contracts when the controller holds
	 * them.
	 */
	record Files(Path subjects, @org.jspecify.annotations.Nullable Path contracts) {

		void delete() {
			try {
				java.nio.file.Files.deleteIfExists(this.subjects);
				if (this.contracts != null) {
					java.nio.file.Files.deleteIfExists(this.contracts);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** Writes the demo files of a controller as CSV, ready to import. */
	Files write(String controllerId, long count) {
		Policy policy = this.policies.current(controllerId);
		Policy.RecordMapping mapping = policy.records(RecordKind.SUBJECT).orElseThrow();
		long seed = controllerId.hashCode();
		boolean withContracts = policy.records(RecordKind.CONTRACT).isPresent();
		String prefix = prefix(controllerId);
		try {
			Path subjectFile = java.nio.file.Files.createTempFile("tutela-demo-subjects", ".csv");
			Path contractFile = java.nio.file.Files.createTempFile("tutela-demo-contracts", ".csv");
			write(subjectFile, contractFile, new DemoPeople(seed), count, mapping, prefix, withContracts,
					policy.controller().timezone(), seed);
			if (!withContracts) {
				java.nio.file.Files.deleteIfExists(contractFile);
			}
			return new Files(subjectFile, withContracts ? contractFile : null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path subjectFile, Path contractFile, DemoPeople people, long count,
			Policy.RecordMapping mapping, String prefix, boolean withContracts, ZoneId zone, long seed)
			throws IOException {
		SplittableRandom random = new SplittableRandom(seed);
		LocalDate today = people.reference();
		String kind = mapping.defaultCategory();
		try (BufferedWriter s = java.nio.file.Files.newBufferedWriter(subjectFile, StandardCharsets.UTF_8);
				BufferedWriter c = java.nio.file.Files.newBufferedWriter(contractFile, StandardCharsets.UTF_8);
				CSVPrinter subjects = new CSVPrinter(s,
						CSVFormat.RFC4180.builder()
							.setHeader("customer_code", "codice_fiscale", "given_name", "family_name", "email", "phone",
									"licence_number", "address", "category", "purposes", "source", "collected_at",
									"last_contact_at")
							.get());
				CSVPrinter contracts = new CSVPrinter(c,
						CSVFormat.RFC4180.builder()
							.setHeader("contract_number", "subject", "service", "start_date", "end_date")
							.get())) {
			for (long i = 0; i < count; i++) {
				DemoPeople.Person p = people.person(i);
				LocalDate collected = today.minusDays(random.nextInt(1, 8 * 365));
				LocalDate lastContact = collected.plusDays(random.nextInt(0, 400));
				if (lastContact.isAfter(today)) {
					lastContact = today;
				}
				String code = prefix + "-" + String.format("%07d", i + 1);
				boolean prospect = mapping.categories().contains("prospect_numbers") && i % 3 == 2;
				if (prospect) {
					subjects.printRecord(null, null, p.givenName(), p.surname(), null, p.mobile(), null, null,
							"prospect_numbers", "marketing", (i % 2 == 0) ? "third_party_list" : "public_register",
							collected, lastContact);
					continue;
				}
				switch (kind) {
					case "support_ticket" -> subjects.printRecord(null, null, p.givenName(), p.surname(), p.email(),
							null, "LIC-" + prefix + String.format("%07d", i + 1), null, null, null, null, collected,
							lastContact);
					case "call_log" -> subjects.printRecord(null, null, p.givenName(), p.surname(), null, p.mobile(),
							null, null, null, null, "client_controller", collected, lastContact);
					default -> subjects.printRecord(code, p.codiceFiscale(), p.givenName(), p.surname(), p.email(),
							p.mobile(), null, p.address().toString(), null, null, null, collected, lastContact);
				}
				if (withContracts && !"support_ticket".equals(kind) && !"call_log".equals(kind)) {
					LocalDate end = (random.nextInt(10) < 3) ? collected.plusDays(random.nextInt(30, 1500)) : null;
					contracts.printRecord("K-" + code, code, (i % 2 == 0) ? "fibra" : "voce", collected,
							(end != null && end.isBefore(today)) ? end : null);
				}
			}
		}
	}

}
