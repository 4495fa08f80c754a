package io.tutela.breach;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policy;

/**
 * The texts a breach needs: the notification to the supervisory authority, carrying every
 * item of GDPR art. 33(3) (and the reasons of a delay, art. 33(1), and the information
 * given in phases, art. 33(4)), and the letter to the subjects of art. 34(2). Italian by
 * default, English on request.
 */
@Component
class Drafts {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

	private final MessageSource messages;

	Drafts(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * One part of a draft: its heading and text; {@code item} names what the law asks.
	 */
	record Section(String item, String heading, String text) {
	}

	/** A draft, ready to copy. */
	record Draft(String title, List<Section> sections) {

		String asText() {
			StringBuilder text = new StringBuilder(this.title).append("\n\n");
			for (Section s : this.sections) {
				text.append(s.heading()).append('\n').append(s.text()).append("\n\n");
			}
			return text.toString().strip() + "\n";
		}

	}

	Draft notification(Policy policy, BreachRegister.View view, Locale locale) {
		Breach b = view.breach();
		String language = language(locale);
		ZoneId zone = policy.controller().timezone();
		Policy.Breach procedure = policy.breach();
		List<Section> sections = new ArrayList<>();
		sections.add(section("controller", locale, controller(policy)));
		sections.add(section("times", locale, m("breach.draft.timesText", locale, time(b.occurredAt(), zone, locale),
				time(b.awareAt(), zone, locale), time(b.deadline(), zone, locale))));
		sections.add(section("nature", locale,
				m("breach.draft.natureText", locale, natures(b, locale), b.description(), groups(policy, b, language),
						approx(b.subjectsApprox(), locale), categories(policy, b, language),
						approx(b.recordsApprox(), locale))));
		sections.add(section("contact", locale, contact(policy)));
		sections.add(section("consequences", locale, b.consequences()));
		sections.add(section("measures", locale, measures(b, locale)));
		if (view.clock().late()) {
			sections.add(section("delay", locale,
					(b.latenessReason() != null) ? b.latenessReason() : m("breach.draft.delayMissing", locale)));
		}
		List<String> phases = view.events()
			.stream()
			.filter((e) -> "update".equals(e.kind()))
			.map((e) -> time(e.at(), zone, locale) + ": " + e.text())
			.toList();
		if (!phases.isEmpty()) {
			sections.add(section("phases", locale, String.join("\n", phases)));
		}
		return new Draft(m("breach.draft.title", locale, (procedure != null) ? procedure.authority() : "",
				String.valueOf(b.number())), sections);
	}

	Draft letter(Policy policy, BreachRegister.View view, Locale locale) {
		Breach b = view.breach();
		String language = language(locale);
		List<Section> sections = new ArrayList<>();
		sections.add(section("letterWhat", locale, m("breach.draft.letterWhatText", locale, policy.controller().name(),
				b.description(), categories(policy, b, language))));
		sections.add(section("letterConsequences", locale, b.consequences()));
		sections.add(section("letterMeasures", locale, measures(b, locale)));
		sections.add(section("contact", locale, contact(policy)));
		return new Draft(m("breach.draft.letterTitle", locale, policy.controller().name()), sections);
	}

	private Section section(String key, Locale locale, String text) {
		return new Section(key, m("breach.draft." + key, locale), text);
	}

	private String controller(Policy policy) {
		Policy.ControllerInfo c = policy.controller();
		List<String> lines = new ArrayList<>();
		lines.add(c.name());
		lines.add(c.address());
		if (c.vatNumber() != null) {
			lines.add(c.vatNumber());
		}
		lines.add(c.privacyContact());
		return String.join("\n", lines);
	}

	private String contact(Policy policy) {
		Policy.Dpo dpo = policy.dpo();
		if (dpo == null) {
			return policy.controller().name() + ", " + policy.controller().privacyContact();
		}
		List<String> parts = new ArrayList<>(List.of(dpo.name(), dpo.email()));
		if (dpo.pec() != null) {
			parts.add(dpo.pec());
		}
		if (dpo.phone() != null) {
			parts.add(dpo.phone());
		}
		return String.join(", ", parts);
	}

	private String natures(Breach b, Locale locale) {
		return String.join(", ", b.nature().stream().map((n) -> m("breach.nature." + n, locale)).toList());
	}

	private String measures(Breach b, Locale locale) {
		return m("breach.draft.measuresText", locale, b.measuresTaken(),
				(b.measuresProposed() != null) ? b.measuresProposed() : "-");
	}

	private static String categories(Policy policy, Breach b, String language) {
		return String.join(", ",
				b.categories()
					.stream()
					.map((c) -> policy.category(c).map((cat) -> cat.name().in(language)).orElse(c))
					.toList());
	}

	private static String groups(Policy policy, Breach b, String language) {
		Set<String> names = new LinkedHashSet<>();
		for (String c : b.categories()) {
			policy.category(c)
				.ifPresent((cat) -> cat.subjects()
					.forEach((group) -> names.add(policy.subjects()
						.stream()
						.filter((g) -> g.id().equals(group))
						.map((g) -> g.name().in(language))
						.findFirst()
						.orElse(group))));
		}
		return String.join(", ", names);
	}

	private String approx(@Nullable Long value, Locale locale) {
		return (value != null) ? String.format(Locale.ITALY, "%,d", value) : m("breach.draft.unknown", locale);
	}

	private String time(@Nullable Instant instant, ZoneId zone, Locale locale) {
		return (instant != null) ? TIME.format(instant.atZone(zone)) : m("breach.draft.unknown", locale);
	}

	private String m(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	private static String language(Locale locale) {
		return "en".equals(locale.getLanguage()) ? "en" : "it";
	}

}
