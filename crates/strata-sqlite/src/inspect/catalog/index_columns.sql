-- The key parts of every index: cid -2 is an expression, -1 the rowid;
-- `key` is 0 for the columns an index carries beyond its key.
SELECT
    l.name AS table_name,
    il.name AS index_name,
    x.seqno AS seqno,
    x.cid AS cid,
    x.name AS name,
    x."desc" AS descending,
    x.coll AS collation,
    x."key" AS is_key
FROM pragma_table_list AS l
JOIN pragma_index_list(l.name, 'main') AS il
JOIN pragma_index_xinfo(il.name, 'main') AS x
WHERE l.schema = 'main'
    AND l.type = 'table'
    AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY l.name, il.name, x.seqno
