INSERT INTO widget (id) VALUES (1);

-- The next statement is wrong on purpose.
SELEKT * FROM widget;
