//! The command line, as clap parses it. Validation into typed options happens
//! in each command.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "strata",
    version,
    about = "Inspect, diff, migrate, generate code from and watch relational database schemas",
    long_about = "strata reads schemas from sources (a database URL, a JSON snapshot, or desired-state SQL) \
                  and works on PostgreSQL, MySQL/MariaDB and SQLite with one model.\n\n\
                  Exit codes: 0 ok / no difference, 1 difference or finding, 2 error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read a schema and print it as text, JSON (a snapshot), SQL DDL, an ER
    /// diagram (Mermaid, DOT) or one Markdown document.
    Inspect(InspectArgs),
    /// Compare two schemas and print the SQL (or a report, or an Alembic
    /// revision) that turns FROM into TO.
    ///
    /// Exit code 0: no difference; 1: differences; 2: error, or destructive
    /// changes held back without --unsafe.
    Diff(DiffArgs),
    /// Bring a database to a desired state: plan, print, then run the plan.
    Apply(ApplyArgs),
    /// Versioned migrations: init, new, up, down, status, history, heads,
    /// branches, merge, stamp, check, verify.
    Migrate(MigrateArgs),
    /// Generate documentation: a static HTML site (ER diagrams, a page per
    /// object, search) or Markdown pages with Mermaid diagrams.
    ///
    /// Exit code 0: written (or, with --check, up to date); 1: with --check,
    /// stale, missing or extra files (listed); 2: error.
    Docs(DocsArgs),
    /// Lint migration scripts for risky operations (FILES…, --migrations), or
    /// a schema for structural problems (--schema: tables without a primary
    /// key, foreign keys without an index…).
    ///
    /// Exit code 0: no finding; 1: findings; 2: error.
    Lint(LintArgs),
    /// Generate model code (SQLAlchemy, SQLModel, Django, SeaORM, Diesel, sqlx)
    /// from a schema.
    ///
    /// Exit code 0: written (or, with --check, up to date); 1: with --check,
    /// regenerating would change files (the diff is printed); 2: error.
    Codegen(CodegenArgs),
    /// Compare environments (or a fleet of databases or tenant schemas) with
    /// a reference: exit 1 on drift, with what differs and the SQL to fix it.
    Drift(DriftArgs),
    /// Prove the migrations on a throw-away database: one head, base to
    /// head, every revision up/down/up with down leaving no trace, and head
    /// equal to the desired schema.
    Test(TestArgs),
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The desired schema head must equal (default: `schema` in strata.toml).
    #[arg(long, value_name = "SOURCE")]
    pub schema: Option<String>,
    /// Also write a JUnit XML report for CI.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    #[command(flatten)]
    pub common: MigrateCommon,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    #[command(subcommand)]
    pub command: MigrateCommand,
    #[command(flatten)]
    pub common: MigrateCommon,
}

/// Where the migrations and the database are.
#[derive(Debug, Args, Clone, Default)]
pub struct MigrateCommon {
    /// The database to migrate. Default: `--env`, then `url` in strata.toml,
    /// then $DATABASE_URL.
    #[arg(long, global = true, value_name = "URL")]
    pub database: Option<String>,
    /// A named environment from strata.toml (`[env.NAME]`).
    #[arg(long, global = true, value_name = "NAME")]
    pub env: Option<String>,
    /// The migrations directory. Default: `migrations` in strata.toml, else ./migrations.
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// How long to wait for another runner's lock, in seconds.
    #[arg(long, global = true, default_value_t = 60)]
    pub lock_timeout: u64,
    #[command(flatten)]
    pub dev: DevArgs,
}

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Create the migrations directory and a strata.toml.
    Init,
    /// Write a new revision (empty, or generated from the desired schema).
    New {
        message: String,
        /// Generate up.sql and down.sql: from the schema at head to the desired schema.
        #[arg(long, conflicts_with = "empty")]
        autogenerate: bool,
        /// An empty revision to fill in by hand (the default).
        #[arg(long)]
        empty: bool,
        /// The parent revision (default: the single head).
        #[arg(long, value_name = "REV")]
        head: Option<String>,
        /// Start a named branch here (`label@head` targets it).
        #[arg(long, value_name = "LABEL")]
        branch_label: Option<String>,
        /// The desired schema (default: `schema` in strata.toml).
        #[arg(long, value_name = "SOURCE")]
        schema: Option<String>,
    },
    /// Apply revisions up to TARGET (head, heads, +N, a revision, label@head).
    Up {
        #[arg(default_value = "head")]
        target: String,
        /// Print the SQL (bookkeeping included) instead of running it.
        #[arg(long)]
        sql: bool,
        /// With --sql: the revision the database is assumed to be at (default: base).
        #[arg(long, value_name = "REV", requires = "sql")]
        from: Option<String>,
    },
    /// Revert revisions down to TARGET (-N, base, a revision).
    Down {
        #[arg(default_value = "-1", allow_hyphen_values = true)]
        target: String,
        #[arg(long)]
        sql: bool,
        /// With --sql: the revision the database is assumed to be at (default: head).
        #[arg(long, value_name = "REV", requires = "sql")]
        from: Option<String>,
    },
    /// The database's current revision(s), pending revisions and any dirty one.
    Status,
    /// All revisions, newest first.
    History {
        #[arg(long, short)]
        verbose: bool,
    },
    /// Revisions nothing builds on.
    Heads,
    /// Revisions with more than one child.
    Branches,
    /// A revision that joins several heads.
    Merge {
        #[arg(required = true, num_args = 2..)]
        revisions: Vec<String>,
        #[arg(long, short)]
        message: Option<String>,
    },
    /// Record the database as being at REV without running anything.
    Stamp { revision: String },
    /// Exit 1 when the desired schema differs from the schema at head.
    Check {
        #[arg(long, value_name = "SOURCE")]
        schema: Option<String>,
    },
    /// Compare applied revisions with the files: edited, missing, unknown.
    Verify,
}

/// Options shared by the commands that plan changes.
#[derive(Debug, Args, Clone, Default)]
pub struct PlanArgs {
    /// Allow destructive changes (drops, narrowing type changes, removed enum
    /// values, columns made NOT NULL). Without it they are held back.
    #[arg(long = "unsafe")]
    pub allow_unsafe: bool,
    /// Treat a drop plus a create as a rename: `table:[schema.]old=new` or
    /// `column:[schema.]table.old=new` (repeatable). strata never guesses renames.
    #[arg(long = "rename", value_name = "RULE")]
    pub renames: Vec<String>,
    /// Also compare owners and grants.
    #[arg(long)]
    pub with_privileges: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A script that turns FROM into TO.
    Sql,
    /// The planned changes as JSON.
    Json,
    /// A summary for people (+ create, - drop, ~ alter).
    Text,
    /// An Alembic revision file (Python): upgrade() runs the plan FROM → TO
    /// with op.execute, downgrade() the plan TO → FROM. Put it in your
    /// Alembic project's versions/ folder; compare afterwards with
    /// --exclude-table alembic_version.
    Alembic,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The schema as it is: a database URL, a JSON snapshot or desired-state SQL.
    pub from: String,
    /// The schema as it should be.
    pub to: String,
    #[arg(long, short = 'f', value_enum, default_value_t = DiffFormat::Sql)]
    pub format: DiffFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub alembic: AlembicArgs,
    #[command(flatten)]
    pub plan: PlanArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub dev: DevArgs,
}

/// The revision `diff --format alembic` writes.
#[derive(Debug, Args, Clone, Default)]
pub struct AlembicArgs {
    /// With --format alembic: the revision's message (its docstring).
    #[arg(long, short = 'm', value_name = "TEXT")]
    pub message: Option<String>,
    /// With --format alembic: the revision id. Default: 12 random hex
    /// digits, as Alembic makes them.
    #[arg(long, value_name = "ID")]
    pub alembic_revision: Option<String>,
    /// With --format alembic: the revision this one follows. Default: none
    /// (the first revision).
    #[arg(long, value_name = "ID")]
    pub alembic_down_revision: Option<String>,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The database to change. Default: $DATABASE_URL.
    pub database: Option<String>,
    /// The desired state: desired-state SQL, a JSON snapshot or another database.
    #[arg(long, value_name = "SOURCE")]
    pub to: String,
    /// Print the plan and stop.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub plan: PlanArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub dev: DevArgs,
}

/// `--schema`, `--exclude-schema`, `--table`, `--exclude-table`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only this schema (repeatable).
    #[arg(long = "schema", value_name = "SCHEMA")]
    pub schemas: Vec<String>,
    /// Leave out this schema (repeatable).
    #[arg(long = "exclude-schema", value_name = "SCHEMA")]
    pub exclude_schemas: Vec<String>,
    /// Only tables and views matching this glob, on `name` or `schema.name` (repeatable).
    #[arg(long = "table", value_name = "GLOB")]
    pub tables: Vec<String>,
    /// Leave out tables and views matching this glob (repeatable).
    #[arg(long = "exclude-table", value_name = "GLOB")]
    pub exclude_tables: Vec<String>,
}

/// How desired-state SQL sources are loaded.
#[derive(Debug, Args, Clone, Default)]
pub struct DevArgs {
    /// Server for loading desired-state SQL (a scratch database is created
    /// there and dropped afterwards). Without it, PostgreSQL and MySQL SQL is
    /// loaded into a throw-away server started from the local binaries.
    #[arg(long, value_name = "URL", env = "STRATA_DEV_URL")]
    pub dev_url: Option<String>,
    /// Dialect of desired-state SQL (default: the dev URL's, else SQLite).
    #[arg(long, value_enum)]
    pub dialect: Option<DialectArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DialectArg {
    Postgres,
    Mysql,
    Sqlite,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InspectFormat {
    /// A readable summary.
    Text,
    /// The model as a JSON snapshot (itself a valid source).
    Json,
    /// DDL that recreates the schema, in dependency order.
    Sql,
    /// An ER diagram as Mermaid `erDiagram` text (renders on GitHub).
    Mermaid,
    /// An ER diagram as Graphviz DOT.
    Dot,
    /// One Markdown document (to paste into a pull request or a wiki page):
    /// a section per schema with a Mermaid diagram, then each table's
    /// columns, keys, indexes and references, linked by in-page anchors.
    Markdown,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A database URL, a JSON snapshot or desired-state SQL. Default: $DATABASE_URL.
    pub source: Option<String>,
    /// Print the catalog queries inspection runs for --dialect, and exit.
    #[arg(long, requires = "dialect")]
    pub print_catalog_queries: bool,
    #[arg(long, short = 'f', value_enum, default_value_t = InspectFormat::Text)]
    pub format: InspectFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also read owners and grants.
    #[arg(long)]
    pub with_privileges: bool,
    /// With --format mermaid|dot: only this table ([schema.]name) and its
    /// neighbours within --depth foreign-key steps.
    #[arg(long, value_name = "TABLE")]
    pub around: Option<String>,
    /// With --around: how many foreign-key steps away to go.
    #[arg(long, default_value_t = 1, requires = "around")]
    pub depth: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub dev: DevArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocsFormat {
    /// A self-contained static site (opens from the file system).
    Html,
    /// A README per schema and a page per table, with Mermaid diagrams.
    Markdown,
}

#[derive(Debug, Args)]
pub struct DocsArgs {
    /// A database URL, a JSON snapshot or desired-state SQL. Default: $DATABASE_URL.
    pub source: Option<String>,
    /// The directory to write (strata owns it: files it no longer generates are removed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long, short = 'f', value_enum, default_value_t = DocsFormat::Html)]
    pub format: DocsFormat,
    /// Write nothing; exit 1 and list the files that regeneration would change.
    #[arg(long)]
    pub check: bool,
    /// A YAML file of notes merged into the pages (never written by strata).
    /// Default: DIR/strata-notes.yaml when it exists.
    #[arg(long, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub dev: DevArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// One line per finding, then each rule's rationale.
    Text,
    /// Findings and rules as JSON.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Migration scripts to lint (SQL files, or directories of them), in the
    /// dialect of --dialect, else strata.toml, else their own spelling, else
    /// PostgreSQL.
    #[arg(value_name = "FILES", conflicts_with = "schema_source")]
    pub files: Vec<PathBuf>,
    /// Lint the up scripts of the revisions in DIR (default: `migrations`
    /// in strata.toml).
    #[arg(long, value_name = "DIR", num_args = 0..=1, conflicts_with = "schema_source")]
    pub migrations: Option<Option<PathBuf>>,
    /// Lint this schema: a database URL, a JSON snapshot or desired-state SQL.
    #[arg(long = "schema", value_name = "SOURCE")]
    pub schema_source: Option<String>,
    #[arg(long, short = 'f', value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// Only this rule (repeatable). Default: every rule except opt-in ones.
    #[arg(long = "rule", value_name = "RULE")]
    pub rules: Vec<String>,
    /// Also report tables and columns without a comment.
    #[arg(long)]
    pub comments: bool,
    /// List the rules with their rationale and exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only this schema (namespace) of the source (repeatable); `--schema`
    /// names the source here.
    #[arg(long = "only-schema", value_name = "SCHEMA")]
    pub only_schemas: Vec<String>,
    /// Leave out this schema (repeatable).
    #[arg(long = "exclude-schema", value_name = "SCHEMA")]
    pub exclude_schemas: Vec<String>,
    /// Only tables matching this glob (repeatable).
    #[arg(long = "table", value_name = "GLOB")]
    pub tables: Vec<String>,
    /// Leave out tables matching this glob (repeatable).
    #[arg(long = "exclude-table", value_name = "GLOB")]
    pub exclude_tables: Vec<String>,
    #[command(flatten)]
    pub dev: DevArgs,
}

/// The code generation targets.
pub const CODEGEN_TARGETS: [&str; 7] = [
    "sqlalchemy",
    "sqlalchemy-core",
    "sqlmodel",
    "django",
    "seaorm",
    "diesel",
    "sqlx",
];

#[derive(Debug, Args)]
pub struct CodegenArgs {
    /// A database URL, a JSON snapshot or desired-state SQL. Default: $DATABASE_URL.
    pub source: Option<String>,
    /// What to generate. Default: `target` in strata.toml's [codegen], else sqlalchemy.
    #[arg(long, short = 't', value_parser = CODEGEN_TARGETS)]
    pub target: Option<String>,
    /// Write the generated module to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE", conflicts_with = "out_dir")]
    pub out: Option<PathBuf>,
    /// Write the generated module and, once, a module of your own beside it
    /// that re-exports it. Default: `out_dir` in [codegen].
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Write nothing; exit 1 and print a diff when regenerating would change
    /// the files.
    #[arg(long)]
    pub check: bool,
    /// A directory of templates replacing the built-in ones (same file
    /// names). Default: `templates` in [codegen].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Print counts (relationships, foreign keys, what is not expressible) on
    /// standard error.
    #[arg(long)]
    pub stats: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub dev: DevArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DriftFormat {
    Text,
    Json,
    Markdown,
    Junit,
}

#[derive(Debug, Args)]
pub struct DriftArgs {
    /// Environments from strata.toml, or database URLs (default: every
    /// environment in strata.toml).
    pub targets: Vec<String>,
    /// The reference: an environment, a URL, `migrations` (replayed at
    /// head) or `schema` (the desired-schema files).
    #[arg(long, value_name = "REFERENCE")]
    pub against: Option<String>,
    #[arg(long, short = 'f', value_enum, default_value_t = DriftFormat::Text)]
    pub format: DriftFormat,
    /// Noise to ignore: privileges, owners, comments, extension-versions,
    /// column-order, or KIND:GLOB such as table:audit_* (repeatable).
    #[arg(long = "ignore", value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Append one JSON line per run to this file.
    #[arg(long, value_name = "FILE")]
    pub audit_log: Option<PathBuf>,
    /// POST the JSON report here when drift is found.
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
    /// A file of database URLs, one per line (a fleet).
    #[arg(long = "targets", value_name = "FILE")]
    pub targets_file: Option<PathBuf>,
    /// Every schema matching this LIKE pattern is a target (schema-per-tenant).
    #[arg(long, value_name = "PATTERN")]
    pub schemas_like: Option<String>,
    /// Databases read at once.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Only the K-th of N shares of the targets, e.g. 2/4 (for CI matrices).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Also compare owners and grants.
    #[arg(long)]
    pub with_privileges: bool,
    #[command(flatten)]
    pub common: MigrateCommon,
}
