-- H2 has no CONCURRENTLY; the embedded database gets a plain index.
CREATE INDEX IF NOT EXISTS customer_email_idx ON customer (email);
