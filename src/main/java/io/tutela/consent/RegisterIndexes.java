package io.tutela.consent;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The register snapshots in memory, the newest one per controller: built while a snapshot
 * is imported, or read back from the database the first time a check needs it (after a
 * restart). A snapshot never changes once imported, so an index is never stale; an older
 * snapshot of the controller leaves memory when a newer one comes in.
 */
@Component
class RegisterIndexes {

	private final JdbcClient jdbc;

	private final Map<UUID, RegisterIndex> bySnapshot = new ConcurrentHashMap<>();

	private final Map<String, UUID> newestOf = new ConcurrentHashMap<>();

	RegisterIndexes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The index of the snapshot, read from the database if it is not in memory. */
	RegisterIndex of(RegisterSnapshots.Snapshot snapshot) {
		RegisterIndex index = this.bySnapshot.get(snapshot.id());
		if (index == null) {
			synchronized (this) {
				index = this.bySnapshot.get(snapshot.id());
				if (index == null) {
					index = read(snapshot.id());
					keep(snapshot, index);
				}
			}
		}
		return index;
	}

	/** The index of the snapshot if it is in memory, without reading it. */
	java.util.Optional<RegisterIndex> ifLoaded(RegisterSnapshots.Snapshot snapshot) {
		return java.util.Optional.ofNullable(this.bySnapshot.get(snapshot.id()));
	}

	/**
	 * Keeps the index of a snapshot being imported once the import's transaction commits
	 * (a snapshot refused or rolled back is never kept).
	 */
	void imported(RegisterSnapshots.Snapshot snapshot, RegisterIndex index) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					keep(snapshot, index);
				}
			});
		}
		else {
			keep(snapshot, index);
		}
	}

	private synchronized void keep(RegisterSnapshots.Snapshot snapshot, RegisterIndex index) {
		this.bySnapshot.put(snapshot.id(), index);
		UUID previous = this.newestOf.put(snapshot.controllerId(), snapshot.id());
		if (previous != null && !previous.equals(snapshot.id())) {
			this.bySnapshot.remove(previous);
		}
	}

	private RegisterIndex read(UUID snapshotId) {
		RegisterIndex.Builder builder = new RegisterIndex.Builder();
		this.jdbc.sql("SELECT number, registered_on FROM register_entry WHERE snapshot_id = :s")
			.param("s", snapshotId)
			.withFetchSize(50_000)
			.query((rs) -> {
				builder.add(rs.getLong(1), rs.getDate(2).toLocalDate());
			});
		return builder.build();
	}

}
