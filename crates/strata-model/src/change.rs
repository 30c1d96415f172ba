//! Changes: what turns one schema into another, as plain data.
//!
//! The differ produces changes, the planner orders them and asks each dialect
//! to render them as SQL. The same values are filtered, checked for safety,
//! linted, rendered as an Alembic script and reported as JSON. Nothing in
//! strata decides anything by looking at generated SQL text.
//!
//! A change carries the whole object it creates or drops, so that rendering
//! needs no other context (and a down migration is the diff in the other
//! direction, not a guess).

use crate::{
    CheckConstraint, Collation, Column, Event, ExclusionConstraint, Extension, ForeignKey, Grant,
    Index, Policy, PrimaryKey, QualifiedName, Routine, Rule, Sequence, Table, Trigger,
    UniqueConstraint, UserType, View,
};
use serde::{Deserialize, Serialize};

/// One change to a database schema.
// Changes are built once and moved around a few at a time; boxing the large
// variants would only make every match noisier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    CreateSchema {
        schema: String,
    },
    DropSchema {
        schema: String,
    },
    CreateExtension {
        extension: Extension,
    },
    DropExtension {
        extension: Extension,
    },
    /// `ALTER EXTENSION … UPDATE TO` / `SET SCHEMA`.
    AlterExtension {
        from: Extension,
        to: Extension,
    },
    CreateType {
        schema: String,
        ty: UserType,
    },
    DropType {
        schema: String,
        ty: UserType,
    },
    /// A type that cannot be changed in place (an enum that loses or
    /// reorders values) while columns use it: the old type is renamed
    /// aside, the new one created, each column in `columns` converted to it
    /// through text, and the old type dropped. Data survives unless a row
    /// holds a value the new type lacks (then the conversion fails).
    RebuildType {
        schema: String,
        from: UserType,
        to: UserType,
        /// The columns converted to the new type, as they are before the
        /// change (columns the target drops are not converted).
        columns: Vec<TypedColumn>,
        /// What must go before the conversion, run first: the columns the
        /// target drops (they would keep the old type, which could then not
        /// be dropped), and the checks and indexes whose expression or
        /// predicate reads a converted or dropped column (the server
        /// re-parses them against the renamed old type and fails). The
        /// tables' own changes afterwards add the target's versions back.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        before: Vec<Change>,
    },
    /// A change to a type that keeps the type (and everything using it).
    AlterType {
        schema: String,
        name: String,
        change: TypeChange,
    },
    /// `CREATE COLLATION`. A collation cannot be altered: a changed one is
    /// dropped and created again.
    CreateCollation {
        schema: String,
        collation: Collation,
    },
    DropCollation {
        schema: String,
        collation: Collation,
    },
    /// Creates the sequence; its `OWNED BY` is a separate [`Change::AlterSequence`]
    /// once the owning table exists.
    CreateSequence {
        schema: String,
        sequence: Sequence,
    },
    DropSequence {
        schema: String,
        sequence: Sequence,
    },
    AlterSequence {
        schema: String,
        from: Sequence,
        to: Sequence,
    },
    CreateRoutine {
        schema: String,
        routine: Routine,
    },
    DropRoutine {
        schema: String,
        routine: Routine,
    },
    /// Same signature and result type: `CREATE OR REPLACE`.
    ReplaceRoutine {
        schema: String,
        from: Routine,
        to: Routine,
    },
    /// Creates a table with its columns, primary key, unique, check and
    /// exclusion constraints and comments. Whether foreign keys are part of
    /// it is the dialect's call ([`crate::change`] users: see the planner);
    /// indexes, triggers and policies are always separate changes.
    CreateTable {
        schema: String,
        table: Table,
    },
    DropTable {
        schema: String,
        table: Table,
    },
    RenameTable {
        schema: String,
        from: String,
        to: String,
    },
    /// Changes to one table, applied together (one `ALTER TABLE` where the
    /// dialect allows it).
    AlterTable {
        schema: String,
        table: String,
        changes: Vec<TableChange>,
    },
    /// The SQLite way of making a change its `ALTER TABLE` cannot: create the
    /// new table, copy the surviving columns, drop the old, rename, and
    /// recreate indexes and triggers.
    RebuildTable {
        schema: String,
        from: Table,
        to: Table,
    },
    /// An index on a table or materialized view.
    CreateIndex {
        schema: String,
        table: String,
        index: Index,
    },
    DropIndex {
        schema: String,
        table: String,
        index: Index,
    },
    /// Creates a view or materialized view (its indexes and triggers are
    /// separate changes).
    CreateView {
        schema: String,
        view: View,
    },
    DropView {
        schema: String,
        view: View,
    },
    CreateTrigger {
        schema: String,
        table: String,
        trigger: Trigger,
    },
    DropTrigger {
        schema: String,
        table: String,
        trigger: Trigger,
    },
    /// A rewrite rule on a table (PostgreSQL `CREATE RULE`).
    CreateRule {
        schema: String,
        table: String,
        rule: Rule,
    },
    DropRule {
        schema: String,
        table: String,
        rule: Rule,
    },
    /// `CREATE OR REPLACE RULE`: same name and table, new definition.
    ReplaceRule {
        schema: String,
        table: String,
        from: Rule,
        to: Rule,
    },
    CreatePolicy {
        schema: String,
        table: String,
        policy: Policy,
    },
    DropPolicy {
        schema: String,
        table: String,
        policy: Policy,
    },
    CreateEvent {
        schema: String,
        event: Event,
    },
    DropEvent {
        schema: String,
        event: Event,
    },
    /// A comment on an object other than a table or column (those are
    /// [`TableChange::SetComment`] and [`TableChange::AlterColumn`]).
    SetComment {
        target: CommentTarget,
        comment: Option<String>,
    },
    Grant {
        target: GrantTarget,
        grant: Grant,
    },
    Revoke {
        target: GrantTarget,
        grant: Grant,
    },
}

/// What a change does to the object it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Create,
    Drop,
    Alter,
}

impl Change {
    pub fn effect(&self) -> Effect {
        match self {
            Change::CreateSchema { .. }
            | Change::CreateExtension { .. }
            | Change::CreateType { .. }
            | Change::CreateCollation { .. }
            | Change::CreateSequence { .. }
            | Change::CreateRoutine { .. }
            | Change::CreateTable { .. }
            | Change::CreateIndex { .. }
            | Change::CreateView { .. }
            | Change::CreateTrigger { .. }
            | Change::CreateRule { .. }
            | Change::CreatePolicy { .. }
            | Change::CreateEvent { .. }
            | Change::Grant { .. } => Effect::Create,
            Change::DropSchema { .. }
            | Change::DropExtension { .. }
            | Change::DropType { .. }
            | Change::DropCollation { .. }
            | Change::DropSequence { .. }
            | Change::DropRoutine { .. }
            | Change::DropTable { .. }
            | Change::DropIndex { .. }
            | Change::DropView { .. }
            | Change::DropTrigger { .. }
            | Change::DropRule { .. }
            | Change::DropPolicy { .. }
            | Change::DropEvent { .. }
            | Change::Revoke { .. } => Effect::Drop,
            Change::AlterExtension { .. }
            | Change::AlterType { .. }
            | Change::RebuildType { .. }
            | Change::AlterSequence { .. }
            | Change::ReplaceRoutine { .. }
            | Change::ReplaceRule { .. }
            | Change::RenameTable { .. }
            | Change::AlterTable { .. }
            | Change::RebuildTable { .. }
            | Change::SetComment { .. } => Effect::Alter,
        }
    }
}

/// A table column that uses a type being rebuilt ([`Change::RebuildType`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedColumn {
    pub table: QualifiedName,
    pub column: Column,
    /// The default the column has after the conversion: the target's (the
    /// old one may name a removed value), or none when the target column
    /// does not use the type (its own alteration then sets one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// One change inside [`Change::AlterTable`].
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TableChange {
    AddColumn {
        column: Column,
        /// The column after which it goes (MySQL `AFTER`); `None` is first
        /// when `first`, else last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        after: Option<String>,
    },
    DropColumn {
        column: Column,
        /// Drop it from this table only: tables that inherit the column
        /// (PostgreSQL table inheritance) keep their copy as a column of
        /// their own (`ALTER TABLE ONLY`, which also keeps its rows), and
        /// their own changes say whether it goes too. Without it, dropping
        /// a parent's column silently drops the children's inherited copies.
        #[serde(default, skip_serializing_if = "crate::is_false")]
        only: bool,
    },
    /// Any difference in type, nullability, default, identity, generation,
    /// collation, comment or dialect facts. The renderer emits what the
    /// dialect needs for exactly the fields that differ.
    AlterColumn {
        from: Column,
        to: Column,
    },
    RenameColumn {
        from: String,
        to: String,
    },
    /// Puts an existing column right after `after` (first when `None`),
    /// where a dialect can reorder columns (MySQL `MODIFY … FIRST|AFTER`;
    /// SQLite rebuilds the table). `column` is its definition in the
    /// target; a change of that definition is an [`TableChange::AlterColumn`]
    /// of its own, which a renderer may fold into the move.
    MoveColumn {
        column: Column,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        after: Option<String>,
    },
    AddPrimaryKey {
        key: PrimaryKey,
    },
    DropPrimaryKey {
        key: PrimaryKey,
    },
    AddForeignKey {
        key: ForeignKey,
    },
    DropForeignKey {
        key: ForeignKey,
    },
    /// PostgreSQL `VALIDATE CONSTRAINT`: a NOT VALID foreign key or check
    /// becomes valid without being recreated.
    ValidateConstraint {
        name: String,
    },
    AddUnique {
        constraint: UniqueConstraint,
    },
    DropUnique {
        constraint: UniqueConstraint,
    },
    AddCheck {
        check: CheckConstraint,
    },
    DropCheck {
        check: CheckConstraint,
    },
    AddExclusion {
        constraint: ExclusionConstraint,
    },
    DropExclusion {
        constraint: ExclusionConstraint,
    },
    SetComment {
        comment: Option<String>,
    },
    /// Table-level dialect facts (PostgreSQL logged/unlogged, RLS, storage
    /// options; MySQL engine, charset, collation, row format, partitioning;
    /// SQLite needs a rebuild instead). Carries both tables' facts so the
    /// renderer can emit exactly what differs.
    SetOptions {
        from: Box<Table>,
        to: Box<Table>,
    },
    /// PostgreSQL `ATTACH PARTITION`.
    AttachPartition {
        partition: QualifiedName,
        bound: String,
    },
    /// PostgreSQL `DETACH PARTITION`.
    DetachPartition {
        partition: QualifiedName,
    },
}

/// A change to a type that keeps its identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TypeChange {
    /// `ALTER TYPE … ADD VALUE … [BEFORE|AFTER …]`.
    AddEnumValue {
        value: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        after: Option<String>,
    },
    /// `ALTER DOMAIN … SET DEFAULT` / `DROP DEFAULT`.
    SetDomainDefault {
        default: Option<String>,
    },
    /// `ALTER DOMAIN … SET NOT NULL` / `DROP NOT NULL`.
    SetDomainNullable {
        nullable: bool,
    },
    AddDomainCheck {
        check: crate::DomainCheck,
    },
    DropDomainCheck {
        check: crate::DomainCheck,
    },
}

/// What a [`Change::SetComment`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "object", rename_all = "snake_case")]
pub enum CommentTarget {
    Schema {
        name: String,
    },
    Extension {
        name: String,
    },
    Type {
        name: QualifiedName,
    },
    Collation {
        name: QualifiedName,
    },
    Sequence {
        name: QualifiedName,
    },
    /// `signature` is the routine's key (`name(args)`).
    Routine {
        schema: String,
        signature: String,
        kind: crate::RoutineKind,
    },
    View {
        name: QualifiedName,
        materialized: bool,
    },
    ViewColumn {
        view: QualifiedName,
        column: String,
        materialized: bool,
    },
    Index {
        schema: String,
        name: String,
    },
    Constraint {
        table: QualifiedName,
        name: String,
    },
    Trigger {
        table: QualifiedName,
        name: String,
    },
    Policy {
        table: QualifiedName,
        name: String,
    },
    Rule {
        table: QualifiedName,
        name: String,
    },
}

/// What a [`Change::Grant`] or [`Change::Revoke`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "object", rename_all = "snake_case")]
pub enum GrantTarget {
    Schema {
        name: String,
    },
    Table {
        name: QualifiedName,
    },
    View {
        name: QualifiedName,
    },
    Sequence {
        name: QualifiedName,
    },
    Routine {
        schema: String,
        signature: String,
        kind: crate::RoutineKind,
    },
    Type {
        name: QualifiedName,
    },
}
