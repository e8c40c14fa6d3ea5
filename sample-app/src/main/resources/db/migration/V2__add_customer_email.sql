-- Expand: a nullable column, so the previous release (which does not know it) keeps working
-- during a rolling update. A later release may make it NOT NULL once every writer sets it.
ALTER TABLE customer ADD COLUMN email VARCHAR(255);
