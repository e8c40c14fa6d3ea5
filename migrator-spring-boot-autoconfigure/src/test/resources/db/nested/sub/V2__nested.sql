CREATE TABLE nested_one (id INT);
