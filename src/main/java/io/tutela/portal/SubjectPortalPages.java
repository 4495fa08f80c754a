package io.tutela.portal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import io.tutela.audit.AuditEvent;
import io.tutela.audit.Auditing;
import io.tutela.consent.PortalConsents;
import io.tutela.policy.ControllerSummary;
import io.tutela.policy.Policies;
import io.tutela.requests.PortalRequests;
import io.tutela.subject.EmailAddresses;
import io.tutela.subject.SubjectLookup;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;
import io.tutela.web.NotFoundException;

/**
 * The subject portal's pages under {@code /portal/{controllerId}}: sign-in by a one-time
 * code, the person's requests (submit with documents, follow, download the result) and
 * consents. Every page but the sign-in needs the person signed in to that controller's
 * portal; a request or result of anyone else answers 404 as one that does not exist.
 */
@Controller
@ConsolePage
class SubjectPortalPages {

	private static final String BASE = "/portal/";

	private final OneTimeCodes codes;

	private final PortalRequests requests;

	private final PortalConsents consents;

	private final SubjectLookup subjects;

	private final Policies policies;

	private final Auditing auditing;

	private final PortalProperties properties;

	SubjectPortalPages(OneTimeCodes codes, PortalRequests requests, PortalConsents consents, SubjectLookup subjects,
			Policies policies, Auditing auditing, PortalProperties properties) {
		this.codes = codes;
		this.requests = requests;
		this.consents = consents;
		this.subjects = subjects;
		this.policies = policies;
		this.auditing = auditing;
		this.properties = properties;
	}

	/** The providers whose portal takes requests. */
	@GetMapping({ "/portal", "/portal/" })
	String providers(Model model) {
		model.addAttribute("providers",
				this.policies.controllers().stream().filter((c) -> this.requests.terms(c.id()).accepted()).toList());
		return "portal/providers";
	}

	@GetMapping("/portal/{controllerId}")
	String signIn(@PathVariable String controllerId, HttpServletRequest request, Model model) {
		ControllerSummary controller = portal(controllerId);
		if (PortalSession.of(request, controllerId).isPresent()) {
			return "redirect:" + BASE + controllerId + "/requests";
		}
		model.addAttribute("controller", controller);
		model.addAttribute("signedOut", request.getParameter("signedOut") != null);
		return "portal/sign-in";
	}

	/**
	 * Sends a code to the address given; the answer is the same whether the address is
	 * known, unknown, or has had its share of codes.
	 */
	@PostMapping("/portal/{controllerId}/code")
	String sendCode(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String email,
			HttpServletRequest request, Locale locale, Model model) {
		ControllerSummary controller = portal(controllerId);
		if (email == null || !(EmailAddresses.normalise(email) instanceof EmailAddresses.Valid valid)) {
			model.addAttribute("controller", controller);
			model.addAttribute("invalidEmail", true);
			return "portal/sign-in";
		}
		String address = valid.address();
		List<UUID> known = this.subjects.resolve(controllerId, address);
		Optional<UUID> sent = this.codes.send(controllerId, address, (known.size() == 1) ? known.get(0) : null, locale);
		this.auditing.record("portal.code_sent", sent.isPresent() ? AuditEvent.SUCCESS : "rate_limited", controllerId,
				null, sent.map(List::of).orElse(List.of()));
		request.getSession(true)
			.setAttribute(PortalSession.Pending.ATTRIBUTE, new PortalSession.Pending(controllerId, address));
		return "redirect:" + BASE + controllerId + "/code";
	}

	@GetMapping("/portal/{controllerId}/code")
	String codeForm(@PathVariable String controllerId, HttpServletRequest request, Model model) {
		ControllerSummary controller = portal(controllerId);
		if (pending(request, controllerId) == null) {
			return "redirect:" + BASE + controllerId;
		}
		model.addAttribute("controller", controller);
		model.addAttribute("minutes", Math.max(1, this.properties.codeValidity().toMinutes()));
		return "portal/code";
	}

	@PostMapping("/portal/{controllerId}/sign-in")
	String verify(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String code,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		ControllerSummary controller = portal(controllerId);
		PortalSession.Pending pending = pending(request, controllerId);
		if (pending == null) {
			return "redirect:" + BASE + controllerId;
		}
		OneTimeCodes.Outcome outcome = this.codes.verify(controllerId, pending.email(), (code != null) ? code : "");
		if (outcome != OneTimeCodes.Outcome.SIGNED_IN) {
			this.auditing.record("portal.sign_in", AuditEvent.FAILURE, controllerId, null, List.of());
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			model.addAttribute("controller", controller);
			model.addAttribute("minutes", Math.max(1, this.properties.codeValidity().toMinutes()));
			model.addAttribute("problem", outcome.name().toLowerCase(Locale.ROOT));
			return "portal/code";
		}
		List<UUID> known = this.subjects.resolve(controllerId, pending.email());
		request.changeSessionId();
		HttpSession session = request.getSession();
		session.removeAttribute(PortalSession.Pending.ATTRIBUTE);
		session.setMaxInactiveInterval((int) this.properties.sessionTimeout().toSeconds());
		PortalSession signed = new PortalSession(controllerId, (known.size() == 1) ? known.get(0) : null,
				pending.email(), UUID.randomUUID());
		session.setAttribute(PortalSession.ATTRIBUTE, signed);
		PortalActor.actAs(request, signed);
		this.auditing.success("portal.sign_in", controllerId, null,
				(signed.subjectId() != null) ? List.of(signed.subjectId()) : List.of());
		return "redirect:" + BASE + controllerId + "/requests";
	}

	@PostMapping("/portal/{controllerId}/sign-out")
	String signOut(@PathVariable String controllerId, HttpServletRequest request) {
		portal(controllerId);
		HttpSession session = request.getSession(false);
		if (PortalSession.of(request, controllerId).isPresent() && session != null) {
			this.auditing.success("portal.sign_out", controllerId, null, List.of());
			session.removeAttribute(PortalSession.ATTRIBUTE);
		}
		return "redirect:" + BASE + controllerId + "?signedOut";
	}

	@GetMapping("/portal/{controllerId}/requests")
	String list(@PathVariable String controllerId, HttpServletRequest request, Model model) {
		return signedIn(controllerId, request, model, (signed) -> {
			model.addAttribute("requests", this.requests.of(controllerId, signed.person()));
			return "portal/requests";
		});
	}

	@GetMapping("/portal/{controllerId}/requests/new")
	String newRequest(@PathVariable String controllerId, HttpServletRequest request, Model model) {
		return signedIn(controllerId, request, model, (signed) -> form(controllerId, model, Map.of(), Map.of()));
	}

	@PostMapping("/portal/{controllerId}/requests")
	String submit(@PathVariable String controllerId, @RequestParam Map<String, String> form,
			@RequestParam(required = false) @Nullable MultipartFile identityDocument,
			@RequestParam(required = false) @Nullable MultipartFile proxy,
			@RequestParam(required = false) @Nullable MultipartFile delegateDocument, HttpServletRequest request,
			Model model) {
		return signedIn(controllerId, request, model, (signed) -> {
			try {
				List<PortalRequests.Document> documents = new ArrayList<>();
				add(documents, "identity_document", identityDocument);
				add(documents, "proxy", proxy);
				add(documents, "delegate_document", delegateDocument);
				UUID id = this.requests.submit(controllerId, signed.person(),
						(signed.subjectId() == null) ? form.get("identifier") : null, form.get("type"),
						form.get("requester"), form.get("delegateName"), form.get("details"), documents);
				return "redirect:" + BASE + controllerId + "/requests/" + id + "?done=received";
			}
			catch (InvalidInputException ex) {
				Map<String, String> errors = new LinkedHashMap<>();
				ex.errors().forEach((e) -> errors.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
				return form(controllerId, model, form, errors);
			}
			catch (IOException ex) {
				return form(controllerId, model, form, Map.of("identity_document", "could not be read"));
			}
		});
	}

	@GetMapping("/portal/{controllerId}/requests/{requestId}")
	String detail(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestParam(required = false) @Nullable String done, HttpServletRequest request, Model model) {
		return signedIn(controllerId, request, model, (signed) -> {
			model.addAttribute("request", this.requests.one(controllerId, signed.person(), requestId)
				.orElseThrow(() -> new NotFoundException("request", requestId)));
			model.addAttribute("done", done);
			return "portal/request";
		});
	}

	@GetMapping("/portal/{controllerId}/requests/{requestId}/result")
	ResponseEntity<byte[]> result(@PathVariable String controllerId, @PathVariable UUID requestId,
			HttpServletRequest request) {
		portal(controllerId);
		PortalSession signed = PortalSession.of(request, controllerId)
			.orElseThrow(() -> new NotFoundException("request", requestId));
		byte[] zip = this.requests.result(controllerId, signed.person(), requestId)
			.orElseThrow(() -> new NotFoundException("result of request", requestId));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"request-" + requestId + ".zip\"")
			.body(zip);
	}

	@GetMapping("/portal/{controllerId}/consents")
	String consents(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String done,
			HttpServletRequest request, Model model) {
		return signedIn(controllerId, request, model, (signed) -> {
			model.addAttribute("rows", this.consents.of(controllerId, signed.subjectId(), signed.email()));
			model.addAttribute("done", done);
			return "portal/consents";
		});
	}

	@PostMapping("/portal/{controllerId}/consents")
	String choose(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String purpose,
			@RequestParam(required = false) @Nullable String scope,
			@RequestParam(required = false) @Nullable String event, HttpServletRequest request, Model model) {
		return signedIn(controllerId, request, model, (signed) -> {
			try {
				this.consents.record(controllerId, signed.subjectId(), signed.email(), purpose, scope, event);
				return "redirect:" + BASE + controllerId + "/consents?done=" + event;
			}
			catch (InvalidInputException ex) {
				model.addAttribute("refused", true);
				model.addAttribute("rows", this.consents.of(controllerId, signed.subjectId(), signed.email()));
				return "portal/consents";
			}
		});
	}

	private interface Page {

		String show(PortalSession signed) throws IOException;

	}

	/**
	 * Shows a page to the person signed in to this controller's portal, or sends anyone
	 * else to its sign-in.
	 */
	private String signedIn(String controllerId, HttpServletRequest request, Model model, Page page) {
		ControllerSummary controller = portal(controllerId);
		Optional<PortalSession> signed = PortalSession.of(request, controllerId);
		if (signed.isEmpty()) {
			return "redirect:" + BASE + controllerId;
		}
		model.addAttribute("controller", controller);
		model.addAttribute("signed", signed.get());
		model.addAttribute("known", signed.get().subjectId() != null);
		model.addAttribute("zone", this.policies.current(controllerId).controller().timezone().getId());
		try {
			return page.show(signed.get());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private String form(String controllerId, Model model, Map<String, String> form, Map<String, String> errors) {
		model.addAttribute("terms", this.requests.terms(controllerId));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "portal/new";
	}

	/** The controller of a portal that takes requests; 404 for any other. */
	private ControllerSummary portal(String controllerId) {
		ControllerSummary controller = this.policies.find(controllerId)
			.orElseThrow(() -> new NotFoundException("portal", controllerId));
		if (!this.requests.terms(controllerId).accepted()) {
			throw new NotFoundException("portal", controllerId);
		}
		return controller;
	}

	private static PortalSession.@Nullable Pending pending(HttpServletRequest request, String controllerId) {
		HttpSession session = request.getSession(false);
		return (session != null
				&& session.getAttribute(PortalSession.Pending.ATTRIBUTE) instanceof PortalSession.Pending p
				&& p.controllerId().equals(controllerId)) ? p : null;
	}

	private static void add(List<PortalRequests.Document> documents, String kind, @Nullable MultipartFile file)
			throws IOException {
		if (file == null
				|| (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()))) {
			return;
		}
		documents.add(new PortalRequests.Document(kind,
				(file.getOriginalFilename() != null) ? file.getOriginalFilename() : "",
				(file.getContentType() != null) ? file.getContentType() : MediaType.APPLICATION_OCTET_STREAM_VALUE,
				file.getBytes()));
	}

}
