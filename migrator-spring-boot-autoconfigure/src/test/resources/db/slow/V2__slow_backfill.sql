-- Takes a few seconds, so the probes can be watched while it runs.
SELECT pg_sleep(4);
INSERT INTO greeting (id, text) VALUES (1, 'hello');
