package io.tutela.subject;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.subject.Billing.Audited;
import io.tutela.subject.Billing.Contract;
import io.tutela.subject.Billing.ContractInput;
import io.tutela.subject.Billing.Invoice;
import io.tutela.subject.Billing.InvoiceInput;
import io.tutela.subject.Billing.Page;
import io.tutela.subject.Billing.Payment;
import io.tutela.subject.Billing.PaymentInput;
import io.tutela.subject.Billing.PortalAccount;
import io.tutela.subject.Billing.PortalAccountInput;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;
import io.tutela.web.Paging;

/**
 * Contracts, portal accounts, invoices and payments; every read, list and write is on the
 * audit log with the records' ids only. Invalid fields are named as the import columns.
 */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}")
@Tag(name = "Contracts and billing", description = "Contracts, portal accounts, invoices and payments of subjects")
class BillingApi {

	private final BillingRecords records;

	private final Policies policies;

	private final Auditing auditing;

	private final Clock clock;

	BillingApi(BillingRecords records, Policies policies, Auditing auditing, Clock clock) {
		this.records = records;
		this.policies = policies;
		this.auditing = auditing;
		this.clock = clock;
	}

	// contracts

	@GetMapping("/contracts")
	@Operation(summary = "List contracts",
			description = "Filters: subjectId, start date from/to (inclusive); the latest started first; paged")
	Page<Contract> contracts(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable UUID subjectId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return listed(RecordKind.CONTRACT, controllerId, page, size, this.records.contracts(controllerId,
				new BillingRecords.Filter(subjectId, from, to), Paging.offset(page, size), size));
	}

	@GetMapping("/contracts/{id}")
	@Operation(summary = "One contract")
	Contract contract(@PathVariable String controllerId, @PathVariable UUID id) {
		return read(RecordKind.CONTRACT, controllerId, findContract(controllerId, id));
	}

	@PostMapping("/contracts")
	@Transactional
	@Operation(summary = "Register a contract", description = "400 with every invalid field")
	ResponseEntity<Contract> createContract(@PathVariable String controllerId, @RequestBody ContractInput input) {
		Contract contract = validate(controllerId, UUID.randomUUID(), input, null);
		this.records.save(controllerId, contract);
		wrote("create", RecordKind.CONTRACT, controllerId, contract);
		return ResponseEntity.created(location(controllerId, "contracts", contract.id())).body(contract);
	}

	@PutMapping("/contracts/{id}")
	@Transactional
	@Operation(summary = "Update a contract", description = "400 with every invalid field")
	Contract updateContract(@PathVariable String controllerId, @PathVariable UUID id,
			@RequestBody ContractInput input) {
		Contract existing = findContract(controllerId, id);
		Contract contract = validate(controllerId, id, input, existing.collectedAt());
		this.records.save(controllerId, contract);
		wrote("update", RecordKind.CONTRACT, controllerId, contract);
		return contract;
	}

	private Contract findContract(String controllerId, UUID id) {
		return this.records.contract(controllerId, id).orElseThrow(() -> new NotFoundException("contract", id));
	}

	private Contract validate(String controllerId, UUID id, ContractInput in, @Nullable Instant collected) {
		List<FieldProblem> problems = new ArrayList<>();
		UUID subjectId = subject(controllerId, in.subjectId(), problems);
		String number = required(in.contractNumber(), "contract_number", 100, problems);
		if (number != null && this.records.exists("contract", "contract_number", controllerId, number, id)) {
			problems.add(new FieldProblem("contract_number", "another contract has this number"));
		}
		String service = optional(in.service(), "service", 200, problems);
		LocalDate start = in.startDate();
		if (start == null) {
			problems.add(new FieldProblem("start_date", "is required"));
		}
		if (start != null && in.endDate() != null && in.endDate().isBefore(start)) {
			problems.add(new FieldProblem("end_date", "is before the start date"));
		}
		Tags tags = tags(controllerId, RecordKind.CONTRACT, in.category(), in.purposes(), in.source(), problems);
		if (!problems.isEmpty() || tags == null || subjectId == null || number == null || start == null) {
			throw new InvalidInputException(problems);
		}
		return new Contract(id, subjectId, number, service, start, in.endDate(), tags.category(), tags.purposes(),
				tags.source(), collectedAt(in.collectedAt(), collected));
	}

	// portal accounts

	@GetMapping("/portal-accounts")
	@Operation(summary = "List portal accounts",
			description = "Filters: subjectId, opened from/to (dates, inclusive); the latest opened first; paged")
	Page<PortalAccount> portalAccounts(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable UUID subjectId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return listed(RecordKind.PORTAL_ACCOUNT, controllerId, page, size, this.records.portalAccounts(controllerId,
				new BillingRecords.Filter(subjectId, from, to), Paging.offset(page, size), size));
	}

	@GetMapping("/portal-accounts/{id}")
	@Operation(summary = "One portal account")
	PortalAccount portalAccount(@PathVariable String controllerId, @PathVariable UUID id) {
		return read(RecordKind.PORTAL_ACCOUNT, controllerId, findPortalAccount(controllerId, id));
	}

	@PostMapping("/portal-accounts")
	@Transactional
	@Operation(summary = "Register a portal account", description = "400 with every invalid field")
	ResponseEntity<PortalAccount> createPortalAccount(@PathVariable String controllerId,
			@RequestBody PortalAccountInput input) {
		PortalAccount account = validate(controllerId, UUID.randomUUID(), input, null);
		this.records.save(controllerId, account);
		wrote("create", RecordKind.PORTAL_ACCOUNT, controllerId, account);
		return ResponseEntity.created(location(controllerId, "portal-accounts", account.id())).body(account);
	}

	@PutMapping("/portal-accounts/{id}")
	@Transactional
	@Operation(summary = "Update a portal account", description = "400 with every invalid field")
	PortalAccount updatePortalAccount(@PathVariable String controllerId, @PathVariable UUID id,
			@RequestBody PortalAccountInput input) {
		PortalAccount existing = findPortalAccount(controllerId, id);
		PortalAccount account = validate(controllerId, id, input, existing.collectedAt());
		this.records.save(controllerId, account);
		wrote("update", RecordKind.PORTAL_ACCOUNT, controllerId, account);
		return account;
	}

	private PortalAccount findPortalAccount(String controllerId, UUID id) {
		return this.records.portalAccount(controllerId, id)
			.orElseThrow(() -> new NotFoundException("portal account", id));
	}

	private PortalAccount validate(String controllerId, UUID id, PortalAccountInput in, @Nullable Instant collected) {
		List<FieldProblem> problems = new ArrayList<>();
		UUID subjectId = subject(controllerId, in.subjectId(), problems);
		String username = required(in.username(), "username", 200, problems);
		if (username != null && this.records.exists("portal_account", "username", controllerId, username, id)) {
			problems.add(new FieldProblem("username", "another portal account has this username"));
		}
		Instant opened = in.openedAt();
		if (opened == null) {
			problems.add(new FieldProblem("opened_at", "is required"));
		}
		if (opened != null && in.lastActivityAt() != null && in.lastActivityAt().isBefore(opened)) {
			problems.add(new FieldProblem("last_activity_at", "is before the account was opened"));
		}
		Tags tags = tags(controllerId, RecordKind.PORTAL_ACCOUNT, in.category(), in.purposes(), in.source(), problems);
		if (!problems.isEmpty() || tags == null || subjectId == null || username == null || opened == null) {
			throw new InvalidInputException(problems);
		}
		return new PortalAccount(id, subjectId, username, opened, in.lastActivityAt(), in.closedOn(), tags.category(),
				tags.purposes(), tags.source(), collectedAt(in.collectedAt(), collected));
	}

	// invoices

	@GetMapping("/invoices")
	@Operation(summary = "List invoices",
			description = "Filters: subjectId, issued from/to (inclusive); the latest issued first; paged")
	Page<Invoice> invoices(@PathVariable String controllerId, @RequestParam(required = false) @Nullable UUID subjectId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return listed(RecordKind.INVOICE, controllerId, page, size, this.records.invoices(controllerId,
				new BillingRecords.Filter(subjectId, from, to), Paging.offset(page, size), size));
	}

	@GetMapping("/invoices/{id}")
	@Operation(summary = "One invoice")
	Invoice invoice(@PathVariable String controllerId, @PathVariable UUID id) {
		return read(RecordKind.INVOICE, controllerId, findInvoice(controllerId, id));
	}

	@PostMapping("/invoices")
	@Transactional
	@Operation(summary = "Register an invoice",
			description = "amount: decimal text such as 29.90; currency: ISO 4217 (EUR by default); "
					+ "400 with every invalid field")
	ResponseEntity<Invoice> createInvoice(@PathVariable String controllerId, @RequestBody InvoiceInput input) {
		Invoice invoice = validate(controllerId, UUID.randomUUID(), input, null);
		this.records.save(controllerId, invoice);
		wrote("create", RecordKind.INVOICE, controllerId, invoice);
		return ResponseEntity.created(location(controllerId, "invoices", invoice.id())).body(invoice);
	}

	@PutMapping("/invoices/{id}")
	@Transactional
	@Operation(summary = "Update an invoice", description = "400 with every invalid field")
	Invoice updateInvoice(@PathVariable String controllerId, @PathVariable UUID id, @RequestBody InvoiceInput input) {
		Invoice existing = findInvoice(controllerId, id);
		Invoice invoice = validate(controllerId, id, input, existing.collectedAt());
		this.records.save(controllerId, invoice);
		wrote("update", RecordKind.INVOICE, controllerId, invoice);
		return invoice;
	}

	private Invoice findInvoice(String controllerId, UUID id) {
		return this.records.invoice(controllerId, id).orElseThrow(() -> new NotFoundException("invoice", id));
	}

	private Invoice validate(String controllerId, UUID id, InvoiceInput in, @Nullable Instant collected) {
		List<FieldProblem> problems = new ArrayList<>();
		UUID subjectId = subject(controllerId, in.subjectId(), problems);
		if (in.contractId() != null && !this.records.exists("contract", "id", controllerId, in.contractId(), null)) {
			problems.add(new FieldProblem("contract_id", "no contract has this id"));
		}
		String number = required(in.invoiceNumber(), "invoice_number", 100, problems);
		if (number != null && this.records.exists("invoice", "invoice_number", controllerId, number, id)) {
			problems.add(new FieldProblem("invoice_number", "another invoice has this number"));
		}
		LocalDate issued = in.issuedOn();
		if (issued == null) {
			problems.add(new FieldProblem("issued_on", "is required"));
		}
		if (issued != null && in.dueOn() != null && in.dueOn().isBefore(issued)) {
			problems.add(new FieldProblem("due_on", "is before the issue date"));
		}
		Long cents = amount(in.amount(), problems);
		String currency = BillingImports.currency(blank(in.currency()), problems);
		Tags tags = tags(controllerId, RecordKind.INVOICE, in.category(), in.purposes(), in.source(), problems);
		if (!problems.isEmpty() || tags == null || subjectId == null || number == null || issued == null
				|| cents == null || currency == null) {
			throw new InvalidInputException(problems);
		}
		return new Invoice(id, subjectId, in.contractId(), number, issued, in.dueOn(), cents, currency,
				Boolean.TRUE.equals(in.disputed()), tags.category(), tags.purposes(), tags.source(),
				collectedAt(in.collectedAt(), collected));
	}

	// payments

	@GetMapping("/payments")
	@Operation(summary = "List payments",
			description = "Filters: subjectId, paid from/to (dates, inclusive); the latest paid first; paged")
	Page<Payment> payments(@PathVariable String controllerId, @RequestParam(required = false) @Nullable UUID subjectId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return listed(RecordKind.PAYMENT, controllerId, page, size, this.records.payments(controllerId,
				new BillingRecords.Filter(subjectId, from, to), Paging.offset(page, size), size));
	}

	@GetMapping("/payments/{id}")
	@Operation(summary = "One payment")
	Payment payment(@PathVariable String controllerId, @PathVariable UUID id) {
		return read(RecordKind.PAYMENT, controllerId, findPayment(controllerId, id));
	}

	@PostMapping("/payments")
	@Transactional
	@Operation(summary = "Register a payment",
			description = "amount: decimal text such as 29.90; 400 with every invalid field")
	ResponseEntity<Payment> createPayment(@PathVariable String controllerId, @RequestBody PaymentInput input) {
		Payment payment = validate(controllerId, UUID.randomUUID(), input, null);
		this.records.save(controllerId, payment);
		wrote("create", RecordKind.PAYMENT, controllerId, payment);
		return ResponseEntity.created(location(controllerId, "payments", payment.id())).body(payment);
	}

	@PutMapping("/payments/{id}")
	@Transactional
	@Operation(summary = "Update a payment", description = "400 with every invalid field")
	Payment updatePayment(@PathVariable String controllerId, @PathVariable UUID id, @RequestBody PaymentInput input) {
		Payment existing = findPayment(controllerId, id);
		Payment payment = validate(controllerId, id, input, existing.collectedAt());
		this.records.save(controllerId, payment);
		wrote("update", RecordKind.PAYMENT, controllerId, payment);
		return payment;
	}

	private Payment findPayment(String controllerId, UUID id) {
		return this.records.payment(controllerId, id).orElseThrow(() -> new NotFoundException("payment", id));
	}

	private Payment validate(String controllerId, UUID id, PaymentInput in, @Nullable Instant collected) {
		List<FieldProblem> problems = new ArrayList<>();
		UUID subjectId = subject(controllerId, in.subjectId(), problems);
		if (in.invoiceId() != null && !this.records.exists("invoice", "id", controllerId, in.invoiceId(), null)) {
			problems.add(new FieldProblem("invoice_id", "no invoice has this id"));
		}
		String reference = required(in.reference(), "reference", 200, problems);
		if (reference != null && this.records.exists("payment", "reference", controllerId, reference, id)) {
			problems.add(new FieldProblem("reference", "another payment has this reference"));
		}
		Instant paid = in.paidAt();
		if (paid == null) {
			problems.add(new FieldProblem("paid_at", "is required"));
		}
		Long cents = amount(in.amount(), problems);
		String method = optional(in.method(), "method", 100, problems);
		Tags tags = tags(controllerId, RecordKind.PAYMENT, in.category(), in.purposes(), in.source(), problems);
		if (!problems.isEmpty() || tags == null || subjectId == null || reference == null || paid == null
				|| cents == null) {
			throw new InvalidInputException(problems);
		}
		return new Payment(id, subjectId, in.invoiceId(), reference, paid, cents, method, tags.category(),
				tags.purposes(), tags.source(), collectedAt(in.collectedAt(), collected));
	}

	// shared

	private <T extends Audited> Page<T> listed(RecordKind kind, String controllerId, int page, int size,
			List<T> items) {
		this.auditing.success(kind.key() + ".search", controllerId, null, items.stream().map(Audited::id).toList());
		return new Page<>(page, size, items);
	}

	private <T extends Audited> T read(RecordKind kind, String controllerId, T record) {
		this.auditing.success(kind.key() + ".read", controllerId, record.category(), List.of(record.id()));
		return record;
	}

	private void wrote(String verb, RecordKind kind, String controllerId, Audited record) {
		this.auditing.success(kind.key() + "." + verb, controllerId, record.category(), List.of(record.id()));
	}

	private static URI location(String controllerId, String path, UUID id) {
		return URI.create("/api/v1/controllers/" + controllerId + "/" + path + "/" + id);
	}

	private @Nullable UUID subject(String controllerId, @Nullable UUID subjectId, List<FieldProblem> problems) {
		if (subjectId == null) {
			problems.add(new FieldProblem("subject_id", "is required"));
			return null;
		}
		if (!this.records.subjectExists(controllerId, subjectId)) {
			problems.add(new FieldProblem("subject_id", "no subject has this id"));
			return null;
		}
		return subjectId;
	}

	private @Nullable Tags tags(String controllerId, RecordKind kind, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source, List<FieldProblem> problems) {
		Policy policy = this.policies.current(controllerId);
		return Tags.of(policy, Tags.mapping(policy, kind), category, purposes, source, Policy.Source.SUBJECT, problems);
	}

	private Instant collectedAt(@Nullable Instant given, @Nullable Instant existing) {
		if (given != null) {
			return given;
		}
		return (existing != null) ? existing : this.clock.instant();
	}

	private static @Nullable Long amount(@Nullable String amount, List<FieldProblem> problems) {
		String text = blank(amount);
		if (text == null) {
			problems.add(new FieldProblem("amount", "is required"));
			return null;
		}
		return Values.cents(text, "amount", problems);
	}

	private static @Nullable String required(@Nullable String value, String field, int max,
			List<FieldProblem> problems) {
		String text = blank(value);
		if (text == null) {
			problems.add(new FieldProblem(field, "is required"));
			return null;
		}
		return optional(text, field, max, problems);
	}

	private static @Nullable String optional(@Nullable String value, String field, int max,
			List<FieldProblem> problems) {
		String text = blank(value);
		if (text != null && text.length() > max) {
			problems.add(new FieldProblem(field, "is longer than " + max + " characters"));
			return null;
		}
		return text;
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
