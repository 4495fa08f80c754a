package io.tutela.traffic;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.Tags;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;
import io.tutela.web.Paging;

/**
 * Every read of traffic data, for the API and the pages alike: within the operational
 * window of the records' category as of today, and on the audit log with the records'
 * ids.
 */
@Service
class ReadingTraffic {

	private final TrafficRecords records;

	private final Policies policies;

	private final Auditing auditing;

	private final Clock clock;

	ReadingTraffic(TrafficRecords records, Policies policies, Auditing auditing, Clock clock) {
		this.records = records;
		this.policies = policies;
		this.auditing = auditing;
		this.clock = clock;
	}

	/** One page of results, with the start of the window they were searched in. */
	record Page<T>(int page, int size, @Nullable Instant visibleFrom, List<T> items) {
	}

	/** A subscriber's calls of one billing period, with their totals. */
	record BillingPeriod(UUID subjectId, YearMonth period, @Nullable Instant visibleFrom, long calls, long answered,
			long seconds, List<Cdr> items) {
	}

	Page<Cdr> cdrs(String controllerId, TrafficRecords.Filter filter, int page, int size) {
		int offset = Paging.offset(page, size);
		OperationalWindow window = window(controllerId, Cdr.KIND, TrafficRecords.CDR_ATTRIBUTES);
		List<Cdr> found = this.records.cdrs(controllerId, window, filter, offset, size);
		audit("cdr.search", controllerId, Cdr.KIND, found.stream().map(Cdr::id).toList());
		return new Page<>(page, size, window.from(), found);
	}

	Page<TelematicSession> sessions(String controllerId, TrafficRecords.Filter filter, int page, int size) {
		int offset = Paging.offset(page, size);
		OperationalWindow window = window(controllerId, TelematicSession.KIND, Map.of());
		List<TelematicSession> found = this.records.sessions(controllerId, window, filter, offset, size);
		audit("telematic_session.search", controllerId, TelematicSession.KIND,
				found.stream().map(TelematicSession::id).toList());
		return new Page<>(page, size, window.from(), found);
	}

	/** The calls of a subscriber in a month of the controller's calendar. */
	BillingPeriod billingPeriod(String controllerId, UUID subjectId, YearMonth period) {
		if (!this.records.subjectExists(controllerId, subjectId)) {
			throw new NotFoundException("subject", subjectId.toString());
		}
		ZoneId zone = this.policies.current(controllerId).controller().timezone();
		Instant from = period.atDay(1).atStartOfDay(zone).toInstant();
		Instant to = period.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
		OperationalWindow window = window(controllerId, Cdr.KIND, TrafficRecords.CDR_ATTRIBUTES);
		List<Cdr> calls = this.records.cdrs(controllerId, window,
				new TrafficRecords.Filter(subjectId, null, null, from, to), 0, Integer.MAX_VALUE);
		List<Cdr> ordered = new ArrayList<>(calls);
		Collections.reverse(ordered);
		audit("cdr.search", controllerId, Cdr.KIND, ordered.stream().map(Cdr::id).toList());
		return new BillingPeriod(subjectId, period, window.from(), ordered.size(),
				ordered.stream().filter(Cdr::answered).count(), ordered.stream().mapToLong(Cdr::durationSeconds).sum(),
				ordered);
	}

	/**
	 * A number to search for, in E.164 as the records keep it; a clear problem when it is
	 * not a number.
	 */
	static @Nullable String number(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		List<FieldProblem> problems = new ArrayList<>();
		String e164 = DialledNumbers.e164(text, "number", problems);
		if (e164 == null) {
			throw new InvalidInputException(problems);
		}
		return e164;
	}

	/** A billing period as {@code 2026-03}. */
	static YearMonth period(String text) {
		try {
			return YearMonth.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw InvalidInputException.of("period", "'" + text + "' is not a month in the form 2026-03");
		}
	}

	private OperationalWindow window(String controllerId, RecordKind kind, Map<String, String> attributes) {
		Policy policy = this.policies.current(controllerId);
		String category = Tags.mapping(policy, kind).defaultCategory();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), policy.controller().timezone());
		return OperationalWindow.of(policy, category, attributes, today);
	}

	private void audit(String action, String controllerId, RecordKind kind, List<UUID> ids) {
		String category = Tags.mapping(this.policies.current(controllerId), kind).defaultCategory();
		this.auditing.success(action, controllerId, category, ids);
	}

}
