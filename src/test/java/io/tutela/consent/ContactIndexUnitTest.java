package io.tutela.consent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

	static ContactIndexes.Holder holder(UUID id, long number) {
		return new ContactIndexes.Holder(id, number, null, false, null, List.of());
	}

	static Map<UUID, ContactIndexes.Holder> byId(ContactIndexes.Holder... holders) {
		Map<UUID, ContactIndexes.Holder> byId = new HashMap<>();
		for (ContactIndexes.Holder h : holders) {
			byId.put(h.id(), h);
		}
		return byId;
	}

	@Test
	void aSubjectIsFoundAtItsNumberWhileItHoldsItAloneAndWhereverItMoved() {
		ContactIndexes.Holder alone = holder(UUID.randomUUID(), 10);
		ContactIndexes.Holder first = holder(UUID.randomUUID(), 20);
		ContactIndexes.Holder second = holder(UUID.randomUUID(), 20);
		ContactIndexes.ContactIndex built = new ContactIndexes.ContactIndex(1, new long[] { 10, 20 },
				new ContactIndexes.Holder[][] { { alone }, { first, second } },
				new LedgerEntry[][] { ContactIndexes.ContactIndex.NO_ENTRIES, ContactIndexes.ContactIndex.NO_ENTRIES },
				byId(alone, first, second), Map.of());
		assertThat(built.soleNumber(alone.id())).isEqualTo("+10");
		assertThat(built.soleNumber(first.id())).as("shares its number").isNull();
		assertThat(built.soleNumber(UUID.randomUUID())).as("unknown").isNull();

		// the subject alone moves to 30, the first of 20 leaves it: 10, 20 and 30 read
		// again
		ContactIndexes.Holder moved = holder(alone.id(), 30);
		ContactIndexes.ContactIndex fresh = new ContactIndexes.ContactIndex(2, new long[] { 20, 30 },
				new ContactIndexes.Holder[][] { { second }, { moved } },
				new LedgerEntry[][] { ContactIndexes.ContactIndex.NO_ENTRIES, ContactIndexes.ContactIndex.NO_ENTRIES },
				byId(second, moved), Map.of());
		ContactIndexes.ContactIndex caught = built.with(fresh, new long[] { 10, 20, 30 });
		assertThat(caught.soleNumber(alone.id())).isEqualTo("+30");
		assertThat(caught.soleNumber(second.id())).as("alone at 20 now").isEqualTo("+20");
		assertThat(caught.soleNumber(first.id())).as("at no number now").isNull();
		assertThat(built.soleNumber(alone.id())).as("the old index is left as it was").isEqualTo("+10");
	}

	@Test
	void manySubjectsReadAgainAfterTheBuildAreFoundAsWell() {
		int many = ContactIndexes.CATCH_UP_AT_MOST + 1;
		long[] numbers = new long[many];
		ContactIndexes.Holder[][] holders = new ContactIndexes.Holder[many][];
		LedgerEntry[][] entries = new LedgerEntry[many][];
		Map<UUID, ContactIndexes.Holder> fresh = new HashMap<>();
		for (int i = 0; i < many; i++) {
			numbers[i] = 1000 + i;
			ContactIndexes.Holder h = holder(UUID.randomUUID(), numbers[i]);
			holders[i] = new ContactIndexes.Holder[] { h };
			entries[i] = ContactIndexes.ContactIndex.NO_ENTRIES;
			fresh.put(h.id(), h);
		}
		ContactIndexes.Holder old = holder(UUID.randomUUID(), 5);
		ContactIndexes.ContactIndex built = new ContactIndexes.ContactIndex(1, new long[] { 5 },
				new ContactIndexes.Holder[][] { { old } },
				new LedgerEntry[][] { ContactIndexes.ContactIndex.NO_ENTRIES }, byId(old), Map.of());
		ContactIndexes.ContactIndex caught = built
			.with(new ContactIndexes.ContactIndex(2, numbers, holders, entries, fresh, Map.of()), numbers);
		assertThat(caught.soleNumber(old.id())).isEqualTo("+5");
		assertThat(caught.soleNumber(holders[many - 1][0].id())).isEqualTo("+" + numbers[many - 1]);
		assertThat(caught.since()).as("folded into the built ones").isEmpty();
		assertThat(caught.built()).hasSize(many + 1);
	}

}
