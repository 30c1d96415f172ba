-- Routine parameters in order (position 0 is a function's result).
SELECT CAST(SPECIFIC_SCHEMA AS CHAR) AS routine_schema,
       CAST(SPECIFIC_NAME AS CHAR) AS routine_name,
       CAST(ROUTINE_TYPE AS CHAR) AS routine_type,
       CAST(ORDINAL_POSITION AS SIGNED) AS ordinal_position,
       CAST(PARAMETER_MODE AS CHAR) AS parameter_mode,
       CAST(PARAMETER_NAME AS CHAR) AS parameter_name,
       CAST(DTD_IDENTIFIER AS CHAR) AS data_type,
       CAST(CHARACTER_SET_NAME AS CHAR) AS charset
FROM information_schema.PARAMETERS
WHERE SPECIFIC_SCHEMA IN ({schemas})
  AND ORDINAL_POSITION > 0
