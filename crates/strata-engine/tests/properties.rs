//! Property tests: for random pairs of small schemas A and B, the plan
//! A -> B applied to a database at A (with rows in it) leaves nothing to
//! do, and the rows of the columns both sides have are still there, on
//! every database. The path is `strata apply`'s: the engine's `compare` of
//! two live databases and `apply`.
//!
//! B is A after a few random mutations (columns added, dropped, retyped,
//! made (not) nullable, defaults, indexes, uniques, checks, foreign keys,
//! tables added and dropped), so that the pair shares most objects and the
//! plans alter rather than recreate. Names are hostile: spaces, quotes,
//! backslashes, unicode and reserved words. A failure shrinks to the
//! smallest pair, printed as the two SQL scripts.
//!
//! Rows: three in every table of A, each row's value the row number in
//! every column (as text in text columns). That satisfies every unique,
//! check and foreign key the generator writes, before and after a type
//! change, so a failing apply is the plan's fault. Columns B adds are
//! nullable or have a default.
//!
//! Cases per database: 16, or `PROPTEST_CASES`.

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::RngSeed;
use std::fmt;
use strata_diff::DiffOptions;
use strata_diff::plan::summary;
use strata_engine::{Source, SourceOptions, apply, compare, driver_for};
use strata_model::Dialect;
use strata_testkit::TestDb;

// ------------------------------------------------------------------ the model

#[derive(Clone, Debug, PartialEq)]
struct Col {
    id: usize,
    /// Index into the dialect's type list.
    ty: usize,
    not_null: bool,
    default: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Idx {
    id: usize,
    cols: Vec<usize>,
    unique: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Fk {
    id: usize,
    /// The referencing column (an integer column of its own).
    col: usize,
    target: usize,
}

#[derive(Clone, Debug, PartialEq)]
struct Tbl {
    id: usize,
    cols: Vec<Col>,
    indexes: Vec<Idx>,
    /// Unique constraints (MySQL: unique keys), by column ids.
    uniques: Vec<(usize, Vec<usize>)>,
    /// A check on one column, written for its type.
    checks: Vec<(usize, usize)>,
    fks: Vec<Fk>,
    next: usize,
}

#[derive(Clone, Debug, PartialEq, Default)]
struct Schema {
    tables: Vec<Tbl>,
    next_table: usize,
}

/// One database's spelling of the generated schemas.
#[derive(Clone, Copy, Debug)]
struct Lang {
    dialect: Dialect,
    /// Column types that convert into each other for the rows we write.
    types: &'static [&'static str],
    int: &'static str,
    /// Which of `types` are text.
    text: fn(&str) -> bool,
    length: &'static str,
}

const PG: Lang = Lang {
    dialect: Dialect::Postgres,
    types: &[
        "integer",
        "bigint",
        "smallint",
        "numeric(10,2)",
        "double precision",
        "real",
        "text",
        "character varying(20)",
    ],
    int: "integer",
    text: |t| t == "text" || t.starts_with("character"),
    length: "length",
};

const MYSQL: Lang = Lang {
    dialect: Dialect::Mysql,
    // No TEXT: it cannot be indexed without a prefix length.
    types: &[
        "int",
        "bigint",
        "smallint",
        "decimal(10,2)",
        "double",
        "varchar(20)",
        "varchar(40)",
    ],
    int: "int",
    text: |t| t.starts_with("varchar"),
    length: "char_length",
};

const SQLITE: Lang = Lang {
    dialect: Dialect::Sqlite,
    types: &[
        "INTEGER",
        "BIGINT",
        "REAL",
        "NUMERIC(10,2)",
        "TEXT",
        "VARCHAR(20)",
    ],
    int: "INTEGER",
    text: |t| t == "TEXT" || t.starts_with("VARCHAR"),
    length: "length",
};

/// Names that break careless quoting. Distinct when lower-cased: MySQL and
/// SQLite compare column names without case.
const TABLE_NAMES: &[&str] = &[
    "select",
    "order items",
    "it's",
    "we\"ird",
    "Ünïcödé 表",
    "back\\slash",
    "MiXeD",
    "table",
];
const COLUMN_NAMES: &[&str] = &[
    "from", "col umn", "quote'd", "dq\"x", "ñandú", "group", "x", "; --",
];

fn name(pool: &[&str], id: usize) -> String {
    let base = pool[id % pool.len()];
    match id / pool.len() {
        0 => base.to_string(),
        n => format!("{base} {n}"),
    }
}

fn table_name(id: usize) -> String {
    name(TABLE_NAMES, id)
}

/// The primary key column is `id` with a twist per table.
fn pk_name(table: usize) -> String {
    format!("Id {table}")
}

fn col_name(id: usize) -> String {
    name(COLUMN_NAMES, id)
}

impl Lang {
    fn q(&self, s: &str) -> String {
        match self.dialect {
            Dialect::Mysql => format!("`{}`", s.replace('`', "``")),
            _ => format!("\"{}\"", s.replace('"', "\"\"")),
        }
    }

    fn is_text(&self, ty: usize) -> bool {
        (self.text)(self.types[ty])
    }

    fn literal(&self, s: &str) -> String {
        let s = s.replace('\'', "''");
        match self.dialect {
            Dialect::Mysql => format!("'{}'", s.replace('\\', "\\\\")),
            _ => format!("'{s}'"),
        }
    }

    fn value(&self, ty: usize, row: usize) -> String {
        if self.is_text(ty) {
            self.literal(&row.to_string())
        } else {
            row.to_string()
        }
    }

    fn check(&self, t: &Tbl, col: usize) -> Option<String> {
        let c = t.cols.iter().find(|c| c.id == col)?;
        let q = self.q(&col_name(col));
        Some(if self.is_text(c.ty) {
            format!("{}({q}) < 100", self.length)
        } else {
            format!("{q} >= 0")
        })
    }

    fn column(&self, c: &Col) -> String {
        let mut out = format!("{} {}", self.q(&col_name(c.id)), self.types[c.ty]);
        if c.not_null {
            out.push_str(" NOT NULL");
        }
        if c.default {
            let d = if self.is_text(c.ty) {
                self.literal("it's \\ ok")
            } else {
                "7".into()
            };
            out.push_str(&format!(" DEFAULT {d}"));
        }
        out
    }

    /// The schema as a script of CREATE statements.
    fn script(&self, s: &Schema) -> String {
        let mut out = String::new();
        for t in &s.tables {
            let q = |x: &str| self.q(x);
            let tn = q(&table_name(t.id));
            let mut parts = vec![format!(
                "{} {} NOT NULL PRIMARY KEY",
                q(&pk_name(t.id)),
                self.int
            )];
            parts.extend(t.cols.iter().map(|c| self.column(c)));
            let cols = |ids: &[usize]| {
                ids.iter()
                    .map(|c| q(&col_name(*c)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            for (id, u) in &t.uniques {
                let n = q(&format!("uq {} {id}", t.id));
                parts.push(match self.dialect {
                    Dialect::Mysql => format!("UNIQUE KEY {n} ({})", cols(u)),
                    _ => format!("CONSTRAINT {n} UNIQUE ({})", cols(u)),
                });
            }
            for (id, c) in &t.checks {
                if let Some(expr) = self.check(t, *c) {
                    parts.push(format!(
                        "CONSTRAINT {} CHECK ({expr})",
                        q(&format!("ck {} {id}", t.id))
                    ));
                }
            }
            for fk in &t.fks {
                parts.push(format!(
                    "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
                    q(&format!("fk {} {}", t.id, fk.id)),
                    q(&col_name(fk.col)),
                    q(&table_name(fk.target)),
                    q(&pk_name(fk.target))
                ));
            }
            out.push_str(&format!(
                "CREATE TABLE {tn} (\n  {}\n);\n",
                parts.join(",\n  ")
            ));
            for i in &t.indexes {
                out.push_str(&format!(
                    "CREATE {}INDEX {} ON {tn} ({});\n",
                    if i.unique { "UNIQUE " } else { "" },
                    q(&format!("ix {} {}", t.id, i.id)),
                    cols(&i.cols)
                ));
            }
        }
        out
    }

    /// Three rows in every table, in creation order (foreign keys point to
    /// earlier tables).
    fn rows(&self, s: &Schema) -> String {
        let mut out = String::new();
        for t in &s.tables {
            let mut names = vec![self.q(&pk_name(t.id))];
            names.extend(t.cols.iter().map(|c| self.q(&col_name(c.id))));
            let values: Vec<String> = (1..=3)
                .map(|r| {
                    let mut v = vec![r.to_string()];
                    v.extend(t.cols.iter().map(|c| self.value(c.ty, r)));
                    format!("({})", v.join(", "))
                })
                .collect();
            out.push_str(&format!(
                "INSERT INTO {} ({}) VALUES {};\n",
                self.q(&table_name(t.id)),
                names.join(", "),
                values.join(", ")
            ));
        }
        out
    }
}

// ------------------------------------------------------------- generation

fn col_strategy(lang: Lang) -> impl Strategy<Value = (usize, bool, bool)> {
    (0..lang.types.len(), any::<bool>(), any::<bool>())
}

#[derive(Clone, Debug)]
struct TableSpec {
    cols: Vec<(usize, bool, bool)>,
    index: Option<(Vec<Index>, bool)>,
    unique: Option<Index>,
    check: Option<Index>,
    fk: Option<Index>,
}

fn table_strategy(lang: Lang) -> impl Strategy<Value = TableSpec> {
    (
        prop::collection::vec(col_strategy(lang), 1..=3),
        prop::option::of((prop::collection::vec(any::<Index>(), 1..=2), any::<bool>())),
        prop::option::of(any::<Index>()),
        prop::option::of(any::<Index>()),
        prop::option::weighted(0.6, any::<Index>()),
    )
        .prop_map(|(cols, index, unique, check, fk)| TableSpec {
            cols,
            index,
            unique,
            check,
            fk,
        })
}

fn build(specs: Vec<TableSpec>) -> Schema {
    let mut s = Schema::default();
    for spec in specs {
        let id = s.next_table;
        s.next_table += 1;
        let mut t = Tbl {
            id,
            cols: Vec::new(),
            indexes: Vec::new(),
            uniques: Vec::new(),
            checks: Vec::new(),
            fks: Vec::new(),
            next: 0,
        };
        for (ty, not_null, default) in spec.cols {
            let cid = t.next;
            t.next += 1;
            t.cols.push(Col {
                id: cid,
                ty,
                not_null,
                default,
            });
        }
        add_objects(&mut t, spec.index, spec.unique, spec.check);
        if let Some(target) = spec.fk
            && !s.tables.is_empty()
        {
            let target = target.get(&s.tables).id;
            add_fk(&mut t, target);
        }
        s.tables.push(t);
    }
    s
}

fn add_objects(
    t: &mut Tbl,
    index: Option<(Vec<Index>, bool)>,
    unique: Option<Index>,
    check: Option<Index>,
) {
    if let Some((cols, unique)) = index {
        let mut ids: Vec<usize> = cols.iter().map(|i| i.get(&t.cols).id).collect();
        ids.dedup();
        let id = t.next;
        t.next += 1;
        t.indexes.push(Idx {
            id,
            cols: ids,
            unique,
        });
    }
    if let Some(c) = unique {
        let col = c.get(&t.cols).id;
        let id = t.next;
        t.next += 1;
        t.uniques.push((id, vec![col]));
    }
    if let Some(c) = check {
        let col = c.get(&t.cols).id;
        if !t.checks.iter().any(|(_, x)| *x == col) {
            let id = t.next;
            t.next += 1;
            t.checks.push((id, col));
        }
    }
}

/// A new nullable integer column referencing `target`'s key.
fn add_fk(t: &mut Tbl, target: usize) {
    let col = t.next;
    t.next += 1;
    t.cols.push(Col {
        id: col,
        ty: 0,
        not_null: false,
        default: false,
    });
    let id = t.next;
    t.next += 1;
    t.fks.push(Fk { id, col, target });
}

#[derive(Clone, Debug)]
enum Mutation {
    AddColumn(Index, (usize, bool)),
    DropColumn(Index, Index),
    Retype(Index, Index, usize),
    ToggleNotNull(Index, Index),
    ToggleDefault(Index, Index),
    AddObjects(Index, TableSpec),
    DropIndex(Index, Index),
    DropUnique(Index, Index),
    DropCheck(Index, Index),
    AddForeignKey(Index, Index),
    DropForeignKey(Index, Index),
    AddTable(TableSpec),
    DropTable(Index),
}

fn mutation_strategy(lang: Lang) -> impl Strategy<Value = Mutation> {
    let n = lang.types.len();
    prop_oneof![
        (any::<Index>(), (0..n, any::<bool>())).prop_map(|(t, c)| Mutation::AddColumn(t, c)),
        (any::<Index>(), any::<Index>()).prop_map(|(t, c)| Mutation::DropColumn(t, c)),
        (any::<Index>(), any::<Index>(), 0..n).prop_map(|(t, c, ty)| Mutation::Retype(t, c, ty)),
        (any::<Index>(), any::<Index>()).prop_map(|(t, c)| Mutation::ToggleNotNull(t, c)),
        (any::<Index>(), any::<Index>()).prop_map(|(t, c)| Mutation::ToggleDefault(t, c)),
        (any::<Index>(), table_strategy(lang)).prop_map(|(t, s)| Mutation::AddObjects(t, s)),
        (any::<Index>(), any::<Index>()).prop_map(|(t, i)| Mutation::DropIndex(t, i)),
        (any::<Index>(), any::<Index>()).prop_map(|(t, i)| Mutation::DropUnique(t, i)),
        (any::<Index>(), any::<Index>()).prop_map(|(t, i)| Mutation::DropCheck(t, i)),
        (any::<Index>(), any::<Index>()).prop_map(|(t, i)| Mutation::AddForeignKey(t, i)),
        (any::<Index>(), any::<Index>()).prop_map(|(t, i)| Mutation::DropForeignKey(t, i)),
        table_strategy(lang).prop_map(Mutation::AddTable),
        any::<Index>().prop_map(Mutation::DropTable),
    ]
}

/// Columns a mutation may change the type of or drop: not the ones that
/// reference another table (their type must match its key).
fn plain_cols(t: &Tbl) -> Vec<usize> {
    t.cols
        .iter()
        .map(|c| c.id)
        .filter(|id| !t.fks.iter().any(|f| f.col == *id))
        .collect()
}

fn drop_column(t: &mut Tbl, col: usize) {
    t.cols.retain(|c| c.id != col);
    for i in &mut t.indexes {
        i.cols.retain(|c| *c != col);
    }
    t.indexes.retain(|i| !i.cols.is_empty());
    for (_, u) in &mut t.uniques {
        u.retain(|c| *c != col);
    }
    t.uniques.retain(|(_, u)| !u.is_empty());
    t.checks.retain(|(_, c)| *c != col);
    t.fks.retain(|f| f.col != col);
}

/// Applies a mutation; one that does not apply (no such object) is a no-op.
/// `original` are the tables of A: only they have rows, so only they may
/// be referenced by a new foreign key of a table that has rows.
fn mutate(s: &mut Schema, m: &Mutation, original: usize) {
    if s.tables.is_empty() {
        if let Mutation::AddTable(spec) = m {
            add_table(s, spec);
        }
        return;
    }
    match m {
        Mutation::AddColumn(t, (ty, not_null)) => {
            let t = t.get_mut(&mut s.tables);
            let id = t.next;
            t.next += 1;
            // Rows exist: a NOT NULL column needs a default.
            t.cols.push(Col {
                id,
                ty: *ty,
                not_null: *not_null,
                default: *not_null,
            });
        }
        Mutation::DropColumn(t, c) => {
            let t = t.get_mut(&mut s.tables);
            if t.cols.len() > 1 {
                let col = c.get(&t.cols).id;
                drop_column(t, col);
            }
        }
        Mutation::Retype(t, c, ty) => {
            let t = t.get_mut(&mut s.tables);
            let plain = plain_cols(t);
            if !plain.is_empty() {
                let col = *c.get(&plain);
                if let Some(c) = t.cols.iter_mut().find(|x| x.id == col) {
                    c.ty = *ty;
                }
            }
        }
        Mutation::ToggleNotNull(t, c) => {
            let c = c.get_mut(&mut t.get_mut(&mut s.tables).cols);
            c.not_null = !c.not_null;
        }
        Mutation::ToggleDefault(t, c) => {
            let c = c.get_mut(&mut t.get_mut(&mut s.tables).cols);
            c.default = !c.default;
        }
        Mutation::AddObjects(t, spec) => {
            let t = t.get_mut(&mut s.tables);
            add_objects(t, spec.index.clone(), spec.unique, spec.check);
        }
        Mutation::DropIndex(t, i) => {
            let t = t.get_mut(&mut s.tables);
            if !t.indexes.is_empty() {
                t.indexes.remove(i.index(t.indexes.len()));
            }
        }
        Mutation::DropUnique(t, i) => {
            let t = t.get_mut(&mut s.tables);
            if !t.uniques.is_empty() {
                t.uniques.remove(i.index(t.uniques.len()));
            }
        }
        Mutation::DropCheck(t, i) => {
            let t = t.get_mut(&mut s.tables);
            if !t.checks.is_empty() {
                t.checks.remove(i.index(t.checks.len()));
            }
        }
        Mutation::AddForeignKey(t, target) => {
            let at = t.index(s.tables.len());
            // Earlier tables of A only: they exist and have the rows.
            let targets: Vec<usize> = s.tables[..at]
                .iter()
                .map(|x| x.id)
                .filter(|id| *id < original)
                .collect();
            if !targets.is_empty() {
                let target = *target.get(&targets);
                add_fk(&mut s.tables[at], target);
            }
        }
        Mutation::DropForeignKey(t, i) => {
            let t = t.get_mut(&mut s.tables);
            if !t.fks.is_empty() {
                // The column stays: only the constraint goes.
                t.fks.remove(i.index(t.fks.len()));
            }
        }
        Mutation::AddTable(spec) => add_table(s, spec),
        Mutation::DropTable(t) => {
            let gone = t.get(&s.tables).id;
            s.tables.retain(|x| x.id != gone);
            for x in &mut s.tables {
                x.fks.retain(|f| f.target != gone);
            }
        }
    }
}

/// Keeps B possible for A's rows: in a table that has rows, a column B
/// adds is NOT NULL only with a default (and never when it references
/// another table, whose keys the default would not match), and is in no
/// unique constraint or unique index when it has a default (every row
/// would get the same value).
fn settle(b: &mut Schema, a: &Schema) {
    for t in &mut b.tables {
        let Some(old) = a.tables.iter().find(|x| x.id == t.id) else {
            continue;
        };
        let new: Vec<usize> = t
            .cols
            .iter()
            .map(|c| c.id)
            .filter(|id| !old.cols.iter().any(|c| c.id == *id))
            .collect();
        let fk_cols: Vec<usize> = t.fks.iter().map(|f| f.col).collect();
        for c in t.cols.iter_mut().filter(|c| new.contains(&c.id)) {
            if fk_cols.contains(&c.id) {
                c.not_null = false;
                c.default = false;
            } else if c.not_null {
                c.default = true;
            }
        }
        let defaulted: Vec<usize> = t
            .cols
            .iter()
            .filter(|c| new.contains(&c.id) && c.default)
            .map(|c| c.id)
            .collect();
        let shared = |cols: &[usize]| cols.iter().any(|c| defaulted.contains(c));
        t.uniques.retain(|(_, u)| !shared(u));
        for i in &mut t.indexes {
            if shared(&i.cols) {
                i.unique = false;
            }
        }
    }
}

/// A new table (no rows); its foreign key may point to any earlier table.
fn add_table(s: &mut Schema, spec: &TableSpec) {
    let mut built = build(vec![TableSpec {
        fk: None,
        ..spec.clone()
    }]);
    let Some(mut t) = built.tables.pop() else {
        return;
    };
    t.id = s.next_table;
    s.next_table += 1;
    if let Some(target) = spec.fk
        && !s.tables.is_empty()
    {
        let target = target.get(&s.tables).id;
        add_fk(&mut t, target);
    }
    s.tables.push(t);
}

/// A pair of schemas for one database, printed as SQL when a case fails.
#[derive(Clone)]
struct Case {
    lang: Lang,
    a: Schema,
    b: Schema,
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\n-- A ({}):\n{}\n-- B:\n{}",
            self.lang.dialect,
            self.lang.script(&self.a),
            self.lang.script(&self.b)
        )
    }
}

fn case_strategy(lang: Lang) -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(table_strategy(lang), 1..=3),
        prop::collection::vec(mutation_strategy(lang), 1..=5),
    )
        .prop_map(move |(specs, mutations)| {
            let a = build(specs);
            let mut b = a.clone();
            let original = a.next_table;
            for m in &mutations {
                mutate(&mut b, m, original);
            }
            settle(&mut b, &a);
            Case { lang, a, b }
        })
}

// -------------------------------------------------------------------- running

async fn load(lang: Lang, script: &str, origin: &str) -> Result<TestDb, String> {
    let db = TestDb::create(driver_for(lang.dialect)).await;
    let mut conn = db.connect().await;
    let outcome = conn.execute_script(script, origin).await;
    conn.close().await;
    outcome.map_err(|e| format!("loading {origin}: {e}"))?;
    Ok(db)
}

/// The values of the columns A and B share, per table, as numbers where
/// they read as numbers (a retyped `1` may come back as `1.00` or `'1'`).
async fn shared_rows(lang: Lang, db: &TestDb, case: &Case) -> Result<Vec<Vec<String>>, String> {
    let mut out = Vec::new();
    let mut conn = db.connect().await;
    for t in &case.a.tables {
        let Some(u) = case.b.tables.iter().find(|x| x.id == t.id) else {
            continue;
        };
        let mut cols = vec![lang.q(&pk_name(t.id))];
        cols.extend(
            t.cols
                .iter()
                .filter(|c| u.cols.iter().any(|x| x.id == c.id))
                .map(|c| lang.q(&col_name(c.id))),
        );
        let sql = format!(
            "SELECT {} FROM {} ORDER BY 1",
            cols.join(", "),
            lang.q(&table_name(t.id))
        );
        let rows = conn
            .query_rows(&sql)
            .await
            .map_err(|e| format!("{sql}: {e}"))?;
        for r in rows {
            out.push(
                r.into_iter()
                    .map(|v| {
                        let v = v.unwrap_or_else(|| "NULL".into());
                        v.trim().parse::<f64>().map(|n| n.to_string()).unwrap_or(v)
                    })
                    .collect(),
            );
        }
    }
    conn.close().await;
    Ok(out)
}

async fn check(case: &Case) -> Result<(), String> {
    let lang = case.lang;
    let db_a = load(lang, &lang.script(&case.a), "A").await?;
    let db_b = load(lang, &lang.script(&case.b), "B").await?;
    {
        let mut conn = db_a.connect().await;
        let outcome = conn.execute_script(&lang.rows(&case.a), "rows").await;
        conn.close().await;
        outcome.map_err(|e| format!("rows for A: {e}"))?;
    }
    let before = shared_rows(lang, &db_a, case).await?;

    let (a, b) = (
        Source::Database(db_a.url.clone()),
        Source::Database(db_b.url.clone()),
    );
    let options = SourceOptions::default();
    let c = compare(&a, &b, &options, &DiffOptions::default())
        .await
        .map_err(|e| format!("compare: {e}"))?;
    let statements = c.plan.render(c.dialect).map_err(|e| e.to_string())?;
    let script = c.dialect.script(&statements);
    let (pre, post) = c.dialect.around_transaction(&c.plan);
    let mut conn = db_a.connect().await;
    let outcome = apply::apply(
        conn.as_mut(),
        &statements,
        c.dialect.transactional_ddl(),
        (&pre, &post),
    )
    .await;
    conn.close().await;
    outcome.map_err(|e| format!("apply: {e}\n--- plan:\n{script}"))?;

    let again = compare(&a, &b, &options, &DiffOptions::default())
        .await
        .map_err(|e| format!("compare after apply: {e}"))?;
    if !again.plan.is_empty() {
        let left: Vec<String> = again
            .plan
            .steps
            .iter()
            .map(|s| summary(&s.change))
            .collect();
        return Err(format!(
            "still different after the plan: {left:#?}\n--- plan:\n{script}"
        ));
    }
    let after = shared_rows(lang, &db_a, case).await?;
    if after != before {
        return Err(format!(
            "rows changed: {before:?} -> {after:?}\n--- plan:\n{script}"
        ));
    }
    Ok(())
}

fn run_case(case: &Case) -> Result<(), TestCaseError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    rt.block_on(check(case)).map_err(TestCaseError::fail)
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    ProptestConfig {
        cases,
        // Each case creates two databases: keep shrinking bounded.
        max_shrink_iters: 256,
        // No regression files in the source tree; the failing pair is
        // printed as SQL instead.
        failure_persistence: None,
        // The suite is a gate: the same cases every run, so a red run is a
        // regression and not a new random draw. Explore other cases with
        // PROPTEST_RNG_SEED=<n> (and PROPTEST_CASES=<n>).
        rng_seed: std::env::var("PROPTEST_RNG_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(RngSeed::Fixed(20261125)),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn postgres_plans_converge_and_keep_rows(case in case_strategy(PG)) {
        run_case(&case)?;
    }

    #[test]
    fn mariadb_plans_converge_and_keep_rows(case in case_strategy(MYSQL)) {
        run_case(&case)?;
    }

    #[test]
    fn sqlite_plans_converge_and_keep_rows(case in case_strategy(SQLITE)) {
        run_case(&case)?;
    }
}
