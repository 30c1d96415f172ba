//! Relationship inference: every foreign key between two mapped entities
//! becomes a pair of relationships.
//!
//! - many-to-one on the table holding the key, one-to-many back;
//! - one-to-one (both sides scalar) when the key's columns are unique
//!   (the primary key, a unique constraint or a unique index);
//! - many-to-many through a *pure* association table: exactly two foreign
//!   keys, every column part of one of them, no other keys pointing at it,
//!   and two distinct entities at the ends;
//! - a table with extra columns besides its two keys is an ordinary entity:
//!   the association-object pattern;
//! - self-referential keys (the many-to-one side gets `remote_side`);
//! - several key paths between the same two tables are marked ambiguous so
//!   targets name the key (`foreign_keys=`), and each side gets a name from
//!   its key's columns (`billing_address`, `billing_address_invoices`);
//! - composite keys are handled like single-column ones.
//!
//! Names are claimed in a fixed order so that regenerating gives the same
//! names: all forward relationships first (entities in name order, keys in
//! key order), then the reverse sides and many-to-many links.

use crate::ir::{Model, NamingPolicy, RelKind, Relationship};
use crate::naming::{self, Scope};
use std::collections::BTreeMap;
use strata_model::{ForeignKey, Table};

/// Fills `relationships` and `association` on every entity.
// Indexes are entity ids shared by several vectors (scopes, entities).
#[allow(clippy::needless_range_loop)]
pub fn infer(model: &mut Model, policy: &NamingPolicy) {
    let index: BTreeMap<_, usize> = model
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_view())
        .map(|(i, e)| (e.name.clone(), i))
        .collect();
    let target_of = |fk: &ForeignKey| index.get(&fk.references).copied();

    // Tables some key points at cannot be pure association tables.
    let mut referenced = vec![false; model.entities.len()];
    for e in &model.entities {
        for fk in &e.table.foreign_keys {
            if let Some(t) = target_of(fk) {
                referenced[t] = true;
            }
        }
    }
    for (i, e) in model.entities.iter_mut().enumerate() {
        if e.is_view() || referenced[i] {
            continue;
        }
        e.association = association(&e.table, |fk| target_of(fk), i);
    }

    // Foreign-key paths between each unordered pair of entities.
    let mut paths: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (i, e) in model.entities.iter().enumerate() {
        for fk in &e.table.foreign_keys {
            if let Some(t) = target_of(fk) {
                *paths.entry((i.min(t), i.max(t))).or_default() += 1;
            }
        }
    }
    let ambiguous = |a: usize, b: usize| paths.get(&(a.min(b), a.max(b))).copied() > Some(1);

    let mut scopes: Vec<Scope> = model
        .entities
        .iter()
        .map(|e| {
            let mut s = Scope::with_reserved(policy.reserved_attributes);
            for f in &e.fields {
                s.take(&f.attr);
            }
            s
        })
        .collect();

    // Pass 1: the side holding the key.
    struct Pending {
        owner: usize,
        fk_index: usize,
        target: usize,
        forward: usize,
        base: String,
        unique: bool,
    }
    let mut pending = Vec::new();
    for owner in 0..model.entities.len() {
        if model.entities[owner].association.is_some() || model.entities[owner].is_view() {
            continue;
        }
        for fk_index in 0..model.entities[owner].table.foreign_keys.len() {
            let fk = &model.entities[owner].table.foreign_keys[fk_index];
            let Some(target) = target_of(fk) else {
                continue;
            };
            if model.entities[target].association.is_some() {
                continue;
            }
            let unique = is_unique(&model.entities[owner].table, &fk.columns);
            let base = forward_base(model, fk, target, policy);
            let name = claim_forward(&mut scopes[owner], &base, &model.entities[target].snake);
            let kind = if unique {
                RelKind::OneToOne
            } else {
                RelKind::ManyToOne
            };
            model.entities[owner].relationships.push(Relationship {
                name,
                kind,
                target,
                back_populates: String::new(),
                fk_owner: owner,
                fk_index,
                other_fk_index: None,
                ambiguous: ambiguous(owner, target),
                self_referential: owner == target,
            });
            let forward = model.entities[owner].relationships.len() - 1;
            pending.push(Pending {
                owner,
                fk_index,
                target,
                forward,
                base,
                unique,
            });
        }
    }

    // Pass 2: the other side of each key.
    for p in pending {
        let owner_snake = model.entities[p.owner].snake.clone();
        let several = model.entities[p.owner]
            .table
            .foreign_keys
            .iter()
            .filter(|fk| target_of(fk) == Some(p.target))
            .count()
            > 1;
        let noun = if p.unique {
            owner_snake.clone()
        } else {
            naming::plural_snake(&owner_snake)
        };
        let base = if several || p.owner == p.target {
            let fk = &model.entities[p.owner].table.foreign_keys[p.fk_index];
            format!("{}_{noun}", reverse_stem(fk, &p.base, policy))
        } else {
            noun
        };
        let name = scopes[p.target].claim(&escape(&base, policy));
        let forward_name = model.entities[p.owner].relationships[p.forward]
            .name
            .clone();
        let kind = if p.unique {
            RelKind::OneToOneBack
        } else {
            RelKind::OneToMany
        };
        let amb = model.entities[p.owner].relationships[p.forward].ambiguous;
        model.entities[p.target].relationships.push(Relationship {
            name: name.clone(),
            kind,
            target: p.owner,
            back_populates: forward_name,
            fk_owner: p.owner,
            fk_index: p.fk_index,
            other_fk_index: None,
            ambiguous: amb,
            self_referential: p.owner == p.target,
        });
        model.entities[p.owner].relationships[p.forward].back_populates = name;
    }

    // Pass 3: many-to-many through pure association tables.
    for assoc in 0..model.entities.len() {
        let Some((fa, fb)) = model.entities[assoc].association else {
            continue;
        };
        let fks = &model.entities[assoc].table.foreign_keys;
        let (Some(a), Some(b)) = (target_of(&fks[fa]), target_of(&fks[fb])) else {
            continue;
        };
        // Two links between the same pair need the link's name to tell them apart.
        let parallel = model
            .entities
            .iter()
            .filter(|e| {
                e.association.is_some_and(|(x, y)| {
                    let ends = (
                        target_of(&e.table.foreign_keys[x]),
                        target_of(&e.table.foreign_keys[y]),
                    );
                    ends == (Some(a), Some(b)) || ends == (Some(b), Some(a))
                })
            })
            .count()
            > 1;
        let assoc_snake = model.entities[assoc].snake.clone();
        let name_for = |other: usize| {
            let plural = naming::plural_snake(&model.entities[other].snake);
            if parallel {
                format!("{plural}_via_{assoc_snake}")
            } else {
                plural
            }
        };
        let name_a = scopes[a].claim(&escape(&name_for(b), policy));
        let name_b = scopes[b].claim(&escape(&name_for(a), policy));
        model.entities[a].relationships.push(Relationship {
            name: name_a.clone(),
            kind: RelKind::ManyToMany,
            target: b,
            back_populates: name_b.clone(),
            fk_owner: assoc,
            fk_index: fa,
            other_fk_index: Some(fb),
            ambiguous: false,
            self_referential: false,
        });
        model.entities[b].relationships.push(Relationship {
            name: name_b,
            kind: RelKind::ManyToMany,
            target: a,
            back_populates: name_a,
            fk_owner: assoc,
            fk_index: fb,
            other_fk_index: Some(fa),
            ambiguous: false,
            self_referential: false,
        });
    }
}

/// A pure association table's two keys, if it is one.
fn association(
    table: &Table,
    target_of: impl Fn(&ForeignKey) -> Option<usize>,
    me: usize,
) -> Option<(usize, usize)> {
    if table.foreign_keys.len() != 2 || table.columns.is_empty() {
        return None;
    }
    let (a, b) = (&table.foreign_keys[0], &table.foreign_keys[1]);
    let (ta, tb) = (target_of(a)?, target_of(b)?);
    if ta == tb || ta == me || tb == me {
        return None;
    }
    let all_covered = table
        .columns
        .iter()
        .all(|c| a.columns.contains(&c.name) || b.columns.contains(&c.name));
    let pk_ok = table
        .primary_key
        .as_ref()
        .is_none_or(|pk| pk.columns.len() == table.columns.len());
    (all_covered && pk_ok).then_some((0, 1))
}

/// Are `columns` (as a set) unique in `table`?
pub fn is_unique(table: &Table, columns: &[String]) -> bool {
    let same = |other: &[String]| {
        other.len() == columns.len() && other.iter().all(|c| columns.contains(c))
    };
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| same(&pk.columns))
        || table.uniques.iter().any(|u| same(&u.columns))
        || table.indexes.values().any(|i| {
            i.unique
                && i.predicate.is_none()
                && i.parts.len() == columns.len()
                && i.parts.iter().all(|p| {
                    p.column_name()
                        .is_some_and(|c| columns.iter().any(|x| x == c))
                })
        })
}

/// The forward name before collisions: the key column without its `_id`
/// (`billing_address_id` → `billing_address`), else the target's name.
fn forward_base(model: &Model, fk: &ForeignKey, target: usize, policy: &NamingPolicy) -> String {
    let target_snake = model.entities[target].snake.clone();
    if let [column] = fk.columns.as_slice() {
        let attr = naming::attribute(column, policy.lang);
        let bare = attr.trim_start_matches("r#");
        for suffix in ["_id", "_fk", "_key"] {
            if let Some(stem) = bare.strip_suffix(suffix)
                && !stem.is_empty()
                && !stem.ends_with('_')
            {
                return escape(stem, policy);
            }
        }
        // `ReportsTo` has no suffix to drop, and the column owns that name.
        return escape(&format!("{bare}_{target_snake}"), policy);
    }
    escape(&target_snake, policy)
}

/// What the other side's name starts with when several keys join the two
/// tables: the key column without `_id` (`reports_to` for `ReportsTo`),
/// else the forward name.
fn reverse_stem(fk: &ForeignKey, forward: &str, policy: &NamingPolicy) -> String {
    if let [column] = fk.columns.as_slice() {
        let attr = naming::attribute(column, policy.lang);
        let bare = attr.trim_start_matches("r#");
        let stem = ["_id", "_fk", "_key"]
            .iter()
            .find_map(|s| {
                bare.strip_suffix(s)
                    .filter(|x| !x.is_empty() && !x.ends_with('_'))
            })
            .unwrap_or(bare);
        return stem.trim_end_matches('_').to_string();
    }
    forward
        .trim_start_matches("r#")
        .trim_end_matches('_')
        .to_string()
}

fn claim_forward(scope: &mut Scope, base: &str, target_snake: &str) -> String {
    if !scope.is_taken(base) {
        return scope.claim(base);
    }
    let stem = base.trim_start_matches("r#").trim_end_matches('_');
    let with_target = format!("{stem}_{target_snake}");
    if !scope.is_taken(&with_target) && stem != target_snake {
        return scope.claim(&with_target);
    }
    scope.claim(&format!("{stem}_rel"))
}

/// A relationship name made valid (keywords, reserved names).
fn escape(name: &str, policy: &NamingPolicy) -> String {
    crate::ir::attribute(name.trim_start_matches("r#"), policy)
}
