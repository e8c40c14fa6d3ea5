-- The repeatable view reads the column: drop it first. migrator applies repeatable scripts
-- again after an undo, so the next migrate recreates it.
DROP VIEW IF EXISTS customer_summary;
ALTER TABLE customer DROP COLUMN email;
