package io.tutela.outbox;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.policy.Policies;
import io.tutela.web.Cells;
import io.tutela.web.ConflictException;
import io.tutela.web.ConsolePage;
import io.tutela.web.RecordDetail;
import io.tutela.web.RecordDetail.Field;
import io.tutela.web.RecordList;
import io.tutela.web.RecordList.Filter;
import io.tutela.web.RecordList.Row;

/**
 * The outbox of a controller on the console: messages by state, failures first to the
 * eye, each message readable whole (with the built-in mailbox, this is where the demo's
 * mail is read), a failed one queued again.
 */
@Controller
@ConsolePage
class OutboxPages {

	static final int PAGE_SIZE = 50;

	private final OutboxApi api;

	private final Policies policies;

	OutboxPages(OutboxApi api, Policies policies) {
		this.api = api;
		this.policies = policies;
	}

	@GetMapping("/controllers/{controllerId}/outbox")
	String list(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String state,
			@RequestParam(defaultValue = "0") int page, Model model) {
		int wanted = Math.max(page, 0);
		String filter = (state != null && OutboxApi.STATES.contains(state)) ? state : null;
		ZoneId zone = zone(controllerId);
		OutboxApi.MessagePage found = this.api.list(controllerId, filter, wanted, PAGE_SIZE);
		List<Row> rows = new ArrayList<>();
		for (OutboxMessage m : found.items()) {
			rows.add(new Row(path(controllerId) + "/" + m.id(),
					List.of(m.subjectLine(), m.recipient(), m.kind(), m.state(), String.valueOf(m.attempts()),
							Cells.time(m.createdAt(), zone), Cells.time(m.sentAt(), zone), Cells.text(m.lastError()))));
		}
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		params.put("state", filter);
		String path = path(controllerId);
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("counts", found.counts());
		model.addAttribute("list", new RecordList("outbox.title", path,
				List.of(Filter.choice("state", "outbox.state", filter,
						List.copyOf(new java.util.TreeSet<>(OutboxApi.STATES)))),
				List.of("outbox.subjectLine", "outbox.recipient", "outbox.kind", "outbox.state", "outbox.attempts",
						"outbox.created", "outbox.sent", "outbox.error"),
				rows, Cells.previous(path, params, wanted), Cells.next(path, params, wanted, rows.size(), PAGE_SIZE),
				"outbox.note"));
		return "records/list";
	}

	@GetMapping("/controllers/{controllerId}/outbox/{messageId}")
	String one(@PathVariable String controllerId, @PathVariable UUID messageId, Model model) {
		OutboxMessage m = this.api.one(controllerId, messageId);
		ZoneId zone = zone(controllerId);
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("record", new RecordDetail("outbox.one", m.subjectLine(),
				List.of(new Field("outbox.recipient", m.recipient()), new Field("outbox.kind", m.kind()),
						new Field("outbox.reference", m.reference()), new Field("outbox.state", m.state()),
						new Field("outbox.attempts", String.valueOf(m.attempts())),
						new Field("outbox.transport", Cells.text(m.transport())),
						new Field("outbox.created", Cells.time(m.createdAt(), zone)),
						new Field("outbox.sent", Cells.time(m.sentAt(), zone)),
						new Field("outbox.nextAttempt",
								OutboxMessage.PENDING.equals(m.state()) ? Cells.time(m.nextAttemptAt(), zone) : ""),
						new Field("outbox.error", Cells.text(m.lastError())), new Field("outbox.body", m.body())),
				path(controllerId), null));
		if (OutboxMessage.FAILED.equals(m.state())) {
			model.addAttribute("postAction", path(controllerId) + "/" + m.id() + "/retry");
			model.addAttribute("postLabel", "outbox.retry");
		}
		if (m.subjectId() != null) {
			model.addAttribute("subjectLink", "/controllers/" + controllerId + "/subjects/" + m.subjectId());
		}
		return "records/detail";
	}

	@PostMapping("/controllers/{controllerId}/outbox/{messageId}/retry")
	String retry(@PathVariable String controllerId, @PathVariable UUID messageId) {
		try {
			this.api.retry(controllerId, messageId);
		}
		catch (ConflictException ex) {
			// already queued again or sent meanwhile: the page shows its state
		}
		return "redirect:" + path(controllerId) + "/" + messageId;
	}

	private ZoneId zone(String controllerId) {
		return this.policies.current(controllerId).controller().timezone();
	}

	private static String path(String controllerId) {
		return "/controllers/" + controllerId + "/outbox";
	}

}
