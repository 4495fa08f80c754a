package io.tutela.consent;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterIndexUnitTest {

	@Test
	void findsEachNumberWithItsEarliestRegistrationAndNothingElse() {
		RegisterIndex.Builder builder = new RegisterIndex.Builder();
		for (long k = 5000; k > 0; k--) {
			builder.add(393400000000L + 2 * k, LocalDate.of(2015, 1, 1).plusDays(k));
		}
		builder.add(393400000010L, LocalDate.of(2012, 3, 4));
		builder.add(393400000010L, LocalDate.of(2020, 3, 4));
		RegisterIndex index = builder.build();

		assertThat(index.size()).isEqualTo(5000);
		assertThat(index.registeredOn(393400000010L)).isEqualTo(LocalDate.of(2012, 3, 4));
		assertThat(index.registeredOn(393400000002L)).isEqualTo(LocalDate.of(2015, 1, 2));
		assertThat(index.registeredOn(393400010000L)).isEqualTo(LocalDate.of(2015, 1, 1).plusDays(5000));
		assertThat(index.registeredOn(393400000003L)).isNull();
		assertThat(index.registeredOn(393400010002L)).isNull();
	}

	@Test
	void numbersAndDaysBeyondThePackedFormAreSortedTheSlowWay() {
		RegisterIndex.Builder builder = new RegisterIndex.Builder();
		builder.add(999_999_999_999_999L, LocalDate.of(2012, 1, 1));
		builder.add(393401234567L, LocalDate.of(1990, 5, 6));
		builder.add(393401234567L, LocalDate.of(1989, 5, 6));
		builder.add(12345L, LocalDate.of(2200, 1, 1));
		RegisterIndex index = builder.build();

		assertThat(List.of(index.registeredOn(999_999_999_999_999L), index.registeredOn(393401234567L),
				index.registeredOn(12345L)))
			.containsExactly(LocalDate.of(2012, 1, 1), LocalDate.of(1989, 5, 6), LocalDate.of(2200, 1, 1));
		assertThat(index.registeredOn(393401234568L)).isNull();
	}

}
