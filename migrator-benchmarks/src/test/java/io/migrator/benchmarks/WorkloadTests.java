package io.migrator.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.migrator.core.internal.sql.SqlSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated scripts: the same every time, one changeset each, and split as intended.
 */
class WorkloadTests {

	@Test
	void generatesTheSameScriptsEveryTime(@TempDir Path dir) throws Exception {
		Workload first = Workload.generate(dir.resolve("a"), 12);
		Workload second = Workload.generate(dir.resolve("b"), 12);
		try (Stream<Path> files = Files.list(first.sqlDir())) {
			assertThat(files).hasSize(12)
				.allSatisfy((file) -> assertThat(file.getFileName().toString()).matches("V\\d+__[a-z0-9_]+\\.sql")
					.satisfies((name) -> assertThat(Files.readString(second.sqlDir().resolve(name)))
						.isEqualTo(Files.readString(file))));
		}
		assertThat(first.expectedTables()).isEqualTo(3);
		assertThat(Files.readString(first.dir().resolve(Workload.CHANGELOG))).contains(
				"<changeSet id=\"12\" author=\"bench\">", "path=\"sql/V12__add_columns_to_t2.sql\"",
				"splitStatements=\"false\"");
	}

	@Test
	void everyKindOfScriptSplitsIntoItsStatements() {
		// Semicolons inside strings, comments and $$ bodies must not split a statement.
		assertThat(SqlSplitter.split(Workload.script(1))).hasSize(2);
		assertThat(SqlSplitter.split(Workload.script(2))).hasSize(4);
		assertThat(SqlSplitter.split(Workload.script(3))).hasSize(2);
		assertThat(SqlSplitter.split(Workload.script(4))).hasSize(3);
		assertThat(SqlSplitter.split(Workload.script(5))).hasSize(4);
	}

}
