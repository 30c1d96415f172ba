-- What user objects need, from pg_depend's normal ('n') entries between
-- user objects (oid >= 16384, FirstNormalObjectId). The dependent side is
-- resolved to the object the model knows (a default or a view's query
-- belongs to its table or view, a constraint to its table or domain); the referenced
-- side to the element of an array type, and to the extension that owns it,
-- if any. Foreign keys are not dependencies here: the model has them.
SELECT DISTINCT
       CASE
           WHEN d.classid = 'pg_catalog.pg_rewrite'::regclass AND rw.rulename <> '_RETURN' THEN 'rule'
           WHEN d.classid IN ('pg_catalog.pg_class'::regclass, 'pg_catalog.pg_attrdef'::regclass,
                              'pg_catalog.pg_rewrite'::regclass) THEN 'class'
           WHEN d.classid = 'pg_catalog.pg_constraint'::regclass AND con.conrelid <> 0 THEN 'class'
           WHEN d.classid IN ('pg_catalog.pg_constraint'::regclass, 'pg_catalog.pg_type'::regclass) THEN 'type'
           WHEN d.classid = 'pg_catalog.pg_proc'::regclass THEN 'proc'
           ELSE 'trigger'
       END AS dependent_kind,
       CASE
           WHEN d.classid = 'pg_catalog.pg_attrdef'::regclass THEN ad.adrelid
           WHEN d.classid = 'pg_catalog.pg_rewrite'::regclass AND rw.rulename = '_RETURN' THEN rw.ev_class
           WHEN d.classid = 'pg_catalog.pg_constraint'::regclass AND con.conrelid <> 0 THEN con.conrelid
           WHEN d.classid = 'pg_catalog.pg_constraint'::regclass THEN con.contypid
           ELSE d.objid
       END AS dependent_oid,
       CASE
           WHEN d.refclassid = 'pg_catalog.pg_class'::regclass THEN 'class'
           WHEN d.refclassid = 'pg_catalog.pg_type'::regclass THEN 'type'
           WHEN d.refclassid = 'pg_catalog.pg_collation'::regclass THEN 'collation'
           ELSE 'proc'
       END AS referenced_kind,
       COALESCE(elem.oid, d.refobjid) AS referenced_oid,
       ext.extname AS referenced_extension
FROM pg_catalog.pg_depend d
LEFT JOIN pg_catalog.pg_attrdef ad
       ON d.classid = 'pg_catalog.pg_attrdef'::regclass AND ad.oid = d.objid
LEFT JOIN pg_catalog.pg_rewrite rw
       ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND rw.oid = d.objid
LEFT JOIN pg_catalog.pg_constraint con
       ON d.classid = 'pg_catalog.pg_constraint'::regclass AND con.oid = d.objid
LEFT JOIN pg_catalog.pg_type rt
       ON d.refclassid = 'pg_catalog.pg_type'::regclass AND rt.oid = d.refobjid
LEFT JOIN pg_catalog.pg_type elem ON elem.oid = rt.typelem AND elem.typarray = rt.oid
LEFT JOIN pg_catalog.pg_depend ed
       ON ed.classid = d.refclassid AND ed.objid = COALESCE(elem.oid, d.refobjid) AND ed.deptype = 'e'
LEFT JOIN pg_catalog.pg_extension ext ON ext.oid = ed.refobjid
WHERE d.deptype = 'n'
  AND d.objid >= 16384
  AND d.refobjid >= 16384
  AND d.classid IN ('pg_catalog.pg_class'::regclass, 'pg_catalog.pg_attrdef'::regclass,
                    'pg_catalog.pg_rewrite'::regclass, 'pg_catalog.pg_constraint'::regclass,
                    'pg_catalog.pg_type'::regclass, 'pg_catalog.pg_proc'::regclass,
                    'pg_catalog.pg_trigger'::regclass)
  AND d.refclassid IN ('pg_catalog.pg_class'::regclass, 'pg_catalog.pg_type'::regclass,
                       'pg_catalog.pg_proc'::regclass, 'pg_catalog.pg_collation'::regclass)
  AND NOT (d.classid = 'pg_catalog.pg_constraint'::regclass AND con.contype = 'f')
  -- A view's own query (its _RETURN rule) is the view's; other rules are
  -- objects of their own ('rule'), so that a rule on a parent naming its
  -- child does not make the parent table depend on the child.
