package io.tutela.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders a controller's policy as the human notice and as the art. 30 register, in HTML
 * and PDF, from the same templates the console shows.
 */
@Component
class Rendering {

	private final ITemplateEngine templates;

	private final MessageSource messages;

	private final Policies policies;

	Rendering(ITemplateEngine templates, MessageSource messages, Policies policies) {
		this.templates = templates;
		this.messages = messages;
		this.policies = policies;
	}

	Wording wording(String lang) {
		return new Wording(this.messages, lang);
	}

	/** What the notice and register templates need, for a controller's current policy. */
	Map<String, Object> model(String controllerId, String lang) {
		ControllerSummary controller = this.policies.controller(controllerId);
		Policy policy = this.policies.current(controllerId);
		String processorName = (controller.processor() != null)
				? this.policies.controller(controller.processor()).name() : null;
		List<ControllerSummary> clients = this.policies.visibleControllers()
			.stream()
			.filter((c) -> controllerId.equals(c.processor()))
			.toList();
		Map<String, Object> model = new java.util.HashMap<>();
		model.put("controller", controller);
		model.put("policy", policy);
		model.put("w", wording(lang));
		model.put("lang", lang);
		model.put("version", this.policies.versionInfo(controllerId, controller.currentVersion()));
		model.put("clients", clients);
		model.put("rows", Register.rows(policy, wording(lang)));
		if (processorName != null) {
			model.put("processorName", processorName);
		}
		return model;
	}

	String html(String template, String controllerId, String lang) {
		Context context = new Context(Locale.forLanguageTag(lang), model(controllerId, lang));
		context.setVariable("standalone", true);
		return this.templates.process(template, context);
	}

	byte[] pdf(String template, String controllerId, String lang) {
		String html = html(template, controllerId, lang);
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.withHtmlContent(html, null);
			builder.toStream(out);
			builder.run();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String registerCsv(String controllerId, String lang) {
		return Register.csv(Register.rows(this.policies.current(controllerId), wording(lang)));
	}

}
