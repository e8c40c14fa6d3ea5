package io.migrator.benchmarks.boot;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's one endpoint, so it is a web service that uses its database like any
 * other.
 */
@RestController
class HelloController {

	private final JdbcTemplate jdbc;

	HelloController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/hello")
	String hello() {
		return "hello " + this.jdbc.queryForObject("select 1", Integer.class);
	}

}
