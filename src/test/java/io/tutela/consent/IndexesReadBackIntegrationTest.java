package io.tutela.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;
import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.policy.Policies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a start, the index of each controller's newest register snapshot and its contact
 * index are read back beside the requests, so that the first campaign check does not wait
 * for them.
 */
@TutelaIntegrationTest
class IndexesReadBackIntegrationTest {

	static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Rome"));

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	RegisterSnapshots snapshots;

	@Autowired
	CampaignChecks checks;

	@Autowired
	Policies policies;

	@Autowired
	Auditing auditing;

	@Autowired
	CurrentActor actor;

	@Autowired
	Clock clock;

	@Test
	void theNewestSnapshotAndTheContactIndexAreReadBackAfterAStart() throws InterruptedException {
		Http.Response imported = Http.admin(this.port)
			.post("/api/v1/controllers/connext/register-snapshots?takenOn=" + TODAY, "text/csv",
					"number,registered_on\n3482009902," + TODAY.minusDays(3) + "\n3482009903," + TODAY.minusDays(4)
							+ "\n");
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		RegisterSnapshots.Snapshot newest = this.snapshots.newest("connext", TODAY).orElseThrow();
		assertThat(newest.id()).hasToString(imported.json().get("id").asString());

		// the same database seen by a process started afresh: nothing in its memory
		RegisterIndexes registers = new RegisterIndexes(this.jdbc);
		ContactIndexes contacts = new ContactIndexes(this.jdbc, this.transactions, Duration.ofDays(1));
		CheckingCampaigns started = new CheckingCampaigns(this.snapshots, this.checks, this.policies, this.auditing,
				this.actor, this.clock, registers, contacts);
		assertThat(registers.ifLoaded(newest)).isEmpty();

		started.readBackAfterStart();
		// the indexes are built ahead one at a time, in order: once this runs, all are
		CountDownLatch done = new CountDownLatch(1);
		contacts.ahead(done::countDown);
		assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
		assertThat(contacts.counts()).as("a contact index built for each controller with a snapshot")
			.containsExactly(this.snapshots.controllers().size(), 0);
		assertThat(registers.ifLoaded(newest)).hasValueSatisfying((index) -> assertThat(index.size()).isEqualTo(2));
	}

}
