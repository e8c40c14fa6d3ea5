package io.migrator.core.rehearse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaDifferenceTests {

	@Test
	void anObjectThatShouldNotExist() {
		assertThat(new SchemaDifference("index", "public.i", null, "CREATE INDEX i ON public.t USING btree (a)")
			.describe())
			.isEqualTo("leaves index public.i (CREATE INDEX i ON public.t USING btree (a)), which should not exist");
	}

	@Test
	void anObjectNotRestored() {
		assertThat(new SchemaDifference("function", "public.f()", "CREATE OR REPLACE FUNCTION public.f()\n RETURNS int",
				null)
			.describe()).isEqualTo(
					"does not restore function public.f(): expected CREATE OR REPLACE FUNCTION public.f() RETURNS int");
	}

	@Test
	void anObjectRestoredOtherwiseShowsBothOnOneLineAndCutsLongDefinitions() {
		String longDefinition = "x".repeat(300);
		String described = new SchemaDifference("view", "public.v", longDefinition, "columns (id bigint) as SELECT 1")
			.describe();
		assertThat(described).startsWith("leaves view public.v as columns (id bigint) as SELECT 1; expected xxx")
			.endsWith("x…")
			.hasSizeLessThan(340);
	}

}
