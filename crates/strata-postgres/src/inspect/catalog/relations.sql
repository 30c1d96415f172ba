-- Tables, partitioned tables, views and materialized views.
SELECT c.oid AS oid,
       ns.nspname AS schema,
       c.relname AS name,
       c.relkind AS kind,
       c.reltype AS type_oid,
       c.relpersistence = 'u' AS unlogged,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
       c.reloptions AS options,
       c.relrowsecurity AS rls_enabled,
       c.relforcerowsecurity AS rls_forced,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END AS view_definition,
       d.description AS comment,
       CASE WHEN $3 THEN pg_catalog.pg_get_userbyid(c.relowner) END AS owner,
       CASE WHEN $3 THEN COALESCE(c.relacl, pg_catalog.acldefault('r', c.relowner))::text[] END AS acl
FROM pg_catalog.pg_class c
JOIN ns ON ns.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'v', 'm')
  AND NOT EXISTS (
      SELECT FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
