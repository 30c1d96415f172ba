-- Stored functions and procedures (their parameters are a query of
-- their own). The body is ROUTINE_DEFINITION.
SELECT CAST(ROUTINE_SCHEMA AS CHAR) AS routine_schema,
       CAST(ROUTINE_NAME AS CHAR) AS routine_name,
       CAST(ROUTINE_TYPE AS CHAR) AS routine_type,
       CAST(DTD_IDENTIFIER AS CHAR) AS returns_type,
       CAST(CHARACTER_SET_NAME AS CHAR) AS returns_charset,
       CAST(ROUTINE_DEFINITION AS CHAR) AS routine_definition,
       CAST(IS_DETERMINISTIC AS CHAR) AS is_deterministic,
       CAST(SQL_DATA_ACCESS AS CHAR) AS sql_data_access,
       CAST(SECURITY_TYPE AS CHAR) AS security_type,
       CAST(ROUTINE_COMMENT AS CHAR) AS routine_comment
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA IN ({schemas})
