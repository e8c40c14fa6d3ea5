-- Index the totals, and drop the note nobody reads.

CREATE INDEX orders_total_idx ON orders (total);
ALTER TABLE orders DROP COLUMN note;
