package io.migrator.core.internal.rehearse;

import io.migrator.core.MigrationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServerUrlsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					jdbc:postgresql://db:5432/app                              | jdbc:postgresql://db:5432/scratch
					jdbc:postgresql://db:5432/app?sslmode=require&user=migrate | jdbc:postgresql://db:5432/scratch?sslmode=require&user=migrate
					jdbc:postgresql://db/                                      | jdbc:postgresql://db/scratch
					jdbc:postgresql://db                                       | jdbc:postgresql://db/scratch
					jdbc:postgresql://db?ssl=true                              | jdbc:postgresql://db/scratch?ssl=true
					jdbc:postgresql://a:5432,b:5433/app?targetServerType=primary | jdbc:postgresql://a:5432,b:5433/scratch?targetServerType=primary
					jdbc:postgresql:app                                        | jdbc:postgresql:scratch
					""")
	void theScratchDatabaseIsOnTheSameServerWithTheSameParameters(String url, String expected) {
		assertThat(ServerUrls.withDatabase(url, "scratch")).isEqualTo(expected);
	}

	@Test
	void anotherDatabaseThanPostgresqlIsRefusedWithoutShowingTheUrlsParameters() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> ServerUrls.withDatabase("jdbc:h2:mem:app?password=secret", "scratch"))
			.withMessageContaining("jdbc:h2:mem:app")
			.withMessageNotContaining("secret")
			.withMessageContaining("set migrator.rehearsal.url");
	}

	@Test
	void theDataSourceNeverShowsItsPassword() {
		assertThat(ServerUrls.dataSource("jdbc:postgresql://db/app?password=secret", "user", "secret"))
			.hasToString("DriverDataSource[jdbc:postgresql://db/app]");
	}

}
