-- Foreign key columns, in key order (ORDINAL_POSITION).
SELECT CAST(TABLE_SCHEMA AS CHAR) AS table_schema,
       CAST(TABLE_NAME AS CHAR) AS table_name,
       CAST(CONSTRAINT_NAME AS CHAR) AS constraint_name,
       CAST(ORDINAL_POSITION AS SIGNED) AS ordinal_position,
       CAST(COLUMN_NAME AS CHAR) AS column_name,
       CAST(REFERENCED_TABLE_SCHEMA AS CHAR) AS referenced_schema,
       CAST(REFERENCED_TABLE_NAME AS CHAR) AS referenced_table,
       CAST(REFERENCED_COLUMN_NAME AS CHAR) AS referenced_column
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA IN ({schemas})
  AND REFERENCED_TABLE_NAME IS NOT NULL
