package io.migrator.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcUrlCredentials}.
 */
class JdbcUrlCredentialsTests {

	@Test
	void aUrlWithoutCredentialsIsKeptAsItIs() {
		JdbcUrlCredentials url = JdbcUrlCredentials.of("jdbc:postgresql://db:5432/app?ssl=true&sslmode=verify-full");
		assertThat(url.url()).isEqualTo("jdbc:postgresql://db:5432/app?ssl=true&sslmode=verify-full");
		assertThat(url.username()).isNull();
		assertThat(url.password()).isNull();
	}

	@Test
	void postgresQueryParametersAreTakenOutAndDecodedWhereverTheyAre() {
		assertThat(JdbcUrlCredentials.of("jdbc:postgresql://db/app?user=app&password=s%26cret"))
			.isEqualTo(new JdbcUrlCredentials("jdbc:postgresql://db/app", "app", "s&cret"));
		assertThat(JdbcUrlCredentials.of("jdbc:postgresql://db/app?password=pw&ssl=true&user=app"))
			.isEqualTo(new JdbcUrlCredentials("jdbc:postgresql://db/app?ssl=true", "app", "pw"));
		assertThat(JdbcUrlCredentials.of("jdbc:postgresql://db/app?ssl=true&password=pw&connectTimeout=2"))
			.isEqualTo(new JdbcUrlCredentials("jdbc:postgresql://db/app?ssl=true&connectTimeout=2", null, "pw"));
	}

	@Test
	void postgresParameterNamesAreCaseSensitiveLikeTheDriver() {
		assertThat(JdbcUrlCredentials.of("jdbc:postgresql://db/app?PASSWORD=x").url())
			.isEqualTo("jdbc:postgresql://db/app?PASSWORD=x");
	}

	@Test
	void h2SettingsAreTakenOutInAnyCase() {
		assertThat(JdbcUrlCredentials.of("jdbc:h2:mem:app;DB_CLOSE_DELAY=-1;User=sa;PASSWORD=pw"))
			.isEqualTo(new JdbcUrlCredentials("jdbc:h2:mem:app;DB_CLOSE_DELAY=-1", "sa", "pw"));
	}

	@Test
	void toStringShowsTheUrlWithoutCredentials() {
		assertThat(JdbcUrlCredentials.of("jdbc:postgresql://db/app?password=pw"))
			.hasToString("JdbcUrlCredentials[jdbc:postgresql://db/app]");
	}

}
