-- The schemas an inspection reads: not the system ones, filtered by the
-- caller's lists ($1: only these, empty for all; $2: never these). Every
-- other query is prefixed with `WITH ns AS (<this>)`.
SELECT n.oid, n.nspname
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND (pg_catalog.cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (
      SELECT FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_namespace'::regclass
        AND e.objid = n.oid AND e.deptype = 'e')
