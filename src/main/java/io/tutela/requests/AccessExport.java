package io.tutela.requests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.subject.Overview;
import io.tutela.subject.SubjectLookup;

/**
 * The answer to an access request (GDPR art. 15): a zip with everything held about the
 * subject as JSON ({@code data.json}) and as CSV (one file per kind of record), and a
 * readable report ({@code report.html}) of purposes, legal bases, recipients, sources and
 * retention, in Italian and English.
 */
@Component
class AccessExport {

	private final SubjectLookup subjects;

	private final Policies policies;

	private final JsonMapper json;

	AccessExport(SubjectLookup subjects, Policies policies, JsonMapper json) {
		this.subjects = subjects;
		this.policies = policies;
		this.json = json;
	}

	byte[] export(RightsRequest request, Instant asOf) {
		Policy policy = this.policies.current(request.controllerId());
		Overview overview = (request.subjectId() != null)
				? this.subjects.overview(request.controllerId(), request.subjectId(), asOf) : null;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
			// text compresses well even at the fastest level
			zip.setLevel(Deflater.BEST_SPEED);
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("controller", policy.controller().name());
			data.put("request", request.id());
			data.put("asOf", asOf);
			data.put("held", overview != null);
			data.put("subject", overview);
			entry(zip, "data.json", this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(data));
			if (overview != null) {
				for (Map.Entry<String, List<Overview.RecordView>> kind : byKind(overview).entrySet()) {
					entry(zip, "records/" + kind.getKey() + ".csv", csv(kind.getValue()));
				}
			}
			entry(zip, "report.html", report(policy, overview, asOf).getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * The answer to a portability request (GDPR art. 20): only the records the subject
	 * provided ({@code source: subject}) for a purpose resting on consent or on a
	 * contract, as JSON ({@code data.json}) and as CSV (one file per kind), structured
	 * and machine-readable.
	 */
	byte[] portable(RightsRequest request, Instant asOf) {
		Policy policy = this.policies.current(request.controllerId());
		Overview overview = this.subjects.overview(request.controllerId(), request.subjectId(), asOf);
		List<String> portablePurposes = policy.purposes()
			.stream()
			.filter((p) -> p.legalBasis().contains(Policy.LegalBasis.CONSENT)
					|| p.legalBasis().contains(Policy.LegalBasis.CONTRACT))
			.map(Policy.Purpose::id)
			.toList();
		String provided = Policy.Source.SUBJECT.name().toLowerCase(java.util.Locale.ROOT);
		Map<String, List<Overview.RecordView>> kinds = new LinkedHashMap<>();
		byKind(overview).forEach((kind, records) -> records.stream()
			.filter((r) -> provided.equals(r.source()) && r.purposes().stream().anyMatch(portablePurposes::contains))
			.forEach((r) -> kinds.computeIfAbsent(kind, (k) -> new ArrayList<>()).add(r)));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
			zip.setLevel(Deflater.BEST_SPEED);
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("controller", policy.controller().name());
			data.put("request", request.id());
			data.put("asOf", asOf);
			data.put("records", kinds);
			entry(zip, "data.json", this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(data));
			for (Map.Entry<String, List<Overview.RecordView>> kind : kinds.entrySet()) {
				entry(zip, "records/" + kind.getKey() + ".csv", csv(kind.getValue()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static Map<String, List<Overview.RecordView>> byKind(Overview overview) {
		Map<String, List<Overview.RecordView>> kinds = new LinkedHashMap<>();
		overview.categories()
			.forEach((c) -> c.records()
				.forEach((r) -> kinds.computeIfAbsent(r.kind(), (k) -> new ArrayList<>()).add(r)));
		return kinds;
	}

	/** One row per record: its tags, then every field any record of the kind has. */
	static byte[] csv(List<Overview.RecordView> records) {
		TreeSet<String> fields = new TreeSet<>();
		records.forEach((r) -> fields.addAll(r.fields().keySet()));
		StringBuilder out = new StringBuilder();
		List<String> header = new ArrayList<>(List.of("id", "source", "collected_at", "purposes"));
		header.addAll(fields);
		out.append(header.stream().map(AccessExport::cell).collect(Collectors.joining(","))).append("\r\n");
		for (Overview.RecordView r : records) {
			List<String> row = new ArrayList<>(
					List.of(r.id().toString(), r.source(), r.collectedAt().toString(), String.join(";", r.purposes())));
			fields.forEach((f) -> row.add(text(r.fields().get(f))));
			out.append(row.stream().map(AccessExport::cell).collect(Collectors.joining(","))).append("\r\n");
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String text(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Collection<?> many) {
			return many.stream().map(String::valueOf).collect(Collectors.joining(";"));
		}
		return String.valueOf(value);
	}

	private static String cell(String value) {
		boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
		String safe = (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
	}

	static String report(Policy policy, @Nullable Overview overview, Instant asOf) {
		StringBuilder h = new StringBuilder();
		h.append("<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>")
			.append(esc(policy.controller().name()))
			.append(" – Dati personali / Personal data</title></head><body><main>");
		h.append("<h1>")
			.append(esc(policy.controller().name()))
			.append(": i tuoi dati personali / your personal data</h1>");
		h.append("<p>Situazione al / As of ").append(esc(asOf.toString())).append("</p>");
		if (overview == null) {
			h.append("<p id=\"nothing-held\">Non conserviamo dati personali che ti riguardano. / "
					+ "We hold no personal data about you.</p>");
		}
		else {
			if (overview.restricted()) {
				h.append("<p><strong>Trattamento limitato / Processing restricted</strong></p>");
			}
			for (Overview.CategoryView c : overview.categories()) {
				h.append("<section><h2>")
					.append(esc(c.name().it()))
					.append(" / ")
					.append(esc(c.name().en()))
					.append("</h2><p>")
					.append(c.records().size())
					.append(" record</p>");
				h.append("<h3>Finalità e basi giuridiche / Purposes and legal bases</h3><ul>");
				c.purposes()
					.forEach((p) -> h.append("<li>")
						.append(esc(p.name().it()))
						.append(" / ")
						.append(esc(p.name().en()))
						.append(" (GDPR ")
						.append(esc(String.join(", ", p.legalBasis())))
						.append(")</li>"));
				h.append("</ul><h3>Destinatari / Recipients</h3><ul>");
				if (c.recipients().isEmpty()) {
					h.append("<li>Nessuno / None</li>");
				}
				c.recipients()
					.forEach((r) -> h.append("<li>")
						.append(esc(r.name().it()))
						.append(" (")
						.append(esc(r.kind()))
						.append(", ")
						.append(esc(r.country()))
						.append((r.safeguard() != null) ? ", " + esc(r.safeguard()) : "")
						.append(")</li>"));
				h.append("</ul><h3>Fonti / Sources</h3><ul>");
				c.records()
					.stream()
					.map(Overview.RecordView::source)
					.distinct()
					.forEach((s) -> h.append("<li>").append(esc(s)).append("</li>"));
				h.append("</ul><h3>Conservazione / Retention</h3><ul>");
				c.records()
					.stream()
					.flatMap((r) -> r.retention().stream())
					.map(AccessExport::retention)
					.distinct()
					.forEach((s) -> h.append("<li>").append(esc(s)).append("</li>"));
				h.append("</ul></section>");
			}
		}
		h.append("<p>Il dettaglio è nei file data.json e records/*.csv. / "
				+ "The details are in data.json and records/*.csv.</p></main></body></html>");
		return h.toString();
	}

	private static String retention(Overview.RetentionStep s) {
		String when = (s.dueOn() != null) ? "dal / from " + s.dueOn()
				: "dopo / after " + s.waitingFor() + " + " + s.duration();
		return s.rule() + ": " + s.action() + " " + s.duration() + ", " + when
				+ ((s.legalReference() != null) ? " (" + s.legalReference() + ")" : "");
	}

	private static String esc(@Nullable String text) {
		return (text != null) ? HtmlUtils.htmlEscape(text) : "";
	}

	private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content);
		zip.closeEntry();
	}

}
