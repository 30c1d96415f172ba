-- Enums, domains, range types and free-standing composite types (not the
-- row types of tables and views).
SELECT t.oid AS oid,
       ns.nspname AS schema,
       t.typname AS name,
       t.typtype AS kind,
       t.typrelid AS class_oid,
       e.labels AS enum_labels,
       CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS base_type,
       t.typnotnull AS not_null,
       CASE WHEN t.typtype = 'd' THEN pg_catalog.pg_get_expr(t.typdefaultbin, 0) END AS default_expr,
       CASE WHEN t.typtype <> 'd' OR tco.oid IS NULL THEN NULL
            WHEN tcn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(tco.collname)
            ELSE pg_catalog.quote_ident(tcn.nspname) || '.' || pg_catalog.quote_ident(tco.collname)
       END AS collation,
       CASE WHEN t.typtype = 'r' THEN pg_catalog.format_type(r.rngsubtype, NULL) END AS range_subtype,
       CASE WHEN ropc.opcdefault THEN NULL
            WHEN ropn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(ropc.opcname)
            ELSE pg_catalog.quote_ident(ropn.nspname) || '.' || pg_catalog.quote_ident(ropc.opcname)
       END AS range_opclass,
       CASE WHEN rco.oid IS NULL THEN NULL
            WHEN rcn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(rco.collname)
            ELSE pg_catalog.quote_ident(rcn.nspname) || '.' || pg_catalog.quote_ident(rco.collname)
       END AS range_collation,
       CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END AS range_canonical,
       CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END AS range_subdiff,
       mt.typname AS multirange_name,
       mtn.nspname AS multirange_schema,
       d.description AS comment,
       CASE WHEN $3 THEN pg_catalog.pg_get_userbyid(t.typowner) END AS owner,
       CASE WHEN $3 THEN COALESCE(t.typacl, pg_catalog.acldefault('T', t.typowner))::text[] END AS acl
FROM pg_catalog.pg_type t
JOIN ns ON ns.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class tc ON tc.oid = t.typrelid
LEFT JOIN (
    SELECT enumtypid, pg_catalog.array_agg(enumlabel::text ORDER BY enumsortorder) AS labels
    FROM pg_catalog.pg_enum
    GROUP BY enumtypid
) e ON e.enumtypid = t.oid
LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation tco ON tco.oid = t.typcollation AND t.typcollation <> bt.typcollation
LEFT JOIN pg_catalog.pg_namespace tcn ON tcn.oid = tco.collnamespace
LEFT JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid
LEFT JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
LEFT JOIN pg_catalog.pg_opclass ropc ON ropc.oid = r.rngsubopc
LEFT JOIN pg_catalog.pg_namespace ropn ON ropn.oid = ropc.opcnamespace
LEFT JOIN pg_catalog.pg_collation rco ON rco.oid = r.rngcollation AND r.rngcollation <> st.typcollation
LEFT JOIN pg_catalog.pg_namespace rcn ON rcn.oid = rco.collnamespace
LEFT JOIN pg_catalog.pg_type mt ON mt.oid = r.rngmultitypid
LEFT JOIN pg_catalog.pg_namespace mtn ON mtn.oid = mt.typnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0
WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND tc.relkind = 'c'))
  AND NOT EXISTS (
      SELECT FROM pg_catalog.pg_depend x
      WHERE x.classid = 'pg_catalog.pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
