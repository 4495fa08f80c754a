package io.tutela.records;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.web.NotFoundException;
import io.tutela.web.Problems;

/** Imports of records of any kind, whole or not at all. */
@RestController
@Tag(name = "Imports", description = "Records imported from CSV or JSON Lines, whole or not at all")
class ImportApi {

	private final Importer importer;

	private final Map<String, ImportSpec> specs;

	ImportApi(Importer importer, List<ImportSpec> specs) {
		this.importer = importer;
		this.specs = new TreeMap<>(specs.stream().collect(Collectors.toMap(ImportSpec::name, Function.identity())));
	}

	@PostMapping(path = "/api/v1/controllers/{controllerId}/imports/{kind}",
			consumes = { "text/csv", "application/x-ndjson", "application/jsonl" })
	@Operation(summary = "Import a file of records",
			description = "CSV with a header line, or JSON Lines. 200 with what was inserted, updated and found "
					+ "unchanged; 422 listing every bad row (line, field, message) when anything is wrong, and then "
					+ "nothing is written. Importing the same file again changes nothing.")
	ImportReport importFile(@PathVariable String controllerId, @PathVariable String kind,
			@RequestHeader("Content-Type") String contentType, HttpServletRequest request) throws IOException {
		ImportSpec spec = this.specs.get(kind);
		if (spec == null) {
			throw new NotFoundException("import kind",
					kind + " (known: " + String.join(", ", this.specs.keySet()) + ")");
		}
		ImportFormat format = ImportFormat.ofMediaType(contentType);
		try (InputStream in = request.getInputStream()) {
			return this.importer.run(controllerId, spec, format, in, (rows) -> {
			});
		}
	}

	@ExceptionHandler(ImportRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(ImportRejectedException ex) {
		ImportReport report = ex.report();
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "import-invalid", "Import refused",
				report.errorCount() + " bad row(s) out of " + report.rows() + "; nothing was imported.");
		problem.setProperty("rows", report.rows());
		problem.setProperty("errorCount", report.errorCount());
		problem.setProperty("errors", report.errors());
		return ResponseEntity.unprocessableContent().body(problem);
	}

}
