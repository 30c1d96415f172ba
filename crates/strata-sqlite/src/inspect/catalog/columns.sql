-- The columns of every ordinary table, in order. `hidden` is 2 for a
-- VIRTUAL and 3 for a STORED generated column; `type` is the declared type
-- as written; `dflt_value` the default's text without its parentheses.
SELECT
    l.name AS table_name,
    p.cid AS cid,
    p.name AS name,
    p.type AS declared_type,
    p."notnull" AS not_null,
    p.dflt_value AS default_value,
    p.pk AS pk,
    p.hidden AS hidden
FROM pragma_table_list AS l
JOIN pragma_table_xinfo(l.name, 'main') AS p
WHERE l.schema = 'main'
    AND l.type = 'table'
    AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY l.name, p.cid
