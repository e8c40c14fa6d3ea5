-- The first table of the service. MySQL and MariaDB spell an identity column AUTO_INCREMENT,
-- and DATETIME(6) holds microseconds without TIMESTAMP's 2038 limit.
CREATE TABLE customer (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
);
