-- Index key parts, primary key included. EXPRESSION (functional key
-- parts) exists on MySQL 8.0.13+ only; an index hidden from the optimizer
-- is MariaDB's IGNORED or MySQL's IS_VISIBLE = 'NO'.
SELECT CAST(TABLE_SCHEMA AS CHAR) AS table_schema,
       CAST(TABLE_NAME AS CHAR) AS table_name,
       CAST(INDEX_NAME AS CHAR) AS index_name,
       CAST(NON_UNIQUE AS SIGNED) AS non_unique,
       CAST(SEQ_IN_INDEX AS SIGNED) AS seq_in_index,
       CAST(COLUMN_NAME AS CHAR) AS column_name,
       CAST(COLLATION AS CHAR) AS collation_order,
       CAST(SUB_PART AS SIGNED) AS sub_part,
       CAST(INDEX_TYPE AS CHAR) AS index_type,
       CAST(INDEX_COMMENT AS CHAR) AS index_comment,
       {expression} AS expression,
       {ignored} AS ignored
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA IN ({schemas})
