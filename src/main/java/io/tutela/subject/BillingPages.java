package io.tutela.subject;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
import io.tutela.subject.Billing.Contract;
import io.tutela.subject.Billing.Invoice;
import io.tutela.web.Cells;
import io.tutela.web.ConsolePage;
import io.tutela.web.RecordDetail;
import io.tutela.web.RecordDetail.Field;
import io.tutela.web.RecordList;
import io.tutela.web.RecordList.Filter;
import io.tutela.web.RecordList.Row;

/**
 * Console pages of contracts and invoices: listed by date, each shown whole, linked to
 * the subject's 360. Reads go through the API and its audit.
 */
@Controller
@ConsolePage
class BillingPages {

	static final String LIST = "records/list";

	static final String DETAIL = "records/detail";

	static final int PAGE_SIZE = 50;

	private final BillingApi billing;

	private final Policies policies;

	BillingPages(BillingApi billing, Policies policies) {
		this.billing = billing;
		this.policies = policies;
	}

	@GetMapping("/controllers/{controllerId}/contracts")
	String contracts(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "0") int page,
			Model model) {
		int wanted = Math.max(page, 0);
		Dates dates = Dates.of(from, to);
		List<Row> rows = new ArrayList<>();
		for (Contract c : this.billing.contracts(controllerId, null, dates.from(), dates.to(), wanted, PAGE_SIZE)
			.items()) {
			rows.add(new Row(path(controllerId, "contracts") + "/" + c.id(), List.of(c.contractNumber(),
					Cells.text(c.service()), Cells.date(c.startDate()), Cells.date(c.endDate()), c.category())));
		}
		return list(
				controllerId, model, "contracts", List.of("contracts.number", "contracts.service", "contracts.start",
						"contracts.end", "records.category"),
				rows, from, to, wanted, dates.bad() ? "records.badDate" : null);
	}

	@GetMapping("/controllers/{controllerId}/contracts/{id}")
	String contract(@PathVariable String controllerId, @PathVariable UUID id, Model model) {
		Contract c = this.billing.contract(controllerId, id);
		return detail(controllerId, model, new RecordDetail("contracts.one", c.contractNumber(), List.of(
				new Field("contracts.service", Cells.text(c.service())),
				new Field("contracts.start", Cells.date(c.startDate())),
				new Field("contracts.end", Cells.date(c.endDate())), new Field("records.category", c.category()),
				new Field("records.purposes", Cells.text(c.purposes())), new Field("records.source", c.source()),
				new Field("records.collected", Cells.time(c.collectedAt(), zone(controllerId)))),
				path(controllerId, "contracts"), null), c.subjectId());
	}

	@GetMapping("/controllers/{controllerId}/invoices")
	String invoices(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "0") int page,
			Model model) {
		int wanted = Math.max(page, 0);
		Dates dates = Dates.of(from, to);
		List<Row> rows = new ArrayList<>();
		for (Invoice i : this.billing.invoices(controllerId, null, dates.from(), dates.to(), wanted, PAGE_SIZE)
			.items()) {
			rows.add(new Row(path(controllerId, "invoices") + "/" + i.id(),
					List.of(i.invoiceNumber(), Cells.date(i.issuedOn()), Cells.date(i.dueOn()), amount(i),
							i.disputed() ? "✔" : "", i.category())));
		}
		return list(
				controllerId, model, "invoices", List.of("invoices.number", "invoices.issued", "invoices.due",
						"invoices.amount", "invoices.disputed", "records.category"),
				rows, from, to, wanted, dates.bad() ? "records.badDate" : null);
	}

	@GetMapping("/controllers/{controllerId}/invoices/{id}")
	String invoice(@PathVariable String controllerId, @PathVariable UUID id, Model model) {
		Invoice i = this.billing.invoice(controllerId, id);
		return detail(controllerId, model, new RecordDetail("invoices.one", i.invoiceNumber(), List.of(
				new Field("invoices.issued", Cells.date(i.issuedOn())),
				new Field("invoices.due", Cells.date(i.dueOn())), new Field("invoices.amount", amount(i)),
				new Field("invoices.disputed", i.disputed() ? "✔" : ""),
				new Field("invoices.contract", Cells.text(i.contractId())), new Field("records.category", i.category()),
				new Field("records.purposes", Cells.text(i.purposes())), new Field("records.source", i.source()),
				new Field("records.collected", Cells.time(i.collectedAt(), zone(controllerId)))),
				path(controllerId, "invoices"), null), i.subjectId());
	}

	private static String amount(Invoice i) {
		return String.format("%d.%02d %s", i.amountCents() / 100, Math.abs(i.amountCents() % 100), i.currency());
	}

	private String list(String controllerId, Model model, String kind, List<String> columns, List<Row> rows,
			@Nullable String from, @Nullable String to, int page, @Nullable String note) {
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		params.put("from", from);
		params.put("to", to);
		String path = path(controllerId, kind);
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("list", new RecordList(kind + ".title", path,
				List.of(Filter.text("from", "records.from", from), Filter.text("to", "records.to", to)), columns, rows,
				Cells.previous(path, params, page), Cells.next(path, params, page, rows.size(), PAGE_SIZE), note));
		return LIST;
	}

	private String detail(String controllerId, Model model, RecordDetail record, UUID subjectId) {
		List<Field> fields = new ArrayList<>();
		fields.add(new Field("records.subject", subjectId.toString()));
		fields.addAll(record.fields());
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("record",
				new RecordDetail(record.title(), record.reference(), fields, record.back(), record.note()));
		model.addAttribute("subjectLink", "/controllers/" + controllerId + "/subjects/" + subjectId);
		return DETAIL;
	}

	private ZoneId zone(String controllerId) {
		return this.policies.current(controllerId).controller().timezone();
	}

	private static String path(String controllerId, String kind) {
		return "/controllers/" + controllerId + "/" + kind;
	}

	/** The date filters of a list; a date that does not parse filters nothing. */
	private record Dates(@Nullable LocalDate from, @Nullable LocalDate to, boolean bad) {

		static Dates of(@Nullable String from, @Nullable String to) {
			LocalDate start = parse(from);
			LocalDate end = parse(to);
			boolean bad = (blank(from) != (start == null)) || (blank(to) != (end == null));
			return new Dates(start, end, bad);
		}

		private static boolean blank(@Nullable String text) {
			return text == null || text.isBlank();
		}

		private static @Nullable LocalDate parse(@Nullable String text) {
			if (blank(text)) {
				return null;
			}
			try {
				return LocalDate.parse(text.strip());
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

	}

}
