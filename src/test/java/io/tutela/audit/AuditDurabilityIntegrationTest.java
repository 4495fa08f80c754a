package io.tutela.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which appends wait for PostgreSQL to flush their commit to disk: all but the records of
 * reads that commit on their own, and those too when the settings ask.
 */
@TutelaIntegrationTest
class AuditDurabilityIntegrationTest {

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	/** Working hours in Rome: no off-hours alert comes with the reads. */
	static final Instant TEN_IN_ROME = LocalDateTime.parse("2025-04-08T10:00:00").atZone(ROME).toInstant();

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DetectingAnomalies anomalies;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	AuditReading reading;

	static AuditEvent event(String action, Object... targets) {
		return AuditEvent.builder(TEN_IN_ROME, "durability-probe", "OPERATOR", action)
			.controller("ipkom")
			.targets(List.of(targets))
			.category("identity")
			.purpose("contract")
			.build();
	}

	/** The commit setting the transaction runs with, read in it. */
	String synchronousCommit() {
		return this.jdbc.sql("SELECT current_setting('synchronous_commit')").query(String.class).single();
	}

	/**
	 * The commit setting of a transaction that asks for the flush and then runs the
	 * append, read in it after the append.
	 */
	String settingAfter(Runnable append) {
		String setting = new TransactionTemplate(this.transactions).execute((status) -> {
			this.jdbc.sql("SET LOCAL synchronous_commit = on").update();
			append.run();
			return synchronousCommit();
		});
		return String.valueOf(setting);
	}

	@Test
	void onlyTheRecordsOfReadsThatCommitOnTheirOwnGoWithoutWaitingForTheFlush() {
		AuditEvent read = event("subject.read", 1);
		AuditEvent write = event("subject.update", 1);
		AuditEvent denied = AuditEvent.builder(TEN_IN_ROME, "durability-probe", "OPERATOR", "subject.read")
			.controller("ipkom")
			.target(1)
			.outcome("denied")
			.build();
		assertThat(AuditLog.awaitsFlush(List.of(read), true, false)).isFalse();
		assertThat(AuditLog.awaitsFlush(List.of(read, event("subject.search", 2)), true, false)).isFalse();
		assertThat(AuditLog.awaitsFlush(List.of(read), false, false)).as("with a business change").isTrue();
		assertThat(AuditLog.awaitsFlush(List.of(read), true, true)).as("the settings ask").isTrue();
		assertThat(AuditLog.awaitsFlush(List.of(write), true, false)).isTrue();
		assertThat(AuditLog.awaitsFlush(List.of(read, write), true, false)).isTrue();
		assertThat(AuditLog.awaitsFlush(List.of(denied), true, false)).as("a refused read is no read").isTrue();
	}

	@Test
	void anAppendAskedNotToWaitSetsItsOwnTransactionAloneSo() {
		AuditEntries entries = new AuditEntries(this.dataSource, this.jdbc);
		AuditEntries.ReadCounts noReads = new AuditEntries.ReadCounts(Map.of(), List.of(), List.of());
		for (boolean awaitFlush : new boolean[] { true, false }) {
			String expected = awaitFlush ? "on" : "off";
			assertThat(settingAfter(() -> entries.appendOne(event("subject.read", 3), null, null, awaitFlush)))
				.as("one event, awaiting the flush: " + awaitFlush)
				.isEqualTo(expected);
			assertThat(settingAfter(() -> entries.lockChainAndCountReads(noReads, awaitFlush)))
				.as("the head with read counts, awaiting the flush: " + awaitFlush)
				.isEqualTo(expected);
			assertThat(settingAfter(() -> entries.lockChainAndReadHead(awaitFlush)))
				.as("the head, awaiting the flush: " + awaitFlush)
				.isEqualTo(expected);
		}
		assertThat(this.reading.verifyChain().ok()).isTrue();
	}

	@Test
	void theSettingEndsWithTheAppendsTransaction() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			// one connection, which asks for the flush for as long as it is open
			SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
			JdbcClient onIt = JdbcClient.create(single);
			onIt.sql("SET synchronous_commit = on").update();
			try {
				AuditLog log = new AuditLog(new AuditEntries(single, onIt), this.anomalies,
						new DataSourceTransactionManager(single), AuditProperties.defaults());
				for (int i = 0; i < 3; i++) {
					log.record(event("subject.read", 10 + i));
					assertThat(onIt.sql("SELECT current_setting('synchronous_commit')").query(String.class).single())
						.as("after the append's own transaction")
						.isEqualTo("on");
				}
			}
			finally {
				onIt.sql("RESET synchronous_commit").update();
			}
		}
	}

	@Test
	void theLogAsksForTheFlushByWhereTheAppendCommitsAndWhatItHolds() {
		Recording entries = new Recording(this.dataSource, this.jdbc);
		AuditLog log = new AuditLog(entries, this.anomalies, this.transactions, AuditProperties.defaults());
		TransactionTemplate readWrite = new TransactionTemplate(this.transactions);
		TransactionTemplate readOnly = new TransactionTemplate(this.transactions);
		readOnly.setReadOnly(true);

		log.record(event("subject.read", 20));
		log.record(event("subject.update", 20));
		readWrite.executeWithoutResult((status) -> log.record(event("subject.read", 21)));
		readOnly.executeWithoutResult((status) -> log.record(event("subject.read", 22)));
		log.recordAll(List.of(event("subject.read", 23), event("subject.search", 24)));
		log.recordAll(List.of(event("subject.read", 25), event("subject.update", 25)));
		readWrite.executeWithoutResult(
				(status) -> log.recordAll(List.of(event("subject.read", 26), event("subject.read", 27))));
		assertThat(entries.awaited).containsExactly(false, true, true, false, false, true, true);

		Recording strict = new Recording(this.dataSource, this.jdbc);
		AuditProperties synchronous = new AuditProperties(500, Duration.ofMinutes(10), "07:00-20:00", ROME, true);
		AuditLog strictLog = new AuditLog(strict, this.anomalies, this.transactions, synchronous);
		strictLog.record(event("subject.read", 28));
		readOnly.executeWithoutResult((status) -> strictLog.record(event("subject.read", 29)));
		strictLog.recordAll(List.of(event("subject.read", 30), event("subject.search", 31)));
		assertThat(strict.awaited).containsExactly(true, true, true);
		assertThat(this.reading.verifyChain().ok()).isTrue();
	}

	/** The chain in PostgreSQL, noting whether each append asked to await the flush. */
	static final class Recording extends AuditEntries {

		final List<Boolean> awaited = new ArrayList<>();

		Recording(DataSource dataSource, JdbcClient jdbc) {
			super(dataSource, jdbc);
		}

		@Override
		WithReads<AuditEntry> appendOne(AuditEvent event, @Nullable ReadCounts reads,
				@Nullable Precondition precondition, boolean awaitFlush) {
			this.awaited.add(awaitFlush);
			return super.appendOne(event, reads, precondition, awaitFlush);
		}

		@Override
		WithReads<Optional<Head>> lockChainAndCountReads(ReadCounts reads, boolean awaitFlush) {
			this.awaited.add(awaitFlush);
			return super.lockChainAndCountReads(reads, awaitFlush);
		}

		@Override
		Optional<Head> lockChainAndReadHead(boolean awaitFlush) {
			this.awaited.add(awaitFlush);
			return super.lockChainAndReadHead(awaitFlush);
		}

	}

}
