package io.tutela.storage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Removes the files of the tables the retention run dropped. The run detaches a month's
 * partition and moves it, in its own transaction, into the schema {@code dropped}, which
 * only the schema's owner reaches; removing a large table's files takes time in
 * proportion to their size when the dropping transaction commits, so it is done here,
 * right after the run and apart from it, and on a schedule for what a stopped process
 * left.
 */
@Component
public class DroppedTables {

	private static final Logger log = LoggerFactory.getLogger(DroppedTables.class);

	private final JdbcClient jdbc;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "dropped-tables");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean queued = new AtomicBoolean();

	DroppedTables(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Removes the dropped tables in the background, soon; one removal is queued at a
	 * time, and it removes whatever was dropped before it starts.
	 */
	public void dropSoon() {
		if (!this.queued.compareAndSet(false, true)) {
			return;
		}
		this.executor.execute(() -> {
			this.queued.set(false);
			try {
				drop();
			}
			catch (RuntimeException ex) {
				log.warn("The dropped tables are left to the next round: {}", ex.getMessage());
			}
		});
	}

	/** What a stopped process left, and anything the background removal missed. */
	@Scheduled(fixedDelayString = "${tutela.storage.dropped-tables.poll:PT10M}", initialDelayString = "PT30S")
	void round() {
		drop();
	}

	/**
	 * Removes every dropped table now (waiting for a removal under way).
	 * @return how many tables were removed
	 */
	public int drop() {
		int dropped = this.jdbc.sql("SELECT drop_dropped()").query(Integer.class).single();
		if (dropped > 0) {
			log.info("The files of {} dropped tables removed", dropped);
		}
		return dropped;
	}

	@PreDestroy
	void stop() {
		this.executor.shutdown();
	}

}
