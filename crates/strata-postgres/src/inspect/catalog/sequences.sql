-- Sequences, with the column that owns them (OWNED BY: deptype 'a') or
-- whose identity they implement (deptype 'i').
SELECT c.oid AS oid,
       ns.nspname AS schema,
       c.relname AS name,
       pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart AS start,
       s.seqincrement AS increment,
       s.seqmin AS min_value,
       s.seqmax AS max_value,
       s.seqcache AS cache,
       s.seqcycle AS cycle,
       dep.deptype AS owner_kind,
       dep.refobjid AS owner_oid,
       dep.refobjsubid AS owner_column_num,
       oc.relname AS owner_table,
       oa.attname AS owner_column,
       d.description AS comment,
       CASE WHEN $3 THEN pg_catalog.pg_get_userbyid(c.relowner) END AS owner,
       CASE WHEN $3 THEN COALESCE(c.relacl, pg_catalog.acldefault('s', c.relowner))::text[] END AS acl
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN ns ON ns.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend dep
       ON dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objid = c.oid
      AND dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.refobjsubid > 0
      AND dep.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class oc ON oc.oid = dep.refobjid
LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = dep.refobjid AND oa.attnum = dep.refobjsubid
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE NOT EXISTS (
      SELECT FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
