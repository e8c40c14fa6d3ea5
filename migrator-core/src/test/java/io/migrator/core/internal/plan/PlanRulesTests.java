package io.migrator.core.internal.plan;

import java.util.List;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Version;
import io.migrator.core.internal.script.ScriptCatalog;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static io.migrator.core.internal.plan.TestLedger.ranWith;
import static io.migrator.core.internal.plan.TestScripts.R;
import static io.migrator.core.internal.plan.TestScripts.U1;
import static io.migrator.core.internal.plan.TestScripts.U2;
import static io.migrator.core.internal.plan.TestScripts.U3;
import static io.migrator.core.internal.plan.TestScripts.V1;
import static io.migrator.core.internal.plan.TestScripts.V2;
import static io.migrator.core.internal.plan.TestScripts.V3;
import static io.migrator.core.internal.plan.TestScripts.VIEWS;
import static io.migrator.core.internal.plan.TestScripts.catalog;
import static io.migrator.core.internal.plan.TestScripts.fileNames;
import static io.migrator.core.internal.plan.TestScripts.script;
import static io.migrator.core.internal.plan.TestScripts.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link PlanRules} checks targets and problems before a command changes anything.
 */
class PlanRulesTests {

	private static final String TABLE = "\"public\".\"migrator_history\"";

	@Test
	void migrateRunsThePendingScriptsUpToTheTarget() {
		ScriptCatalog catalog = catalog(V1, V2, V3, R);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").rows());
		assertThat(fileNames(PlanRules.toMigrate(plan, catalog, null, false))).containsExactly(V2, V3, R);
		assertThat(fileNames(PlanRules.toMigrate(plan, catalog, v("3"), false))).containsExactly(V2, V3, R);
		assertThat(fileNames(PlanRules.toMigrate(plan, catalog, v("2"), false))).containsExactly(V2);
		assertThat(PlanRules.toMigrate(plan, catalog, v("1"), false)).isEmpty();
	}

	@Test
	void migrateRunsOutOfOrderVersionsOnlyWhenAllowed() {
		ScriptCatalog catalog = catalog(V1, V2, V3);
		Plan plan = Plan.of(catalog, ranWith(catalog(V1, V3)).applied("1", "3").rows());
		assertThat(PlanRules.toMigrate(plan, catalog, null, false)).isEmpty();
		assertThat(fileNames(PlanRules.toMigrate(plan, catalog, null, true))).containsExactly(V2);
	}

	@Test
	void migrateRefusesATargetThatIsNoScriptsVersion() {
		ScriptCatalog catalog = catalog(V1, V2, V3);
		Plan plan = Plan.of(catalog, null);
		assertTargetRefused(() -> PlanRules.toMigrate(plan, catalog, v("2.5"), false)).contains("Target version 2.5",
				"migrator.target", "the latest script is version 3");
		assertTargetRefused(() -> PlanRules.checkMigrateTarget(plan, catalog, v("9"))).contains("Target version 9",
				"migrator.target");
	}

	@Test
	void migrateRefusesATargetBelowTheSchemaVersion() {
		ScriptCatalog catalog = catalog(V1, V2, V3);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1", "2").rows());
		assertTargetRefused(() -> PlanRules.toMigrate(plan, catalog, v("1"), false))
			.contains("Target version 1 is below the schema's version 2", "migrator.command=undo");
	}

	@Test
	void migrateAcceptsATargetOnlyTheHistoryKnows() {
		ScriptCatalog catalog = catalog(V1, V2);
		Plan plan = Plan.of(catalog, ranWith(catalog(V1, V2, V3)).applied("1", "2", "3").rows());
		assertThatNoException().isThrownBy(() -> PlanRules.checkMigrateTarget(plan, catalog, v("3")));
		assertThat(PlanRules.toMigrate(plan, catalog, v("3"), false)).isEmpty();
	}

	@Test
	void undoRunsTheUndoScriptsNewestFirst() {
		ScriptCatalog catalog = catalog(V1, U1, V2, U2, V3, U3);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1", "2", "3").rows());
		assertThat(fileNames(PlanRules.toUndo(plan, catalog, v("1")))).containsExactly(U3, U2);
		assertThat(fileNames(PlanRules.toUndo(plan, catalog, Version.ZERO))).containsExactly(U3, U2, U1);
		assertThat(PlanRules.toUndo(plan, catalog, v("3"))).isEmpty();
	}

	@Test
	void undoRefusesWhenVersionsHaveNoUndoScriptNamingThemAll() {
		ScriptCatalog catalog = catalog(V1, U1, V2, V3);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1", "2", "3").rows());
		assertTargetRefused(() -> PlanRules.toUndo(plan, catalog, Version.ZERO)).contains(
				"versions 3, 2 have no undo script (U3__*.sql, U2__*.sql)", "Nothing was changed",
				"at or above version 3");
		assertTargetRefused(() -> PlanRules.toUndo(plan, catalog, v("2")))
			.contains("version 3 has no undo script (U3__*.sql)");
	}

	@Test
	void undoRefusesATargetBelowTheBaseline() {
		ScriptCatalog catalog = catalog(V1, V2, U2, V3, U3);
		Plan plan = Plan.of(catalog, ranWith(catalog).baseline("1").applied("2", "3").rows());
		assertTargetRefused(() -> PlanRules.toUndo(plan, catalog, Version.ZERO)).contains("Cannot undo to version 0",
				"baselined at version 1");
		assertThat(fileNames(PlanRules.toUndo(plan, catalog, v("1")))).containsExactly(U3, U2);
	}

	@Test
	void undoRefusesATargetThatIsNoVersion() {
		ScriptCatalog catalog = catalog(V1, U1);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").rows());
		assertTargetRefused(() -> PlanRules.toUndo(plan, catalog, v("7"))).contains("Undo target 7", "migrator.target",
				"0 to undo everything");
	}

	@Test
	void undoToZeroWithNothingAppliedRunsNothing() {
		Plan plan = Plan.of(catalog(V1, U1), null);
		assertThat(PlanRules.toUndo(plan, catalog(V1, U1), Version.ZERO)).isEmpty();
	}

	@Test
	void requireValidRefusesListingEveryProblem() {
		ScriptCatalog shipped = catalog(List.of(script(V1, "CREATE TABLE accounts (id bigint);\n"), script(V3)));
		Plan plan = Plan.of(shipped, ranWith(catalog(V1, V2, V3)).applied("1", "2").failed("3").rows());
		List<Problem> problems = plan.problems(false);
		assertThat(problems).hasSize(3);
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> PlanRules.requireValid(plan, "migrate", TABLE, false))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageStartingWith("Cannot migrate " + TABLE + ": the history and the scripts disagree.")
			.withMessageContaining(V1)
			.withMessageContaining(V2)
			.withMessageContaining(V3)
			.satisfies((ex) -> assertThat(ex.getMessage().lines().filter((line) -> line.startsWith("  - ")))
				.containsExactlyElementsOf(problems.stream().map((problem) -> "  - " + problem.message()).toList()));
	}

	@Test
	void requireValidAcceptsOutOfOrderVersionsOnlyWhenAllowed() {
		ScriptCatalog catalog = catalog(V1, V2, V3);
		Plan plan = Plan.of(catalog, ranWith(catalog(V1, V3)).applied("1", "3").rows());
		assertThatNoException().isThrownBy(() -> PlanRules.requireValid(plan, "migrate", TABLE, true));
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> PlanRules.requireValid(plan, "migrate", TABLE, false))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining(V2)
			.withMessageContaining("migrator.out-of-order=true");
	}

	@Test
	void requireValidAcceptsHistoryThatMatchesTheScripts() {
		ScriptCatalog catalog = catalog(V1, V2, R);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").appliedRepeatable(VIEWS).rows());
		assertThatNoException().isThrownBy(() -> PlanRules.requireValid(plan, "migrate", TABLE, false));
	}

	private static AbstractStringAssert<?> assertTargetRefused(ThrowingCallable call) {
		MigrationException ex = catchThrowableOfType(MigrationException.class, call);
		assertThat(ex).as("refusal").isNotNull();
		assertThat(ex.reason()).isEqualTo(Reason.TARGET);
		return assertThat(ex.getMessage());
	}

}
