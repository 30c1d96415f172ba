-- Tables and views (views are read from VIEWS; their rows here only say
-- that they are views), with engine, collation and explicit options.
SELECT CAST(TABLE_SCHEMA AS CHAR) AS table_schema,
       CAST(TABLE_NAME AS CHAR) AS table_name,
       CAST(TABLE_TYPE AS CHAR) AS table_type,
       CAST(ENGINE AS CHAR) AS engine,
       CAST(TABLE_COLLATION AS CHAR) AS table_collation,
       CAST(CREATE_OPTIONS AS CHAR) AS create_options,
       CAST(TABLE_COMMENT AS CHAR) AS table_comment
FROM information_schema.TABLES
WHERE TABLE_SCHEMA IN ({schemas})
