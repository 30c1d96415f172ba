-- Partition parents and classic inheritance parents, in inhseqno order.
SELECT i.inhrelid AS relation_oid,
       pn.nspname AS parent_schema,
       pc.relname AS parent_name
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
WHERE c.relkind IN ('r', 'p')
ORDER BY i.inhrelid, i.inhseqno
