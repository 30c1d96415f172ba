-- The output columns of every view, with the declared type SQLite derives
-- from the underlying column (empty for expressions). A view whose query
-- no longer compiles makes this query fail; the inspector then reads the
-- views one by one (view_columns_one.sql) and leaves the broken ones
-- without columns.
SELECT
    l.name AS view_name,
    p.cid AS cid,
    p.name AS name,
    p.type AS declared_type
FROM pragma_table_list AS l
JOIN pragma_table_xinfo(l.name, 'main') AS p
WHERE l.schema = 'main'
    AND l.type = 'view'
ORDER BY l.name, p.cid
