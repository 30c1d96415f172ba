-- Foreign key actions. Joined to the key columns in strata: a join of two
-- information_schema tables makes MariaDB open every table twice.
SELECT CAST(CONSTRAINT_SCHEMA AS CHAR) AS table_schema,
       CAST(TABLE_NAME AS CHAR) AS table_name,
       CAST(CONSTRAINT_NAME AS CHAR) AS constraint_name,
       CAST(UPDATE_RULE AS CHAR) AS update_rule,
       CAST(DELETE_RULE AS CHAR) AS delete_rule
FROM information_schema.REFERENTIAL_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA IN ({schemas})
