//! The dialect-neutral schema model.
//!
//! Every source strata reads (a live database, a desired-state SQL file, a JSON
//! snapshot, a migrations directory) resolves to a [`Realm`]. Every job (diff,
//! migrate, codegen, drift, docs, lint) works on realms. This crate is pure
//! data: no I/O, deterministic ordering (sorted maps, sorted vectors where the
//! order carries no meaning), and serde for JSON snapshots.
//!
//! Dialect-specific facts live in typed slots (`postgres`, `mysql`, `sqlite`
//! sub-structures), never in a bag of strings, so that the compiler lists every
//! place a new fact has to be handled.

pub mod change;
pub mod collation;
pub mod column;
pub mod constraint;
pub mod event;
pub mod extension;
pub mod filter;
pub mod index;
pub mod name;
pub mod policy;
pub mod privilege;
pub mod realm;
pub mod routine;
pub mod rule;
pub mod schema;
pub mod sequence;
pub mod table;
pub mod trigger;
pub mod types;
pub mod unsupported;
pub mod view;

pub use collation::Collation;
pub use column::{Column, GeneratedColumn, Identity, IdentityKind, MySqlColumn};
pub use constraint::{
    CheckConstraint, ExclusionConstraint, FkAction, ForeignKey, MatchType, PrimaryKey,
    UniqueConstraint,
};
pub use event::Event;
pub use extension::Extension;
pub use filter::{Filter, FilterError};
pub use index::{Index, IndexKey, IndexPart, NullsOrder};
pub use name::{ObjectKind, ObjectRef, QualifiedName};
pub use policy::{Policy, PolicyCommand};
pub use privilege::Grant;
pub use realm::{Dialect, FORMAT_VERSION, MIGRATIONS_TABLE, Realm, Server, SnapshotError};
pub use routine::{Routine, RoutineKind};
pub use rule::Rule;
pub use schema::Schema;
pub use sequence::{Sequence, SequenceOptions, SequenceOwner};
pub use table::{
    MySqlPartition, MySqlPartitioning, MySqlTable, PgPartitionOf, PgTable, SqliteTable, Table,
};
pub use trigger::{Trigger, TriggerTiming};
pub use types::{CompositeAttribute, DomainCheck, UserType, UserTypeKind};
pub use unsupported::Unsupported;
pub use view::{MySqlView, View, ViewColumn};

/// `skip_serializing_if` helper: keeps snapshots small by leaving out `false`.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
