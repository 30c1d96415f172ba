//! Extensions, collations, indexes, views, triggers, rules and policies.

use super::{comment_on, literal, qualified, quote};
use strata_model::{
    Collation, Extension, Index, IndexKey, NullsOrder, Policy, Rule, Trigger, View,
};

/// `CREATE EXTENSION` at the recorded version and schema. The differ sends
/// no separate comment change for a new extension.
pub(crate) fn create_extension(e: &Extension) -> Vec<String> {
    let mut out = vec![format!(
        "CREATE EXTENSION {} WITH SCHEMA {} VERSION {}",
        quote(&e.name),
        quote(&e.schema),
        literal(&e.version)
    )];
    if e.comment.is_some() {
        out.push(comment_on(
            &format!("EXTENSION {}", quote(&e.name)),
            e.comment.as_deref(),
        ));
    }
    out
}

pub(crate) fn alter_extension(from: &Extension, to: &Extension) -> Vec<String> {
    let name = quote(&to.name);
    let mut out = Vec::new();
    if from.version != to.version {
        out.push(format!(
            "ALTER EXTENSION {name} UPDATE TO {}",
            literal(&to.version)
        ));
    }
    if from.schema != to.schema {
        out.push(format!(
            "ALTER EXTENSION {name} SET SCHEMA {}",
            quote(&to.schema)
        ));
    }
    out
}

/// `CREATE [UNIQUE] INDEX`; the comment is a change of its own.
pub(crate) fn create_index(schema: &str, table: &str, i: &Index) -> String {
    let parts: Vec<String> = i
        .parts
        .iter()
        .map(|p| {
            // The server prints an expression key ready to use here: a bare
            // function call, anything else in parentheses.
            let mut s = match &p.key {
                IndexKey::Column(c) => quote(c),
                IndexKey::Expression(e) => e.clone(),
            };
            if let Some(c) = &p.collation {
                s.push_str(&format!(" COLLATE {c}"));
            }
            if let Some(o) = &p.opclass {
                s.push_str(&format!(" {o}"));
            }
            if p.descending {
                s.push_str(" DESC");
            }
            match p.nulls {
                Some(NullsOrder::First) => s.push_str(" NULLS FIRST"),
                Some(NullsOrder::Last) => s.push_str(" NULLS LAST"),
                None => {}
            }
            s
        })
        .collect();
    let mut sql = format!(
        "CREATE {}INDEX {} ON {}",
        if i.unique { "UNIQUE " } else { "" },
        quote(&i.name),
        qualified(schema, table)
    );
    if let Some(m) = &i.method {
        sql.push_str(&format!(" USING {m}"));
    }
    sql.push_str(&format!(" ({})", parts.join(", ")));
    if !i.include.is_empty() {
        let cols: Vec<String> = i.include.iter().map(|c| quote(c)).collect();
        sql.push_str(&format!(" INCLUDE ({})", cols.join(", ")));
    }
    if i.nulls_not_distinct {
        sql.push_str(" NULLS NOT DISTINCT");
    }
    if !i.options.is_empty() {
        sql.push_str(&format!(" WITH ({})", i.options.join(", ")));
    }
    if let Some(p) = &i.predicate {
        sql.push_str(&format!(" WHERE {p}"));
    }
    sql
}

/// `CREATE [MATERIALIZED] VIEW … AS <the server's query text>`.
pub(crate) fn create_view(schema: &str, v: &View) -> String {
    let mut sql = format!(
        "CREATE {}VIEW {}",
        if v.materialized { "MATERIALIZED " } else { "" },
        qualified(schema, &v.name)
    );
    if !v.options.is_empty() {
        sql.push_str(&format!(" WITH ({})", v.options.join(", ")));
    }
    sql.push_str(" AS\n");
    sql.push_str(&v.definition);
    if let Some(check) = &v.check_option {
        sql.push_str(&format!(
            "\n  WITH {} CHECK OPTION",
            check.to_ascii_uppercase()
        ));
    }
    sql
}

/// The server's `CREATE TRIGGER`, then its enabled state when it is not the
/// default.
pub(crate) fn create_trigger(schema: &str, table: &str, t: &Trigger) -> Vec<String> {
    let mut out = vec![t.definition.clone()];
    let state = match t.enabled.as_deref() {
        Some("D") => Some("DISABLE TRIGGER"),
        Some("R") => Some("ENABLE REPLICA TRIGGER"),
        Some("A") => Some("ENABLE ALWAYS TRIGGER"),
        _ => None,
    };
    if let Some(state) = state {
        out.push(format!(
            "ALTER TABLE {} {state} {}",
            qualified(schema, table),
            quote(&t.name)
        ));
    }
    out
}

/// `CREATE POLICY`; the comment is a change of its own.
pub(crate) fn create_policy(schema: &str, table: &str, p: &Policy) -> String {
    let roles: Vec<String> = p
        .roles
        .iter()
        .map(|r| {
            if r == "public" {
                "PUBLIC".to_string()
            } else {
                quote(r)
            }
        })
        .collect();
    let mut sql = format!(
        "CREATE POLICY {} ON {} AS {} FOR {}",
        quote(&p.name),
        qualified(schema, table),
        if p.permissive {
            "PERMISSIVE"
        } else {
            "RESTRICTIVE"
        },
        p.command.sql_word()
    );
    if !roles.is_empty() {
        sql.push_str(&format!(" TO {}", roles.join(", ")));
    }
    if let Some(u) = &p.using {
        sql.push_str(&format!(" USING ({u})"));
    }
    if let Some(c) = &p.with_check {
        sql.push_str(&format!(" WITH CHECK ({c})"));
    }
    sql
}

/// `CREATE COLLATION` with the options that reproduce the catalog row.
pub(crate) fn create_collation(schema: &str, c: &Collation) -> String {
    let mut options = vec![format!("provider = {}", c.provider)];
    match (&c.locale, &c.lc_collate, &c.lc_ctype) {
        // An ICU collation is its locale (PostgreSQL 15 still fills in
        // lc_collate/lc_ctype for it from the locale, or leaves them NULL).
        (Some(locale), _, _) => options.push(format!("locale = {}", literal(locale))),
        (None, collate, ctype) => {
            if let Some(v) = collate {
                options.push(format!("lc_collate = {}", literal(v)));
            }
            if let Some(v) = ctype {
                options.push(format!("lc_ctype = {}", literal(v)));
            }
        }
    }
    if !c.deterministic {
        options.push("deterministic = false".into());
    }
    format!(
        "CREATE COLLATION {} ({})",
        qualified(schema, &c.name),
        options.join(", ")
    )
}

/// `CREATE OR REPLACE RULE` from the rule's `CREATE RULE` definition.
pub(crate) fn replace_rule(r: &Rule) -> String {
    match r.definition.strip_prefix("CREATE RULE ") {
        Some(rest) => format!("CREATE OR REPLACE RULE {rest}"),
        None => r.definition.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_model::{IndexPart, PolicyCommand};

    #[test]
    fn collations_are_created_from_their_locale_or_lc_settings() {
        let icu = Collation {
            name: "numeric".into(),
            provider: "icu".into(),
            locale: Some("en-u-kn-true".into()),
            lc_collate: None,
            lc_ctype: None,
            deterministic: false,
            comment: None,
        };
        assert_eq!(
            create_collation("public", &icu),
            "CREATE COLLATION \"public\".\"numeric\" (provider = icu, locale = 'en-u-kn-true', deterministic = false)"
        );
        let libc = Collation {
            name: "posix".into(),
            provider: "libc".into(),
            locale: None,
            lc_collate: Some("POSIX".into()),
            lc_ctype: Some("POSIX".into()),
            deterministic: true,
            comment: None,
        };
        assert_eq!(
            create_collation("public", &libc),
            "CREATE COLLATION \"public\".\"posix\" (provider = libc, lc_collate = 'POSIX', lc_ctype = 'POSIX')"
        );
    }

    #[test]
    fn a_changed_rule_is_replaced_in_place() {
        let rule = Rule {
            name: "r".into(),
            definition: "CREATE RULE r AS ON INSERT TO public.t DO INSTEAD NOTHING".into(),
            depends_on: Vec::new(),
            comment: None,
        };
        assert_eq!(
            replace_rule(&rule),
            "CREATE OR REPLACE RULE r AS ON INSERT TO public.t DO INSTEAD NOTHING"
        );
    }

    #[test]
    fn index_with_every_option() {
        let mut title = IndexPart::column("title");
        title.descending = true;
        title.nulls = Some(NullsOrder::Last);
        title.collation = Some("\"C\"".into());
        title.opclass = Some("text_pattern_ops".into());
        let i = Index {
            name: "i".into(),
            unique: true,
            parts: vec![
                title,
                IndexPart {
                    key: IndexKey::Expression("lower(name)".into()),
                    ..IndexPart::column("")
                },
            ],
            include: vec!["id".into()],
            predicate: Some("(active IS TRUE)".into()),
            method: None,
            nulls_not_distinct: true,
            options: vec!["fillfactor=70".into()],
            comment: None,
        };
        assert_eq!(
            create_index("s", "t", &i),
            "CREATE UNIQUE INDEX \"i\" ON \"s\".\"t\" (\"title\" COLLATE \"C\" text_pattern_ops DESC NULLS LAST, lower(name)) INCLUDE (\"id\") NULLS NOT DISTINCT WITH (fillfactor=70) WHERE (active IS TRUE)"
        );
    }

    #[test]
    fn policy_roles() {
        let p = Policy {
            name: "p".into(),
            command: PolicyCommand::Select,
            permissive: false,
            roles: vec!["app user".into(), "public".into()],
            using: Some("(owner = CURRENT_USER)".into()),
            with_check: None,
            comment: None,
        };
        assert_eq!(
            create_policy("s", "t", &p),
            "CREATE POLICY \"p\" ON \"s\".\"t\" AS RESTRICTIVE FOR SELECT TO \"app user\", PUBLIC USING ((owner = CURRENT_USER))"
        );
    }
}
