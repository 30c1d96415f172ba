-- Every database, with its defaults. Small: filtered in strata, which
-- then names the wanted ones in every other query.
SELECT CAST(SCHEMA_NAME AS CHAR) AS schema_name,
       CAST(DEFAULT_CHARACTER_SET_NAME AS CHAR) AS charset,
       CAST(DEFAULT_COLLATION_NAME AS CHAR) AS collation_name,
       {schema_comment} AS schema_comment
FROM information_schema.SCHEMATA
