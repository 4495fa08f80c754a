package io.tutela.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * A remote-assistance session (Nanosystems: the person's id in the remote tool, the IP
 * address, start and end of the control session in GMT). Start and end are instants,
 * shown in UTC; a session still running has no end.
 */
record RemoteSession(UUID id, String controllerId, @Nullable UUID subjectId, String remoteId, String ipAddress,
		Instant startedAt, @Nullable Instant endedAt, String category, List<String> purposes, String source,
		Instant collectedAt) implements RecordAudit.Audited {

	static final RecordKind KIND = RecordKind.REMOTE_SESSION;

	/**
	 * A session as given through the API or a row of a file.
	 *
	 * @param subject the subject's id or one of its identifiers, if known
	 * @param remoteId the person's id in the remote-assistance tool
	 * @param collectedAt when the data were collected (default: the session's start)
	 */
	record Input(@Nullable String subject, @Nullable String remoteId, @Nullable String ipAddress,
			@Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source,
			@Nullable Instant collectedAt) implements Fields.Tagged {

		static Input of(ImportRow row, ZoneId zone, List<FieldProblem> problems) {
			return new Input(row.get("subject"), row.get("remote_id"), row.get("ip_address"),
					Fields.time(row.get("started_at"), "started_at", problems),
					Fields.time(row.get("ended_at"), "ended_at", problems), row.get("category"),
					Values.list(row.get("purposes")), row.get("source"),
					Values.instant(row.get("collected_at"), "collected_at", zone, problems));
		}

	}

	/** The session an input makes, or null with every problem added. */
	static @Nullable RemoteSession of(UUID id, String controllerId, @Nullable UUID subjectId, Input in, Policy policy,
			List<FieldProblem> problems) {
		int before = problems.size();
		Tags tags = Fields.tags(policy, KIND, in, Policy.Source.SERVICE_GENERATED, problems);
		String remoteId = Fields.required(in.remoteId(), "remote_id", 200, problems);
		String ip = Fields.required(in.ipAddress(), "ip_address", 100, problems);
		String address = (ip != null) ? IpAddresses.canonical(ip) : null;
		if (ip != null && address == null) {
			problems.add(new FieldProblem("ip_address", "is not an IPv4 or IPv6 address"));
		}
		Instant started = Fields.required(in.startedAt(), "started_at", problems);
		Fields.notBefore(in.endedAt(), started, "ended_at", "the start of the session", problems);
		if (problems.size() > before || tags == null || remoteId == null || address == null || started == null) {
			return null;
		}
		return new RemoteSession(id, controllerId, subjectId, remoteId, address, started, in.endedAt(), tags.category(),
				tags.purposes(), tags.source(), (in.collectedAt() != null) ? in.collectedAt() : started);
	}

}
