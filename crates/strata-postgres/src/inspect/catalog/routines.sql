-- Functions, procedures and aggregates. Aggregates have no
-- pg_get_functiondef; their CREATE AGGREGATE is built from pg_aggregate.
SELECT p.oid AS oid,
       ns.nspname AS schema,
       p.proname AS name,
       p.prokind AS kind,
       pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments,
       CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END AS returns,
       l.lanname AS language,
       CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END AS definition,
       CASE WHEN p.prokind = 'a' THEN pg_catalog.pg_get_function_arguments(p.oid) END AS aggregate_arguments,
       p.proparallel AS parallel,
       a.aggkind AS aggregate_kind,
       a.aggtransfn::regproc::text AS transition_function,
       pg_catalog.format_type(a.aggtranstype, NULL) AS state_type,
       a.aggtransspace AS state_space,
       CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::regproc::text END AS final_function,
       a.aggfinalextra AS final_extra,
       a.aggfinalmodify AS final_modify,
       CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::regproc::text END AS combine_function,
       CASE WHEN a.aggserialfn <> 0 THEN a.aggserialfn::regproc::text END AS serial_function,
       CASE WHEN a.aggdeserialfn <> 0 THEN a.aggdeserialfn::regproc::text END AS deserial_function,
       a.agginitval AS initial_value,
       CASE WHEN a.aggmtransfn <> 0 THEN a.aggmtransfn::regproc::text END AS moving_transition_function,
       CASE WHEN a.aggminvtransfn <> 0 THEN a.aggminvtransfn::regproc::text END AS moving_inverse_function,
       CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS moving_state_type,
       a.aggmtransspace AS moving_state_space,
       CASE WHEN a.aggmfinalfn <> 0 THEN a.aggmfinalfn::regproc::text END AS moving_final_function,
       a.aggmfinalextra AS moving_final_extra,
       a.aggmfinalmodify AS moving_final_modify,
       a.aggminitval AS moving_initial_value,
       CASE WHEN a.aggsortop <> 0
            THEN 'OPERATOR(' || pg_catalog.quote_ident(son.nspname) || '.' || so.oprname || ')' END AS sort_operator,
       d.description AS comment,
       CASE WHEN $3 THEN pg_catalog.pg_get_userbyid(p.proowner) END AS owner,
       CASE WHEN $3 THEN COALESCE(p.proacl, pg_catalog.acldefault('f', p.proowner))::text[] END AS acl
FROM pg_catalog.pg_proc p
JOIN ns ON ns.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
LEFT JOIN pg_catalog.pg_operator so ON so.oid = a.aggsortop
LEFT JOIN pg_catalog.pg_namespace son ON son.oid = so.oprnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::regclass AND d.objsubid = 0
WHERE NOT EXISTS (
      SELECT FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
