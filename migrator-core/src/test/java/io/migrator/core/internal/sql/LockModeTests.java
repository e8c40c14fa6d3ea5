package io.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LockModeTests {

	@Test
	void namesEachModeAsSqlAndPgLocksSpellIt() {
		assertThat(LockMode.values()).extracting(LockMode::sqlName)
			.containsExactly("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
					"SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");
		assertThat(LockMode.values()).extracting(LockMode::pgLocksName)
			.containsExactly("AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
					"ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");
	}

	@Test
	void findsTheModeLockTableNames() {
		assertThat(LockMode.ofSqlName("SHARE ROW EXCLUSIVE")).isEqualTo(LockMode.SHARE_ROW_EXCLUSIVE);
		assertThat(LockMode.ofSqlName("SHARE ROW")).isNull();
	}

	@Test
	void ordersModesByStrength() {
		assertThat(LockMode.stronger(LockMode.SHARE, LockMode.ACCESS_EXCLUSIVE)).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
		assertThat(LockMode.stronger(LockMode.SHARE_ROW_EXCLUSIVE, LockMode.SHARE_UPDATE_EXCLUSIVE))
			.isEqualTo(LockMode.SHARE_ROW_EXCLUSIVE);
		assertThat(LockMode.stronger(null, LockMode.SHARE)).isEqualTo(LockMode.SHARE);
		assertThat(LockMode.stronger(LockMode.SHARE, null)).isEqualTo(LockMode.SHARE);
	}

}
