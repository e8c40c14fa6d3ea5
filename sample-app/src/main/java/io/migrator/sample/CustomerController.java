package io.migrator.sample;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Customers over HTTP, on the tables the migrations create.
 */
@RestController
class CustomerController {

	private final JdbcClient jdbc;

	CustomerController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/customers")
	List<Customer> list() {
		return this.jdbc.sql("SELECT id, name, email FROM customer ORDER BY id").query(Customer.class).list();
	}

	@GetMapping("/customers/{id}")
	Customer get(@PathVariable long id) {
		return this.jdbc.sql("SELECT id, name, email FROM customer WHERE id = :id")
			.param("id", id)
			.query(Customer.class)
			.optional()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer " + id));
	}

	@PostMapping("/customers")
	@ResponseStatus(HttpStatus.CREATED)
	Customer create(@RequestBody NewCustomer customer) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO customer (name, email) VALUES (:name, :email)")
			.param("name", customer.name())
			.param("email", customer.email())
			.update(keys, "id");
		return get(keys.getKeyAs(Number.class).longValue());
	}

	@GetMapping("/customers/summary")
	Summary summary() {
		return this.jdbc.sql("SELECT customers, with_email FROM customer_summary").query(Summary.class).single();
	}

	record NewCustomer(String name, String email) {

	}

	/**
	 * What the repeatable view {@code customer_summary} shows.
	 *
	 * @param customers how many customers there are
	 * @param withEmail how many of them have an e-mail address
	 */
	record Summary(long customers, long withEmail) {

	}

}
