//! Convergence: the plan from A to B, applied to A, gives exactly B, and
//! rows in surviving tables are kept.

mod common;

use common::NEUTRAL;
use common::{assert_realms_equal, inspect_neutral, loaded};
use strata_diff::differ::Rename;
use strata_diff::{DiffOptions, SqlDialect, diff, plan};
use strata_model::QualifiedName;
use strata_mysql::SQL;

/// Loads both schemas, applies the plan A -> B to A, and compares.
/// `rows` are inserted into A first; `check` must still find them after.
async fn converge(name: &str, a: &str, b: &str, rows: &str, check: &str) -> Vec<String> {
    converge_with(name, a, b, rows, check, &DiffOptions::default()).await
}

async fn converge_with(
    name: &str,
    a: &str,
    b: &str,
    rows: &str,
    check: &str,
    options: &DiffOptions,
) -> Vec<String> {
    let db_a = loaded(&format!("{name} A"), a).await;
    let db_b = loaded(&format!("{name} B"), b).await;
    if !rows.is_empty() {
        db_a.load(rows, "rows").await;
    }
    let from = inspect_neutral(&db_a).await;
    let to = inspect_neutral(&db_b).await;
    let changes = diff(&from, &to, &SQL, options);
    let planned = plan(changes, &from, &to, &SQL).unwrap_or_else(|e| panic!("{name}: {e}"));
    let statements = planned
        .render(&SQL)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let script = SQL.script(&statements);
    let mut conn = db_a.connect().await;
    if let Err(e) = conn.execute_script(&script, name).await {
        panic!("{name}: the plan failed: {e}\n--- plan:\n{script}");
    }
    if !check.is_empty() {
        let found = conn.query_rows(check).await.unwrap();
        assert!(!found.is_empty(), "{name}: rows lost ({check})\n{script}");
    }
    conn.close().await;
    let after = inspect_neutral(&db_a).await;
    assert_realms_equal(name, &to, &after, &script);
    let again = diff(&after, &to, &SQL, &DiffOptions::default());
    assert!(again.is_empty(), "{name}: still different: {again:#?}");
    statements
}

#[tokio::test]
async fn columns_change_in_one_statement() {
    let statements = converge(
        "columns",
        "CREATE TABLE t (id int NOT NULL PRIMARY KEY, a varchar(10), b int, gone int, c int);",
        "CREATE TABLE t (id int NOT NULL PRIMARY KEY, first_added int, a varchar(20) NOT NULL DEFAULT 'x' COMMENT 'wider', \
         b bigint unsigned, added datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, c int INVISIBLE, \
         g int AS (b + 1) VIRTUAL);",
        "INSERT INTO t (id, a, b, gone, c) VALUES (1, 'keep', 7, 0, 3);",
        "SELECT id FROM t WHERE a = 'keep' AND b = 7",
    )
    .await;
    let alters: Vec<&String> = statements
        .iter()
        .filter(|s| s.starts_with("ALTER TABLE `t`"))
        .collect();
    assert_eq!(alters.len(), 1, "{statements:#?}");
}

#[tokio::test]
async fn keys_checks_and_foreign_keys() {
    converge(
        "keys",
        "CREATE TABLE p (id int PRIMARY KEY, code char(3));\n\
         CREATE TABLE c (id int PRIMARY KEY, p_id int, v varchar(50), KEY by_v (v), KEY by_p (p_id) COMMENT 'old', \
         CONSTRAINT fk_old FOREIGN KEY (p_id) REFERENCES p (id), CONSTRAINT ck_old CHECK (id > 0));",
        "CREATE TABLE p (id int PRIMARY KEY, code char(3), UNIQUE KEY uq_code (code));\n\
         CREATE TABLE c (id int PRIMARY KEY, p_id int, v varchar(50), KEY by_v (v(10) DESC), KEY by_p (p_id) COMMENT 'new', \
         FULLTEXT KEY ft_v (v), CONSTRAINT fk_new FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE, \
         CONSTRAINT ck_new CHECK (id < 1000));",
        "INSERT INTO p VALUES (1, 'abc'); INSERT INTO c VALUES (5, 1, 'row');",
        "SELECT id FROM c WHERE p_id = 1",
    )
    .await;
}

#[tokio::test]
async fn table_options_and_partitioning() {
    converge(
        "options",
        "CREATE TABLE t (id int NOT NULL, name varchar(10), own varchar(5) COLLATE utf8mb4_bin, PRIMARY KEY (id)) \
         ENGINE=InnoDB DEFAULT CHARSET=latin1 COMMENT 'old';\n\
         CREATE TABLE parts (id int NOT NULL) PARTITION BY HASH (id) PARTITIONS 2;\n\
         CREATE TABLE plain (id int NOT NULL);",
        "CREATE TABLE t (id int NOT NULL, name varchar(10), own varchar(5) COLLATE utf8mb4_bin, PRIMARY KEY (id)) \
         ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC COMMENT 'new';\n\
         CREATE TABLE parts (id int NOT NULL);\n\
         CREATE TABLE plain (id int NOT NULL) PARTITION BY RANGE (id) (PARTITION a VALUES LESS THAN (10), PARTITION b VALUES LESS THAN MAXVALUE);",
        "INSERT INTO t VALUES (1, 'café', 'x'); INSERT INTO parts VALUES (3); INSERT INTO plain VALUES (42);",
        "SELECT id FROM t WHERE name = 'café'",
    )
    .await;
}

#[tokio::test]
async fn views_triggers_routines_and_events() {
    converge(
        "objects",
        "CREATE TABLE t (id int PRIMARY KEY, v int);\n\
         CREATE VIEW reads_v AS SELECT id, v FROM t;\n\
         CREATE VIEW on_view AS SELECT id FROM reads_v;\n\
         CREATE VIEW gone AS SELECT 1 AS one;\n\
         CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.v = 1;\n\
         CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x + 1;\n\
         CREATE PROCEDURE p() COMMENT 'old' SELECT 1;\n\
         CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO DELETE FROM t;",
        "CREATE TABLE t (id int PRIMARY KEY, v bigint);\n\
         CREATE VIEW reads_v AS SELECT id, v FROM t;\n\
         CREATE VIEW on_view AS SELECT id FROM reads_v;\n\
         CREATE VIEW fresh AS SELECT id FROM t WHERE id > 1;\n\
         CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.v = 2;\n\
         CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x + 2;\n\
         CREATE PROCEDURE p() COMMENT 'new' SELECT 1;\n\
         CREATE EVENT e ON SCHEDULE EVERY 2 DAY STARTS '2030-01-01 00:00:00' DISABLE DO DELETE FROM t;",
        "INSERT INTO t VALUES (1, 5);",
        "SELECT id FROM t WHERE id = 1",
    )
    .await;
}

#[tokio::test]
async fn tables_come_and_go_with_their_foreign_keys() {
    converge(
        "tables",
        "CREATE TABLE a (id int PRIMARY KEY, b_id int);\n\
         CREATE TABLE b (id int PRIMARY KEY, a_id int, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id));\n\
         ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id);\n\
         CREATE TABLE stays (id int PRIMARY KEY);",
        "CREATE TABLE newer (id int NOT NULL AUTO_INCREMENT, UNIQUE KEY (id));\n\
         CREATE TABLE stays (id int PRIMARY KEY, new_id int, CONSTRAINT to_new FOREIGN KEY (new_id) REFERENCES newer (id));",
        "INSERT INTO stays VALUES (9);",
        "SELECT id FROM stays WHERE id = 9",
    )
    .await;
}

#[tokio::test]
async fn renames_keep_the_rows() {
    let options = DiffOptions {
        renames: vec![
            Rename::Table {
                schema: NEUTRAL.into(),
                from: "old_name".into(),
                to: "new_name".into(),
            },
            Rename::Column {
                table: QualifiedName::new(NEUTRAL, "kept"),
                from: "before".into(),
                to: "after".into(),
            },
        ],
        privileges: false,
    };
    let statements = converge_with(
        "renames",
        "CREATE TABLE old_name (id int PRIMARY KEY);\nCREATE TABLE kept (id int PRIMARY KEY, `before` int, KEY by_before (`before`));",
        "CREATE TABLE new_name (id int PRIMARY KEY);\nCREATE TABLE kept (id int PRIMARY KEY, `after` int, KEY by_before (`after`));",
        "INSERT INTO old_name VALUES (1); INSERT INTO kept VALUES (2, 3);",
        "SELECT n.id FROM new_name n JOIN kept k ON k.`after` = 3",
        &options,
    )
    .await;
    assert!(
        statements.contains(&"RENAME TABLE `old_name` TO `new_name`".to_string()),
        "{statements:#?}"
    );
}

/// MySQL refuses to drop the index a foreign key uses; a changed index is
/// dropped and created again.
#[tokio::test]
async fn an_index_backing_a_foreign_key_can_change() {
    converge(
        "fk index",
        "CREATE TABLE p (id int PRIMARY KEY);\n\
         CREATE TABLE c (id int PRIMARY KEY, p_id int, n int, KEY by_p (p_id) COMMENT 'old', \
         CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id));",
        "CREATE TABLE p (id int PRIMARY KEY);\n\
         CREATE TABLE c (id int PRIMARY KEY, p_id int, n int, KEY by_p (p_id, n) COMMENT 'new', \
         CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id));",
        "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1, 1);",
        "SELECT id FROM c WHERE p_id = 1",
    )
    .await;
}
