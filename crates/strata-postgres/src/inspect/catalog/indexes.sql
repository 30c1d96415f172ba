-- Indexes that are not the implementation of a constraint, and not a
-- partition's copy of its parent's index (relispartition). The key parts
-- of all indexes are read in one grouped pass, so that the opclass and
-- collation catalogs are joined once, not once per index. Whether a key's
-- collation is its column's own is decided by the reader, which has the
-- columns' collation oids.
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
       parts.collation_oids,
       parts.collations,
       d.description AS comment
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
JOIN (
    SELECT k.indexrelid,
           pg_catalog.array_agg(
               CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(k.indexrelid, k.n::int, false) END
               ORDER BY k.n) AS expressions,
           pg_catalog.array_agg(
               CASE WHEN opc.opcdefault THEN NULL
                    WHEN opn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(opc.opcname)
                    ELSE pg_catalog.quote_ident(opn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname)
               END ORDER BY k.n) AS opclasses,
           pg_catalog.array_agg(COALESCE(k.coll, 0)::int8 ORDER BY k.n) AS collation_oids,
           pg_catalog.array_agg(
               CASE WHEN kc.oid IS NULL THEN NULL
                    WHEN kn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(kc.collname)
                    ELSE pg_catalog.quote_ident(kn.nspname) || '.' || pg_catalog.quote_ident(kc.collname)
               END ORDER BY k.n) AS collations
    FROM (
        SELECT xi.indexrelid, u.attnum, u.opclass, u.coll, u.n
        FROM pg_catalog.pg_index xi
        JOIN pg_catalog.pg_class xc ON xc.oid = xi.indrelid
        JOIN ns ON ns.oid = xc.relnamespace
        CROSS JOIN LATERAL ROWS FROM (
            pg_catalog.unnest(pg_catalog.string_to_array(xi.indkey::text, ' ')::int2[]),
            pg_catalog.unnest(xi.indclass::oid[]),
            pg_catalog.unnest(xi.indcollation::oid[])
        ) WITH ORDINALITY AS u(attnum, opclass, coll, n)
    ) k
    LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = k.opclass
    LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace
    LEFT JOIN pg_catalog.pg_collation kc ON kc.oid = k.coll
    LEFT JOIN pg_catalog.pg_namespace kn ON kn.oid = kc.collnamespace
    GROUP BY k.indexrelid
) parts ON parts.indexrelid = i.indexrelid
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = i.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'm')
  AND NOT ic.relispartition
  AND i.indexrelid NOT IN (
      SELECT pc.conindid FROM pg_catalog.pg_constraint pc WHERE pc.contype IN ('p', 'u', 'x'))
