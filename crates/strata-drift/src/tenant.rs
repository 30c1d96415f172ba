//! Schema-per-tenant fleets: every schema of a database whose name matches a
//! SQL `LIKE` pattern is a target of its own, compared with a reference that
//! has one schema.

use strata_model::Realm;

/// SQL `LIKE` matching (`%` any run, `_` one character, `\` escapes).
pub fn like(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Dynamic programming over (pattern position, text position).
    let mut reach = vec![false; t.len() + 1];
    reach[0] = true;
    let mut i = 0;
    while i < p.len() {
        let (c, escaped) = if p[i] == '\\' && i + 1 < p.len() {
            i += 1;
            (p[i], true)
        } else {
            (p[i], false)
        };
        let mut next = vec![false; t.len() + 1];
        if c == '%' && !escaped {
            let mut any = false;
            for j in 0..=t.len() {
                any |= reach[j];
                next[j] = any;
            }
        } else {
            for j in 0..t.len() {
                if reach[j] && ((c == '_' && !escaped) || t[j] == c) {
                    next[j + 1] = true;
                }
            }
        }
        reach = next;
        i += 1;
    }
    reach[t.len()]
}

/// One tenant's schema out of a realm that holds many, renamed to the
/// reference's schema name so the two compare. Names the server wrote
/// qualified with the tenant's schema (defaults, view definitions, types)
/// are rewritten too: `tenant_7.users` and `"tenant_7".users` become the
/// reference's schema.
pub fn tenant_realm(all: &Realm, tenant: &str, reference_schema: &str) -> Option<Realm> {
    let schema = all.schemas.get(tenant)?;
    let mut one = Realm::new(all.dialect, all.server.clone());
    one.schemas.insert(tenant.to_string(), schema.clone());
    one.extensions = all.extensions.clone();
    one.rename_schema(tenant, reference_schema);
    let Ok(mut value) = serde_json::to_value(&one) else {
        return Some(one);
    };
    requalify(&mut value, tenant, reference_schema);
    serde_json::from_value(value).ok().or(Some(one))
}

fn requalify(value: &mut serde_json::Value, from: &str, to: &str) {
    use serde_json::Value;
    let quoted_from = format!("\"{}\".", from.replace('"', "\"\""));
    let quoted_to = format!("\"{}\".", to.replace('"', "\"\""));
    let plain_from = format!("{from}.");
    let plain_to = format!("{to}.");
    match value {
        Value::String(s) if s.contains(&quoted_from) || s.contains(&plain_from) => {
            *s = replace_qualifier(&s.replace(&quoted_from, &quoted_to), &plain_from, &plain_to);
        }
        Value::Array(items) => items.iter_mut().for_each(|v| requalify(v, from, to)),
        Value::Object(map) => map.values_mut().for_each(|v| requalify(v, from, to)),
        _ => {}
    }
}

/// Replaces `from.` only where it starts a name (not inside `xtenant_1.`).
fn replace_qualifier(s: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find(from) {
        let before = rest[..pos].chars().next_back();
        let starts_name = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '"'));
        out.push_str(&rest[..pos]);
        out.push_str(if starts_name { to } else { from });
        rest = &rest[pos + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns() {
        assert!(like("tenant_%", "tenant_001"));
        assert!(like("tenant\\_%", "tenant_001"));
        assert!(!like("tenant\\_%", "tenantX001"));
        assert!(like("t_nant%", "tenant"));
        assert!(!like("tenant_%", "public"));
        assert!(like("%", ""));
    }

    #[test]
    fn qualifiers_follow_the_rename() {
        assert_eq!(
            replace_qualifier(
                "nextval('tenant_1.users_id_seq'::regclass) xtenant_1.a",
                "tenant_1.",
                "public."
            ),
            "nextval('public.users_id_seq'::regclass) xtenant_1.a"
        );
    }
}
