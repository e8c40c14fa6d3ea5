-- CONCURRENTLY builds the index without blocking writes. PostgreSQL refuses it inside a
-- transaction, so migrator runs this script statement by statement, between a STARTED and a
-- SUCCESS row in the history.
CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_email_idx ON customer (email);
