package io.migrator.integration.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * An entity whose table only a migration creates.
 */
@Entity
public class Book {

	@Id
	private Long id;

	@Column(nullable = false, length = 200)
	private String title;

	protected Book() {
	}

	public Book(Long id, String title) {
		this.id = id;
		this.title = title;
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

}
