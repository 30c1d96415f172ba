-- Table constraints and domain checks. Constraints a partition or child
-- table only has because its parent has them (cloned: conparentid <> 0;
-- inherited checks: not conislocal) belong to the parent and are left out.
SELECT con.conname AS name,
       con.contype AS kind,
       con.conrelid AS relation_oid,
       con.contypid AS type_oid,
       con.conkey AS columns,
       con.condeferrable AS deferrable,
       con.condeferred AS deferred,
       con.convalidated AS validated,
       con.connoinherit AS no_inherit,
       con.confupdtype AS on_update,
       con.confdeltype AS on_delete,
       con.confmatchtype AS match_type,
       fn.nspname AS ref_schema,
       fc.relname AS ref_table,
       -- Only for foreign keys; one index probe per referenced column.
       CASE WHEN con.contype = 'f' THEN
           ARRAY(SELECT fa.attname::text
                 FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(num, i)
                 JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.num
                 ORDER BY k.i)
       END AS ref_columns,
       CASE WHEN con.contype = 'c' AND con.conrelid <> 0
            THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END AS expression,
       CASE WHEN con.contype = 'x' OR con.contypid <> 0
            THEN pg_catalog.pg_get_constraintdef(con.oid) END AS definition,
       i.indnullsnotdistinct AS nulls_not_distinct,
       i.indnkeyatts AS key_count,
       pg_catalog.string_to_array(i.indkey::text, ' ')::int2[] AS index_columns,
       d.description AS comment
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
LEFT JOIN pg_catalog.pg_type ty ON ty.oid = con.contypid
JOIN ns ON ns.oid = COALESCE(c.relnamespace, ty.typnamespace)
LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = con.conindid AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid AND con.contype = 'f'
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = con.oid AND d.classoid = 'pg_catalog.pg_constraint'::regclass AND d.objsubid = 0
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
  AND con.conparentid = 0
  AND (con.contype <> 'c' OR con.conislocal)
