package io.migrator.core.internal.script;

import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScriptNameTests {

	@Test
	void parsesVersionedScript() {
		ScriptName name = ScriptName.parse("V1.2__add_email_column.sql");
		assertThat(name.type()).isEqualTo(MigrationType.VERSIONED);
		assertThat(name.version()).isEqualTo(Version.parse("1.2"));
		assertThat(name.description()).isEqualTo("add email column");
	}

	@Test
	void readsUnderscoresInTheVersionAsDots() {
		ScriptName name = ScriptName.parse("V1_1__x.sql");
		assertThat(name.type()).isEqualTo(MigrationType.VERSIONED);
		assertThat(name.version()).isEqualTo(Version.parse("1.1"));
		assertThat(name.version()).hasToString("1.1");
		assertThat(name.description()).isEqualTo("x");
	}

	@Test
	void parsesDateLikeVersion() {
		ScriptName name = ScriptName.parse("V2024_05_01_1__create_orders.sql");
		assertThat(name.version()).isEqualTo(Version.parse("2024.05.01.1"));
		assertThat(name.description()).isEqualTo("create orders");
	}

	@Test
	void parsesUndoScript() {
		ScriptName name = ScriptName.parse("U3__drop_email.sql");
		assertThat(name.type()).isEqualTo(MigrationType.UNDO);
		assertThat(name.version()).isEqualTo(Version.parse("3"));
		assertThat(name.description()).isEqualTo("drop email");
	}

	@Test
	void parsesRepeatableScript() {
		ScriptName name = ScriptName.parse("R__order_views.sql");
		assertThat(name.type()).isEqualTo(MigrationType.REPEATABLE);
		assertThat(name.version()).isNull();
		assertThat(name.description()).isEqualTo("order views");
	}

	@Test
	void acceptsUpperCaseSqlExtension() {
		ScriptName name = ScriptName.parse("V7__init.SQL");
		assertThat(name.version()).isEqualTo(Version.parse("7"));
		assertThat(name.description()).isEqualTo("init");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			V1_init.sql   | separated by two underscores '__'
			V1.sql        | separated by two underscores '__'
			V1__.sql      | the description after '__' is missing
			V1_____.sql   | the description after '__' is missing
			Vx__a.sql     | 'x' is not a version
			V1..2__a.sql  | '1..2' is not a version
			V1.__a.sql    | '1.' is not a version
			R1__x.sql     | repeatable scripts have no version
			U__x.sql      | the version after 'U' is missing
			V__x.sql      | the version after 'V' is missing
			""")
	void rejectsInvalidNameWithMessageNamingTheFileAndAValidName(String fileName, String why) {
		assertThatIllegalArgumentException().isThrownBy(() -> ScriptName.parse(fileName))
			.withMessageContaining("'" + fileName + "'")
			.withMessageContaining(why)
			.withMessageContaining("V1.2__add_email.sql");
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1__lower_case_prefix.sql", "seed__data.sql" })
	void rejectsANameWithTheSeparatorButNoKnownPrefix(String fileName) {
		assertThat(ScriptName.looksLikeMigration(fileName)).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> ScriptName.parse(fileName))
			.withMessageContaining("'" + fileName + "'")
			.withMessageContaining("must start with V (versioned), U (undo) or R (repeatable)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "readme.sql", "init.sql", "Report.sql", "schema.sql", "V.sql", "R.sql", "Rollback.sql",
			"U", "" })
	void doesNotTakeOrdinaryNamesForMigrations(String fileName) {
		assertThat(ScriptName.looksLikeMigration(fileName)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "V1__x.sql", "V1_init.sql", "V1.sql", "U2__x.sql", "R__x.sql", "R1__x.sql", "V_1.sql",
			"Vx__a.sql", "Rebuild__views.sql" })
	void takesNamesWithAPrefixAndDigitUnderscoreOrSeparatorForMigrations(String fileName) {
		assertThat(ScriptName.looksLikeMigration(fileName)).isTrue();
	}

	@Test
	void rejectsParsingANameThatIsNotAMigration() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScriptName.parse("readme.sql"))
			.withMessageContaining("'readme.sql'")
			.withMessageContaining("not a migration script name");
		assertThatIllegalArgumentException().isThrownBy(() -> ScriptName.parse("V1__x.txt"))
			.withMessageContaining("'V1__x.txt'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "V1__x.sql", "V1__x.SQL", "V1__x.Sql", "readme.sQl", ".sql" })
	void recognisesSqlFilesWhateverTheCase(String fileName) {
		assertThat(ScriptName.isSql(fileName)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "V1__x.txt", "V1__x.sql.bak", "V1__x.sq", "V1__x", "notes.md", "V1__xsql" })
	void recognisesOtherFilesAsNotSql(String fileName) {
		assertThat(ScriptName.isSql(fileName)).isFalse();
	}

}
