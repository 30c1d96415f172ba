//! Views, routines and events.

use super::{literal, quote};
use strata_model::{Event, Routine, View};

/// `CREATE [ALGORITHM=…] [SQL SECURITY …] VIEW … AS … [WITH … CHECK OPTION]`.
pub(crate) fn create_view(v: &View) -> String {
    let mut sql = String::from("CREATE ");
    if let Some(my) = &v.mysql {
        if let Some(a) = &my.algorithm {
            sql.push_str(&format!("ALGORITHM={a} "));
        }
        if let Some(s) = &my.security {
            sql.push_str(&format!("SQL SECURITY {s} "));
        }
    }
    sql.push_str(&format!("VIEW {} AS {}", quote(&v.name), v.definition));
    if let Some(c) = &v.check_option {
        sql.push_str(&format!(" WITH {c} CHECK OPTION"));
    }
    sql
}

pub(crate) fn drop_routine(r: &Routine) -> String {
    format!("DROP {} {}", r.kind.sql_word(), quote(&r.name))
}

/// `CREATE EVENT … ON SCHEDULE … ON COMPLETION … status [COMMENT …] DO body`.
pub(crate) fn create_event(e: &Event) -> String {
    let mut sql = format!(
        "CREATE EVENT {} ON SCHEDULE {} ON COMPLETION {}PRESERVE {}",
        quote(&e.name),
        e.schedule,
        if e.preserve { "" } else { "NOT " },
        e.status
    );
    if let Some(c) = &e.comment {
        sql.push_str(&format!(" COMMENT {}", literal(c)));
    }
    sql.push_str(" DO ");
    sql.push_str(&e.body);
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_model::MySqlView;

    #[test]
    fn views_with_options() {
        let v = View {
            name: "v".into(),
            definition: "select 1 AS `x`".into(),
            check_option: Some("CASCADED".into()),
            mysql: Some(MySqlView {
                algorithm: Some("MERGE".into()),
                security: Some("INVOKER".into()),
            }),
            ..View::default()
        };
        assert_eq!(
            create_view(&v),
            "CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW `v` AS select 1 AS `x` WITH CASCADED CHECK OPTION"
        );
    }

    #[test]
    fn events() {
        let e = Event {
            name: "purge".into(),
            schedule: "EVERY 1 DAY STARTS '2030-01-01 00:00:00'".into(),
            preserve: true,
            status: "DISABLE".into(),
            body: "DELETE FROM t".into(),
            comment: Some("nightly".into()),
        };
        assert_eq!(
            create_event(&e),
            "CREATE EVENT `purge` ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' \
             ON COMPLETION PRESERVE DISABLE COMMENT 'nightly' DO DELETE FROM t"
        );
    }
}
