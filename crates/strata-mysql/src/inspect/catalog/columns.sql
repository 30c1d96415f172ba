-- Columns of tables and views.
SELECT CAST(TABLE_SCHEMA AS CHAR) AS table_schema,
       CAST(TABLE_NAME AS CHAR) AS table_name,
       CAST(COLUMN_NAME AS CHAR) AS column_name,
       CAST(ORDINAL_POSITION AS SIGNED) AS ordinal_position,
       CAST(COLUMN_DEFAULT AS CHAR) AS column_default,
       CAST(IS_NULLABLE AS CHAR) AS is_nullable,
       CAST(COLUMN_TYPE AS CHAR) AS column_type,
       CAST(CHARACTER_SET_NAME AS CHAR) AS charset,
       CAST(COLLATION_NAME AS CHAR) AS collation_name,
       CAST(EXTRA AS CHAR) AS extra,
       CAST(GENERATION_EXPRESSION AS CHAR) AS generation_expression,
       CAST(COLUMN_COMMENT AS CHAR) AS column_comment
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA IN ({schemas})
