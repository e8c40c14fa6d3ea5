-- Repeatable: re-applied whenever this file changes, after the versioned scripts.
CREATE OR REPLACE VIEW customer_summary AS
SELECT count(*) AS customers,
       count(email) AS with_email
FROM customer;
