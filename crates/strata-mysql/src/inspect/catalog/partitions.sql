-- Partitions of partitioned tables (unpartitioned tables have one row
-- with a NULL name).
SELECT CAST(TABLE_SCHEMA AS CHAR) AS table_schema,
       CAST(TABLE_NAME AS CHAR) AS table_name,
       CAST(PARTITION_NAME AS CHAR) AS partition_name,
       CAST(SUBPARTITION_NAME AS CHAR) AS subpartition_name,
       CAST(PARTITION_ORDINAL_POSITION AS SIGNED) AS ordinal_position,
       CAST(PARTITION_METHOD AS CHAR) AS partition_method,
       CAST(PARTITION_EXPRESSION AS CHAR) AS partition_expression,
       CAST(PARTITION_DESCRIPTION AS CHAR) AS partition_description,
       CAST(PARTITION_COMMENT AS CHAR) AS partition_comment
FROM information_schema.PARTITIONS
WHERE TABLE_SCHEMA IN ({schemas})
  AND PARTITION_NAME IS NOT NULL
