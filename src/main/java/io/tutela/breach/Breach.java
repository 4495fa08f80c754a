package io.tutela.breach;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A personal data breach on the register.
 *
 * @param nature which security property was breached: {@code confidentiality},
 * {@code integrity}, {@code availability}
 * @param risk the assessed risk to the subjects' rights and freedoms: {@code unlikely},
 * {@code risk}, {@code high}
 * @param art34Exception when subjects are not told despite a high risk: the exception of
 * art. 34(3) relied on
 */
record Breach(UUID id, String controllerId, int number, String title, @Nullable Instant occurredAt, Instant awareAt,
		Instant deadline, List<String> nature, String description, List<String> categories,
		@Nullable Long subjectsApprox, @Nullable Long recordsApprox, String consequences, String measuresTaken,
		@Nullable String measuresProposed, String risk, @Nullable Boolean notifyAuthority,
		@Nullable String authorityReason, @Nullable Boolean notifySubjects, @Nullable String subjectsReason,
		@Nullable String art34Exception, @Nullable Instant decidedAt, @Nullable Instant authorityNotifiedAt,
		@Nullable String latenessReason, @Nullable Instant subjectsNotifiedAt, String recordedBy, Instant recordedAt) {

	static final List<String> NATURES = List.of("confidentiality", "integrity", "availability");

	static final List<String> RISKS = List.of("unlikely", "risk", "high");

	/**
	 * Art. 34(3): (a) data unintelligible, (b) risk no longer likely, (c)
	 * disproportionate effort.
	 */
	static final List<String> ART34_EXCEPTIONS = List.of("unintelligible", "risk_removed", "disproportionate");

	/** A breach as given to the API or the form. */
	record Input(@Nullable String title, @Nullable Instant occurredAt, @Nullable Instant awareAt,
			@Nullable List<String> nature, @Nullable String description, @Nullable List<String> categories,
			@Nullable Long subjectsApprox, @Nullable Long recordsApprox, @Nullable String consequences,
			@Nullable String measuresTaken, @Nullable String measuresProposed, @Nullable String risk) {
	}

	/** The decision whether to notify, each with its reason. */
	record Decision(@Nullable Boolean notifyAuthority, @Nullable String authorityReason,
			@Nullable Boolean notifySubjects, @Nullable String subjectsReason, @Nullable String art34Exception) {
	}

	/** A notification made, and why it was late if it was. */
	record Notified(@Nullable Instant notifiedAt, @Nullable String latenessReason) {
	}

	/** Information given in a further phase (art. 33(4)). */
	record Update(@Nullable String text) {
	}

	/** An entry of the breach's history. */
	record Event(Instant at, String kind, String text, String actor) {
	}

}
