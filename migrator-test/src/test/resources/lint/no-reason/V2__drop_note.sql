-- migrator:lint-ignore=drop-column
ALTER TABLE orders DROP COLUMN note;
