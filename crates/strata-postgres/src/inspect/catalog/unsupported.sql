-- Objects the model does not cover, so that they are listed rather than
-- silently dropped. Objects that belong to an extension are the
-- extension's business and are not listed.
SELECT 'foreign table' AS kind, ns.nspname AS schema, c.relname::text AS name
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind = 'f'
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = c.tableoid AND e.objid = c.oid AND e.deptype = 'e')
UNION ALL
-- Rules on tables are in the model (rules.sql); on views they are not.
SELECT 'rule', ns.nspname, c.relname || '.' || r.rulename
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN ns ON ns.oid = c.relnamespace
WHERE r.rulename <> '_RETURN'
  AND c.relkind NOT IN ('r', 'p')
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = c.tableoid AND e.objid = c.oid AND e.deptype = 'e')
UNION ALL
SELECT 'statistics', ns.nspname, s.stxname::text
FROM pg_catalog.pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace
UNION ALL
SELECT 'operator', ns.nspname,
       o.oprname || '(' || pg_catalog.format_type(o.oprleft, NULL) || ', '
                 || pg_catalog.format_type(o.oprright, NULL) || ')'
FROM pg_catalog.pg_operator o JOIN ns ON ns.oid = o.oprnamespace
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'operator class', ns.nspname, o.opcname::text
FROM pg_catalog.pg_opclass o JOIN ns ON ns.oid = o.opcnamespace
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'operator family', ns.nspname, o.opfname::text
FROM pg_catalog.pg_opfamily o JOIN ns ON ns.oid = o.opfnamespace
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'conversion', ns.nspname, o.conname::text
FROM pg_catalog.pg_conversion o JOIN ns ON ns.oid = o.connamespace
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'text search configuration', ns.nspname, o.cfgname::text
FROM pg_catalog.pg_ts_config o JOIN ns ON ns.oid = o.cfgnamespace
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'text search dictionary', ns.nspname, o.dictname::text
FROM pg_catalog.pg_ts_dict o JOIN ns ON ns.oid = o.dictnamespace
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'text search parser', ns.nspname, o.prsname::text
FROM pg_catalog.pg_ts_parser o JOIN ns ON ns.oid = o.prsnamespace
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'text search template', ns.nspname, o.tmplname::text
FROM pg_catalog.pg_ts_template o JOIN ns ON ns.oid = o.tmplnamespace
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
-- Base and shell types; the array types PostgreSQL makes for every type
-- are not objects of their own.
SELECT CASE t.typtype WHEN 'p' THEN 'shell type' ELSE 'base type' END, ns.nspname, t.typname::text
FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
WHERE t.typtype IN ('b', 'p')
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_type el WHERE el.oid = t.typelem AND el.typarray = t.oid)
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = t.tableoid AND e.objid = t.oid AND e.deptype = 'e')
UNION ALL
SELECT 'event trigger', '', o.evtname::text
FROM pg_catalog.pg_event_trigger o
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'cast', '', pg_catalog.format_type(o.castsource, NULL) || ' AS ' || pg_catalog.format_type(o.casttarget, NULL)
FROM pg_catalog.pg_cast o
WHERE o.oid >= 16384 AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'language', '', o.lanname::text
FROM pg_catalog.pg_language o
WHERE o.oid >= 16384 AND o.lanname <> 'plpgsql' AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'foreign data wrapper', '', o.fdwname::text
FROM pg_catalog.pg_foreign_data_wrapper o
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'foreign server', '', o.srvname::text
FROM pg_catalog.pg_foreign_server o
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'publication', '', o.pubname::text FROM pg_catalog.pg_publication o
UNION ALL
SELECT 'access method', '', o.amname::text
FROM pg_catalog.pg_am o
WHERE o.oid >= 16384 AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'transform', '', pg_catalog.format_type(o.trftype, NULL) || ' FOR LANGUAGE ' || l.lanname
FROM pg_catalog.pg_transform o JOIN pg_catalog.pg_language l ON l.oid = o.trflang
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = o.tableoid AND e.objid = o.oid AND e.deptype = 'e')
UNION ALL
SELECT 'default privileges', COALESCE(n.nspname, ''),
       pg_catalog.pg_get_userbyid(o.defaclrole) || ' ON ' || o.defaclobjtype::text
FROM pg_catalog.pg_default_acl o LEFT JOIN pg_catalog.pg_namespace n ON n.oid = o.defaclnamespace
