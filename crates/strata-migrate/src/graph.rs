//! The revision graph: revisions point at their parents; branches and merges
//! are allowed, as in Alembic.

use crate::Revision;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    #[error("revision {revision} names parent {parent}, which does not exist")]
    UnknownParent { revision: String, parent: String },
    #[error("the revisions form a cycle through {0}")]
    Cycle(String),
    #[error("no revision matches '{0}'")]
    UnknownRevision(String),
    #[error("'{prefix}' matches several revisions: {candidates}")]
    Ambiguous { prefix: String, candidates: String },
    #[error("branch label '{0}' is used by more than one revision")]
    DuplicateLabel(String),
    #[error("no branch is labelled '{0}'")]
    UnknownLabel(String),
    #[error("branch '{label}' has several heads ({heads}); merge them first")]
    LabelHeads { label: String, heads: String },
}

pub struct Graph {
    revisions: Vec<Revision>,
    index: BTreeMap<String, usize>,
    children: BTreeMap<String, Vec<String>>,
    /// Topological order: parents before children, ties by id.
    order: Vec<usize>,
}

impl Graph {
    pub fn new(mut revisions: Vec<Revision>) -> Result<Graph, GraphError> {
        revisions.sort_by(|a, b| a.id.cmp(&b.id));
        let index: BTreeMap<String, usize> = revisions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut labels = BTreeSet::new();
        for r in &revisions {
            for p in &r.parents {
                if !index.contains_key(p) {
                    return Err(GraphError::UnknownParent {
                        revision: r.id.clone(),
                        parent: p.clone(),
                    });
                }
                children.entry(p.clone()).or_default().push(r.id.clone());
            }
            for l in &r.branch_labels {
                if !labels.insert(l.clone()) {
                    return Err(GraphError::DuplicateLabel(l.clone()));
                }
            }
        }
        // Kahn's algorithm; the ready set is ordered by id for determinism.
        let mut missing: Vec<usize> = revisions.iter().map(|r| r.parents.len()).collect();
        let mut ready: BTreeSet<usize> =
            (0..revisions.len()).filter(|&i| missing[i] == 0).collect();
        let mut order = Vec::with_capacity(revisions.len());
        while let Some(i) = ready.pop_first() {
            order.push(i);
            for c in children.get(&revisions[i].id).into_iter().flatten() {
                let ci = index[c];
                missing[ci] -= 1;
                if missing[ci] == 0 {
                    ready.insert(ci);
                }
            }
        }
        if order.len() < revisions.len() {
            let stuck = (0..revisions.len())
                .find(|i| missing[*i] > 0)
                .map(|i| revisions[i].id.clone())
                .unwrap_or_default();
            return Err(GraphError::Cycle(stuck));
        }
        Ok(Graph {
            revisions,
            index,
            children,
            order,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.revisions.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Revision> {
        self.index.get(id).map(|&i| &self.revisions[i])
    }

    /// Revisions in the order they apply (parents first).
    pub fn ordered(&self) -> impl DoubleEndedIterator<Item = &Revision> {
        self.order.iter().map(|&i| &self.revisions[i])
    }

    pub fn children(&self, id: &str) -> &[String] {
        self.children.get(id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Revisions nothing builds on.
    pub fn heads(&self) -> Vec<&Revision> {
        self.ordered()
            .filter(|r| self.children(&r.id).is_empty())
            .collect()
    }

    /// Revisions with more than one child.
    pub fn branch_points(&self) -> Vec<&Revision> {
        self.ordered()
            .filter(|r| self.children(&r.id).len() > 1)
            .collect()
    }

    /// A revision by a unique id prefix.
    pub fn resolve(&self, prefix: &str) -> Result<&Revision, GraphError> {
        if let Some(r) = self.get(prefix) {
            return Ok(r);
        }
        let hits: Vec<&Revision> = self
            .revisions
            .iter()
            .filter(|r| r.id.starts_with(prefix))
            .collect();
        match hits.as_slice() {
            [one] => Ok(one),
            [] => Err(GraphError::UnknownRevision(prefix.to_string())),
            many => Err(GraphError::Ambiguous {
                prefix: prefix.to_string(),
                candidates: many
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// `id` and everything it builds on.
    pub fn ancestors(&self, id: &str) -> BTreeSet<String> {
        self.walk(id, |r| r.parents.clone())
    }

    /// `id` and everything that builds on it.
    pub fn descendants(&self, id: &str) -> BTreeSet<String> {
        self.walk(id, |r| self.children(&r.id).to_vec())
    }

    fn walk(&self, id: &str, next: impl Fn(&Revision) -> Vec<String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![id.to_string()];
        while let Some(x) = stack.pop() {
            if let Some(r) = self.get(&x)
                && seen.insert(x)
            {
                stack.extend(next(r));
            }
        }
        seen
    }

    /// The single head of the branch labelled `label`.
    pub fn label_head(&self, label: &str) -> Result<&Revision, GraphError> {
        let start = self
            .revisions
            .iter()
            .find(|r| r.branch_labels.iter().any(|l| l == label))
            .ok_or_else(|| GraphError::UnknownLabel(label.to_string()))?;
        let reach = self.descendants(&start.id);
        let heads: Vec<&Revision> = self
            .heads()
            .into_iter()
            .filter(|h| reach.contains(&h.id))
            .collect();
        match heads.as_slice() {
            [one] => Ok(one),
            many => Err(GraphError::LabelHeads {
                label: label.to_string(),
                heads: many
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }
}
