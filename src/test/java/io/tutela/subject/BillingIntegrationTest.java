package io.tutela.subject;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class BillingIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http.Response upload(String kind, String body) {
		return Http.admin(this.port).post("/api/v1/controllers/ipkom/imports/" + kind, "text/csv", body);
	}

	long count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE controller_id = 'ipkom'")
			.query(Long.class)
			.single();
	}

	void importSubjectAndContract() {
		Http.Response subjects = upload("subjects", """
				customer_code,given_name,family_name,codice_fiscale
				BILL-1,Paolo,Gialli,
				""");
		assertThat(subjects.status()).as(subjects.body()).isEqualTo(200);
		Http.Response contracts = upload("contracts", """
				contract_number,subject,start_date
				BK-1,BILL-1,2024-01-01
				""");
		assertThat(contracts.status()).as(contracts.body()).isEqualTo(200);
	}

	@Test
	void importsPortalAccountsInvoicesAndPaymentsTaggedAndAgainChangesNothing() {
		importSubjectAndContract();
		String accounts = """
				username,subject,opened_at,last_activity_at
				paolo.g,BILL-1,2024-01-02,2024-06-01T08:00:00Z
				""";
		Http.Response first = upload("portal-accounts", accounts);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("inserted").asLong()).isEqualTo(1);
		assertThat(upload("portal-accounts", accounts).json().get("unchanged").asLong()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT category FROM portal_account WHERE username = 'paolo.g'")
			.query(String.class)
			.single()).isEqualTo("credentials");

		String invoices = """
				invoice_number,subject,contract_number,issued_on,due_on,amount,currency,disputed
				BF-1,BILL-1,BK-1,2024-02-01,2024-03-01,29.90,eur,no
				BF-2,BILL-1,,2024-03-01,,10,,yes
				""";
		Http.Response inv = upload("invoices", invoices);
		assertThat(inv.status()).as(inv.body()).isEqualTo(200);
		assertThat(inv.json().get("inserted").asLong()).isEqualTo(2);
		Map<String, Object> bf1 = this.jdbc
			.sql("SELECT i.amount_cents, i.currency, i.category, c.contract_number FROM invoice i"
					+ " JOIN contract c ON c.id = i.contract_id WHERE i.invoice_number = 'BF-1'")
			.query()
			.singleRow();
		assertThat(bf1).containsEntry("amount_cents", 2990L)
			.containsEntry("currency", "EUR")
			.containsEntry("category", "billing_payment")
			.containsEntry("contract_number", "BK-1");
		Http.Response invAgain = upload("invoices", invoices);
		assertThat(invAgain.json().get("inserted").asLong()).isZero();
		assertThat(invAgain.json().get("updated").asLong()).isZero();

		String payments = """
				reference,subject,invoice_number,paid_at,amount,method
				BP-1,BILL-1,BF-1,2024-02-10T09:00:00Z,29.90,SEPA
				""";
		Http.Response pay = upload("payments", payments);
		assertThat(pay.status()).as(pay.body()).isEqualTo(200);
		assertThat(pay.json().get("inserted").asLong()).isEqualTo(1);
		assertThat(upload("payments", payments).json().get("unchanged").asLong()).isEqualTo(1);
		assertThat(this.jdbc
			.sql("SELECT i.invoice_number FROM payment p JOIN invoice i ON i.id = p.invoice_id"
					+ " WHERE p.reference = 'BP-1'")
			.query(String.class)
			.single()).isEqualTo("BF-1");
	}

	@Test
	void aBadRowImportsNothingAndNamesItsLineAndField() {
		importSubjectAndContract();
		long invoices = count("invoice");
		Http.Response bad = upload("invoices", """
				invoice_number,subject,contract_number,issued_on,amount,currency
				BX-1,BILL-1,,2024-01-01,5.00,EUR
				BX-2,BILL-1,,2024-01-01,cinque,EUR
				BX-3,BILL-1,,2024-01-01,5.00,EURO
				BX-4,BILL-1,NO-SUCH,2024-01-01,5.00,EUR
				BX-1,NOBODY,,2024-01-01,5.00,EUR
				""");
		assertThat(bad.status()).isEqualTo(422);
		JsonNode errors = bad.json().get("errors");
		assertThat(errors).extracting((e) -> e.get("line").asLong() + ":" + e.get("field").asString())
			.contains("3:amount", "4:currency");
		assertThat(count("invoice")).isEqualTo(invoices);

		Http.Response references = upload("invoices", """
				invoice_number,subject,contract_number,issued_on,amount
				BX-1,BILL-1,,2024-01-01,5.00
				BX-4,BILL-1,NO-SUCH,2024-01-01,5.00
				BX-1,NOBODY,,2024-01-01,5.00
				""");
		assertThat(references.status()).isEqualTo(422);
		assertThat(references.json().get("errors"))
			.extracting((e) -> e.get("line").asLong() + ":" + e.get("field").asString())
			.contains("3:contract_number", "4:invoice_number", "4:subject");
		assertThat(count("invoice")).isEqualTo(invoices);

		long payments = count("payment");
		Http.Response badPayment = upload("payments", """
				reference,subject,invoice_number,paid_at,amount
				BPX-1,BILL-1,,2024-01-01,5.00
				BPX-2,BILL-1,NO-SUCH,2024-01-01,5.00
				""");
		assertThat(badPayment.status()).isEqualTo(422);
		assertThat(badPayment.json().at("/errors/0/line").asLong()).isEqualTo(3);
		assertThat(badPayment.json().at("/errors/0/field").asString()).isEqualTo("invoice_number");
		assertThat(count("payment")).isEqualTo(payments);

		long accounts = count("portal_account");
		Http.Response badAccount = upload("portal-accounts", """
				username,subject,opened_at
				bx.ok,BILL-1,2024-01-01
				bx.bad,BILL-1,ieri
				""");
		assertThat(badAccount.status()).isEqualTo(422);
		assertThat(badAccount.json().at("/errors/0/line").asLong()).isEqualTo(3);
		assertThat(badAccount.json().at("/errors/0/field").asString()).isEqualTo("opened_at");
		assertThat(count("portal_account")).isEqualTo(accounts);
	}

	@Test
	void eachKindRoundTripsThroughTheApiAndIsAudited() {
		Http admin = Http.admin(this.port);
		String base = "/api/v1/controllers/conecto/";
		Http.Response subject = admin.postJson(base + "subjects",
				Map.of("customerCode", "BAPI-1", "givenName", "Elena", "familyName", "Viola"));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		String subjectId = subject.json().get("id").asString();

		Http.Response contract = admin.postJson(base + "contracts", Map.of("subjectId", subjectId, "contractNumber",
				"BAK-1", "service", "fibra", "startDate", "2024-01-01"));
		assertThat(contract.status()).as(contract.body()).isEqualTo(201);
		String contractId = contract.json().get("id").asString();
		assertThat(contract.json().get("category").asString()).isEqualTo("contract");
		Http.Response endedContract = admin.put(base + "contracts/" + contractId, Map.of("subjectId", subjectId,
				"contractNumber", "BAK-1", "startDate", "2024-01-01", "endDate", "2025-01-01"));
		assertThat(endedContract.status()).as(endedContract.body()).isEqualTo(200);
		assertThat(admin.get(base + "contracts/" + contractId).json().get("endDate").asString())
			.isEqualTo("2025-01-01");

		Http.Response account = admin.postJson(base + "portal-accounts",
				Map.of("subjectId", subjectId, "username", "elena.v", "openedAt", "2024-01-02T10:00:00Z"));
		assertThat(account.status()).as(account.body()).isEqualTo(201);
		String accountId = account.json().get("id").asString();
		assertThat(admin
			.put(base + "portal-accounts/" + accountId, Map.of("subjectId", subjectId, "username", "elena.v",
					"openedAt", "2024-01-02T10:00:00Z", "lastActivityAt", "2024-05-01T10:00:00Z"))
			.status()).isEqualTo(200);
		assertThat(admin.get(base + "portal-accounts/" + accountId).json().get("lastActivityAt").asString())
			.isEqualTo("2024-05-01T10:00:00Z");

		Http.Response invoice = admin.postJson(base + "invoices", Map.of("subjectId", subjectId, "contractId",
				contractId, "invoiceNumber", "BAF-1", "issuedOn", "2024-02-01", "amount", "29.90", "currency", "eur"));
		assertThat(invoice.status()).as(invoice.body()).isEqualTo(201);
		String invoiceId = invoice.json().get("id").asString();
		assertThat(invoice.json().get("amountCents").asLong()).isEqualTo(2990);
		assertThat(invoice.json().get("currency").asString()).isEqualTo("EUR");
		assertThat(admin
			.put(base + "invoices/" + invoiceId,
					Map.of("subjectId", subjectId, "invoiceNumber", "BAF-1", "issuedOn", "2024-02-01", "amount",
							"29.90", "disputed", true))
			.json()
			.get("disputed")
			.asBoolean()).isTrue();

		Http.Response payment = admin.postJson(base + "payments", Map.of("subjectId", subjectId, "invoiceId", invoiceId,
				"reference", "BAP-1", "paidAt", "2024-02-10T09:00:00Z", "amount", "29.90", "method", "SEPA"));
		assertThat(payment.status()).as(payment.body()).isEqualTo(201);
		String paymentId = payment.json().get("id").asString();
		assertThat(admin.get(base + "payments/" + paymentId).json().get("invoiceId").asString()).isEqualTo(invoiceId);

		assertThat(admin.get(base + "invoices?subjectId=" + subjectId).json().get("items")).hasSize(1);
		assertThat(admin.get(base + "invoices?subjectId=" + subjectId + "&from=2024-02-02").json().get("items"))
			.isEmpty();
		assertThat(admin.get(base + "payments?subjectId=" + subjectId + "&from=2024-02-10&to=2024-02-10")
			.json()
			.get("items")).hasSize(1);
		assertThat(admin.get(base + "contracts?subjectId=" + subjectId).json().get("items")).hasSize(1);
		assertThat(admin.get(base + "portal-accounts?subjectId=" + subjectId + "&size=1&page=0").json().get("items"))
			.hasSize(1);
		assertThat(admin.get(base + "payments?size=0").status()).isEqualTo(400);

		Http.Response invalid = admin.postJson(base + "invoices",
				Map.of("subjectId", "00000000-0000-0000-0000-000000000000", "invoiceNumber", "BAF-1", "amount", "lots",
						"currency", "EURO"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors")).extracting((e) -> e.get("field").asString())
			.contains("subject_id", "invoice_number", "issued_on", "amount", "currency");

		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_event WHERE action IN ('invoice.create', 'invoice.read',"
					+ " 'invoice.search', 'payment.read', 'contract.update')")
			.query(Long.class)
			.single()).isPositive();

		// the same records through an import change nothing
		Http.Response reimport = admin.post(base + "imports/invoices", "text/csv", """
				invoice_number,subject,contract_number,issued_on,amount,currency,disputed
				BAF-1,BAPI-1,,2024-02-01,29.90,EUR,yes
				""");
		assertThat(reimport.status()).as(reimport.body()).isEqualTo(200);
		assertThat(reimport.json().get("unchanged").asLong()).isEqualTo(1);
	}

}
