package io.tutela.subject;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import io.tutela.policy.Policies;
import io.tutela.records.ImportFormat;
import io.tutela.records.ImportRejectedException;
import io.tutela.records.ImportSpec;
import io.tutela.records.Importer;
import io.tutela.records.Tags;
import io.tutela.web.ConsolePage;
import io.tutela.web.Languages;

/** Console pages: subject search, the subject 360, and imports with their report. */
@Controller
@ConsolePage
class SubjectPages {

	static final String SEARCH = "subject/search";

	static final String OVERVIEW = "subject/overview";

	static final String IMPORT = "subject/import";

	private final ReadingSubjects reading;

	private final Policies policies;

	private final Importer importer;

	private final List<ImportSpec> specs;

	private final Clock clock;

	SubjectPages(ReadingSubjects reading, Policies policies, Importer importer, List<ImportSpec> specs, Clock clock) {
		this.reading = reading;
		this.policies = policies;
		this.importer = importer;
		this.specs = specs;
		this.clock = clock;
	}

	@GetMapping("/controllers/{controllerId}/subjects")
	String search(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("subjects", this.reading.search(controllerId, q, Math.max(page, 0), 50));
		return SEARCH;
	}

	@GetMapping("/controllers/{controllerId}/subjects/{subjectId}")
	String overview(@PathVariable String controllerId, @PathVariable UUID subjectId,
			@RequestParam(required = false) @Nullable LocalDate asOf, Locale locale, Model model) {
		ZoneId zone = this.policies.current(controllerId).controller().timezone();
		Instant at = (asOf != null) ? asOf.atStartOfDay(zone).toInstant() : this.clock.instant();
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("subject", this.reading.one(controllerId, subjectId));
		model.addAttribute("overview", this.reading.overview(controllerId, subjectId, at));
		model.addAttribute("asOf", LocalDate.ofInstant(at, zone));
		model.addAttribute("lang", Languages.of(locale));
		return OVERVIEW;
	}

	@GetMapping("/controllers/{controllerId}/imports")
	String importForm(@PathVariable String controllerId, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("kinds",
				this.specs.stream().filter(ImportSpec::importedFromConsole).map(ImportSpec::name).sorted().toList());
		return IMPORT;
	}

	@PostMapping("/controllers/{controllerId}/imports")
	String importFile(@PathVariable String controllerId, @RequestParam String kind, @RequestParam MultipartFile file,
			Model model) throws IOException {
		importForm(controllerId, model);
		ImportSpec spec = this.specs.stream()
			.filter((s) -> s.name().equals(kind) && s.importedFromConsole())
			.findFirst()
			.orElse(null);
		if (spec == null || file.isEmpty()) {
			model.addAttribute("missing", true);
			return IMPORT;
		}
		String name = String.valueOf(file.getOriginalFilename()).toLowerCase(Locale.ROOT);
		ImportFormat format = (name.endsWith(".jsonl") || name.endsWith(".ndjson")) ? ImportFormat.JSON_LINES
				: ImportFormat.CSV;
		try (InputStream in = file.getInputStream()) {
			model.addAttribute("report", this.importer.run(controllerId, spec, format, in, (rows) -> {
			}));
		}
		catch (ImportRejectedException ex) {
			model.addAttribute("rejected", ex.report());
		}
		catch (Tags.NotInPolicyException ex) {
			model.addAttribute("notInPolicy", ex.getMessage());
		}
		return IMPORT;
	}

}
