package io.migrator.integration.jpa;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A JPA application whose schema Hibernate validates while the context starts.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class JpaApplication {

}
