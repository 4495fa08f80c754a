package io.tutela.requests;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.policy.Policies;
import io.tutela.storage.Keys;
import io.tutela.storage.SecretBox;

/**
 * Identity documents and proxies, name and content sealed with a key kept outside the
 * database, never logged, and deleted once the request has been closed for the policy's
 * {@code proof_retention}.
 */
@Component
class IdentityProofs {

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final Policies policies;

	private final RightsRequests requests;

	private final Auditing auditing;

	private final CurrentActor actor;

	private final Clock clock;

	private final TransactionTemplate transaction;

	IdentityProofs(JdbcClient jdbc, Keys keys, Policies policies, RightsRequests requests, Auditing auditing,
			CurrentActor actor, Clock clock, PlatformTransactionManager transactions) {
		this.transaction = new TransactionTemplate(transactions);
		this.jdbc = jdbc;
		this.box = new SecretBox(keys.key("rights-proofs"));
		this.policies = policies;
		this.requests = requests;
		this.auditing = auditing;
		this.actor = actor;
		this.clock = clock;
	}

	/** A proof as listed: what it is, never its name or content. */
	record Proof(UUID id, ProofKind kind, String contentType, int size, Instant uploadedAt) {
	}

	/** A proof as received, before it is sealed. */
	record Upload(ProofKind kind, String name, String contentType, byte[] content) {
	}

	void store(String controllerId, UUID requestId, Upload upload) {
		UUID id = UUID.randomUUID();
		String context = context(controllerId, requestId, id);
		this.jdbc.sql("""
				INSERT INTO rights_request_proof (id, request_id, controller_id, kind, name_sealed, content_type, size,
				    content_sealed, uploaded_at)
				VALUES (:id, :r, :c, :kind, :name, :type, :size, :content, :at)""")
			.param("id", id)
			.param("r", requestId)
			.param("c", controllerId)
			.param("kind", upload.kind().key())
			.param("name", this.box.seal(upload.name().getBytes(StandardCharsets.UTF_8), context + ":name"))
			.param("type", upload.contentType())
			.param("size", upload.content().length)
			.param("content", this.box.seal(upload.content(), context))
			.param("at", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update();
		this.auditing.success("rights_request.proof_stored", controllerId, null, List.of(requestId, id));
	}

	List<Proof> of(String controllerId, UUID requestId) {
		return this.jdbc.sql("""
				SELECT id, kind, content_type, size, uploaded_at FROM rights_request_proof
				WHERE controller_id = :c AND request_id = :r ORDER BY uploaded_at, id""")
			.param("c", controllerId)
			.param("r", requestId)
			.query((rs, n) -> new Proof(rs.getObject("id", UUID.class), ProofKind.of(rs.getString("kind")),
					rs.getString("content_type"), rs.getInt("size"),
					rs.getObject("uploaded_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/** A proof opened: its file name, media type and content. */
	record Opened(String name, String contentType, byte[] content) {
	}

	/** A proof opened for the staff verifying identity; the read is audited. */
	Opened open(String controllerId, UUID requestId, UUID proofId) {
		Opened opened = this.jdbc
			.sql("SELECT name_sealed, content_type, content_sealed FROM rights_request_proof "
					+ "WHERE controller_id = :c AND request_id = :r AND id = :id")
			.param("c", controllerId)
			.param("r", requestId)
			.param("id", proofId)
			.query((rs, n) -> {
				String context = context(controllerId, requestId, proofId);
				return new Opened(
						new String(this.box.open(rs.getString("name_sealed"), context + ":name"),
								StandardCharsets.UTF_8),
						rs.getString("content_type"), this.box.open(rs.getString("content_sealed"), context));
			})
			.optional()
			.orElseThrow(() -> new io.tutela.web.NotFoundException("proof", proofId));
		this.auditing.success("rights_request.proof_read", controllerId, null, List.of(requestId, proofId));
		return opened;
	}

	/** Deletes the proofs whose time has come, every hour. */
	@Scheduled(cron = "0 7 * * * *")
	void purgeDue() {
		purge(this.clock.instant());
	}

	/**
	 * Deletes the proofs of every request closed long enough before {@code now} (its
	 * purge day reached in the controller's zone), each request in its own transaction;
	 * returns how many requests lost theirs.
	 */
	int purge(Instant now) {
		record Due(String controllerId, UUID requestId, LocalDate purgeOn) {
		}
		List<Due> due = this.jdbc.sql("""
				SELECT DISTINCT r.controller_id, r.id, r.proofs_purge_on FROM rights_request r
				JOIN rights_request_proof p ON p.request_id = r.id
				WHERE r.proofs_purge_on IS NOT NULL AND r.proofs_purge_on <= :latest""")
			.param("latest", LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1))
			.query((rs, n) -> new Due(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class)))
			.list();
		int purged = 0;
		for (Due d : due) {
			if (LocalDate.ofInstant(now, this.policies.current(d.controllerId()).controller().timezone())
				.isBefore(d.purgeOn())) {
				continue;
			}
			this.transaction.executeWithoutResult((status) -> {
				int deleted = this.jdbc
					.sql("DELETE FROM rights_request_proof WHERE controller_id = :c AND request_id = :r")
					.param("c", d.controllerId())
					.param("r", d.requestId())
					.update();
				this.requests.event(d.controllerId(), d.requestId(), now, "proofs_deleted", this.actor.actor().name(),
						deleted + " proof(s)", null);
				this.auditing.success("rights_request.proofs_deleted", d.controllerId(), null, List.of(d.requestId()));
			});
			purged++;
		}
		return purged;
	}

	private static String context(String controllerId, UUID requestId, UUID proofId) {
		return "rights-proof:" + controllerId + ":" + requestId + ":" + proofId;
	}

}
