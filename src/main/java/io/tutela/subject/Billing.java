package io.tutela.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The contract, portal account, invoice and payment records of a subject, as the API
 * shows them, and what a client sends to create or update each.
 */
final class Billing {

	private Billing() {
	}

	/** What the audit log needs of a record: its id and category, never its values. */
	interface Audited {

		UUID id();

		String category();

	}

	record Contract(UUID id, UUID subjectId, String contractNumber, @Nullable String service, LocalDate startDate,
			@Nullable LocalDate endDate, String category, List<String> purposes, String source,
			Instant collectedAt) implements Audited {
	}

	record ContractInput(@Nullable UUID subjectId, @Nullable String contractNumber, @Nullable String service,
			@Nullable LocalDate startDate, @Nullable LocalDate endDate, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source, @Nullable Instant collectedAt) {
	}

	record PortalAccount(UUID id, UUID subjectId, String username, Instant openedAt, @Nullable Instant lastActivityAt,
			@Nullable LocalDate closedOn, String category, List<String> purposes, String source,
			Instant collectedAt) implements Audited {
	}

	record PortalAccountInput(@Nullable UUID subjectId, @Nullable String username, @Nullable Instant openedAt,
			@Nullable Instant lastActivityAt, @Nullable LocalDate closedOn, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source, @Nullable Instant collectedAt) {
	}

	record Invoice(UUID id, UUID subjectId, @Nullable UUID contractId, String invoiceNumber, LocalDate issuedOn,
			@Nullable LocalDate dueOn, long amountCents, String currency, boolean disputed, String category,
			List<String> purposes, String source, Instant collectedAt) implements Audited {
	}

	/** {@code amount}: decimal text such as {@code 29.90}. */
	record InvoiceInput(@Nullable UUID subjectId, @Nullable UUID contractId, @Nullable String invoiceNumber,
			@Nullable LocalDate issuedOn, @Nullable LocalDate dueOn, @Nullable String amount, @Nullable String currency,
			@Nullable Boolean disputed, @Nullable String category, @Nullable List<String> purposes,
			@Nullable String source, @Nullable Instant collectedAt) {
	}

	record Payment(UUID id, UUID subjectId, @Nullable UUID invoiceId, String reference, Instant paidAt,
			long amountCents, @Nullable String method, String category, List<String> purposes, String source,
			Instant collectedAt) implements Audited {
	}

	/** {@code amount}: decimal text such as {@code 29.90}. */
	record PaymentInput(@Nullable UUID subjectId, @Nullable UUID invoiceId, @Nullable String reference,
			@Nullable Instant paidAt, @Nullable String amount, @Nullable String method, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source, @Nullable Instant collectedAt) {
	}

	/** One page of a list. */
	record Page<T>(int page, int size, List<T> items) {
	}

}
