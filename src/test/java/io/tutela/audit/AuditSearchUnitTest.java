package io.tutela.audit;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import io.tutela.web.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AuditSearchUnitTest {

	@Test
	void readsInstantsAndDefaults() {
		AuditSearch search = AuditSearch.parse("ipkom", "2025-01-15T09:30:00Z", "2025-01-16T00:00:00+01:00", " op ", "",
				null, null, null);
		assertThat(search.controllerId()).isEqualTo("ipkom");
		assertThat(search.from()).isEqualTo(Instant.parse("2025-01-15T09:30:00Z"));
		assertThat(search.to()).isEqualTo(Instant.parse("2025-01-15T23:00:00Z"));
		assertThat(search.actor()).isEqualTo("op");
		assertThat(search.action()).isNull();
		assertThat(search.page()).isZero();
		assertThat(search.size()).isEqualTo(50);
	}

	@Test
	void theConsoleMayGiveLocalTimesInItsZone() {
		AuditSearch search = AuditSearch.parse(null, "2025-01-15T10:30", null, null, null, "2", null,
				ZoneId.of("Europe/Rome"));
		assertThat(search.from()).isEqualTo(Instant.parse("2025-01-15T09:30:00Z"));
		assertThat(search.offset()).isEqualTo(100);
		assertThatThrownBy(() -> AuditSearch.parse(null, "2025-01-15T10:30", null, null, null, null, null, null))
			.as("the API wants an instant")
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void listsEveryInvalidParameter() {
		InvalidInputException ex = catchThrowableOfType(InvalidInputException.class, () -> AuditSearch
			.parse("Not An Id", "yesterday", "2025-13-01T00:00:00Z", null, null, "-1", "501", null));
		assertThat(ex.errors()).extracting(InvalidInputException.FieldProblem::field)
			.containsExactly("controllerId", "from", "to", "page", "size");
	}

	@Test
	void toMustBeAfterFrom() {
		InvalidInputException ex = catchThrowableOfType(InvalidInputException.class, () -> AuditSearch.parse(null,
				"2025-01-15T10:00:00Z", "2025-01-15T10:00:00Z", null, null, null, null, null));
		assertThat(ex.errors()).singleElement().satisfies((p) -> assertThat(p.field()).isEqualTo("to"));
	}

}
