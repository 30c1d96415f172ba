//! strata's PostgreSQL migration rules next to Squawk's (`squawk-cli`,
//! pinned in tests/python/requirements.txt and installed into ./.venv by
//! scripts/setup-python-deps).
//!
//! Both lint every script in `tests/fixtures/postgres/` twice: as a plain
//! file (Squawk with no options), and as a revision's `up.sql`, which
//! strata's runner wraps in a transaction unless its first line is
//! `-- strata:no-transaction` (Squawk with `--assume-in-transaction` in the
//! same cases). For every strata rule with a Squawk counterpart (the table
//! in `src/migration/mod.rs`, mirrored by [`PAIRS`]), the lines the two
//! flag must be the same, except for the differences listed in [`KNOWN`],
//! each of which the module docs explain. `cargo nextest run -p
//! strata-lint --test squawk_overlap --no-capture` prints the comparison.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use strata_lint::migration::{self, LintOptions, ScriptKind, Source};
use strata_model::Dialect;

/// The Squawk release the comparison (and the module docs) describe.
const SQUAWK_VERSION: &str = "squawk 2.70.0";

/// strata rule → the Squawk rules that flag the same operations. The
/// "Squawk" column of the rule table in `src/migration/mod.rs`.
const PAIRS: &[(&str, &[&str])] = &[
    (
        "not-null-column-without-default",
        &["adding-required-field"],
    ),
    ("set-not-null", &["adding-not-nullable-field"]),
    (
        "index-without-concurrently",
        &["require-concurrent-index-creation"],
    ),
    (
        "drop-index-without-concurrently",
        &["require-concurrent-index-deletion"],
    ),
    (
        "concurrently-in-transaction",
        &["ban-concurrent-index-creation-in-transaction"],
    ),
    ("column-type-change", &["changing-column-type"]),
    (
        "constraint-without-not-valid",
        &[
            "constraint-missing-not-valid",
            "adding-foreign-key-constraint",
        ],
    ),
    (
        "constraint-builds-index",
        &[
            "disallowed-unique-constraint",
            "adding-serial-primary-key-field",
        ],
    ),
    ("add-column-rewrites-table", &["adding-field-with-default"]),
    ("rename-column", &["renaming-column"]),
    ("rename-table", &["renaming-table"]),
    ("drop-column", &["ban-drop-column"]),
    ("drop-table", &["ban-drop-table"]),
    ("drop-database", &["ban-drop-database"]),
    ("truncate-table", &["ban-truncate-cascade"]),
    ("missing-lock-timeout", &["require-lock-timeout"]),
    (
        "int-primary-key",
        &["prefer-bigint-over-int", "prefer-bigint-over-smallint"],
    ),
    ("serial-column", &["prefer-identity"]),
    ("char-column", &["ban-char-field"]),
    ("timestamp-without-time-zone", &["prefer-timestamp-tz"]),
    ("transaction-nesting", &["transaction-nesting"]),
    ("table-rewrite", &["require-concurrent-reindex"]),
];

/// Squawk rules strata leaves out on purpose; the module docs say why.
/// They fire on the fixtures and are only counted.
const SQUAWK_ONLY: &[&str] = &[
    "prefer-robust-stmts",
    "require-statement-timeout",
    "prefer-text-field",
    "ban-drop-not-null",
    "ban-drop-schema",
    "ban-drop-constraint",
    "require-concurrent-partition-detach",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mode {
    /// A plain SQL file; Squawk with no options.
    File,
    /// A revision's up script; Squawk with `--assume-in-transaction` unless
    /// the script starts with `-- strata:no-transaction`.
    Revision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Only {
    Strata,
    Squawk,
}

/// Every line where the two disagree: `fixture:line strata-rule who mode
/// reason`, where `who` is the side that flags the line (`squawk`: one of
/// the pair's Squawk rules), `mode` is `file`, `revision` or `both`, and
/// `reason` a key of [`REASONS`]. Each reason is said in the rule table of
/// `src/migration/mod.rs`.
const KNOWN: &str = "
created_table_changes.sql:7  not-null-column-without-default  squawk both     same-script
created_table_changes.sql:7  missing-lock-timeout             squawk both     same-script
created_table_changes.sql:8  set-not-null                     squawk both     same-script
created_table_changes.sql:9  column-type-change               squawk both     same-script
created_table_changes.sql:10 constraint-builds-index          squawk file     same-script-outside-transaction
created_table_changes.sql:10 constraint-without-not-valid     squawk file     same-script-outside-transaction
created_table_changes.sql:11 constraint-without-not-valid     squawk file     same-script-outside-transaction
created_table_changes.sql:12 index-without-concurrently       squawk file     same-script-outside-transaction
created_table_changes.sql:13 rename-column                    squawk both     same-script
created_table_changes.sql:14 drop-column                      squawk both     same-script
created_table_changes.sql:15 drop-index-without-concurrently  squawk both     same-script
created_table_changes.sql:17 rename-table                     squawk both     same-script
create_table.sql:10          index-without-concurrently       squawk file     same-script-outside-transaction
add_column_rewrite.sql:9     not-null-column-without-default  squawk both     serial-not-null
drop_index.sql:5             concurrently-in-transaction      strata revision only-create-index-concurrently
detach_partition.sql:5       concurrently-in-transaction      strata revision only-create-index-concurrently
unique_constraint.sql:4      constraint-without-not-valid     squawk both     not-valid-on-unique
unique_constraint.sql:5      constraint-without-not-valid     squawk both     not-valid-on-unique
add_column_rewrite.sql:9     add-column-rewrites-table        strata both     serial-default
add_column_rewrite.sql:10    add-column-rewrites-table        squawk both     unknown-function-default
truncate.sql:4               truncate-table                   strata both     truncate-without-cascade
create_index_without_lock_timeout.sql:2 missing-lock-timeout  squawk both     lock-timeout-concurrently
drop_database.sql:2          missing-lock-timeout             squawk both     lock-timeout-drop-database
lock_timeout_set_config.sql:4 missing-lock-timeout            squawk both     lock-timeout-set-config
create_table.sql:2           missing-lock-timeout             squawk both     lock-timeout-references
create_table.sql:6           int-primary-key                  squawk both     every-int
create_table.sql:14          int-primary-key                  squawk both     every-int
create_table.sql:15          int-primary-key                  squawk both     every-int
column_type.sql:6            timestamp-without-time-zone      squawk both     alter-column-type
explicit_transaction.sql:6   transaction-nesting              squawk revision commit-of-pair
maintenance.sql:4            table-rewrite                    strata both     only-reindex
maintenance.sql:6            table-rewrite                    strata both     only-reindex
";

/// Why the two differ, by the keys [`KNOWN`] uses.
const REASONS: &[(&str, &str)] = &[
    (
        "same-script",
        "strata skips tables (and indexes) created in the same script; Squawk does not",
    ),
    (
        "same-script-outside-transaction",
        "strata skips tables created in the same script; Squawk only inside a transaction",
    ),
    (
        "serial-not-null",
        "a serial column is never NULL: strata skips serial, identity and generated columns, Squawk only the last two",
    ),
    (
        "only-create-index-concurrently",
        "Squawk flags only CREATE INDEX CONCURRENTLY in a transaction; strata every CONCURRENTLY that cannot run in one",
    ),
    (
        "not-valid-on-unique",
        "Squawk's constraint-missing-not-valid also fires on UNIQUE and PRIMARY KEY, which cannot be NOT VALID (strata: constraint-builds-index)",
    ),
    (
        "serial-default",
        "Squawk does not flag a serial column, whose sequence fills every existing row",
    ),
    (
        "unknown-function-default",
        "Squawk flags a default calling any function it does not know to be safe; current_setting() is STABLE, evaluated once",
    ),
    (
        "truncate-without-cascade",
        "Squawk flags only TRUNCATE … CASCADE; strata any TRUNCATE of an existing table",
    ),
    (
        "lock-timeout-concurrently",
        "Squawk asks for lock_timeout before CREATE INDEX CONCURRENTLY, whose lock does not conflict with writes",
    ),
    (
        "lock-timeout-drop-database",
        "Squawk asks for lock_timeout before DROP DATABASE, which takes no table lock",
    ),
    (
        "lock-timeout-set-config",
        "Squawk does not see lock_timeout set with set_config()",
    ),
    (
        "lock-timeout-references",
        "CREATE TABLE … REFERENCES locks the referenced table; strata does not count it (a gap)",
    ),
    (
        "every-int",
        "Squawk flags every int and smallint column; strata only primary keys and identity columns",
    ),
    (
        "alter-column-type",
        "strata checks column definitions, not the new type of ALTER COLUMN … TYPE (column-type-change flags that statement)",
    ),
    (
        "commit-of-pair",
        "in a migration tool's transaction Squawk flags both ends of a BEGIN … COMMIT pair; strata the BEGIN",
    ),
    (
        "only-reindex",
        "Squawk flags only REINDEX; strata also VACUUM FULL, CLUSTER and REFRESH MATERIALIZED VIEW",
    ),
];

/// A documented difference.
struct Known {
    fixture: String,
    line: usize,
    rule: &'static str,
    only: Only,
    modes: Vec<Mode>,
    why: &'static str,
}

fn known() -> Vec<Known> {
    KNOWN
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            let [at, rule, who, mode, reason] = cells[..] else {
                panic!("KNOWN: `fixture:line rule who mode reason`, not {l:?}");
            };
            let (fixture, line) = at.split_once(':').expect("fixture:line");
            Known {
                fixture: fixture.to_string(),
                line: line.parse().expect("a line number"),
                rule: PAIRS
                    .iter()
                    .find(|(s, _)| *s == rule)
                    .unwrap_or_else(|| panic!("KNOWN names {rule}, which is not in PAIRS"))
                    .0,
                only: match who {
                    "strata" => Strata,
                    "squawk" => Squawk,
                    _ => panic!("KNOWN: who is strata or squawk, not {who}"),
                },
                modes: match mode {
                    "file" => vec![File],
                    "revision" => vec![Revision],
                    "both" => vec![File, Revision],
                    _ => panic!("KNOWN: mode is file, revision or both, not {mode}"),
                },
                why: REASONS
                    .iter()
                    .find(|(k, _)| *k == reason)
                    .unwrap_or_else(|| panic!("KNOWN: no reason {reason} in REASONS"))
                    .1,
            }
        })
        .collect()
}

use Mode::{File, Revision};
use Only::{Squawk, Strata};

/// `../../.venv/bin/squawk`, at the pinned version; anything else fails
/// with the command that installs it.
fn squawk() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/squawk");
    let fix =
        "run ./scripts/setup-python-deps (scripts/test does) to install the pinned squawk-cli";
    assert!(path.is_file(), "{} is missing: {fix}", path.display());
    let out = Command::new(&path)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("{} does not run ({e}): {fix}", path.display()));
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert_eq!(
        version,
        SQUAWK_VERSION,
        "{} is not the pinned version: {fix}",
        path.display()
    );
    path
}

fn fixtures() -> Vec<(String, PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postgres");
    let mut out: Vec<(String, PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .map(|p| {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .expect("utf-8 name")
                .to_string();
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, p, text)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 10, "fixtures missing in {}", dir.display());
    out
}

fn no_transaction(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|l| l.trim().eq_ignore_ascii_case("-- strata:no-transaction"))
}

/// (rule, 1-based line) of each strata finding, `parse-error` notes left out.
fn strata(name: &str, text: &str, mode: Mode) -> Vec<(String, usize)> {
    let kind = match mode {
        File => ScriptKind::File,
        Revision => ScriptKind::Revision {
            no_transaction: no_transaction(text),
        },
    };
    let source = Source {
        path: name.to_string(),
        dialect: Dialect::Postgres,
        kind,
    };
    // Every PostgreSQL rule, opt-in ones included.
    let options = LintOptions {
        rules: postgres_rules().iter().map(|r| r.to_string()).collect(),
    };
    migration::lint(&source, text, &options)
        .expect("the rules exist")
        .into_iter()
        .map(|f| (f.rule.to_string(), f.line))
        .collect()
}

/// (rule, 1-based line) of each Squawk finding.
fn squawk_findings(bin: &Path, path: &Path, text: &str, mode: Mode) -> Vec<(String, usize)> {
    let mut cmd = Command::new(bin);
    cmd.args(["--reporter", "json"]);
    if mode == Revision && !no_transaction(text) {
        cmd.arg("--assume-in-transaction");
    }
    // No .squawk.toml above the fixtures: Squawk's defaults.
    cmd.arg(path)
        .current_dir(path.parent().expect("fixture dir"));
    let out = cmd.output().expect("squawk runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "squawk failed on {}: {}\n{stdout}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("squawk's JSON for {}: {e}\n{stdout}", path.display()));
    doc.as_array()
        .expect("a JSON array")
        .iter()
        .map(|v| {
            let rule = v["rule_name"].as_str().expect("rule_name").to_string();
            // Squawk counts lines from 0.
            let line = v["line"].as_u64().expect("line") as usize + 1;
            (rule, line)
        })
        .collect()
}

fn postgres_rules() -> Vec<&'static str> {
    migration::RULES
        .iter()
        .filter(|r| r.info.dialects.contains(&Dialect::Postgres))
        .map(|r| r.info.id)
        .collect()
}

/// A line one side flags: (mode, fixture, strata rule, line, side).
type Difference = (Mode, String, &'static str, usize, Only);

#[derive(Default)]
struct Tally {
    /// (mode, fixture:line) both flag.
    both: BTreeSet<(Mode, String)>,
    strata_only: usize,
    squawk_only: usize,
}

#[test]
fn strata_and_squawk_flag_the_same_lines_except_the_documented_differences() {
    let bin = squawk();
    // The pairs cover every PostgreSQL rule exactly once.
    let mut covered: Vec<&str> = PAIRS.iter().map(|(s, _)| *s).collect();
    covered.sort();
    let mut rules = postgres_rules();
    rules.sort();
    assert_eq!(covered, rules, "PAIRS must list each PostgreSQL rule once");

    let mut differences: BTreeSet<Difference> = BTreeSet::new();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut squawk_only_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut unmapped: BTreeSet<String> = BTreeSet::new();
    for (name, path, text) in fixtures() {
        for mode in [File, Revision] {
            let ours = strata(&name, &text, mode);
            let theirs = squawk_findings(&bin, &path, &text, mode);
            for (rule, line) in &theirs {
                let known = PAIRS.iter().any(|(_, sq)| sq.contains(&rule.as_str()))
                    || SQUAWK_ONLY.contains(&rule.as_str());
                if !known {
                    unmapped.insert(format!("{rule} ({name}:{line})"));
                }
                if SQUAWK_ONLY.contains(&rule.as_str()) {
                    *squawk_only_counts.entry(rule.clone()).or_default() += 1;
                }
            }
            for (ours_id, theirs_ids) in PAIRS {
                let a: BTreeSet<usize> = ours
                    .iter()
                    .filter(|(r, _)| r == ours_id)
                    .map(|(_, l)| *l)
                    .collect();
                let b: BTreeSet<usize> = theirs
                    .iter()
                    .filter(|(r, _)| theirs_ids.contains(&r.as_str()))
                    .map(|(_, l)| *l)
                    .collect();
                let tally = tallies.entry(ours_id).or_default();
                for line in a.intersection(&b) {
                    tally.both.insert((mode, format!("{name}:{line}")));
                }
                for line in a.difference(&b) {
                    tally.strata_only += 1;
                    differences.insert((mode, name.clone(), ours_id, *line, Strata));
                }
                for line in b.difference(&a) {
                    tally.squawk_only += 1;
                    differences.insert((mode, name.clone(), ours_id, *line, Squawk));
                }
            }
        }
    }

    // The comparison, for --no-capture.
    let mut summary =
        String::from("strata rule -> Squawk rule(s): lines both flag (file / revision mode)\n");
    for (ours_id, theirs_ids) in PAIRS {
        let t = &tallies[ours_id];
        let lines = |m: Mode| {
            let at: Vec<&str> = t
                .both
                .iter()
                .filter(|(mode, _)| *mode == m)
                .map(|(_, at)| at.as_str())
                .collect();
            if at.is_empty() {
                "(none)".to_string()
            } else {
                at.join(", ")
            }
        };
        let _ = writeln!(
            summary,
            "{ours_id} -> {}\n    file: {}\n    revision: {}\n    only strata: {}, only Squawk: {}",
            theirs_ids.join(", "),
            lines(File),
            lines(Revision),
            t.strata_only,
            t.squawk_only
        );
    }
    let _ = writeln!(
        summary,
        "Squawk only (left out on purpose): {squawk_only_counts:?}"
    );
    let known = known();
    let _ = writeln!(summary, "documented differences:");
    for k in &known {
        let _ = writeln!(
            summary,
            "  {}:{} {} only {:?} ({:?}): {}",
            k.fixture, k.line, k.rule, k.only, k.modes, k.why
        );
    }
    println!("{summary}");

    assert!(
        unmapped.is_empty(),
        "Squawk rules neither PAIRS nor SQUAWK_ONLY knows (a syntax error in a fixture, or a \
         rule to map and document): {unmapped:?}"
    );
    // Every pair agrees somewhere: the mapping is real, not just tolerated.
    for (ours_id, theirs_ids) in PAIRS {
        assert!(
            !tallies[ours_id].both.is_empty(),
            "{ours_id} and {theirs_ids:?} never flag the same line: add a fixture where both fire"
        );
    }

    // The differences are exactly the documented ones.
    let mut expected: BTreeSet<Difference> = BTreeSet::new();
    for k in &known {
        for mode in &k.modes {
            assert!(
                expected.insert((*mode, k.fixture.clone(), k.rule, k.line, k.only)),
                "KNOWN lists {}:{} {} twice",
                k.fixture,
                k.line,
                k.rule
            );
        }
    }
    let unexplained: Vec<String> = differences
        .difference(&expected)
        .map(|(m, f, r, l, o)| format!("{m:?} {f}:{l} {r} only {o:?}"))
        .collect();
    let gone: Vec<String> = expected
        .difference(&differences)
        .map(|(m, f, r, l, o)| format!("{m:?} {f}:{l} {r} only {o:?}"))
        .collect();
    assert!(
        unexplained.is_empty() && gone.is_empty(),
        "differences not in KNOWN (explain them in src/migration/mod.rs and list them):\n  {}\n\
         KNOWN differences that did not happen:\n  {}",
        unexplained.join("\n  "),
        gone.join("\n  ")
    );
}

/// The rule table in `src/migration/mod.rs` names the same Squawk rules as
/// [`PAIRS`], and the docs name every rule of [`SQUAWK_ONLY`].
#[test]
fn the_module_docs_table_matches_the_mapping() {
    let docs = include_str!("../src/migration/mod.rs");
    let ticked = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let mut rows = 0;
    for line in docs.lines() {
        let Some(row) = line.strip_prefix("//! | `") else {
            continue;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        let id = cells[0].trim_end_matches('`');
        let documented = ticked(cells[3]);
        let mapped: Vec<String> = PAIRS
            .iter()
            .find(|(s, _)| *s == id)
            .map(|(_, sq)| sq.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default();
        if postgres_rules().contains(&id) {
            assert_eq!(documented, mapped, "the Squawk column of {id}'s row");
        }
        rows += 1;
    }
    assert_eq!(rows, migration::RULES.len(), "one row per rule");
    for rule in SQUAWK_ONLY {
        assert!(
            docs.contains(&format!("`{rule}`")),
            "the module docs do not say why strata leaves out Squawk's {rule}"
        );
    }
}
