package io.tutela.consent;

import java.time.LocalDate;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One snapshot of the opposition register in memory: its numbers (E.164 digits as a long)
 * sorted, each with the day of its earliest registration. Ten million numbers take 120
 * MB; a number is found by binary search.
 */
final class RegisterIndex {

	/** The day registrations are counted from, so that one fits in 16 bits. */
	private static final long DAY_BASE = LocalDate.of(2000, 1, 1).toEpochDay();

	private static final int DAY_BITS = 16;

	/** What {@link #registeredDay} answers for a number not in the snapshot. */
	static final int NOT_REGISTERED = Integer.MIN_VALUE;

	private final long[] numbers;

	private final int[] days;

	private RegisterIndex(long[] numbers, int[] days) {
		this.numbers = numbers;
		this.days = days;
	}

	/** How many distinct numbers the snapshot holds. */
	int size() {
		return this.numbers.length;
	}

	/** The day the number was registered (the earliest, if listed twice), or null. */
	@Nullable LocalDate registeredOn(long number) {
		int day = registeredDay(number);
		return (day != NOT_REGISTERED) ? LocalDate.ofEpochDay(day) : null;
	}

	/** The epoch day the number was registered, or {@link #NOT_REGISTERED}. */
	int registeredDay(long number) {
		int at = Arrays.binarySearch(this.numbers, number);
		return (at >= 0) ? this.days[at] : NOT_REGISTERED;
	}

	/**
	 * The registration days of numbers given in ascending order, {@link #NOT_REGISTERED}
	 * for those not in the snapshot: one walk through both lists, where a binary search
	 * per number would wait on memory at every step.
	 */
	int[] registeredDays(long[] ascending) {
		int[] found = positions(this.numbers, ascending);
		for (int i = 0; i < found.length; i++) {
			found[i] = (found[i] >= 0) ? this.days[found[i]] : NOT_REGISTERED;
		}
		return found;
	}

	/**
	 * Where each of numbers given in ascending order is in a sorted array, -1 for those
	 * it does not hold: one walk through both.
	 */
	static int[] positions(long[] sorted, long[] ascending) {
		int[] found = new int[ascending.length];
		int j = 0;
		for (int i = 0; i < ascending.length; i++) {
			long number = ascending[i];
			while (j < sorted.length && sorted[j] < number) {
				j++;
			}
			found[i] = (j < sorted.length && sorted[j] == number) ? j : -1;
		}
		return found;
	}

	/**
	 * The index of the first {@code size} pairs given: numbers and the epoch days of
	 * their registration, in any order, a number possibly more than once.
	 */
	static RegisterIndex of(long[] numbers, int[] days, int size) {
		boolean packable = true;
		for (int i = 0; i < size && packable; i++) {
			long day = days[i] - DAY_BASE;
			packable = numbers[i] >= 0 && numbers[i] < (1L << (63 - DAY_BITS)) && day >= 0 && day < (1L << DAY_BITS);
		}
		long[] sortedNumbers = new long[size];
		int[] sortedDays = new int[size];
		int distinct = 0;
		if (packable) {
			// number and day in one long: one primitive sort orders by number, then by
			// day
			long[] packed = new long[size];
			for (int i = 0; i < size; i++) {
				packed[i] = (numbers[i] << DAY_BITS) | (days[i] - DAY_BASE);
			}
			Arrays.parallelSort(packed);
			for (int i = 0; i < size; i++) {
				long number = packed[i] >>> DAY_BITS;
				if (distinct == 0 || sortedNumbers[distinct - 1] != number) {
					sortedNumbers[distinct] = number;
					sortedDays[distinct] = (int) ((packed[i] & ((1L << DAY_BITS) - 1)) + DAY_BASE);
					distinct++;
				}
			}
		}
		else {
			Integer[] order = new Integer[size];
			for (int i = 0; i < size; i++) {
				order[i] = i;
			}
			Arrays.sort(order, (a, b) -> (numbers[a] != numbers[b]) ? Long.compare(numbers[a], numbers[b])
					: Integer.compare(days[a], days[b]));
			for (int i : order) {
				if (distinct == 0 || sortedNumbers[distinct - 1] != numbers[i]) {
					sortedNumbers[distinct] = numbers[i];
					sortedDays[distinct] = days[i];
					distinct++;
				}
			}
		}
		return new RegisterIndex(Arrays.copyOf(sortedNumbers, distinct), Arrays.copyOf(sortedDays, distinct));
	}

	/** Pairs of number and registration day, collected one at a time. */
	static final class Builder {

		private long[] numbers = new long[1024];

		private int[] days = new int[1024];

		private int size;

		void add(long number, LocalDate registeredOn) {
			if (this.size == this.numbers.length) {
				this.numbers = Arrays.copyOf(this.numbers, this.size * 2);
				this.days = Arrays.copyOf(this.days, this.size * 2);
			}
			this.numbers[this.size] = number;
			this.days[this.size] = (int) registeredOn.toEpochDay();
			this.size++;
		}

		RegisterIndex build() {
			return RegisterIndex.of(this.numbers, this.days, this.size);
		}

	}

}
