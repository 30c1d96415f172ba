SELECT ns.nspname AS name,
       d.description AS comment,
       CASE WHEN $3 THEN pg_catalog.pg_get_userbyid(n.nspowner) END AS owner,
       CASE WHEN $3 THEN COALESCE(n.nspacl, pg_catalog.acldefault('n', n.nspowner))::text[] END AS acl
FROM ns
JOIN pg_catalog.pg_namespace n ON n.oid = ns.oid
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass AND d.objsubid = 0
