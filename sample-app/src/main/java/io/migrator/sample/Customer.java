package io.migrator.sample;

import org.jspecify.annotations.Nullable;

/**
 * A customer as the API shows it.
 *
 * @param id the id
 * @param name the name
 * @param email the e-mail address, added by migration V2
 */
public record Customer(long id, String name, @Nullable String email) {

}
