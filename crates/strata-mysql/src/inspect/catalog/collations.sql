-- Collation -> character set, for the tables' default charset.
SELECT CAST(COLLATION_NAME AS CHAR) AS collation_name,
       CAST(CHARACTER_SET_NAME AS CHAR) AS charset
FROM information_schema.COLLATIONS
