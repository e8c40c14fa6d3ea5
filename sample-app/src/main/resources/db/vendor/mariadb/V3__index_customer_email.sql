-- DDL commits implicitly here, so migrator runs this script statement by statement between a
-- STARTED and a SUCCESS row, as it runs CONCURRENTLY on PostgreSQL. ALGORITHM=INPLACE,
-- LOCK=NONE builds the index online, and the server refuses rather than block writes.
ALTER TABLE customer ADD INDEX customer_email_idx (email), ALGORITHM=INPLACE, LOCK=NONE;
