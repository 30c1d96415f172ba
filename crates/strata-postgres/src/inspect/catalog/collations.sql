-- User collations (CREATE COLLATION). The ns filter already leaves out
-- pg_catalog and information_schema; collations an extension created are
-- the extension's business. colliculocale is PostgreSQL 15's name for the
-- ICU locale (16 renamed it colllocale): read through to_jsonb so that the
-- query runs on both.
SELECT co.oid AS oid,
       ns.nspname AS schema,
       co.collname AS name,
       co.collprovider AS provider,
       co.collisdeterministic AS deterministic,
       co.collcollate AS lc_collate,
       co.collctype AS lc_ctype,
       COALESCE(pg_catalog.to_jsonb(co) ->> 'colliculocale',
                pg_catalog.to_jsonb(co) ->> 'colllocale') AS locale,
       d.description AS comment
FROM pg_catalog.pg_collation co
JOIN ns ON ns.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = co.oid AND d.classoid = 'pg_catalog.pg_collation'::regclass AND d.objsubid = 0
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e
                  WHERE e.classid = co.tableoid AND e.objid = co.oid AND e.deptype = 'e')
