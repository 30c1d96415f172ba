-- Rewrite rules on tables. A view's `_RETURN` rule is its query (read in
-- relations.sql), not a rule of its own; rules on other relations are
-- listed in unsupported.sql.
SELECT r.oid AS oid,
       r.ev_class AS relation_oid,
       r.rulename AS name,
       pg_catalog.pg_get_ruledef(r.oid) AS definition,
       d.description AS comment
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN ns ON ns.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_rewrite'::regclass AND d.objsubid = 0
WHERE r.rulename <> '_RETURN'
  AND c.relkind IN ('r', 'p')
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e
                  WHERE e.classid = c.tableoid AND e.objid = c.oid AND e.deptype = 'e')
