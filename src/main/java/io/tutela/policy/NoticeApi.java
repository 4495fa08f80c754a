package io.tutela.policy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.web.Languages;

/**
 * The human notice and the art. 30 register rendered from a controller's current policy.
 */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}")
@Tag(name = "Notice and register",
		description = "The privacy notice and the art. 30 register, rendered from the policy")
class NoticeApi {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final Rendering rendering;

	private final Policies policies;

	NoticeApi(Rendering rendering, Policies policies) {
		this.rendering = rendering;
		this.policies = policies;
	}

	@GetMapping(path = "/notice", produces = MediaType.TEXT_HTML_VALUE)
	@Operation(summary = "The privacy notice as an HTML page, in Italian or English")
	ResponseEntity<String> notice(@PathVariable String controllerId, @RequestParam(defaultValue = "it") String lang) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(this.rendering.html("policy/notice", controllerId, Languages.require(lang)));
	}

	@GetMapping(path = "/notice.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@Operation(summary = "The privacy notice as PDF")
	ResponseEntity<byte[]> noticePdf(@PathVariable String controllerId,
			@RequestParam(defaultValue = "it") String lang) {
		byte[] pdf = this.rendering.pdf("policy/notice", controllerId, Languages.require(lang));
		return file(pdf, MediaType.APPLICATION_PDF, controllerId + "-notice-" + lang + ".pdf");
	}

	@GetMapping("/register")
	@Operation(summary = "The art. 30 register as JSON: one row per processing activity")
	List<Register.Row> register(@PathVariable String controllerId, @RequestParam(defaultValue = "it") String lang) {
		return Register.rows(this.policies.current(controllerId), this.rendering.wording(Languages.require(lang)));
	}

	@GetMapping(path = "/register.csv", produces = "text/csv")
	@Operation(summary = "The art. 30 register as CSV")
	ResponseEntity<byte[]> registerCsv(@PathVariable String controllerId,
			@RequestParam(defaultValue = "it") String lang) {
		byte[] csv = this.rendering.registerCsv(controllerId, Languages.require(lang)).getBytes(StandardCharsets.UTF_8);
		return file(csv, CSV, controllerId + "-register-" + lang + ".csv");
	}

	@GetMapping(path = "/register.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@Operation(summary = "The art. 30 register as PDF")
	ResponseEntity<byte[]> registerPdf(@PathVariable String controllerId,
			@RequestParam(defaultValue = "it") String lang) {
		byte[] pdf = this.rendering.pdf("policy/register", controllerId, Languages.require(lang));
		return file(pdf, MediaType.APPLICATION_PDF, controllerId + "-register-" + lang + ".pdf");
	}

	private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name).build().toString())
			.body(body);
	}

}
