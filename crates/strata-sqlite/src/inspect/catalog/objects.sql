-- Every object of the main database with its CREATE text, and for tables
-- and views what pragma_table_list knows: the kind (table, view, virtual,
-- shadow), WITHOUT ROWID and STRICT. SQLite's own objects (sqlite_sequence,
-- sqlite_stat1, the autoindexes of constraints) are left out.
SELECT
    m.type AS object_type,
    m.name AS name,
    m.tbl_name AS table_name,
    m.sql AS sql,
    l.type AS table_kind,
    l.wr AS without_rowid,
    l.strict AS strict
FROM main.sqlite_schema AS m
LEFT JOIN pragma_table_list AS l
    ON l.schema = 'main' AND l.name = m.name
WHERE m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.type, m.name
