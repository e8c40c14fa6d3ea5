CREATE TABLE top_level (id INT);
