-- Check constraints (MariaDB: names are unique per table, and the view
-- has the table's name). Filtered by schema: MariaDB also lists a check
-- of mysql.global_priv here.
SELECT CAST(CONSTRAINT_SCHEMA AS CHAR) AS table_schema,
       CAST(TABLE_NAME AS CHAR) AS table_name,
       CAST(CONSTRAINT_NAME AS CHAR) AS constraint_name,
       CAST(CHECK_CLAUSE AS CHAR) AS check_clause
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA IN ({schemas})
