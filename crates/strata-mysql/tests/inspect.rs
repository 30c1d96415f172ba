//! What the inspector reads, checked against a schema that uses every
//! feature, and how it reads it (a fixed number of queries, the schema
//! filter).

mod common;

use common::schemas::FEATURES;
use common::{NEUTRAL, inspect_neutral, loaded};
use strata_driver::{Connection, Driver, InspectOptions};
use strata_model::{Filter, FkAction, IdentityKind, IndexKey, Realm, TriggerTiming};
use strata_mysql::DRIVER;

#[tokio::test]
async fn every_feature_is_read() {
    let db = loaded("features", FEATURES).await;
    let realm = inspect_neutral(&db).await;
    assert!(realm.server.mariadb, "{:?}", realm.server);
    assert!(realm.unsupported.is_empty(), "{:?}", realm.unsupported);
    let s = &realm.schemas[NEUTRAL];
    assert_eq!(s.comment.as_deref(), Some("every feature"));

    let parent = &s.tables["parent"];
    let my = parent.mysql.as_ref().unwrap();
    assert_eq!(my.engine.as_deref(), Some("InnoDB"));
    assert_eq!(my.charset.as_deref(), Some("utf8mb4"));
    assert_eq!(my.collation.as_deref(), Some("utf8mb4_unicode_ci"));
    assert_eq!(my.row_format, None);
    assert_eq!(parent.comment.as_deref(), Some("the parents"));
    assert!(parent.indexes["uq_code"].unique);

    let t = &s.tables["everything"];
    assert_eq!(
        t.mysql.as_ref().unwrap().row_format.as_deref(),
        Some("DYNAMIC")
    );
    let col = |n: &str| t.column(n).unwrap_or_else(|| panic!("no column {n}"));
    assert_eq!(col("id").data_type, "bigint unsigned");
    assert_eq!(
        col("id").identity.as_ref().map(|i| i.kind),
        Some(IdentityKind::AutoIncrement)
    );
    assert_eq!(col("id").comment.as_deref(), Some("row id"));
    assert_eq!(col("tiny").data_type, "tinyint(1)");
    assert_eq!(col("padded").data_type, "int(6) unsigned zerofill");
    assert_eq!(col("parent_id").default, None);
    assert_eq!(col("price").default.as_deref(), Some("9.99"));
    assert_eq!(col("flags").default.as_deref(), Some("b'101'"));
    assert_eq!(
        col("status").data_type,
        "enum('new','it''s done','back\\\\slash')"
    );
    assert_eq!(col("status").default.as_deref(), Some("'new'"));
    assert_eq!(col("tags").default.as_deref(), Some("'a,c'"));
    let title = col("title");
    assert_eq!(
        title.mysql.as_ref().and_then(|m| m.charset.as_deref()),
        Some("latin1")
    );
    assert_eq!(title.collation.as_deref(), Some("latin1_bin"));
    assert_eq!(col("note").collation.as_deref(), Some("utf8mb4_bin"));
    assert_eq!(col("note").default.as_deref(), Some("'x\\ny'"));
    assert_eq!(col("body").collation, None);
    // MariaDB's JSON alias: longtext + json_valid check, read as json.
    assert_eq!(col("doc").data_type, "json");
    assert_eq!(col("doc").collation, None);
    assert!(
        t.checks
            .iter()
            .all(|c| !c.expression.contains("json_valid"))
    );
    assert_eq!(col("born").default.as_deref(), Some("curdate()"));
    assert_eq!(col("token").default.as_deref(), Some("uuid()"));
    assert_eq!(col("sum_expr").default.as_deref(), Some("(1 + 2)"));
    assert_eq!(col("created").default.as_deref(), Some("CURRENT_TIMESTAMP"));
    let updated = col("updated");
    assert_eq!(updated.default.as_deref(), Some("CURRENT_TIMESTAMP(3)"));
    assert_eq!(
        updated.mysql.as_ref().and_then(|m| m.on_update.as_deref()),
        Some("CURRENT_TIMESTAMP(3)")
    );
    assert_eq!(col("yr").data_type, "year");
    let virt = col("price_with_tax").generated.as_ref().unwrap();
    assert!(!virt.stored);
    assert_eq!(virt.expression, "`price` * 1.2");
    assert!(col("title_len").generated.as_ref().unwrap().stored);
    assert_eq!(col("price_with_tax").default, None);
    assert!(col("secret").mysql.as_ref().unwrap().invisible);
    assert_eq!(col("place").data_type, "point");

    assert_eq!(
        t.primary_key.as_ref().map(|k| k.columns.clone()),
        Some(vec!["id".to_string()])
    );
    let prefix = &t.indexes["idx_title_prefix"];
    assert_eq!(prefix.parts[0].prefix_length, Some(10));
    assert!(!prefix.parts[0].descending);
    assert!(prefix.parts[1].descending);
    assert_eq!(
        t.indexes["idx_parent"].comment.as_deref(),
        Some("for the foreign key")
    );
    assert_eq!(t.indexes["ft_body"].method.as_deref(), Some("FULLTEXT"));
    let spatial = &t.indexes["sp_place"];
    assert_eq!(spatial.method.as_deref(), Some("SPATIAL"));
    assert_eq!(spatial.parts[0].prefix_length, None);
    assert!(t.indexes["uq_token"].unique);
    assert_eq!(t.indexes["uq_token"].method, None);
    assert!(matches!(&t.indexes["idx_len"].parts[0].key, IndexKey::Column(c) if c == "title_len"));

    let fk = &t.foreign_keys[0];
    assert_eq!(fk.name.as_deref(), Some("fk_parent"));
    assert_eq!(fk.references.name, "parent");
    assert_eq!(fk.on_delete, FkAction::SetNull);
    assert_eq!(fk.on_update, FkAction::Cascade);
    let checks: Vec<(&str, &str)> = t
        .checks
        .iter()
        .map(|c| (c.name.as_deref().unwrap_or(""), c.expression.as_str()))
        .collect();
    assert_eq!(
        checks,
        [
            ("price_positive", "`price` >= 0"),
            ("tiny_bool", "`tiny` in (0,1)")
        ]
    );

    // Triggers: full statements, the server's order kept.
    let b = &t.triggers["b_ins"];
    assert_eq!(b.timing, TriggerTiming::Before);
    assert_eq!(b.events, ["INSERT"]);
    assert!(b.for_each_row);
    assert!(
        b.definition
            .starts_with("CREATE TRIGGER `b_ins` BEFORE INSERT ON `everything` FOR EACH ROW PRECEDES `a_ins` BEGIN"),
        "{}",
        b.definition
    );
    assert!(!t.triggers["a_ins"].definition.contains("FOLLOWS"));

    let memory = &s.tables["cache"];
    assert_eq!(memory.indexes["by_v"].method.as_deref(), Some("BTREE"));
    let legacy = s.tables["legacy"].mysql.as_ref().unwrap();
    assert_eq!(legacy.engine.as_deref(), Some("MyISAM"));
    assert_eq!(legacy.charset.as_deref(), Some("latin1"));
    assert_eq!(legacy.row_format.as_deref(), Some("FIXED"));

    let part = |n: &str| {
        s.tables[n]
            .mysql
            .as_ref()
            .and_then(|m| m.partitioning.clone())
            .unwrap_or_else(|| panic!("{n} is not partitioned"))
    };
    let range = part("by_range");
    assert_eq!(range.method, "RANGE");
    assert_eq!(range.expression, "year(`made`)");
    assert_eq!(range.partitions[0].values.as_deref(), Some("2021"));
    assert_eq!(range.partitions[0].comment.as_deref(), Some("old"));
    assert_eq!(range.partitions[1].values.as_deref(), Some("MAXVALUE"));
    assert_eq!(part("by_range_columns").method, "RANGE COLUMNS");
    assert_eq!(part("by_list").partitions[0].values.as_deref(), Some("1,2"));
    assert_eq!(part("by_list_columns").method, "LIST COLUMNS");
    let hash = part("by_hash");
    assert_eq!(hash.partitions.len(), 3);
    assert_eq!(hash.partitions[0].values, None);
    assert_eq!(part("by_key").expression, "");
    assert_eq!(part("by_linear_hash").method, "LINEAR HASH");

    let cheap = &s.views["cheap"];
    let my = cheap.mysql.as_ref().unwrap();
    assert_eq!(my.algorithm.as_deref(), Some("MERGE"));
    assert_eq!(my.security.as_deref(), Some("INVOKER"));
    assert_eq!(cheap.check_option.as_deref(), Some("CASCADED"));
    assert!(
        !cheap.definition.contains(db.name()),
        "{}",
        cheap.definition
    );
    assert_eq!(cheap.columns.len(), 3);
    let titles = &s.views["cheap_titles"];
    assert_eq!(
        titles.mysql.as_ref().and_then(|m| m.algorithm.as_deref()),
        Some("TEMPTABLE")
    );
    assert_eq!(titles.depends_on.len(), 1, "{:?}", titles.depends_on);
    assert_eq!(titles.depends_on[0].name, "cheap");
    assert!(
        s.views["taxed"]
            .depends_on
            .iter()
            .any(|d| d.name == "with_tax(p decimal(10,2), label varchar(20))")
    );

    let f = &s.routines["with_tax(p decimal(10,2), label varchar(20))"];
    assert_eq!(f.returns.as_deref(), Some("decimal(12,2)"));
    assert_eq!(f.comment.as_deref(), Some("adds tax"));
    assert!(f.definition.starts_with(
        "CREATE FUNCTION `with_tax`(`p` decimal(10,2), `label` varchar(20) CHARSET latin1) RETURNS decimal(12,2)\n    DETERMINISTIC\n    NO SQL\nBEGIN"
    ), "{}", f.definition);
    assert!(!f.definition.contains("DEFINER"));
    let p = &s.routines["touch(IN p_id int, OUT p_count int, INOUT p_note text)"];
    assert!(p.definition.contains("SQL SECURITY INVOKER"));
    assert_eq!(p.returns, None);

    let purge = &s.events["purge_log"];
    assert_eq!(purge.schedule, "EVERY 1 DAY STARTS '2030-01-01 03:00:00'");
    assert!(purge.preserve);
    assert_eq!(purge.status, "DISABLE");
    assert_eq!(purge.comment.as_deref(), Some("nightly purge"));
    assert_eq!(s.events["once"].schedule, "AT '2031-06-01 12:00:00'");
}

/// `Questions` counts the statements a session sent.
async fn statements_sent(conn: &mut Box<dyn Connection>) -> u64 {
    let rows = conn
        .query_rows("SHOW SESSION STATUS LIKE 'Questions'")
        .await
        .unwrap();
    rows[0][1].as_deref().unwrap().parse().unwrap()
}

async fn queries_for(script: &str) -> u64 {
    let db = loaded("tables", script).await;
    let mut conn = db.connect().await;
    let before = statements_sent(&mut conn).await;
    conn.inspect(&InspectOptions::default()).await.unwrap();
    let after = statements_sent(&mut conn).await;
    conn.close().await;
    // The second SHOW counts itself.
    after - before - 1
}

#[tokio::test]
async fn the_number_of_queries_does_not_grow_with_the_tables() {
    let one = queries_for("CREATE TABLE t0 (id int PRIMARY KEY);").await;
    let many: String = (0..40)
        .map(|i| {
            format!(
                "CREATE TABLE t{i} (id int PRIMARY KEY, v varchar(5), KEY (v), CHECK (id > 0));\n\
                 CREATE VIEW v{i} AS SELECT id FROM t{i};\n"
            )
        })
        .collect();
    let forty = queries_for(&many).await;
    assert_eq!(one, forty);
    assert!(one <= 16, "{one} queries");
}

fn names(realm: &Realm) -> Vec<String> {
    realm.schemas.keys().cloned().collect()
}

#[tokio::test]
async fn a_url_without_a_database_reads_every_non_system_database_or_the_filtered_ones() {
    let a = loaded("a", "CREATE TABLE a (id int);").await;
    let b = loaded("b", "CREATE TABLE b (id int);").await;
    let server = a.url.with_database("");
    assert_eq!(server.database(), None);
    let mut conn = DRIVER.connect(&server).await.unwrap();
    let all = names(&conn.inspect(&InspectOptions::default()).await.unwrap());
    assert!(all.contains(&a.name().to_string()) && all.contains(&b.name().to_string()));
    for system in ["mysql", "information_schema", "performance_schema", "sys"] {
        assert!(!all.contains(&system.to_string()));
    }
    let only_b = InspectOptions {
        filter: Filter::new(vec![b.name().into()], vec![], vec![], vec![]).unwrap(),
        privileges: false,
    };
    let realm = conn.inspect(&only_b).await.unwrap();
    assert_eq!(names(&realm), [b.name().to_string()]);
    assert!(realm.schemas[b.name()].tables.contains_key("b"));
    let not_a = InspectOptions {
        filter: Filter::new(vec![], vec![a.name().into()], vec![], vec![]).unwrap(),
        privileges: false,
    };
    let realm = conn.inspect(&not_a).await.unwrap();
    assert!(!names(&realm).contains(&a.name().to_string()));
    conn.close().await;
}

/// What the model does not cover is listed, not lost silently.
#[tokio::test]
async fn what_the_model_lacks_is_reported() {
    let db = loaded(
        "unsupported",
        "CREATE TABLE t (id int PRIMARY KEY, v int, KEY hidden (v) IGNORED) STATS_PERSISTENT=0;\n\
         CREATE TABLE prefixed (code varchar(100) NOT NULL, PRIMARY KEY (code(10)));\n\
         CREATE SEQUENCE s;\n\
         CREATE TABLE versioned (id int) WITH SYSTEM VERSIONING;\n\
         CREATE TABLE sub (id int, d date) PARTITION BY RANGE (year(d)) SUBPARTITION BY HASH (id) SUBPARTITIONS 2 \
         (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE);",
    )
    .await;
    let realm = inspect_neutral(&db).await;
    let found: Vec<(String, String)> = realm
        .unsupported
        .iter()
        .map(|u| (u.kind.clone(), u.name.clone()))
        .collect();
    let expect = |kind: &str, name: &str| {
        assert!(
            found.contains(&(kind.to_string(), name.to_string())),
            "{kind} {name} not in {found:?}"
        );
    };
    expect("table option", "t (stats_persistent=0)");
    expect("ignored (invisible) index", "t.hidden");
    expect("sequence", "s");
    expect("primary key prefix, order or comment", "prefixed");
    expect("system versioning", "versioned");
    expect("subpartitioning", "sub");
    let s = &realm.schemas[NEUTRAL];
    assert!(s.tables.contains_key("versioned") && !s.tables.contains_key("s"));
    assert_eq!(
        s.tables["sub"]
            .mysql
            .as_ref()
            .and_then(|m| m.partitioning.as_ref())
            .map(|p| p.partitions.len()),
        Some(2)
    );
}
