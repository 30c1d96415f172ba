//! Small, named rules that turn what the catalog says into the model's
//! deterministic spelling. Each rule is a pure function with its own test.
//!
//! Most of the spelling is the server's own (`format_type`, `pg_get_expr`,
//! `pg_get_viewdef`…), printed in an inspecting session whose settings are
//! fixed (empty `search_path`, UTC, ISO dates), so that the same schema
//! always reads the same. What remains is decoding catalog codes and
//! trimming the decoration those functions add.

use strata_model::{FkAction, Grant, MatchType, NullsOrder, PolicyCommand, TriggerTiming};

/// `15.20 (Debian 15.20-0+deb12u1)` -> `15.20`: the distribution's suffix
/// says nothing about the schema and differs between identical servers.
pub fn server_version(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The comment every PostgreSQL database puts on `public` is not part of
/// anyone's schema: a database whose `public` kept it and one whose tenant
/// schemas have none are the same.
pub fn schema_comment(schema: &str, comment: Option<String>) -> Option<String> {
    comment.filter(|c| !(schema == "public" && c == "standard public schema"))
}

/// `pg_get_viewdef` starts with a space and ends with `;`; neither is part
/// of the query.
pub fn view_definition(text: &str) -> String {
    let t = text.trim();
    t.strip_suffix(';').unwrap_or(t).trim_end().to_string()
}

/// `pg_get_functiondef` ends with a newline that is not part of the statement.
pub fn routine_definition(text: &str) -> String {
    text.trim_end().to_string()
}

/// `pg_get_constraintdef` appends the flags the model keeps as fields
/// (`DEFERRABLE`, `INITIALLY DEFERRED`, `NOT VALID`); strip them from the
/// end so the definition is only the constraint body.
pub fn constraint_body(text: &str) -> String {
    const FLAGS: [&str; 4] = [
        " NOT VALID",
        " INITIALLY DEFERRED",
        " INITIALLY IMMEDIATE",
        " DEFERRABLE",
    ];
    let mut t = text.trim_end();
    loop {
        let before = t.len();
        for flag in FLAGS {
            if let Some(rest) = t.strip_suffix(flag) {
                t = rest;
            }
        }
        if t.len() == before {
            return t.to_string();
        }
    }
}

/// Storage parameters in a stable order (`reloptions` keeps the order they
/// were set in).
pub fn sorted_options(options: Option<Vec<String>>) -> Vec<String> {
    let mut o = options.unwrap_or_default();
    o.sort();
    o
}

/// A view's `reloptions` hold its check option beside the real options:
/// `check_option=local` becomes `Some("LOCAL")`.
pub fn view_options(options: Option<Vec<String>>) -> (Option<String>, Vec<String>) {
    let mut check = None;
    let mut rest = Vec::new();
    for o in options.unwrap_or_default() {
        match o.strip_prefix("check_option=") {
            Some(v) => check = Some(v.to_ascii_uppercase()),
            None => rest.push(o),
        }
    }
    rest.sort();
    (check, rest)
}

/// `pg_index.indoption` bits: 1 = DESC, 2 = NULLS FIRST. The null order is
/// recorded only when it is not the direction's default (ASC puts NULLs
/// last, DESC first).
pub fn index_order(flags: i16) -> (bool, Option<NullsOrder>) {
    let descending = flags & 1 != 0;
    let nulls_first = flags & 2 != 0;
    let nulls = match (descending, nulls_first) {
        (false, true) => Some(NullsOrder::First),
        (true, false) => Some(NullsOrder::Last),
        _ => None,
    };
    (descending, nulls)
}

/// The oid of the `default` collation, which every collatable built-in
/// type uses.
pub const DEFAULT_COLLATION_OID: i64 = 100;

/// An index key names its collation only when it is not the one the key
/// has anyway: its column's for a column key, the default for an
/// expression. Returns the key's collation oid when it is to be named.
pub fn index_collation(key: i64, own: i64) -> Option<i64> {
    (key != 0 && key != own).then_some(key)
}

/// `pg_trigger.tgtype` bits, with the `UPDATE OF` columns, in the order
/// `pg_get_triggerdef` prints the events.
pub fn trigger_events(
    tgtype: i16,
    update_columns: &[String],
) -> (TriggerTiming, Vec<String>, bool) {
    const ROW: i16 = 1;
    const BEFORE: i16 = 2;
    const INSERT: i16 = 4;
    const DELETE: i16 = 8;
    const UPDATE: i16 = 16;
    const TRUNCATE: i16 = 32;
    const INSTEAD: i16 = 64;
    let timing = if tgtype & INSTEAD != 0 {
        TriggerTiming::InsteadOf
    } else if tgtype & BEFORE != 0 {
        TriggerTiming::Before
    } else {
        TriggerTiming::After
    };
    let mut events = Vec::new();
    if tgtype & INSERT != 0 {
        events.push("INSERT".to_string());
    }
    if tgtype & DELETE != 0 {
        events.push("DELETE".to_string());
    }
    if tgtype & UPDATE != 0 {
        if update_columns.is_empty() {
            events.push("UPDATE".to_string());
        } else {
            events.push(format!("UPDATE OF {}", update_columns.join(", ")));
        }
    }
    if tgtype & TRUNCATE != 0 {
        events.push("TRUNCATE".to_string());
    }
    (timing, events, tgtype & ROW != 0)
}

/// `tgenabled`: `O` (enabled in origin and local mode, the default) is left
/// out; `D`, `R` and `A` are kept.
pub fn trigger_enabled(code: u8) -> Option<String> {
    match code {
        b'O' => None,
        other => Some(char::from(other).to_string()),
    }
}

/// `confupdtype` / `confdeltype`.
pub fn fk_action(code: u8) -> FkAction {
    match code {
        b'r' => FkAction::Restrict,
        b'c' => FkAction::Cascade,
        b'n' => FkAction::SetNull,
        b'd' => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

/// `confmatchtype`.
pub fn match_type(code: u8) -> MatchType {
    match code {
        b'f' => MatchType::Full,
        b'p' => MatchType::Partial,
        _ => MatchType::Simple,
    }
}

/// `polcmd`.
pub fn policy_command(code: u8) -> PolicyCommand {
    match code {
        b'r' => PolicyCommand::Select,
        b'a' => PolicyCommand::Insert,
        b'w' => PolicyCommand::Update,
        b'd' => PolicyCommand::Delete,
        _ => PolicyCommand::All,
    }
}

/// The multirange type PostgreSQL names for a range type when none is given
/// (`int4range` -> `int4multirange`, `floatrange` -> `floatmultirange`,
/// `mytype` -> `mytype_multirange`).
pub fn default_multirange_name(range: &str) -> String {
    match range.find("range") {
        Some(at) => format!("{}multi{}", &range[..at], &range[at..]),
        None => format!("{range}_multirange"),
    }
}

/// An ACL (`aclitem[]` as text, e.g. `{=r/owner,"a b"=arw*/owner}`) as
/// grants, one per grantee and grant option, privileges sorted. The owner's
/// own entry is left out: ownership implies it, and it is what every
/// environment has.
pub fn grants(acl: &[String], owner: &str) -> Vec<Grant> {
    let mut out: Vec<Grant> = Vec::new();
    for item in acl {
        let Some((grantee, privileges)) = parse_acl_item(item) else {
            continue;
        };
        if grantee == owner {
            continue;
        }
        let mut plain = Vec::new();
        let mut granting = Vec::new();
        let mut letters = privileges.chars().peekable();
        while let Some(c) = letters.next() {
            let Some(word) = privilege_word(c) else {
                continue;
            };
            if letters.peek() == Some(&'*') {
                letters.next();
                granting.push(word.to_string());
            } else {
                plain.push(word.to_string());
            }
        }
        for (privileges, with_grant_option) in [(plain, false), (granting, true)] {
            if privileges.is_empty() {
                continue;
            }
            let mut privileges = privileges;
            privileges.sort();
            privileges.dedup();
            match out
                .iter_mut()
                .find(|g| g.grantee == grantee && g.with_grant_option == with_grant_option)
            {
                // Two grantors may have granted to the same role.
                Some(g) => {
                    g.privileges.extend(privileges);
                    g.privileges.sort();
                    g.privileges.dedup();
                }
                None => out.push(Grant {
                    grantee: grantee.clone(),
                    privileges,
                    with_grant_option,
                }),
            }
        }
    }
    out.sort();
    out
}

/// `"a ""b"""=arw/grantor` -> (`a "b"`, `arw`); an empty grantee is PUBLIC.
fn parse_acl_item(item: &str) -> Option<(String, String)> {
    let mut grantee = String::new();
    let mut chars = item.chars().peekable();
    if chars.peek() == Some(&'"') {
        chars.next();
        loop {
            match chars.next()? {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    grantee.push('"');
                }
                '"' => break,
                c => grantee.push(c),
            }
        }
        if chars.next()? != '=' {
            return None;
        }
    } else {
        loop {
            match chars.next()? {
                '=' => break,
                c => grantee.push(c),
            }
        }
    }
    let rest: String = chars.collect();
    let privileges = rest.split('/').next().unwrap_or_default().to_string();
    if grantee.is_empty() {
        grantee = "PUBLIC".into();
    }
    Some((grantee, privileges))
}

fn privilege_word(letter: char) -> Option<&'static str> {
    Some(match letter {
        'r' => "SELECT",
        'w' => "UPDATE",
        'a' => "INSERT",
        'd' => "DELETE",
        'D' => "TRUNCATE",
        'x' => "REFERENCES",
        't' => "TRIGGER",
        'X' => "EXECUTE",
        'U' => "USAGE",
        'C' => "CREATE",
        'c' => "CONNECT",
        'T' => "TEMPORARY",
        'm' => "MAINTAIN",
        's' => "SET",
        'A' => "ALTER SYSTEM",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_public_comment_is_no_comment() {
        assert_eq!(
            schema_comment("public", Some("standard public schema".into())),
            None
        );
        assert_eq!(
            schema_comment("public", Some("ours".into())).as_deref(),
            Some("ours")
        );
        assert_eq!(
            schema_comment("app", Some("standard public schema".into())).as_deref(),
            Some("standard public schema")
        );
    }

    #[test]
    fn server_version_keeps_the_number() {
        assert_eq!(server_version("15.20 (Debian 15.20-0+deb12u1)"), "15.20");
        assert_eq!(server_version("17.10"), "17.10");
    }

    #[test]
    fn view_definition_is_trimmed() {
        assert_eq!(
            view_definition(" SELECT a.x\n   FROM public.a;"),
            "SELECT a.x\n   FROM public.a"
        );
    }

    #[test]
    fn routine_definition_loses_the_final_newline() {
        assert_eq!(
            routine_definition("CREATE OR REPLACE FUNCTION f()\n AS $$ x $$\n"),
            "CREATE OR REPLACE FUNCTION f()\n AS $$ x $$"
        );
    }

    #[test]
    fn constraint_body_strips_trailing_flags() {
        assert_eq!(
            constraint_body("EXCLUDE USING gist (c WITH &&) DEFERRABLE INITIALLY DEFERRED"),
            "EXCLUDE USING gist (c WITH &&)"
        );
        assert_eq!(
            constraint_body("CHECK ((VALUE > 0)) NOT VALID"),
            "CHECK ((VALUE > 0))"
        );
        assert_eq!(
            constraint_body("CHECK ((VALUE > 0))"),
            "CHECK ((VALUE > 0))"
        );
    }

    #[test]
    fn options_are_sorted_and_view_check_option_split_off() {
        assert_eq!(
            sorted_options(Some(vec![
                "fillfactor=70".into(),
                "autovacuum_enabled=false".into()
            ])),
            ["autovacuum_enabled=false", "fillfactor=70"]
        );
        assert_eq!(sorted_options(None), Vec::<String>::new());
        let (check, rest) = view_options(Some(vec![
            "security_barrier=true".into(),
            "check_option=cascaded".into(),
        ]));
        assert_eq!(check.as_deref(), Some("CASCADED"));
        assert_eq!(rest, ["security_barrier=true"]);
    }

    #[test]
    fn index_order_records_only_non_default_nulls() {
        assert_eq!(index_order(0), (false, None));
        assert_eq!(index_order(3), (true, None));
        assert_eq!(index_order(1), (true, Some(NullsOrder::Last)));
        assert_eq!(index_order(2), (false, Some(NullsOrder::First)));
    }

    #[test]
    fn index_collation_only_when_not_the_keys_own() {
        assert_eq!(index_collation(0, 0), None);
        assert_eq!(index_collation(950, 950), None);
        assert_eq!(index_collation(950, DEFAULT_COLLATION_OID), Some(950));
        assert_eq!(index_collation(DEFAULT_COLLATION_OID, 950), Some(100));
    }

    #[test]
    fn trigger_type_bits() {
        // BEFORE UPDATE OF a, b FOR EACH ROW
        let (timing, events, row) = trigger_events(2 | 16 | 1, &["a".into(), "b".into()]);
        assert_eq!(timing, TriggerTiming::Before);
        assert_eq!(events, ["UPDATE OF a, b"]);
        assert!(row);
        // AFTER INSERT OR DELETE OR TRUNCATE FOR EACH STATEMENT
        let (timing, events, row) = trigger_events(4 | 8 | 32, &[]);
        assert_eq!(timing, TriggerTiming::After);
        assert_eq!(events, ["INSERT", "DELETE", "TRUNCATE"]);
        assert!(!row);
        assert_eq!(trigger_events(64 | 4 | 1, &[]).0, TriggerTiming::InsteadOf);
        assert_eq!(trigger_enabled(b'O'), None);
        assert_eq!(trigger_enabled(b'D').as_deref(), Some("D"));
    }

    #[test]
    fn constraint_codes() {
        assert_eq!(fk_action(b'a'), FkAction::NoAction);
        assert_eq!(fk_action(b'c'), FkAction::Cascade);
        assert_eq!(fk_action(b'n'), FkAction::SetNull);
        assert_eq!(fk_action(b'd'), FkAction::SetDefault);
        assert_eq!(fk_action(b'r'), FkAction::Restrict);
        assert_eq!(match_type(b'f'), MatchType::Full);
        assert_eq!(match_type(b's'), MatchType::Simple);
        assert_eq!(policy_command(b'*'), PolicyCommand::All);
        assert_eq!(policy_command(b'w'), PolicyCommand::Update);
    }

    #[test]
    fn multirange_names() {
        assert_eq!(default_multirange_name("floatrange"), "floatmultirange");
        assert_eq!(default_multirange_name("mytype"), "mytype_multirange");
    }

    #[test]
    fn acl_items_become_grants() {
        let acl = [
            "postgres=arwdDxt/postgres".to_string(),
            "=r/postgres".to_string(),
            "\"odd \"\"name\"=r*w/postgres".to_string(),
            "app=X/postgres".to_string(),
            "app=U/other".to_string(),
        ];
        let g = grants(&acl, "postgres");
        assert_eq!(
            g,
            [
                Grant {
                    grantee: "PUBLIC".into(),
                    privileges: vec!["SELECT".into()],
                    with_grant_option: false
                },
                Grant {
                    grantee: "app".into(),
                    privileges: vec!["EXECUTE".into(), "USAGE".into()],
                    with_grant_option: false
                },
                Grant {
                    grantee: "odd \"name".into(),
                    privileges: vec!["SELECT".into()],
                    with_grant_option: true
                },
                Grant {
                    grantee: "odd \"name".into(),
                    privileges: vec!["UPDATE".into()],
                    with_grant_option: false
                },
            ]
        );
    }
}
