package io.migrator.core;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * Who holds the migration lock, as the database reports it; shown while another migrator
 * waits.
 *
 * @param pid the holder's database backend process id, or 0 when unknown
 * @param applicationName the holder's {@code application_name}, if set
 * @param clientAddress the holder's client address, if it connected over the network
 * @param since when the holder's session started, if known
 * @param state the holder's session state (such as {@code active}), if known
 * @since 0.1.0
 */
public record LockHolder(int pid, @Nullable String applicationName, @Nullable String clientAddress,
		@Nullable OffsetDateTime since, @Nullable String state) {

	/**
	 * A holder the database does not describe (H2, or a holder that left while we
	 * looked).
	 */
	public static final LockHolder UNKNOWN = new LockHolder(0, null, null, null, null);

	@Override
	public String toString() {
		if (this.pid == 0) {
			return "another migrator";
		}
		StringBuilder text = new StringBuilder("pid ").append(this.pid);
		if (this.applicationName != null && !this.applicationName.isEmpty()) {
			text.append(", application '").append(this.applicationName).append("'");
		}
		if (this.clientAddress != null) {
			text.append(", client ").append(this.clientAddress);
		}
		if (this.since != null) {
			text.append(", connected since ").append(this.since);
		}
		if (this.state != null) {
			text.append(", ").append(this.state);
		}
		return text.toString();
	}

}
