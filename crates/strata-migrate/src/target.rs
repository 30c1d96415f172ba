//! Where `up` and `down` go, and which revisions that means.

use crate::{Graph, GraphError, Revision};
use std::collections::BTreeSet;
use std::str::FromStr;

/// A target as the user writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The one head (an error when there are several).
    Head,
    /// Every head.
    Heads,
    /// Before the first revision.
    Base,
    /// `+N` (up) or `-N` (down) revisions from the current state.
    Relative(i64),
    /// The head of the branch with this label (`label@head`).
    LabelHead(String),
    /// A revision by unique id prefix.
    Revision(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(
        "there are {count} heads ({heads}); use `heads`, a `label@head` or `strata migrate merge`"
    )]
    MultipleHeads { count: usize, heads: String },
    #[error("'{0}' is not a target for {1}")]
    Direction(String, &'static str),
    #[error("only {available} revision(s) can be {verb}, not {asked}")]
    TooFar {
        available: usize,
        asked: i64,
        verb: &'static str,
    },
    #[error("'{0}': expected head, heads, base, +N, -N, label@head or a revision id")]
    Invalid(String),
}

impl FromStr for Target {
    type Err = TargetError;

    fn from_str(s: &str) -> Result<Target, TargetError> {
        let s = s.trim();
        Ok(match s {
            "head" => Target::Head,
            "heads" => Target::Heads,
            "base" => Target::Base,
            _ if s.starts_with('+') || s.starts_with('-') => Target::Relative(
                s.parse::<i64>()
                    .ok()
                    .filter(|n| *n != 0)
                    .ok_or_else(|| TargetError::Invalid(s.to_string()))?,
            ),
            _ => match s.strip_suffix("@head") {
                Some(label) if !label.is_empty() => Target::LabelHead(label.to_string()),
                _ if s.is_empty() || s.contains(char::is_whitespace) || s.contains('@') => {
                    return Err(TargetError::Invalid(s.to_string()));
                }
                _ => Target::Revision(s.to_string()),
            },
        })
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Head => f.write_str("head"),
            Target::Heads => f.write_str("heads"),
            Target::Base => f.write_str("base"),
            Target::Relative(n) => write!(f, "{n:+}"),
            Target::LabelHead(l) => write!(f, "{l}@head"),
            Target::Revision(r) => f.write_str(r),
        }
    }
}

fn the_head(graph: &Graph) -> Result<&Revision, TargetError> {
    let heads = graph.heads();
    match heads.as_slice() {
        [one] => Ok(one),
        many => Err(TargetError::MultipleHeads {
            count: many.len(),
            heads: many
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The revisions `up target` applies, in order.
pub fn upgrade<'g>(
    graph: &'g Graph,
    applied: &BTreeSet<String>,
    target: &Target,
) -> Result<Vec<&'g Revision>, TargetError> {
    let wanted: BTreeSet<String> = match target {
        Target::Base => return Ok(Vec::new()),
        Target::Head => {
            if graph.is_empty() {
                return Ok(Vec::new());
            }
            graph.ancestors(&the_head(graph)?.id)
        }
        Target::Heads => graph
            .heads()
            .iter()
            .flat_map(|h| graph.ancestors(&h.id))
            .collect(),
        Target::LabelHead(l) => graph.ancestors(&graph.label_head(l)?.id),
        Target::Revision(p) => graph.ancestors(&graph.resolve(p)?.id),
        Target::Relative(n) if *n > 0 => {
            let mut done = applied.clone();
            let mut out = Vec::new();
            for r in graph.ordered() {
                if out.len() as i64 == *n {
                    break;
                }
                if !done.contains(&r.id) && r.parents.iter().all(|p| done.contains(p)) {
                    done.insert(r.id.clone());
                    out.push(r);
                }
            }
            if (out.len() as i64) < *n {
                return Err(TargetError::TooFar {
                    available: out.len(),
                    asked: *n,
                    verb: "applied",
                });
            }
            return Ok(out);
        }
        Target::Relative(_) => return Err(TargetError::Direction(target.to_string(), "up")),
    };
    Ok(graph
        .ordered()
        .filter(|r| wanted.contains(&r.id) && !applied.contains(&r.id))
        .collect())
}

/// The revisions `down target` reverts, in order (children first).
pub fn downgrade<'g>(
    graph: &'g Graph,
    applied: &BTreeSet<String>,
    target: &Target,
) -> Result<Vec<&'g Revision>, TargetError> {
    let doomed: BTreeSet<String> = match target {
        Target::Base => applied.clone(),
        Target::Revision(p) => {
            let keep = graph.resolve(p)?;
            let mut d = graph.descendants(&keep.id);
            d.remove(&keep.id);
            d
        }
        Target::Relative(n) if *n < 0 => {
            let mut left = applied.clone();
            let mut out = Vec::new();
            for r in graph.ordered().rev() {
                if out.len() as i64 == -n {
                    break;
                }
                let leaf = graph.children(&r.id).iter().all(|c| !left.contains(c));
                if left.contains(&r.id) && leaf {
                    left.remove(&r.id);
                    out.push(r);
                }
            }
            if (out.len() as i64) < -n {
                return Err(TargetError::TooFar {
                    available: out.len(),
                    asked: -n,
                    verb: "reverted",
                });
            }
            return Ok(out);
        }
        _ => return Err(TargetError::Direction(target.to_string(), "down")),
    };
    Ok(graph
        .ordered()
        .rev()
        .filter(|r| doomed.contains(&r.id) && applied.contains(&r.id))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Script;
    use std::path::PathBuf;

    fn rev(id: &str, parents: &[&str], labels: &[&str]) -> Revision {
        let s = Script::new(PathBuf::new(), String::new());
        Revision {
            id: id.into(),
            message: id.into(),
            parents: parents.iter().map(|p| p.to_string()).collect(),
            branch_labels: labels.iter().map(|l| l.to_string()).collect(),
            dir: PathBuf::new(),
            up: s.clone(),
            down: s,
        }
    }

    /// a <- b <- c (labelled x) <- m, a <- b <- d <- m (merge)
    fn graph() -> Graph {
        Graph::new(vec![
            rev("a1", &[], &[]),
            rev("b2", &["a1"], &[]),
            rev("c3", &["b2"], &["x"]),
            rev("d4", &["b2"], &[]),
            rev("m5", &["c3", "d4"], &[]),
        ])
        .unwrap()
    }

    fn ids(v: Vec<&Revision>) -> Vec<&str> {
        v.into_iter().map(|r| r.id.as_str()).collect()
    }

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parse_targets() {
        assert_eq!("head".parse::<Target>().unwrap(), Target::Head);
        assert_eq!("+2".parse::<Target>().unwrap(), Target::Relative(2));
        assert_eq!("-1".parse::<Target>().unwrap(), Target::Relative(-1));
        assert_eq!(
            "auth@head".parse::<Target>().unwrap(),
            Target::LabelHead("auth".into())
        );
        assert_eq!(
            "2026".parse::<Target>().unwrap(),
            Target::Revision("2026".into())
        );
        assert!("+0".parse::<Target>().is_err());
        assert!("@head".parse::<Target>().is_err());
    }

    #[test]
    fn upgrades() {
        let g = graph();
        assert_eq!(
            ids(upgrade(&g, &set(&[]), &Target::Head).unwrap()),
            ["a1", "b2", "c3", "d4", "m5"]
        );
        assert_eq!(
            ids(upgrade(&g, &set(&["a1"]), &Target::Relative(2)).unwrap()),
            ["b2", "c3"]
        );
        assert_eq!(
            ids(upgrade(&g, &set(&[]), &Target::Revision("d".into())).unwrap()),
            ["a1", "b2", "d4"]
        );
        assert!(matches!(
            upgrade(&g, &set(&[]), &Target::Relative(9)),
            Err(TargetError::TooFar { available: 5, .. })
        ));
    }

    #[test]
    fn multiple_heads_need_heads_or_a_merge() {
        let g = Graph::new(vec![
            rev("a1", &[], &[]),
            rev("b2", &["a1"], &["x"]),
            rev("c3", &["a1"], &[]),
        ])
        .unwrap();
        assert!(matches!(
            upgrade(&g, &set(&[]), &Target::Head),
            Err(TargetError::MultipleHeads { count: 2, .. })
        ));
        assert_eq!(
            ids(upgrade(&g, &set(&[]), &Target::Heads).unwrap()),
            ["a1", "b2", "c3"]
        );
        assert_eq!(
            ids(upgrade(&g, &set(&[]), &Target::LabelHead("x".into())).unwrap()),
            ["a1", "b2"]
        );
        assert_eq!(g.branch_points().len(), 1);
    }

    #[test]
    fn downgrades() {
        let g = graph();
        let all = set(&["a1", "b2", "c3", "d4", "m5"]);
        assert_eq!(
            ids(downgrade(&g, &all, &Target::Relative(-1)).unwrap()),
            ["m5"]
        );
        assert_eq!(
            ids(downgrade(&g, &all, &Target::Relative(-3)).unwrap()),
            ["m5", "d4", "c3"]
        );
        assert_eq!(
            ids(downgrade(&g, &all, &Target::Revision("b2".into())).unwrap()),
            ["m5", "d4", "c3"]
        );
        assert_eq!(
            ids(downgrade(&g, &all, &Target::Base).unwrap()),
            ["m5", "d4", "c3", "b2", "a1"]
        );
        assert!(downgrade(&g, &all, &Target::Head).is_err());
    }

    #[test]
    fn graph_errors() {
        assert!(matches!(
            Graph::new(vec![rev("a", &["zz"], &[])]),
            Err(GraphError::UnknownParent { .. })
        ));
        assert!(matches!(
            Graph::new(vec![rev("a", &["b"], &[]), rev("b", &["a"], &[])]),
            Err(GraphError::Cycle(_))
        ));
        let g = Graph::new(vec![rev("2026a", &[], &[]), rev("2026b", &["2026a"], &[])]).unwrap();
        assert!(matches!(
            g.resolve("2026"),
            Err(GraphError::Ambiguous { .. })
        ));
        assert!(matches!(
            g.resolve("9"),
            Err(GraphError::UnknownRevision(_))
        ));
    }
}
