package io.tutela.consent;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.tutela.policy.Policy.Channel;

/**
 * Not a test, run by {@code bench/consent-decide.sh}: the decisions of a campaign check
 * alone, in memory, without HTTP or PostgreSQL, on the data of {@link ConsentBenchmark}
 * (a ledger of L subjects, each with a consent, one in ten with a later objection, one in
 * ten with a contract; a register of R numbers; a list of N numbers, half of them
 * registered). Each round decides the whole list; the time of each is printed.
 */
public final class CampaignDecideBenchmark {

	public static void main(String[] args) throws Exception {
		int list = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int register = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000_000;
		int ledger = (args.length > 2) ? Integer.parseInt(args[2]) : 1_000_000;
		int rounds = (args.length > 3) ? Integer.parseInt(args[3]) : 20;
		long step = Math.max(1, 2L * register / list);
		ZoneId rome = ZoneId.of("Europe/Rome");
		Instant now = Instant.now();
		Terms terms = new Terms("marketing", EnumSet.allOf(Channel.class), true, Period.ofMonths(12), true,
				Period.ofDays(30), Period.ofDays(15), rome);
		Instant given = now.minus(300, ChronoUnit.DAYS);
		Instant objected = now.minus(10, ChronoUnit.DAYS);
		long[] numbers = new long[ledger];
		ContactIndexes.Holder[][] holders = new ContactIndexes.Holder[ledger][];
		LedgerEntry[][] entries = new LedgerEntry[ledger][];
		for (int k = 0; k < ledger; k++) {
			numbers[k] = ContactIndexes.number("+39" + (ConsentBenchmark.BASE + k * step));
			UUID subject = UUID.randomUUID();
			List<ContactFacts.Contract> contracts = (k % 10 == 0)
					? List.of(new ContactFacts.Contract("K" + k, LocalDate.of(2020, 1, 1), null)) : List.of();
			holders[k] = new ContactIndexes.Holder[] {
					new ContactIndexes.Holder(subject, numbers[k], null, false, null, contracts) };
			List<LedgerEntry> about = new ArrayList<>();
			about.add(entry(subject, "automated", LedgerEntry.Kind.GIVEN, given));
			if (k % 10 == 3) {
				about.add(entry(subject, "traditional", LedgerEntry.Kind.OBJECTED, objected));
			}
			entries[k] = about.toArray(LedgerEntry[]::new);
		}
		ContactIndexes.ContactIndex contacts = new ContactIndexes.ContactIndex(1, numbers, holders, entries);
		long[] registered = new long[register];
		int[] days = new int[register];
		Random random = new Random(5);
		long today = LocalDate.now(rome).toEpochDay();
		for (int k = 0; k < register; k++) {
			registered[k] = ContactIndexes.number("+39" + (ConsentBenchmark.BASE + k));
			days[k] = (int) (today - 1 - random.nextInt(2000));
		}
		RegisterIndex index = RegisterIndex.of(registered, days, register);
		RegisterSnapshots.Snapshot snapshot = new RegisterSnapshots.Snapshot(UUID.randomUUID(), "connext",
				LocalDate.now(rome), now, "bench", null, register);
		StringBuilder csv = new StringBuilder("number,provenance\n");
		for (long j = 0; j < list; j++) {
			csv.append("+39")
				.append(ConsentBenchmark.BASE + j * step)
				.append(',')
				.append(ConsentBenchmark.PROVENANCES[(int) (j % 10)])
				.append('\n');
		}
		byte[] bytes = csv.toString().getBytes(StandardCharsets.US_ASCII);
		double[] millis = new double[rounds];
		long callable = 0;
		for (int r = 0; r < rounds; r++) {
			CampaignList read = CampaignList.read(new ByteArrayInputStream(bytes));
			long start = System.nanoTime();
			Decision[] decisions = CampaignChecks.decide(terms, Channel.OPERATOR_CALL, "marketing", now, read, index,
					snapshot, contacts);
			millis[r] = (System.nanoTime() - start) / 1e6;
			callable = Arrays.stream(decisions).filter(Decision::allowed).count();
		}
		System.out.printf("%,d numbers decided against %,d registered and %,d subjects; callable %,d%n", list, register,
				ledger, callable);
		System.out.println("rounds (ms): " + Arrays.toString(Arrays.stream(millis).map(Math::rint).toArray()));
		double[] sorted = millis.clone();
		Arrays.sort(sorted);
		System.out.printf("best %.0f ms, median %.0f ms%n", sorted[0], sorted[rounds / 2]);
	}

	static LedgerEntry entry(UUID subject, String scope, LedgerEntry.Kind kind, Instant at) {
		return new LedgerEntry(UUID.randomUUID(), "connext", subject, null, null, "marketing", scope, kind, at, at,
				"bench", new LedgerEntry.Evidence("web_form", null, null, null, false));
	}

}
