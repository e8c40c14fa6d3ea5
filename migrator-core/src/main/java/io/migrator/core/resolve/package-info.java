/**
 * Where scripts come from: the {@link io.migrator.core.resolve.ScriptScanner} service
 * interface that lists them (the Spring Boot module implements it with Spring's resource
 * resolver), the {@link io.migrator.core.resolve.ScriptResource} it returns, and the
 * location syntax both sides share.
 */
@NullMarked
package io.migrator.core.resolve;

import org.jspecify.annotations.NullMarked;
