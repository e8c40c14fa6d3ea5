package io.migrator.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small customer service whose schema migrator keeps current. Its jar is also the
 * migration command line: {@code java -jar sample-app.jar --migrator.mode=job}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
