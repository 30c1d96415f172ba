//! Statements -> a script the `mysql` client runs.
//!
//! A statement with a `;` inside (a trigger, routine or event body, or
//! just a literal or a name holding one) is wrapped in `DELIMITER` lines,
//! so that `mysql < file.sql` and strata's own splitter read it whole.

/// Candidate delimiters, in order of preference.
const DELIMITERS: &[&str] = &[";;", "$$", "//", "@@"];

/// A delimiter that none of `block` contains.
fn delimiter_for(block: &[String]) -> String {
    let free = |d: &str| block.iter().all(|s| !s.contains(d));
    if let Some(d) = DELIMITERS.iter().find(|d| free(d)) {
        return (*d).to_string();
    }
    // Statements that contain every candidate: a longer run of `$`.
    let mut d = "$$$".to_string();
    while !free(&d) {
        d.push('$');
    }
    d
}

/// Joins statements into a script, wrapping each run of statements that
/// contain `;` in one `DELIMITER` block.
pub fn script(statements: &[String]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < statements.len() {
        if !statements[i].contains(';') {
            out.push_str(&statements[i]);
            out.push_str(";\n\n");
            i += 1;
            continue;
        }
        let end = statements[i..]
            .iter()
            .position(|s| !s.contains(';'))
            .map_or(statements.len(), |n| i + n);
        let block = &statements[i..end];
        let delimiter = delimiter_for(block);
        out.push_str(&format!("DELIMITER {delimiter}\n"));
        for s in block {
            out.push_str(s);
            // Apart from the last word (`END$$` would read as one word to
            // a tokenizer, `$` being an identifier character), and on a
            // line of its own after a trailing comment.
            let last_line = s.rsplit('\n').next().unwrap_or("");
            out.push(if last_line.contains("--") || last_line.contains('#') {
                '\n'
            } else {
                ' '
            });
            out.push_str(&delimiter);
            out.push_str("\n\n");
        }
        out.push_str("DELIMITER ;\n\n");
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_driver::split_script;
    use strata_model::Dialect;

    fn round_trip(statements: &[&str]) -> String {
        let owned: Vec<String> = statements.iter().map(|s| s.to_string()).collect();
        let text = script(&owned);
        let back: Vec<String> = split_script(Dialect::Mysql, &text)
            .unwrap()
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(back, owned, "{text}");
        text
    }

    #[test]
    fn compound_statements_are_wrapped() {
        let text = round_trip(&[
            "CREATE TABLE `a` (\n  `x` int NULL\n)",
            "CREATE TRIGGER `t` BEFORE INSERT ON `a` FOR EACH ROW BEGIN SET NEW.x = 1; END",
            "CREATE PROCEDURE `p`()\nBEGIN SELECT ';;'; END",
            "CREATE VIEW `v` AS select 1 AS `x`",
        ]);
        assert!(text.contains("DELIMITER $$\n"), "{text}");
        assert!(
            text.contains("CREATE VIEW `v` AS select 1 AS `x`;\n\n"),
            "{text}"
        );
    }

    #[test]
    fn a_trailing_comment_does_not_hide_the_delimiter() {
        let text = script(&["SELECT 1; -- tidy".to_string()]);
        assert_eq!(
            text,
            "DELIMITER ;;\nSELECT 1; -- tidy\n;;\n\nDELIMITER ;\n\n"
        );
    }

    #[test]
    fn hostile_names_survive() {
        round_trip(&[
            "CREATE TABLE `x; drop table y; --` (\n  `a` int NULL\n)",
            "CREATE TABLE `b` (\n  `c` int NULL\n)",
        ]);
    }
}
