package io.tutela.policy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The register of processing activities (GDPR art. 30) drawn from a policy: one row per
 * purpose, with its legal basis, subjects, categories, recipients, transfers, time limits
 * and measures.
 */
final class Register {

	/** One processing activity of the register, worded in one language. */
	record Row(String controller, String contact, String dpo, String activityId, String activity, String basis,
			String subjects, String categories, String recipients, String transfers, String retention,
			String security) {

		List<String> cells() {
			return List.of(this.controller, this.contact, this.dpo, this.activityId, this.activity, this.basis,
					this.subjects, this.categories, this.recipients, this.transfers, this.retention, this.security);
		}

	}

	static final List<String> HEADER = List.of("controller", "controller_contact", "dpo", "activity_id", "activity",
			"legal_basis", "data_subjects", "data_categories", "recipients", "transfers_outside_eea",
			"erasure_time_limits", "security_measures");

	private Register() {
	}

	static List<Row> rows(Policy policy, Wording w) {
		Policy.ControllerInfo c = policy.controller();
		String contact = c.address() + " - " + c.privacyContact();
		String dpo = (policy.dpo() != null) ? policy.dpo().name() + " <" + policy.dpo().email() + ">" : "";
		List<Row> rows = new ArrayList<>();
		for (Policy.Purpose purpose : policy.purposes()) {
			List<Policy.Recipient> recipients = policy.recipients()
				.stream()
				.filter((r) -> r.purposes().contains(purpose.id())
						|| r.categories().stream().anyMatch(purpose.categories()::contains)
						|| (r.purposes().isEmpty() && r.categories().isEmpty()))
				.toList();
			String basis = w.labels("basis", purpose.legalBasis()) + (purpose.art9().isEmpty() ? ""
					: "; " + w.msg("notice.purpose.art9", String.join(", ", purpose.art9())));
			String subjects = purpose.subjects()
				.stream()
				.map((id) -> policy.subjects()
					.stream()
					.filter((s) -> s.id().equals(id))
					.findFirst()
					.map((s) -> w.text(s.name()))
					.orElse(id))
				.collect(Collectors.joining(", "));
			String transfers = recipients.stream()
				.filter((r) -> r.transfer() != null)
				.map((r) -> w.text(r.name()) + " (" + r.country() + ", "
						+ w.label("safeguard", r.transfer().safeguard()) + ")")
				.collect(Collectors.joining("; "));
			String retention = w.firstRules(policy)
				.stream()
				.filter((r) -> purpose.categories().contains(r.category())
						&& (r.purpose() == null || r.purpose().equals(purpose.id())))
				.map((r) -> w.categories(policy, List.of(r.category())) + where(r) + ": " + w.retention(policy, r))
				.collect(Collectors.joining("; "));
			String security = policy.security()
				.stream()
				.filter((m) -> m.categories().isEmpty()
						|| m.categories().stream().anyMatch(purpose.categories()::contains))
				.map((m) -> w.text(m.description()))
				.collect(Collectors.joining("; "));
			rows.add(new Row(c.name(), contact, dpo, purpose.id(), w.text(purpose.name()), basis, subjects,
					w.categories(policy, purpose.categories()),
					recipients.stream().map((r) -> w.text(r.name())).collect(Collectors.joining("; ")),
					transfers.isEmpty() ? w.msg("register.none") : transfers, retention, security));
		}
		return rows;
	}

	private static String where(Policy.RetentionRule rule) {
		if (rule.where().isEmpty()) {
			return "";
		}
		return rule.where()
			.entrySet()
			.stream()
			.map((e) -> e.getKey() + ": " + e.getValue())
			.collect(Collectors.joining(", ", " [", "]"));
	}

	static String csv(List<Row> rows) {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out,
				CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
			for (Row row : rows) {
				printer.printRecord(row.cells());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

}
