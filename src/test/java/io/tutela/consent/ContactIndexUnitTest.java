package io.tutela.consent;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactIndexUnitTest {

	static ContactIndexes.Holder holder(long number) {
		return new ContactIndexes.Holder(UUID.randomUUID(), number, null, false, null, List.of());
	}

	/** An index holding one subject for each number. */
	static ContactIndexes.ContactIndex index(long version, long... numbers) {
		ContactIndexes.Holder[][] holders = new ContactIndexes.Holder[numbers.length][];
		LedgerEntry[][] entries = new LedgerEntry[numbers.length][];
		for (int i = 0; i < numbers.length; i++) {
			holders[i] = new ContactIndexes.Holder[] { holder(numbers[i]) };
			entries[i] = ContactIndexes.ContactIndex.NO_ENTRIES;
		}
		return new ContactIndexes.ContactIndex(version, numbers, holders, entries);
	}

	@Test
	void aCaughtUpIndexKeepsWhatDidNotChangeTakesWhatIsFreshAndDropsWhatIsGone() {
		ContactIndexes.ContactIndex old = index(7, 10, 20, 30, 40, 50);
		// 20 changed, 40 has no facts left, 35 and 60 are new
		ContactIndexes.ContactIndex fresh = index(9, 20, 35, 60);
		ContactIndexes.ContactIndex caught = old.with(fresh, new long[] { 20, 35, 40, 60 });

		assertThat(caught.version()).isEqualTo(9);
		assertThat(caught.numbers()).containsExactly(10, 20, 30, 35, 50, 60);
		assertThat(caught.holdersAt(caught.find(10))).isSameAs(old.holdersAt(old.find(10)));
		assertThat(caught.holdersAt(caught.find(20))).isSameAs(fresh.holdersAt(fresh.find(20)));
		assertThat(caught.holdersAt(caught.find(60))).isSameAs(fresh.holdersAt(fresh.find(60)));
		assertThat(caught.find(40)).isNegative();
		assertThat(old.find(40)).as("the old index is left as it was").isEqualTo(3);
	}

	@Test
	void catchingUpAnEmptyIndexOrWithNothingChangedGivesTheSameNumbers() {
		assertThat(index(0).with(index(1, 5, 6), new long[] { 5, 6 }).numbers()).containsExactly(5, 6);
		ContactIndexes.ContactIndex old = index(3, 1, 2, 3);
		ContactIndexes.ContactIndex same = old.with(index(4), new long[0]);
		assertThat(same.numbers()).containsExactly(1, 2, 3);
		assertThat(same.version()).isEqualTo(4);
		assertThat(old.with(index(5), new long[] { 1, 2, 3 }).size()).isZero();
	}

}
