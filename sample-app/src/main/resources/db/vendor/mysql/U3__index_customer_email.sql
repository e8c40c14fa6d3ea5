ALTER TABLE customer DROP INDEX customer_email_idx;
