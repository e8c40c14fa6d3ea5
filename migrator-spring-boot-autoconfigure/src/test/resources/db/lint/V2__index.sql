-- an index on a table in use
CREATE INDEX orders_note_idx ON orders (note);
-- migrator:lint-ignore=drop-column nothing reads "note" since 2.3
ALTER TABLE orders DROP COLUMN note;
