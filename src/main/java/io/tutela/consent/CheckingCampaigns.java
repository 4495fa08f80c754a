package io.tutela.consent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.Policy.Channel;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;

/**
 * The opposition register and campaign checks as the API and pages use them: checks the
 * policy allows them, imports snapshots, checks lists, tells whether a check is stale;
 * every read and write is audited.
 */
@Service
class CheckingCampaigns {

	private static final Logger log = LoggerFactory.getLogger(CheckingCampaigns.class);

	/** The longest campaign list one check takes. */
	static final int LIST_LIMIT = 5_000_000;

	private final RegisterSnapshots snapshots;

	private final CampaignChecks checks;

	private final Policies policies;

	private final Auditing auditing;

	private final CurrentActor actor;

	private final Clock clock;

	private final RegisterIndexes indexes;

	private final ContactIndexes contacts;

	CheckingCampaigns(RegisterSnapshots snapshots, CampaignChecks checks, Policies policies, Auditing auditing,
			CurrentActor actor, Clock clock, RegisterIndexes indexes, ContactIndexes contacts) {
		this.indexes = indexes;
		this.contacts = contacts;
		this.snapshots = snapshots;
		this.checks = checks;
		this.policies = policies;
		this.auditing = auditing;
		this.actor = actor;
		this.clock = clock;
	}

	/**
	 * After a start, reads back into memory, beside the requests, what the next campaign
	 * check of each controller checking against the register needs: the index of its
	 * newest snapshot and its contact index. Otherwise the first check after a restart
	 * would read both from the database while it waits.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void readBackAfterStart() {
		this.contacts.ahead(() -> {
			for (String controllerId : this.snapshots.controllers()) {
				try {
					Terms terms = terms(controllerId);
					RegisterSnapshots.Snapshot snapshot = terms.oppositionRegister()
							? newestSnapshot(controllerId, terms, this.clock.instant()) : null;
					if (snapshot != null) {
						this.indexes.of(snapshot);
						this.contacts.current(controllerId);
					}
				}
				catch (RuntimeException ex) {
					log.warn("The indexes of {} could not be read back after the start: {}", controllerId,
							ex.getClass().getSimpleName());
				}
			}
		});
	}

	Terms terms(String controllerId) {
		return Terms.of(this.policies.current(controllerId));
	}

	@Transactional
	RegisterSnapshots.Snapshot importSnapshot(String controllerId, @Nullable LocalDate takenOn,
			@Nullable String fileName, InputStream in) {
		Terms terms = terms(controllerId);
		List<FieldProblem> problems = new ArrayList<>();
		if (!terms.oppositionRegister()) {
			problems.add(new FieldProblem("marketing.opposition_register",
					"the policy of " + controllerId + " does not check numbers against the opposition register"));
		}
		Instant now = this.clock.instant();
		if (takenOn == null || takenOn.isAfter(LocalDate.ofInstant(now, terms.zone()))) {
			problems.add(new FieldProblem("takenOn", "the day the register snapshot was taken, not in the future"));
		}
		if (!problems.isEmpty() || takenOn == null) {
			throw new InvalidInputException(problems);
		}
		this.contacts.warmNow(controllerId);
		RegisterIndex.Builder index = new RegisterIndex.Builder();
		RegisterSnapshots.Snapshot snapshot = this.snapshots.load(controllerId, takenOn, fileName,
				this.actor.actor().name(), now, in, index);
		this.indexes.imported(snapshot, index.build());
		this.auditing.success("opposition_register.import", controllerId, null, List.of(snapshot.id()));
		return snapshot;
	}

	List<RegisterSnapshots.Snapshot> snapshots(String controllerId) {
		this.policies.controller(controllerId);
		return this.snapshots.list(controllerId);
	}

	/** Checks a campaign list. */
	@Transactional
	CampaignChecks.Check check(String controllerId, @Nullable String name, @Nullable String channelName,
			@Nullable String purposeName, CampaignList list) {
		Policy policy = this.policies.current(controllerId);
		Terms terms = Terms.of(policy);
		List<FieldProblem> problems = new ArrayList<>();
		Channel channel = ChannelScope
			.channel((channelName != null) ? channelName.strip().toLowerCase(Locale.ROOT) : "operator_call");
		if (channel == null) {
			problems.add(new FieldProblem("channel", "one of the channels of the policy's marketing.channels"));
		}
		String purpose = (People.blank(purposeName) != null) ? purposeName.strip() : terms.marketingPurpose();
		if (purpose == null || policy.purpose(purpose).isEmpty()) {
			problems.add(new FieldProblem("purpose", "not a purpose of the policy of " + controllerId));
		}
		if (list.size() == 0 || list.size() > LIST_LIMIT) {
			problems.add(new FieldProblem("rows", "from 1 to " + LIST_LIMIT + " numbers"));
		}
		problems.addAll(list.problems());
		Instant now = this.clock.instant();
		RegisterSnapshots.Snapshot snapshot = this.snapshots
			.newest(controllerId, LocalDate.ofInstant(now, terms.zone()))
			.orElse(null);
		if (terms.oppositionRegister() && snapshot == null) {
			problems.add(new FieldProblem("snapshot", "import a snapshot of the opposition register first"));
		}
		if (!problems.isEmpty() || list.wrong() > 0 || channel == null || purpose == null) {
			throw new InvalidInputException(problems);
		}
		CampaignChecks.Check check = this.checks.run(controllerId, terms, People.blank(name), channel, purpose, list,
				snapshot, this.actor.actor().name(), now);
		this.auditing.success("campaign_check.create", controllerId, null, List.of(check.id()));
		return check;
	}

	List<CampaignChecks.Check> checks(String controllerId) {
		this.policies.controller(controllerId);
		return this.checks.list(controllerId, 100);
	}

	CampaignChecks.Check check(String controllerId, UUID id) {
		CampaignChecks.Check check = this.checks.find(controllerId, id)
			.orElseThrow(() -> new NotFoundException("campaign check", id));
		this.auditing.success("campaign_check.read", controllerId, null, List.of(id));
		return check;
	}

	/**
	 * The campaigns whose newest check may no longer be dialled (a campaign is the checks
	 * of one name; an unnamed check is a campaign of its own): they must be checked again
	 * before anyone calls. Newest first.
	 */
	List<CampaignChecks.Check> staleCampaigns(String controllerId) {
		java.util.Map<String, CampaignChecks.Check> newest = new java.util.LinkedHashMap<>();
		for (CampaignChecks.Check check : checks(controllerId)) {
			newest.putIfAbsent((check.name() != null) ? "name:" + check.name() : "id:" + check.id(), check);
		}
		Terms terms = terms(controllerId);
		Instant now = this.clock.instant();
		RegisterSnapshots.Snapshot snapshot = newestSnapshot(controllerId, terms, now);
		return newest.values()
			.stream()
			.filter((check) -> Staleness.of(terms, check.checkedAt(), check.snapshotId(), snapshot, now).isPresent())
			.toList();
	}

	/** Why a check may no longer be dialled, or empty. */
	Optional<String> stale(String controllerId, CampaignChecks.Check check) {
		Terms terms = terms(controllerId);
		Instant now = this.clock.instant();
		return Staleness.of(terms, check.checkedAt(), check.snapshotId(), newestSnapshot(controllerId, terms, now),
				now);
	}

	private RegisterSnapshots.@Nullable Snapshot newestSnapshot(String controllerId, Terms terms, Instant now) {
		return this.snapshots.newest(controllerId, LocalDate.ofInstant(now, terms.zone())).orElse(null);
	}

	List<CampaignChecks.Result> results(CampaignChecks.Check check, int fromLine, int size) {
		return this.checks.results(check.id(), fromLine, size);
	}

	/**
	 * Writes a check's results as CSV ({@code line,number,provenance,callable,reason}),
	 * or only the numbers that may be called (the caller refuses the dial list of a stale
	 * check).
	 */
	@Transactional(readOnly = true)
	void writeCsv(String controllerId, CampaignChecks.Check check, boolean dialList, Writer out) {
		write(out, dialList ? "number,provenance\n" : "line,number,provenance,callable,reason\n");
		this.checks.eachResult(check.id(), dialList,
				(r) -> write(out, dialList ? r.number() + "," + r.provenance() + "\n" : r.line() + "," + csv(r.number())
						+ "," + r.provenance() + "," + r.callable() + "," + r.reason() + "\n"));
		this.auditing.success(dialList ? "campaign_check.dial_list" : "campaign_check.export", controllerId, null,
				List.of(check.id()));
	}

	private static String csv(String value) {
		return (value.contains(",") || value.contains("\"")) ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}

	private static void write(Writer out, String text) {
		try {
			out.write(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A check that may no longer be dialled. */
	static class StaleCheckException extends RuntimeException {

		StaleCheckException(String reason) {
			super(reason);
		}

	}

}
