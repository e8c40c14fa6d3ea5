package io.migrator.sample;

/**
 * How many rounds the reliability tests repeat each race and each crash: a few by
 * default, so the build stays fast, and as many as a developer asks for with
 * {@code ./mvnw -pl sample-app verify -Dreliability.rounds=20}. Every round starts from a
 * fresh database.
 */
final class Rounds {

	/** The system property that sets the number of rounds. */
	static final String PROPERTY = "reliability.rounds";

	private static final int DEFAULT = 3;

	private Rounds() {
	}

	static int count() {
		String configured = System.getProperty(PROPERTY);
		if (configured == null || configured.isBlank()) {
			return DEFAULT;
		}
		try {
			int rounds = Integer.parseInt(configured.strip());
			if (rounds < 1) {
				throw new NumberFormatException("not positive");
			}
			return rounds;
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("-D" + PROPERTY + "=" + configured + " is not a positive number of rounds",
					ex);
		}
	}

}
