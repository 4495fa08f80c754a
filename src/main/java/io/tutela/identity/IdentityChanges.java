package io.tutela.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells what is kept in memory about tokens and accounts whether it may still be used: a
 * generation that moves whenever something a token stands for changes, in this process
 * (once the change commits) or in any other (announced by the database on the channel
 * {@value #CHANNEL}, which a thread of this class listens to on a connection of its own).
 * While that thread is not listening (before it first has, or after it lost its
 * connection) nothing may be kept.
 */
@Component
class IdentityChanges implements DisposableBean {

	static final String CHANNEL = "tutela_identity";

	private static final Logger log = LoggerFactory.getLogger(IdentityChanges.class);

	/** How long the listener waits for a notification before it looks again. */
	private static final int POLL_MILLIS = 1000;

	/** How long the listener waits before it connects again. */
	private static final long RECONNECT_MILLIS = 1000;

	private final DataSource dataSource;

	private final AtomicLong generation = new AtomicLong();

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean listening;

	private volatile boolean stopped;

	private volatile Thread listener;

	IdentityChanges(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * The current generation, or -1 when changes made elsewhere would not be heard of
	 * (nothing may be kept then). The first call starts listening.
	 */
	long generation() {
		if (!this.started.get() && this.started.compareAndSet(false, true)) {
			Thread thread = new Thread(this::listen, "identity-changes");
			thread.setDaemon(true);
			this.listener = thread;
			thread.start();
		}
		return this.listening ? this.generation.get() : -1;
	}

	/**
	 * Makes a change to something a token stands for: what was kept is forgotten before
	 * it, after it, and again once the caller's transaction (if one runs) completes; a
	 * request reading in between would otherwise keep what it read before the commit.
	 */
	<T> T change(Supplier<T> write) {
		this.generation.incrementAndGet();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					IdentityChanges.this.generation.incrementAndGet();
				}
			});
		}
		try {
			return write.get();
		}
		finally {
			this.generation.incrementAndGet();
		}
	}

	private void listen() {
		while (!this.stopped) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				// what was kept before listening may have missed a change
				this.generation.incrementAndGet();
				this.listening = true;
				while (!this.stopped) {
					PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
					if (notifications != null && notifications.length > 0) {
						this.generation.incrementAndGet();
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (!this.stopped) {
					log.warn("Not listening to identity changes ({}); tokens are read at every request until it "
							+ "listens again", ex.getClass().getSimpleName());
				}
			}
			finally {
				this.listening = false;
				this.generation.incrementAndGet();
			}
			if (!this.stopped) {
				try {
					Thread.sleep(RECONNECT_MILLIS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/** Whether changes made elsewhere are heard of now. */
	boolean listening() {
		return this.listening;
	}

	@Override
	public void destroy() throws InterruptedException {
		this.stopped = true;
		Thread thread = this.listener;
		if (thread != null) {
			thread.join(2 * POLL_MILLIS);
		}
	}

}
