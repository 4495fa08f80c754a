package io.tutela.policy;

import java.time.DateTimeException;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import io.tutela.policy.Policy.Breach;
import io.tutela.policy.Policy.Category;
import io.tutela.policy.Policy.Contact;
import io.tutela.policy.Policy.ControllerInfo;
import io.tutela.policy.Policy.Dpo;
import io.tutela.policy.Policy.LegalHold;
import io.tutela.policy.Policy.Location;
import io.tutela.policy.Policy.Marketing;
import io.tutela.policy.Policy.Notice;
import io.tutela.policy.Policy.Purpose;
import io.tutela.policy.Policy.Recipient;
import io.tutela.policy.Policy.RetentionRule;
import io.tutela.policy.Policy.Rights;
import io.tutela.policy.Policy.SecurityMeasure;
import io.tutela.policy.Policy.SubjectGroup;
import io.tutela.policy.Policy.Transfer;

/**
 * Reads a policy file (YAML, format {@code tutela/policy/v1}) into a {@link Policy},
 * reporting every value that cannot be read at its path and line. Cross-references are
 * checked afterwards by {@link PolicyValidator}.
 */
final class PolicyParser {

	static final String FORMAT = "tutela/policy/v1";

	private static final int MAX_BYTES = 1_000_000;

	private PolicyParser() {
	}

	/**
	 * The policy, or null when the file is not even a readable document (see the
	 * problems).
	 */
	static @Nullable Policy parse(String yaml, Problems problems) {
		if (yaml.length() > MAX_BYTES) {
			problems.atLine("", 0, "the file is larger than " + MAX_BYTES + " characters");
			return null;
		}
		Node root;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(true);
			options.setMaxAliasesForCollections(10);
			root = new Yaml(options).compose(new java.io.StringReader(yaml));
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
			problems.atLine("", line, "not valid YAML: " + ex.getProblem());
			return null;
		}
		catch (YAMLException ex) {
			problems.atLine("", 0, "not valid YAML: " + ex.getMessage());
			return null;
		}
		if (root == null) {
			problems.atLine("", 0, "the file is empty");
			return null;
		}
		YamlObject doc = YamlObject.of("", root, problems);
		if (doc == null) {
			return null;
		}
		String format = doc.string("format");
		if (!format.isEmpty() && !FORMAT.equals(format)) {
			problems.at("format", "'" + format + "' is not a known format; use " + FORMAT);
		}
		Policy policy = new Policy(controller(doc.object("controller")), dpo(doc.optObject("dpo")),
				notice(doc.object("notice")), doc.objects("subjects", PolicyParser::subjectGroup),
				doc.objects("categories", PolicyParser::category), doc.objects("purposes", PolicyParser::purpose),
				doc.objects("retention", PolicyParser::rule), doc.objects("legal_holds", PolicyParser::legalHold),
				doc.objects("recipients", PolicyParser::recipient), doc.objects("locations", PolicyParser::location),
				doc.objects("security", PolicyParser::measure), marketing(doc.optObject("marketing")),
				rights(doc.object("rights")), doc.objects("records", PolicyParser::recordMapping),
				breach(doc.optObject("breach")), justice(doc.optObject("justice")));
		doc.finish();
		return policy;
	}

	private static ControllerInfo controller(@Nullable YamlObject o) {
		if (o == null) {
			return new ControllerInfo("", "", Policy.Role.CONTROLLER, null, null, "", null, null, null, null,
					ZoneId.of("Europe/Rome"), "");
		}
		Policy.Role role = o.enumValue("role", Policy.Role.class);
		ZoneId zone = ZoneId.of("Europe/Rome");
		String tz = o.optString("timezone");
		if (tz != null) {
			try {
				zone = ZoneId.of(tz);
			}
			catch (DateTimeException ex) {
				o.problems().at(o.child("timezone"), "'" + tz + "' is not a time zone such as Europe/Rome");
			}
		}
		ControllerInfo info = new ControllerInfo(o.string("id"), o.string("name"),
				(role != null) ? role : Policy.Role.CONTROLLER, o.optString("processor"), o.optString("vat_number"),
				o.string("address"), o.optString("email"), o.optString("phone"), o.optString("pec"),
				o.optString("website"), zone, o.string("privacy_contact"));
		o.finish();
		return info;
	}

	private static @Nullable Dpo dpo(@Nullable YamlObject o) {
		if (o == null) {
			return null;
		}
		Dpo dpo = new Dpo(o.string("name"), o.string("email"), o.optString("pec"), o.optString("address"),
				o.optString("phone"));
		o.finish();
		return dpo;
	}

	private static Notice notice(@Nullable YamlObject o) {
		if (o == null) {
			return new Notice(java.time.LocalDate.EPOCH, new Text("", ""), null, List.of());
		}
		java.time.LocalDate date = o.optDate("date");
		if (date == null && !o.has("date")) {
			o.problems().at(o.child("date"), "is required: the notice's 'data di aggiornamento'");
		}
		Notice notice = new Notice((date != null) ? date : java.time.LocalDate.EPOCH, o.text("title"),
				o.optString("url"), o.strings("change_notification"));
		o.finish();
		return notice;
	}

	private static SubjectGroup subjectGroup(YamlObject o) {
		return new SubjectGroup(o.string("id"), o.text("name"));
	}

	private static Category category(YamlObject o) {
		return new Category(o.string("id"), o.text("name"), o.optText("description"), o.flag("special", false),
				o.flag("judicial", false), o.flag("mandatory", false), o.enums("sources", Policy.Source.class),
				o.strings("subjects"), o.flag("handled_without_identity", false));
	}

	private static Purpose purpose(YamlObject o) {
		return new Purpose(o.string("id"), o.text("name"), o.optText("description"),
				o.enums("legal_basis", Policy.LegalBasis.class), o.strings("art9"), o.optText("legitimate_interest"),
				o.strings("categories"), o.strings("subjects"));
	}

	private static @Nullable RetentionRule rule(YamlObject o) {
		Policy.Trigger trigger = o.enumValue("trigger", Policy.Trigger.class);
		Policy.Action action = o.enumValue("action", Policy.Action.class);
		Period duration = o.period("duration");
		RetentionRule rule = new RetentionRule(o.string("id"), o.string("category"), o.optString("purpose"),
				o.stringMap("where"), (trigger != null) ? trigger : Policy.Trigger.COLLECTED,
				o.optEnum("not_before", Policy.Trigger.class), duration,
				(action != null) ? action : Policy.Action.DELETE, o.optString("then"), o.strings("holds"),
				o.optString("legal_reference"), o.optText("description"));
		return (trigger != null && action != null) ? rule : null;
	}

	private static LegalHold legalHold(YamlObject o) {
		return new LegalHold(o.string("id"), o.text("name"));
	}

	private static Recipient recipient(YamlObject o) {
		Policy.RecipientKind kind = o.enumValue("kind", Policy.RecipientKind.class);
		Transfer transfer = null;
		YamlObject t = o.optObject("transfer");
		if (t != null) {
			Policy.Safeguard safeguard = t.enumValue("safeguard", Policy.Safeguard.class);
			transfer = (safeguard != null) ? new Transfer(safeguard, t.optString("reference")) : null;
			t.finish();
		}
		return new Recipient(o.string("id"), o.text("name"), (kind != null) ? kind : Policy.RecipientKind.PROCESSOR,
				o.optText("description"), o.string("country"), transfer, o.optEnum("dpa", Policy.DpaStatus.class),
				o.optDate("dpa_date"), o.strings("categories"), o.strings("purposes"), o.optString("url"),
				o.optString("contact"));
	}

	private static Location location(YamlObject o) {
		return new Location(o.string("id"), o.text("name"), o.string("country"), o.optString("address"));
	}

	private static SecurityMeasure measure(YamlObject o) {
		Policy.MeasureKind kind = o.enumValue("kind", Policy.MeasureKind.class);
		return new SecurityMeasure(o.string("id"), (kind != null) ? kind : Policy.MeasureKind.TECHNICAL,
				o.text("description"), o.strings("categories"));
	}

	private static @Nullable Marketing marketing(@Nullable YamlObject o) {
		if (o == null) {
			return null;
		}
		Marketing marketing = new Marketing(o.string("purpose"), o.enums("channels", Policy.Channel.class),
				o.flag("soft_spam", false), o.optPeriod("contact_expiry"), o.optPeriod("interest_recheck"),
				o.flag("opposition_register", false), o.optPeriod("opposition_register_grace"),
				o.optPeriod("campaign_check_validity"));
		o.finish();
		return marketing;
	}

	private static @Nullable Breach breach(@Nullable YamlObject o) {
		if (o == null) {
			return null;
		}
		java.time.Duration deadline = o.optDuration("authority_deadline");
		if (deadline == null && !o.has("authority_deadline")) {
			o.problems().at(o.child("authority_deadline"), "is required");
		}
		Breach breach = new Breach((deadline != null) ? deadline : java.time.Duration.ZERO, o.string("authority"),
				o.optString("authority_contact"));
		o.finish();
		return breach;
	}

	private static Policy.@Nullable Justice justice(@Nullable YamlObject o) {
		if (o == null) {
			return null;
		}
		Policy.Justice justice = new Policy.Justice(o.string("provider_id"), o.string("country_code"),
				o.objects("orders", PolicyParser::orderKind), o.objects("offence_classes", PolicyParser::offenceClass));
		o.finish();
		return justice;
	}

	private static Policy.OrderKind orderKind(YamlObject o) {
		return new Policy.OrderKind(o.string("id"), o.text("name"), o.string("recipient"), o.optDuration("validation"),
				o.optString("legal_reference"));
	}

	private static Policy.OffenceClass offenceClass(YamlObject o) {
		return new Policy.OffenceClass(o.string("id"), o.text("name"), o.objects("windows", PolicyParser::window),
				o.optString("legal_reference"));
	}

	private static Policy.JusticeWindow window(YamlObject o) {
		return new Policy.JusticeWindow(o.string("category"), o.stringMap("where"), o.period("duration"));
	}

	private static Rights rights(@Nullable YamlObject o) {
		if (o == null) {
			return new Rights(List.of(), List.of(), List.of(), Period.ZERO, Period.ZERO, false, false, false, false,
					false, false, false, null, null);
		}
		Period deadline = o.period("deadline");
		Period extension = o.period("extension");
		Rights rights = new Rights(o.enums("offered", Policy.Right.class), o.objects("contacts", PolicyParser::contact),
				o.enums("channels", Policy.RequestChannel.class), deadline, extension,
				o.flag("identity_document", false), o.flag("delegate_proxy", false),
				o.flag("telephone_needs_identity", false), o.flag("reasoned_denial", false),
				o.flag("via_client_controller", false), o.flag("notify_other_controllers", false),
				o.flag("notify_processors", false), o.optPeriod("proof_retention"), o.optString("directory_category"));
		o.finish();
		return rights;
	}

	private static Policy.@Nullable RecordMapping recordMapping(YamlObject o) {
		RecordKind kind = o.enumValue("kind", RecordKind.class);
		List<String> categories = o.strings("categories");
		if (categories.isEmpty() && o.has("categories")) {
			o.problems().at(o.child("categories"), "name at least one category");
		}
		else if (!o.has("categories")) {
			o.problems().at(o.child("categories"), "is required");
		}
		List<String> purposes = o.strings("purposes");
		List<String> required = o.strings("required");
		return (kind != null && !categories.isEmpty()) ? new Policy.RecordMapping(kind, categories, purposes, required)
				: null;
	}

	private static @Nullable Contact contact(YamlObject o) {
		Policy.RequestChannel channel = o.enumValue("channel", Policy.RequestChannel.class);
		String address = o.string("address");
		return (channel != null) ? new Contact(channel, address) : null;
	}

}
