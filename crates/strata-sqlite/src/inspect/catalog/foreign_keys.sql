-- Every foreign key of every ordinary table, one row per column pair.
-- `to` is NULL when the REFERENCES clause names no columns (the parent's
-- primary key); `table` and `to` are spelt as written in the clause.
SELECT
    l.name AS table_name,
    f.id AS id,
    f.seq AS seq,
    f."table" AS referenced_table,
    f."from" AS from_column,
    f."to" AS to_column,
    f.on_update AS on_update,
    f.on_delete AS on_delete
FROM pragma_table_list AS l
JOIN pragma_foreign_key_list(l.name, 'main') AS f
WHERE l.schema = 'main'
    AND l.type = 'table'
    AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY l.name, f.id, f.seq
