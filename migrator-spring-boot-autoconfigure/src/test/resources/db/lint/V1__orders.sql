CREATE TABLE orders (id bigint, note varchar(10));
