package io.tutela.service;

import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.policy.Policies;
import io.tutela.web.Cells;
import io.tutela.web.ConsolePage;
import io.tutela.web.NotFoundException;
import io.tutela.web.RecordDetail;
import io.tutela.web.RecordDetail.Field;
import io.tutela.web.RecordList;
import io.tutela.web.RecordList.Filter;
import io.tutela.web.RecordList.Row;

/**
 * Console pages of the helpdesk's records: support tickets and remote sessions, each
 * listed and shown whole; and complaints as the functions concerned see them, without the
 * identifying elements of who made them (the categories the policy marks
 * {@code handled_without_identity}).
 */
@Controller
@ConsolePage
class RecordPages {

	static final String LIST = "records/list";

	static final String DETAIL = "records/detail";

	static final int PAGE_SIZE = 50;

	private final SupportTicketApi tickets;

	private final RemoteSessionApi sessions;

	private final SupportTickets ticketStore;

	private final RecordAudit audit;

	private final Policies policies;

	RecordPages(SupportTicketApi tickets, RemoteSessionApi sessions, SupportTickets ticketStore, RecordAudit audit,
			Policies policies) {
		this.tickets = tickets;
		this.sessions = sessions;
		this.ticketStore = ticketStore;
		this.audit = audit;
		this.policies = policies;
	}

	@GetMapping("/controllers/{controllerId}/support-tickets")
	String tickets(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable String licence,
			@RequestParam(required = false) @Nullable String state, @RequestParam(defaultValue = "0") int page,
			Model model) {
		int wanted = Math.max(page, 0);
		Boolean open = "open".equals(state) ? Boolean.TRUE : ("closed".equals(state) ? Boolean.FALSE : null);
		ZoneId zone = zone(controllerId);
		List<Row> rows = new ArrayList<>();
		for (SupportTicket t : this.tickets
			.list(controllerId, null, email, licence, open, null, null, wanted, PAGE_SIZE)
			.items()) {
			rows.add(new Row(ticketPath(controllerId) + "/" + t.ticketNumber(),
					List.of(String.valueOf(t.ticketNumber()), Cells.time(t.openedAt(), zone),
							Cells.time(t.closedAt(), zone), t.name(), t.email(), t.subjectLine(), t.category())));
		}
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		params.put("email", email);
		params.put("licence", licence);
		params.put("state", state);
		String path = ticketPath(controllerId);
		return list(controllerId, model,
				new RecordList("tickets.title", path,
						List.of(Filter.text("email", "tickets.email", email),
								Filter.text("licence", "tickets.licence", licence),
								Filter.choice("state", "tickets.state", state, List.of("open", "closed"))),
						List.of("tickets.number", "tickets.opened", "tickets.closed", "tickets.name", "tickets.email",
								"tickets.subjectLine", "records.category"),
						rows, Cells.previous(path, params, wanted),
						Cells.next(path, params, wanted, rows.size(), PAGE_SIZE), null));
	}

	@GetMapping("/controllers/{controllerId}/support-tickets/{ticketNumber}")
	String ticket(@PathVariable String controllerId, @PathVariable long ticketNumber, Model model) {
		SupportTicket t = this.tickets.one(controllerId, ticketNumber);
		ZoneId zone = zone(controllerId);
		return detail(controllerId, model, new RecordDetail("tickets.one", String.valueOf(t.ticketNumber()), List.of(
				new Field("tickets.name", t.name()), new Field("tickets.email", t.email()),
				new Field("tickets.licence", Cells.text(t.licenceNumber())),
				new Field("tickets.subjectLine", t.subjectLine()), new Field("tickets.message", t.message()),
				new Field("tickets.attachments",
						t.attachmentCount()
								+ (t.attachmentNames().isEmpty() ? "" : " (" + Cells.text(t.attachmentNames()) + ")")),
				new Field("tickets.opened", Cells.time(t.openedAt(), zone)),
				new Field("tickets.closed", Cells.time(t.closedAt(), zone)),
				new Field("records.subject", Cells.text(t.subjectId())), new Field("records.category", t.category()),
				new Field("records.purposes", Cells.text(t.purposes())), new Field("records.source", t.source()),
				new Field("records.collected", Cells.time(t.collectedAt(), zone))), ticketPath(controllerId), null));
	}

	@GetMapping("/controllers/{controllerId}/remote-sessions")
	String sessions(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String remoteId,
			@RequestParam(defaultValue = "0") int page, Model model) {
		int wanted = Math.max(page, 0);
		List<Row> rows = new ArrayList<>();
		for (RemoteSession s : this.sessions.list(controllerId, null, remoteId, null, null, wanted, PAGE_SIZE)
			.items()) {
			rows.add(new Row(sessionPath(controllerId) + "/" + s.id(), List.of(s.remoteId(), s.ipAddress(),
					Cells.time(s.startedAt(), ZoneOffset.UTC), Cells.time(s.endedAt(), ZoneOffset.UTC), s.category())));
		}
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		params.put("remoteId", remoteId);
		String path = sessionPath(controllerId);
		return list(controllerId, model,
				new RecordList("sessions.title", path, List.of(Filter.text("remoteId", "sessions.remoteId", remoteId)),
						List.of("sessions.remoteId", "sessions.ip", "sessions.started", "sessions.ended",
								"records.category"),
						rows, Cells.previous(path, params, wanted),
						Cells.next(path, params, wanted, rows.size(), PAGE_SIZE), "sessions.utc"));
	}

	@GetMapping("/controllers/{controllerId}/remote-sessions/{sessionId}")
	String session(@PathVariable String controllerId, @PathVariable UUID sessionId, Model model) {
		RemoteSession s = this.sessions.one(controllerId, sessionId);
		ZoneId zone = zone(controllerId);
		return detail(controllerId, model, new RecordDetail("sessions.one", s.remoteId(), List.of(
				new Field("sessions.remoteId", s.remoteId()), new Field("sessions.ip", s.ipAddress()),
				new Field("sessions.started", s.startedAt().toString()),
				new Field("sessions.ended", Cells.text(s.endedAt())),
				new Field("records.subject", Cells.text(s.subjectId())), new Field("records.category", s.category()),
				new Field("records.purposes", Cells.text(s.purposes())), new Field("records.source", s.source()),
				new Field("records.collected", Cells.time(s.collectedAt(), zone))), sessionPath(controllerId),
				"sessions.utc"));
	}

	@GetMapping("/controllers/{controllerId}/complaints")
	String complaints(@PathVariable String controllerId, @RequestParam(defaultValue = "0") int page, Model model) {
		int wanted = Math.max(page, 0);
		List<String> categories = complaintCategories(controllerId);
		ZoneId zone = zone(controllerId);
		List<Row> rows = new ArrayList<>();
		if (!categories.isEmpty()) {
			List<SupportTicket> found = this.ticketStore.list(controllerId,
					SupportTickets.Filter.none().inCategories(categories), wanted * PAGE_SIZE, PAGE_SIZE);
			for (SupportTicket t : this.audit.deidentified(SupportTicket.KIND, controllerId, found)) {
				rows.add(new Row(complaintPath(controllerId) + "/" + t.ticketNumber(),
						List.of(String.valueOf(t.ticketNumber()), Cells.time(t.openedAt(), zone),
								Cells.time(t.closedAt(), zone), Deidentified.text(t.subjectLine(), identifiers(t)))));
			}
		}
		String path = complaintPath(controllerId);
		return list(controllerId, model, new RecordList("complaints.title", path, List.of(),
				List.of("tickets.number", "tickets.opened", "tickets.closed", "tickets.subjectLine"), rows,
				Cells.previous(path, Map.of(), wanted), Cells.next(path, Map.of(), wanted, rows.size(), PAGE_SIZE),
				categories.isEmpty() ? "complaints.noneInPolicy" : "complaints.withoutIdentity"));
	}

	@GetMapping("/controllers/{controllerId}/complaints/{ticketNumber}")
	String complaint(@PathVariable String controllerId, @PathVariable long ticketNumber, Model model) {
		SupportTicket t = this.ticketStore.find(controllerId, ticketNumber)
			.filter((found) -> complaintCategories(controllerId).contains(found.category()))
			.orElseThrow(() -> new NotFoundException("complaint", ticketNumber));
		this.audit.deidentified(SupportTicket.KIND, controllerId, List.of(t));
		ZoneId zone = zone(controllerId);
		List<@Nullable String> identifiers = identifiers(t);
		return detail(controllerId, model,
				new RecordDetail("complaints.one", String.valueOf(t.ticketNumber()),
						List.of(new Field("tickets.subjectLine", Deidentified.text(t.subjectLine(), identifiers)),
								new Field("tickets.message", Deidentified.text(t.message(), identifiers)),
								new Field("tickets.attachments", String.valueOf(t.attachmentCount())),
								new Field("tickets.opened", Cells.time(t.openedAt(), zone)),
								new Field("tickets.closed", Cells.time(t.closedAt(), zone)),
								new Field("records.category", t.category())),
						complaintPath(controllerId), "complaints.withoutIdentity"));
	}

	/** The categories of support tickets the policy has handled without identity. */
	private List<String> complaintCategories(String controllerId) {
		return this.policies.current(controllerId).handledWithoutIdentity(SupportTicket.KIND);
	}

	private static List<@Nullable String> identifiers(SupportTicket t) {
		List<@Nullable String> identifiers = new ArrayList<>();
		identifiers.add(t.name());
		identifiers.add(t.email());
		identifiers.add(t.licenceNumber());
		return identifiers;
	}

	private String list(String controllerId, Model model, RecordList list) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("list", list);
		return LIST;
	}

	private String detail(String controllerId, Model model, RecordDetail record) {
		return detail(controllerId, model, record, null);
	}

	private String detail(String controllerId, Model model, RecordDetail record, @Nullable UUID subjectId) {
		if (subjectId != null) {
			model.addAttribute("subjectLink", "/controllers/" + controllerId + "/subjects/" + subjectId);
		}
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("record", record);
		return DETAIL;
	}

	private ZoneId zone(String controllerId) {
		return this.policies.current(controllerId).controller().timezone();
	}

	private static String ticketPath(String controllerId) {
		return "/controllers/" + controllerId + "/support-tickets";
	}

	private static String sessionPath(String controllerId) {
		return "/controllers/" + controllerId + "/remote-sessions";
	}

	private static String complaintPath(String controllerId) {
		return "/controllers/" + controllerId + "/complaints";
	}

}
