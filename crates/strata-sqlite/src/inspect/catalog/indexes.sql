-- Every index of every ordinary table: origin 'c' is CREATE INDEX, 'u' the
-- autoindex of a UNIQUE constraint, 'pk' that of a PRIMARY KEY.
SELECT
    l.name AS table_name,
    il.name AS index_name,
    il."unique" AS is_unique,
    il.origin AS origin,
    il.partial AS partial
FROM pragma_table_list AS l
JOIN pragma_index_list(l.name, 'main') AS il
WHERE l.schema = 'main'
    AND l.type = 'table'
    AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY l.name, il.name
