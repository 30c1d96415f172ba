-- Indexes that are not the implementation of a constraint, and not a
-- partition's copy of its parent's index (relispartition).
SELECT i.indrelid AS relation_oid,
       ic.relname AS name,
       i.indisunique AS is_unique,
       i.indnullsnotdistinct AS nulls_not_distinct,
       i.indnkeyatts AS key_count,
       pg_catalog.string_to_array(i.indkey::text, ' ')::int2[] AS columns,
       pg_catalog.string_to_array(i.indoption::text, ' ')::int2[] AS flags,
       am.amname AS method,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
       ic.reloptions AS options,
       parts.expressions,
       parts.opclasses,
       parts.collations,
       d.description AS comment
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = i.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
CROSS JOIN LATERAL (
    SELECT pg_catalog.array_agg(
               CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.i::int, false) END
               ORDER BY k.i) AS expressions,
           pg_catalog.array_agg(
               CASE WHEN opc.opcdefault THEN NULL
                    WHEN opn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(opc.opcname)
                    ELSE pg_catalog.quote_ident(opn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname)
               END ORDER BY k.i) AS opclasses,
           pg_catalog.array_agg(
               CASE WHEN k.coll = 0 OR k.coll = COALESCE(ta.attcollation, it.typcollation) THEN NULL
                    WHEN kn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(kc.collname)
                    ELSE pg_catalog.quote_ident(kn.nspname) || '.' || pg_catalog.quote_ident(kc.collname)
               END ORDER BY k.i) AS collations
    FROM ROWS FROM (pg_catalog.unnest(pg_catalog.string_to_array(i.indkey::text, ' ')::int2[]),
                    pg_catalog.unnest(i.indclass::oid[]),
                    pg_catalog.unnest(i.indcollation::oid[])) WITH ORDINALITY AS k(attnum, opclass, coll, i)
    LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = k.opclass
    LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace
    LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = i.indrelid AND ta.attnum = k.attnum AND k.attnum > 0
    LEFT JOIN pg_catalog.pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.i
    LEFT JOIN pg_catalog.pg_type it ON it.oid = ia.atttypid
    LEFT JOIN pg_catalog.pg_collation kc ON kc.oid = k.coll
    LEFT JOIN pg_catalog.pg_namespace kn ON kn.oid = kc.collnamespace
) parts
WHERE c.relkind IN ('r', 'p', 'm')
  AND NOT ic.relispartition
  AND NOT EXISTS (
      SELECT FROM pg_catalog.pg_constraint pc
      WHERE pc.conindid = i.indexrelid AND pc.conrelid = i.indrelid AND pc.contype IN ('p', 'u', 'x'))
