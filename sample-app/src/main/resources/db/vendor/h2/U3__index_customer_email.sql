DROP INDEX IF EXISTS customer_email_idx;
