package io.tutela.subject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.tutela.subject.Billing.Contract;
import io.tutela.subject.Billing.Invoice;
import io.tutela.subject.Billing.PortalAccount;
import io.tutela.subject.Billing.Payment;

/**
 * Contracts, portal accounts, invoices and payments in PostgreSQL, always read and
 * written within one controller.
 */
@Repository
class BillingRecords {

	private final JdbcClient jdbc;

	BillingRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a list may be filtered by; every filter is optional, dates inclusive. */
	record Filter(@Nullable UUID subjectId, @Nullable LocalDate from, @Nullable LocalDate to) {
	}

	boolean subjectExists(String controllerId, UUID subjectId) {
		return exists("subject", "id", controllerId, subjectId, null);
	}

	/**
	 * Whether a record of the table has the value in the column, other than
	 * {@code except}.
	 */
	boolean exists(String table, String column, String controllerId, Object value, @Nullable UUID except) {
		return this.jdbc
			.sql("SELECT count(*) FROM " + table + " WHERE controller_id = :c AND " + column + " = :v"
					+ " AND (CAST(:except AS uuid) IS NULL OR id <> CAST(:except AS uuid))")
			.param("c", controllerId)
			.param("v", value)
			.param("except", except)
			.query(Integer.class)
			.single() > 0;
	}

	private static String listSql(String table, String dateColumn) {
		return "SELECT * FROM " + table + " WHERE controller_id = :c"
				+ " AND (CAST(:subject AS uuid) IS NULL OR subject_id = CAST(:subject AS uuid))"
				+ " AND (CAST(:from AS date) IS NULL OR " + dateColumn + " >= CAST(:from AS date))"
				+ " AND (CAST(:to AS date) IS NULL OR " + dateColumn + " < CAST(:to AS date) + 1)" + " ORDER BY "
				+ dateColumn + " DESC, id OFFSET :o LIMIT :l";
	}

	private <T> List<T> list(String table, String dateColumn, String controllerId, Filter filter, int offset, int limit,
			org.springframework.jdbc.core.RowMapper<T> mapper) {
		return this.jdbc.sql(listSql(table, dateColumn))
			.param("c", controllerId)
			.param("subject", filter.subjectId())
			.param("from", filter.from())
			.param("to", filter.to())
			.param("o", offset)
			.param("l", limit)
			.query(mapper)
			.list();
	}

	private <T> Optional<T> find(String table, String controllerId, UUID id,
			org.springframework.jdbc.core.RowMapper<T> mapper) {
		return this.jdbc.sql("SELECT * FROM " + table + " WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(mapper)
			.optional();
	}

	// contracts

	Optional<Contract> contract(String controllerId, UUID id) {
		return find("contract", controllerId, id, BillingRecords::contract);
	}

	List<Contract> contracts(String controllerId, Filter filter, int offset, int limit) {
		return list("contract", "start_date", controllerId, filter, offset, limit, BillingRecords::contract);
	}

	void save(String controllerId, Contract c) {
		this.jdbc.sql("""
				INSERT INTO contract (id, controller_id, subject_id, contract_number, service, start_date, end_date,
				       category, purposes, source, collected_at)
				VALUES (:id, :c, :subject, :number, :service, :start, :end, :category, :purposes, :source, :collected)
				ON CONFLICT (id) DO UPDATE SET subject_id = EXCLUDED.subject_id,
				       contract_number = EXCLUDED.contract_number, service = EXCLUDED.service,
				       start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, category = EXCLUDED.category,
				       purposes = EXCLUDED.purposes, source = EXCLUDED.source, collected_at = EXCLUDED.collected_at,
				       updated_at = now()
				WHERE contract.controller_id = EXCLUDED.controller_id""")
			.param("id", c.id())
			.param("c", controllerId)
			.param("subject", c.subjectId())
			.param("number", c.contractNumber())
			.param("service", c.service())
			.param("start", c.startDate())
			.param("end", c.endDate())
			.param("category", c.category())
			.param("purposes", c.purposes().toArray(String[]::new))
			.param("source", c.source())
			.param("collected", Timestamp.from(c.collectedAt()))
			.update();
	}

	static Contract contract(ResultSet rs, int row) throws SQLException {
		return new Contract(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class),
				rs.getString("contract_number"), rs.getString("service"), date(rs, "start_date"), date(rs, "end_date"),
				rs.getString("category"), texts(rs, "purposes"), rs.getString("source"), instant(rs, "collected_at"));
	}

	// portal accounts

	Optional<PortalAccount> portalAccount(String controllerId, UUID id) {
		return find("portal_account", controllerId, id, BillingRecords::portalAccount);
	}

	List<PortalAccount> portalAccounts(String controllerId, Filter filter, int offset, int limit) {
		return list("portal_account", "opened_at", controllerId, filter, offset, limit, BillingRecords::portalAccount);
	}

	void save(String controllerId, PortalAccount a) {
		this.jdbc.sql("""
				INSERT INTO portal_account (id, controller_id, subject_id, username, opened_at, last_activity_at,
				       closed_on, category, purposes, source, collected_at)
				VALUES (:id, :c, :subject, :username, :opened, :activity, :closed, :category, :purposes, :source,
				       :collected)
				ON CONFLICT (id) DO UPDATE SET subject_id = EXCLUDED.subject_id, username = EXCLUDED.username,
				       opened_at = EXCLUDED.opened_at, last_activity_at = EXCLUDED.last_activity_at,
				       closed_on = EXCLUDED.closed_on, category = EXCLUDED.category, purposes = EXCLUDED.purposes,
				       source = EXCLUDED.source, collected_at = EXCLUDED.collected_at, updated_at = now()
				WHERE portal_account.controller_id = EXCLUDED.controller_id""")
			.param("id", a.id())
			.param("c", controllerId)
			.param("subject", a.subjectId())
			.param("username", a.username())
			.param("opened", Timestamp.from(a.openedAt()))
			.param("activity", timestamp(a.lastActivityAt()))
			.param("closed", a.closedOn())
			.param("category", a.category())
			.param("purposes", a.purposes().toArray(String[]::new))
			.param("source", a.source())
			.param("collected", Timestamp.from(a.collectedAt()))
			.update();
	}

	static PortalAccount portalAccount(ResultSet rs, int row) throws SQLException {
		return new PortalAccount(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class),
				rs.getString("username"), instant(rs, "opened_at"), instant(rs, "last_activity_at"),
				date(rs, "closed_on"), rs.getString("category"), texts(rs, "purposes"), rs.getString("source"),
				instant(rs, "collected_at"));
	}

	// invoices

	Optional<Invoice> invoice(String controllerId, UUID id) {
		return find("invoice", controllerId, id, BillingRecords::invoice);
	}

	List<Invoice> invoices(String controllerId, Filter filter, int offset, int limit) {
		return list("invoice", "issued_on", controllerId, filter, offset, limit, BillingRecords::invoice);
	}

	void save(String controllerId, Invoice i) {
		this.jdbc.sql("""
				INSERT INTO invoice (id, controller_id, subject_id, contract_id, invoice_number, issued_on, due_on,
				       amount_cents, currency, disputed, category, purposes, source, collected_at)
				VALUES (:id, :c, :subject, :contract, :number, :issued, :due, :cents, :currency, :disputed, :category,
				       :purposes, :source, :collected)
				ON CONFLICT (id) DO UPDATE SET subject_id = EXCLUDED.subject_id, contract_id = EXCLUDED.contract_id,
				       invoice_number = EXCLUDED.invoice_number, issued_on = EXCLUDED.issued_on,
				       due_on = EXCLUDED.due_on, amount_cents = EXCLUDED.amount_cents, currency = EXCLUDED.currency,
				       disputed = EXCLUDED.disputed, category = EXCLUDED.category, purposes = EXCLUDED.purposes,
				       source = EXCLUDED.source, collected_at = EXCLUDED.collected_at, updated_at = now()
				WHERE invoice.controller_id = EXCLUDED.controller_id""")
			.param("id", i.id())
			.param("c", controllerId)
			.param("subject", i.subjectId())
			.param("contract", i.contractId())
			.param("number", i.invoiceNumber())
			.param("issued", i.issuedOn())
			.param("due", i.dueOn())
			.param("cents", i.amountCents())
			.param("currency", i.currency())
			.param("disputed", i.disputed())
			.param("category", i.category())
			.param("purposes", i.purposes().toArray(String[]::new))
			.param("source", i.source())
			.param("collected", Timestamp.from(i.collectedAt()))
			.update();
	}

	static Invoice invoice(ResultSet rs, int row) throws SQLException {
		return new Invoice(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class),
				rs.getObject("contract_id", UUID.class), rs.getString("invoice_number"), date(rs, "issued_on"),
				date(rs, "due_on"), rs.getLong("amount_cents"), rs.getString("currency"), rs.getBoolean("disputed"),
				rs.getString("category"), texts(rs, "purposes"), rs.getString("source"), instant(rs, "collected_at"));
	}

	// payments

	Optional<Payment> payment(String controllerId, UUID id) {
		return find("payment", controllerId, id, BillingRecords::payment);
	}

	List<Payment> payments(String controllerId, Filter filter, int offset, int limit) {
		return list("payment", "paid_at", controllerId, filter, offset, limit, BillingRecords::payment);
	}

	void save(String controllerId, Payment p) {
		this.jdbc
			.sql("""
					INSERT INTO payment (id, controller_id, subject_id, invoice_id, reference, paid_at, amount_cents, method,
					       category, purposes, source, collected_at)
					VALUES (:id, :c, :subject, :invoice, :reference, :paid, :cents, :method, :category, :purposes, :source,
					       :collected)
					ON CONFLICT (id) DO UPDATE SET subject_id = EXCLUDED.subject_id, invoice_id = EXCLUDED.invoice_id,
					       reference = EXCLUDED.reference, paid_at = EXCLUDED.paid_at, amount_cents = EXCLUDED.amount_cents,
					       method = EXCLUDED.method, category = EXCLUDED.category, purposes = EXCLUDED.purposes,
					       source = EXCLUDED.source, collected_at = EXCLUDED.collected_at, updated_at = now()
					WHERE payment.controller_id = EXCLUDED.controller_id""")
			.param("id", p.id())
			.param("c", controllerId)
			.param("subject", p.subjectId())
			.param("invoice", p.invoiceId())
			.param("reference", p.reference())
			.param("paid", Timestamp.from(p.paidAt()))
			.param("cents", p.amountCents())
			.param("method", p.method())
			.param("category", p.category())
			.param("purposes", p.purposes().toArray(String[]::new))
			.param("source", p.source())
			.param("collected", Timestamp.from(p.collectedAt()))
			.update();
	}

	static Payment payment(ResultSet rs, int row) throws SQLException {
		return new Payment(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class),
				rs.getObject("invoice_id", UUID.class), rs.getString("reference"), instant(rs, "paid_at"),
				rs.getLong("amount_cents"), rs.getString("method"), rs.getString("category"), texts(rs, "purposes"),
				rs.getString("source"), instant(rs, "collected_at"));
	}

	// conversions

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	@SuppressWarnings("NullAway")
	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	@SuppressWarnings("NullAway")
	private static LocalDate date(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}

	private static List<String> texts(ResultSet rs, String column) throws SQLException {
		return Arrays.asList((String[]) rs.getArray(column).getArray());
	}

}
