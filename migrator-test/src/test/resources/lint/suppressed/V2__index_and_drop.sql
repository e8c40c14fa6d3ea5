-- Index the totals, and drop the note nobody reads.

-- migrator:lint-ignore=create-index-non-concurrently orders holds a few hundred rows
CREATE INDEX orders_total_idx ON orders (total);
-- migrator:lint-ignore=drop-column no release since 1.4 reads or writes orders.note
ALTER TABLE orders DROP COLUMN note;
