package io.tutela.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.tutela.web.ConsolePage;
import io.tutela.web.Languages;

/** The console pages of controllers and their policies. */
@Controller
@ConsolePage
class PolicyPages {

	static final String CONTROLLERS = "policy/controllers";

	static final String CONTROLLER = "policy/controller";

	static final String NOTICE = "policy/notice";

	static final String REGISTER = "policy/register";

	static final String VERSIONS = "policy/versions";

	static final String DIFF = "policy/diff";

	static final String UPLOAD = "policy/upload";

	private final Policies policies;

	private final Rendering rendering;

	PolicyPages(Policies policies, Rendering rendering) {
		this.policies = policies;
		this.rendering = rendering;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/controllers";
	}

	@GetMapping("/controllers")
	String controllers(Model model) {
		model.addAttribute("controllers", this.policies.visibleControllers());
		return CONTROLLERS;
	}

	@GetMapping("/controllers/{controllerId}")
	String controller(@PathVariable String controllerId, Model model) {
		ControllerSummary controller = this.policies.controller(controllerId);
		model.addAttribute("controller", controller);
		Policy policy = this.policies.current(controllerId);
		model.addAttribute("policy", policy);
		model.addAttribute("held", policy.records().stream().map((r) -> r.kind().key()).toList());
		model.addAttribute("complaints", !policy.handledWithoutIdentity(RecordKind.SUPPORT_TICKET).isEmpty());
		model.addAttribute("version", this.policies.versionInfo(controllerId, controller.currentVersion()));
		model.addAttribute("clients",
				this.policies.visibleControllers().stream().filter((c) -> controllerId.equals(c.processor())).toList());
		return CONTROLLER;
	}

	@GetMapping("/controllers/{controllerId}/notice")
	String notice(@PathVariable String controllerId, Locale locale, Model model) {
		return rendered(NOTICE, controllerId, locale, model);
	}

	@GetMapping("/controllers/{controllerId}/register")
	String register(@PathVariable String controllerId, Locale locale, Model model) {
		return rendered(REGISTER, controllerId, locale, model);
	}

	private String rendered(String view, String controllerId, Locale locale, Model model) {
		model.addAllAttributes(this.rendering.model(controllerId, Languages.of(locale)));
		model.addAttribute("standalone", false);
		return view;
	}

	@GetMapping("/controllers/{controllerId}/versions")
	String versions(@PathVariable String controllerId, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("versions", this.policies.versions(controllerId));
		return VERSIONS;
	}

	@GetMapping("/controllers/{controllerId}/diff")
	String diff(@PathVariable String controllerId, @RequestParam int from, @RequestParam int to, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		this.policies.versionInfo(controllerId, from);
		this.policies.versionInfo(controllerId, to);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("changes",
				PolicyDiff.between(this.policies.version(controllerId, from), this.policies.version(controllerId, to)));
		return DIFF;
	}

	@GetMapping("/controllers/{controllerId}/upload")
	String uploadForm(@PathVariable String controllerId, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("yaml", "");
		return UPLOAD;
	}

	@PostMapping("/controllers/{controllerId}/upload")
	String upload(@PathVariable String controllerId, @RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(required = false) @Nullable String yaml, Model model, RedirectAttributes redirect)
			throws IOException {
		model.addAttribute("controller", this.policies.controller(controllerId));
		String name = "upload.yaml";
		String text = yaml;
		if (file != null && !file.isEmpty()) {
			text = new String(file.getBytes(), StandardCharsets.UTF_8);
			name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : name;
		}
		if (text == null || text.isBlank()) {
			model.addAttribute("yaml", "");
			model.addAttribute("empty", true);
			return UPLOAD;
		}
		try {
			Policies.Accepted accepted = this.policies.accept(controllerId, name, text, "upload");
			redirect.addFlashAttribute(accepted.created() ? "accepted" : "unchanged", accepted.version().version());
			return "redirect:/controllers/" + controllerId + "/versions";
		}
		catch (PolicyRejectedException ex) {
			model.addAttribute("yaml", text);
			model.addAttribute("problems", ex.problems());
			model.addAttribute("lines", annotatedLines(text, ex.problems()));
			return UPLOAD;
		}
	}

	/**
	 * The file's lines, each with the problems found on it, to show errors next to their
	 * lines.
	 */
	static List<SourceLine> annotatedLines(String text, List<PolicyProblem> problems) {
		Map<Integer, List<String>> byLine = new TreeMap<>(problems.stream()
			.collect(Collectors.groupingBy(PolicyProblem::line, Collectors
				.mapping((p) -> (p.path().isEmpty() ? "" : p.path() + ": ") + p.message(), Collectors.toList()))));
		String[] lines = text.split("\n", -1);
		List<SourceLine> result = new java.util.ArrayList<>();
		for (int i = 0; i < lines.length; i++) {
			result.add(new SourceLine(i + 1, lines[i], byLine.getOrDefault(i + 1, List.of())));
		}
		return result;
	}

	record SourceLine(int number, String text, List<String> problems) {
	}

}
