package io.tutela.audit;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of walking the chain.
 *
 * @param ok whether every event links to the one before and matches its hash
 * @param eventsChecked how many events were found intact before the first broken one (all
 * of them when {@code ok})
 * @param firstBrokenSeq the seq of the first event that fails a check, or null
 * @param reason what was found, in words
 * @param lastSeq the seq of the last intact event, or null for an empty chain
 * @param lastHash the hash of the last intact event: when {@code ok}, the head of the
 * chain, to compare with a head noted earlier (a removed tail shows only that way)
 */
record VerificationResult(boolean ok, long eventsChecked, @Nullable Long firstBrokenSeq, String reason,
		@Nullable Long lastSeq, @Nullable String lastHash) {

}
