-- User triggers; a partition's clone of its parent's trigger
-- (tgparentid <> 0) belongs to the parent.
SELECT t.oid AS oid,
       t.tgrelid AS relation_oid,
       t.tgname AS name,
       t.tgtype AS type_flags,
       t.tgenabled AS enabled,
       pg_catalog.string_to_array(t.tgattr::text, ' ')::int2[] AS columns,
       pg_catalog.pg_get_triggerdef(t.oid) AS definition,
       d.description AS comment
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN ns ON ns.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_trigger'::regclass AND d.objsubid = 0
WHERE NOT t.tgisinternal
  AND t.tgparentid = 0
