-- The output columns of one view (the fallback of view_columns.sql).
SELECT
    ?1 AS view_name,
    p.cid AS cid,
    p.name AS name,
    p.type AS declared_type
FROM pragma_table_xinfo(?1, 'main') AS p
ORDER BY p.cid
