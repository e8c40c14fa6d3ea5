package io.migrator.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The command line, and the order in which tools run.
 */
class BenchmarkOptionsTests {

	private static final String URL = "--jdbc-url=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	@Test
	void defaultsRunEveryToolInEveryScenario() {
		BenchmarkOptions options = BenchmarkOptions.parse(URL);
		assertThat(options.tools()).containsExactly(Tool.values());
		assertThat(options.scenarios()).containsExactly(Scenario.values());
		assertThat(options.sizes()).containsExactly(100, 1000);
		assertThat(options.repeat()).isEqualTo(3);
		assertThat(options.json()).isNull();
	}

	@Test
	void maxNLimitsOneTool() {
		BenchmarkOptions options = BenchmarkOptions.parse(URL, "--sizes=100,10000", "--max-n=liquibase:1000");
		assertThat(options.runs(Tool.LIQUIBASE, 100)).isTrue();
		assertThat(options.runs(Tool.LIQUIBASE, 10000)).isFalse();
		assertThat(options.runs(Tool.FLYWAY, 10000)).isTrue();
		assertThat(options.commandLine()).contains("--sizes=100,10000", "--max-n=liquibase:1000");
	}

	@Test
	void rejectsWhatItDoesNotKnowNamingTheArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--sizes=100"))
			.withMessageContaining("--jdbc-url is required");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(URL, "--tools=sqitch"))
			.withMessageContaining("Unknown tool 'sqitch'");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(URL, "--repeat=0"))
			.withMessageContaining("--repeat takes positive whole numbers");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(URL, "--fast"))
			.withMessageContaining("Unknown argument --fast");
	}

	@Test
	void toolOrderChangesBothFirstPlaceAndPredecessor() {
		List<Tool> tools = List.of(Tool.values());
		assertThat(Benchmark.order(tools, 1)).containsExactly(Tool.MIGRATOR, Tool.FLYWAY, Tool.LIQUIBASE, Tool.JDBC);
		assertThat(Benchmark.order(tools, 2)).containsExactly(Tool.MIGRATOR, Tool.JDBC, Tool.LIQUIBASE, Tool.FLYWAY);
		assertThat(Benchmark.order(tools, 3)).containsExactly(Tool.LIQUIBASE, Tool.JDBC, Tool.MIGRATOR, Tool.FLYWAY);
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Summary.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
		assertThat(Summary.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
	}

}
