package io.tutela.breach;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.policy.Policies;
import io.tutela.web.Paging;

/** The breach register of a controller. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/breaches")
@Tag(name = "Breach register", description = "Personal data breaches (GDPR art. 33-34): clock, decision, drafts")
class BreachApi {

	private final BreachRegister register;

	private final Drafts drafts;

	private final AffectedSubjects affected;

	private final Policies policies;

	BreachApi(BreachRegister register, Drafts drafts, AffectedSubjects affected, Policies policies) {
		this.register = register;
		this.drafts = drafts;
		this.affected = affected;
		this.policies = policies;
	}

	/** A breach with its clock and history. */
	record BreachView(Breach breach, BreachClock clock, List<Breach.Event> events) {

		static BreachView of(BreachRegister.View view) {
			return new BreachView(view.breach(), view.clock(), view.events());
		}

	}

	/** The drafts of a breach, as sections and as text. */
	record Drafted(Drafts.Draft notification, String notificationText, Drafts.Draft letter, String letterText) {
	}

	@GetMapping
	@Operation(summary = "List the register", description = "open=true: only breaches still to notify; paged")
	List<BreachView> list(@PathVariable String controllerId, @RequestParam(defaultValue = "false") boolean open,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.register.list(controllerId, open, Paging.offset(page, size), size)
			.stream()
			.map(BreachView::of)
			.toList();
	}

	@PostMapping
	@Operation(summary = "Record a breach",
			description = "400 with every invalid field; 409 when the policy has no breach section")
	ResponseEntity<BreachView> record(@PathVariable String controllerId, @RequestBody Breach.Input input) {
		Breach breach = this.register.record(controllerId, input);
		return ResponseEntity
			.created(URI.create("/api/v1/controllers/" + controllerId + "/breaches/" + breach.number()))
			.body(BreachView.of(this.register.view(controllerId, breach.number())));
	}

	@GetMapping("/{number}")
	@Operation(summary = "One breach, with its clock and history")
	BreachView one(@PathVariable String controllerId, @PathVariable int number) {
		return BreachView.of(this.register.view(controllerId, number));
	}

	@PostMapping("/{number}/updates")
	@Operation(summary = "Information given in a further phase (art. 33(4))")
	BreachView update(@PathVariable String controllerId, @PathVariable int number, @RequestBody Breach.Update update) {
		return BreachView.of(this.register.update(controllerId, number, update));
	}

	@PostMapping("/{number}/decision")
	@Operation(summary = "Decide whether to notify the authority and the subjects, with reasons")
	BreachView decide(@PathVariable String controllerId, @PathVariable int number,
			@RequestBody Breach.Decision decision) {
		return BreachView.of(this.register.decide(controllerId, number, decision));
	}

	@PostMapping("/{number}/authority-notification")
	@Operation(summary = "Record the notification to the authority",
			description = "notifiedAt defaults to now; after the deadline latenessReason is required")
	BreachView authorityNotified(@PathVariable String controllerId, @PathVariable int number,
			@RequestBody Breach.Notified notified) {
		return BreachView.of(this.register.authorityNotified(controllerId, number, notified));
	}

	@PostMapping("/{number}/subjects-notification")
	@Operation(summary = "Record that the subjects were told (art. 34)")
	BreachView subjectsNotified(@PathVariable String controllerId, @PathVariable int number,
			@RequestBody Breach.Notified notified) {
		return BreachView.of(this.register.subjectsNotified(controllerId, number, notified));
	}

	@GetMapping("/{number}/drafts")
	@Operation(summary = "The notification draft (art. 33(3)) and the letter to subjects (art. 34(2))",
			description = "lang=it (default) or en")
	Drafted drafts(@PathVariable String controllerId, @PathVariable int number,
			@RequestParam(defaultValue = "it") String lang) {
		Locale locale = "en".equals(lang) ? Locale.ENGLISH : Locale.ITALIAN;
		BreachRegister.View view = this.register.view(controllerId, number);
		var policy = this.policies.current(controllerId);
		Drafts.Draft notification = this.drafts.notification(policy, view, locale);
		Drafts.Draft letter = this.drafts.letter(policy, view, locale);
		return new Drafted(notification, notification.asText(), letter, letter.asText());
	}

	@GetMapping("/{number}/affected-subjects")
	@Operation(summary = "The subjects with records in the breach's categories, with the channel to reach them")
	AffectedSubjects.Affected affectedSubjects(@PathVariable String controllerId, @PathVariable int number,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		Paging.offset(page, size);
		return this.affected.of(this.register.find(controllerId, number), page, size);
	}

}
