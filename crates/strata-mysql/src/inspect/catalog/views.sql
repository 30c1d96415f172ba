-- Views. ALGORITHM is a MariaDB column; MySQL shows it only in SHOW CREATE VIEW.
SELECT CAST(TABLE_SCHEMA AS CHAR) AS table_schema,
       CAST(TABLE_NAME AS CHAR) AS table_name,
       CAST(VIEW_DEFINITION AS CHAR) AS view_definition,
       CAST(CHECK_OPTION AS CHAR) AS check_option,
       CAST(SECURITY_TYPE AS CHAR) AS security_type,
       {algorithm} AS algorithm
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA IN ({schemas})
