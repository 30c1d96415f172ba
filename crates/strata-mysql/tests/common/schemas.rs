//! The schemas the live tests load: the corpus (read in place), a schema
//! that uses every feature the MySQL model covers, and hostile names.

use strata_mysql::render::quote as q;
use strata_testkit::corpus;

/// Sakila creates and uses a database of its own and names it in one view:
/// it is loaded into the test database instead.
pub fn sakila_script() -> String {
    let script = corpus::without_lines(&corpus::read("sakila/mysql-sakila-schema.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop schema") || l.starts_with("create schema") || l.starts_with("use ")
    });
    script.replace("sakila.", "")
}

/// Every item of the MySQL model: table options and partitioning, column
/// types and attributes, keys of every kind, foreign keys, checks, views,
/// triggers, routines and events.
pub const FEATURES: &str = r#"
ALTER DATABASE COMMENT = 'every feature';

CREATE TABLE parent (
  id int unsigned NOT NULL AUTO_INCREMENT,
  code char(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='the parents';

CREATE TABLE everything (
  id bigint unsigned NOT NULL AUTO_INCREMENT COMMENT 'row id',
  parent_id int unsigned DEFAULT NULL,
  tiny tinyint(1) NOT NULL DEFAULT 0,
  padded int(6) unsigned zerofill DEFAULT 42,
  price decimal(10,2) NOT NULL DEFAULT 9.99,
  ratio double DEFAULT -1.5,
  flags bit(3) DEFAULT b'101',
  status enum('new','it''s done','back\\slash') NOT NULL DEFAULT 'new',
  tags set('a','b','c') DEFAULT 'a,c',
  title varchar(200) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'untitled',
  body text,
  note varchar(50) COLLATE utf8mb4_bin DEFAULT 'x\ny',
  doc json,
  born date DEFAULT (curdate()),
  token varchar(36) DEFAULT uuid(),
  sum_expr int DEFAULT (1 + 2),
  created timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated datetime(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  yr year DEFAULT NULL,
  price_with_tax decimal(12,2) AS (price * 1.2) VIRTUAL,
  title_len int GENERATED ALWAYS AS (char_length(title)) STORED COMMENT 'derived',
  secret varchar(10) INVISIBLE DEFAULT 'hidden',
  place point NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_token (token),
  KEY idx_title_prefix (title(10), price DESC),
  KEY idx_parent (parent_id) COMMENT 'for the foreign key',
  KEY idx_len (title_len),
  FULLTEXT KEY ft_body (body),
  SPATIAL KEY sp_place (place),
  CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT price_positive CHECK (price >= 0),
  CONSTRAINT tiny_bool CHECK (tiny in (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='every column feature';

CREATE TABLE child (
  parent_id int unsigned NOT NULL,
  n int NOT NULL,
  PRIMARY KEY (parent_id, n),
  CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE legacy (
  id int NOT NULL,
  name varchar(20) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=MyISAM DEFAULT CHARSET=latin1 ROW_FORMAT=FIXED;

CREATE TABLE cache (
  k varchar(32) NOT NULL,
  v varchar(255),
  PRIMARY KEY (k),
  KEY by_v (v) USING BTREE
) ENGINE=MEMORY;

CREATE TABLE by_range (
  id int NOT NULL,
  made date NOT NULL,
  PRIMARY KEY (id, made)
) PARTITION BY RANGE (year(made)) (
  PARTITION p2020 VALUES LESS THAN (2021) COMMENT 'old',
  PARTITION p_max VALUES LESS THAN MAXVALUE
);

CREATE TABLE by_range_columns (
  a int NOT NULL,
  b varchar(5) NOT NULL
) PARTITION BY RANGE COLUMNS (a, b) (
  PARTITION r0 VALUES LESS THAN (10, 'm'),
  PARTITION r1 VALUES LESS THAN (MAXVALUE, MAXVALUE)
);

CREATE TABLE by_list (
  id int NOT NULL,
  region int NOT NULL
) PARTITION BY LIST (region) (
  PARTITION north VALUES IN (1, 2),
  PARTITION south VALUES IN (3)
);

CREATE TABLE by_list_columns (
  country char(2) NOT NULL
) PARTITION BY LIST COLUMNS (country) (
  PARTITION eu VALUES IN ('FR', 'DE'),
  PARTITION other VALUES IN ('US')
);

CREATE TABLE by_hash (
  id int NOT NULL
) PARTITION BY HASH (id) PARTITIONS 3;

CREATE TABLE by_key (
  id int NOT NULL,
  PRIMARY KEY (id)
) PARTITION BY KEY () PARTITIONS 2;

CREATE TABLE by_linear_hash (
  id int NOT NULL
) PARTITION BY LINEAR HASH (id) PARTITIONS 2;

CREATE TABLE audit_log (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  what varchar(100) NOT NULL
);

CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW cheap AS
  SELECT id, title, price FROM everything WHERE price < 10
  WITH CASCADED CHECK OPTION;

CREATE ALGORITHM=TEMPTABLE VIEW cheap_titles AS
  SELECT title, count(*) AS n FROM cheap GROUP BY title;

DELIMITER ;;
CREATE FUNCTION with_tax(p decimal(10,2), label varchar(20) CHARSET latin1)
  RETURNS decimal(12,2)
  DETERMINISTIC
  NO SQL
  COMMENT 'adds tax'
BEGIN
  RETURN p * 1.2;
END;;

CREATE PROCEDURE touch(IN p_id int, OUT p_count int, INOUT p_note text)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
BEGIN
  UPDATE everything SET tiny = 1 WHERE id = p_id;
  SELECT count(*) INTO p_count FROM everything;
  SET p_note = concat(p_note, ';');
END;;

CREATE TRIGGER b_ins BEFORE INSERT ON everything FOR EACH ROW
BEGIN
  SET NEW.note = 'b';
END;;

CREATE TRIGGER a_ins BEFORE INSERT ON everything FOR EACH ROW FOLLOWS b_ins
  SET NEW.tiny = 1;;

CREATE TRIGGER log_ins AFTER INSERT ON everything FOR EACH ROW
  INSERT INTO audit_log (what) VALUES (concat('inserted ', NEW.id));;

CREATE EVENT purge_log ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 03:00:00'
  ON COMPLETION PRESERVE DISABLE COMMENT 'nightly purge'
  DO BEGIN DELETE FROM audit_log WHERE id < 0; END;;

CREATE EVENT once ON SCHEDULE AT '2031-06-01 12:00:00'
  DO DELETE FROM audit_log;;
DELIMITER ;

CREATE VIEW taxed AS SELECT id, with_tax(price, 'x') AS gross FROM everything;
"#;

pub const HOSTILE_NAMES: &[&str] = &[
    "we`ird",
    "it's",
    "\"dq\"",
    "Ünïcödé 表",
    "select",
    "x; drop table y; --",
    "a\"; drop table x; --",
    "back\\slash",
];

pub fn hostile_script() -> String {
    let mut sql = String::new();
    let parent = q("parent `x` 'y'");
    sql.push_str(&format!(
        "CREATE TABLE {parent} ({} int NOT NULL PRIMARY KEY) COMMENT 'it''s a \\\\ \"table\" */ --';\n",
        q("id;--")
    ));
    for (i, name) in HOSTILE_NAMES.iter().enumerate() {
        let col = q(&format!("{name} col"));
        sql.push_str(&format!(
            "CREATE TABLE {t} (\n  {id} int NOT NULL AUTO_INCREMENT,\n  {col} varchar(20) DEFAULT 'o''k\\\\;' COMMENT '{i}: ''q'' \\\\ ;',\n  \
             {e} enum('a''b','c,d','e\\\\f',';') DEFAULT ';',\n  {p} int,\n  PRIMARY KEY ({id}),\n  \
             KEY {k} ({col}(5)),\n  CONSTRAINT {fk} FOREIGN KEY ({p}) REFERENCES {parent} ({pid}) ON DELETE CASCADE,\n  \
             CONSTRAINT {ck} CHECK ({col} <> ';')\n) COMMENT '{i}';\n",
            t = q(name),
            id = q("id"),
            e = q(&format!("{name} enum")),
            p = q(&format!("{name} parent")),
            k = q(&format!("{name} key")),
            fk = q(&format!("{name} fk")),
            ck = q(&format!("{name} check")),
            pid = q("id;--"),
        ));
        sql.push_str(&format!(
            "CREATE VIEW {v} AS SELECT {col} AS {alias}, ';' AS {semi} FROM {t};\n",
            v = q(&format!("{name} view")),
            alias = q(&format!("{name} alias")),
            semi = q("; --"),
            t = q(name),
        ));
        sql.push_str(&format!(
            "CREATE TRIGGER {tr} BEFORE INSERT ON {t} FOR EACH ROW SET NEW.{col} = concat(NEW.{col}, ';');\n",
            tr = q(&format!("{name} trg")),
            t = q(name),
        ));
    }
    sql.push_str(&format!(
        "DELIMITER $$\nCREATE FUNCTION {f}({a} int) RETURNS varchar(10) DETERMINISTIC BEGIN RETURN ';--'; END $$\n\
         CREATE PROCEDURE {p}() BEGIN SELECT 'a;b'; SELECT \"c;d\"; END $$\n\
         CREATE EVENT {e} ON SCHEDULE EVERY 1 HOUR STARTS '2030-01-01 00:00:00' DISABLE COMMENT 'it''s' DO BEGIN DELETE FROM {t}; END $$\nDELIMITER ;\n",
        f = q("f`n; drop"),
        a = q("a`rg"),
        p = q("p'roc"),
        e = q("ev\"nt;"),
        t = q("select"),
    ));
    sql
}
