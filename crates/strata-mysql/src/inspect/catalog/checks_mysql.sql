-- Check constraints (MySQL 8.0.16+: names are unique per schema, and the
-- table is only in TABLE_CONSTRAINTS; MySQL's information_schema views
-- join cheaply).
SELECT CAST(cc.CONSTRAINT_SCHEMA AS CHAR) AS table_schema,
       CAST(tc.TABLE_NAME AS CHAR) AS table_name,
       CAST(cc.CONSTRAINT_NAME AS CHAR) AS constraint_name,
       CAST(cc.CHECK_CLAUSE AS CHAR) AS check_clause
FROM information_schema.CHECK_CONSTRAINTS cc
JOIN information_schema.TABLE_CONSTRAINTS tc
  ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA
 AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME
 AND tc.CONSTRAINT_TYPE = 'CHECK'
WHERE cc.CONSTRAINT_SCHEMA IN ({schemas})
