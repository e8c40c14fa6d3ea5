-- MySQL and MariaDB: the two users of the least-privilege set-up, for the database `app`
-- (see "Least privilege on MySQL and MariaDB" in docs/user-guide.md). Run as an administrator,
-- with the passwords filled in:
--   sed "s/:'migrator_password'/'...'/; s/:'app_password'/'...'/" mariadb-users.sql | mariadb -u root
CREATE DATABASE IF NOT EXISTS `app` CHARACTER SET utf8mb4;

-- The migration user owns the schema: it creates, alters and drops tables, views, indexes,
-- triggers and routines, and writes the history table. GET_LOCK needs no privilege.
CREATE USER 'app_migrator'@'%' IDENTIFIED BY :'migrator_password';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, CREATE VIEW, SHOW VIEW,
      TRIGGER, CREATE ROUTINE, ALTER ROUTINE, EXECUTE ON `app`.* TO 'app_migrator'@'%';

-- The application user reads and writes rows (the history table too, which await mode reads),
-- and cannot change the schema.
CREATE USER 'app_user'@'%' IDENTIFIED BY :'app_password';
GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON `app`.* TO 'app_user'@'%';
