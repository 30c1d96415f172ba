//! Python expressions laid out the way `ruff format` (and black) lay them
//! out, so generated files pass `ruff format --check` as written.
//!
//! The rules used, from black's right-hand split: a statement that fits in
//! 88 columns stays on one line; otherwise the last bracket is split. A
//! call's arguments then go on one indented line if they fit there, else
//! one per line with a trailing comma. A tuple, list or dict with more than
//! one element is always exploded one per line (its trailing comma is
//! "magic" and keeps it so); a one-element one follows the width rule.

/// The line length ruff uses by default.
pub const WIDTH: usize = 88;

/// A Python expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Py {
    /// Written as is.
    Atom(String),
    /// `func(args…)`.
    Call(String, Vec<Py>),
    /// `name=value`, inside a call.
    Kw(String, Box<Py>),
    Tuple(Vec<Py>),
    List(Vec<Py>),
    /// `{key: value}` pairs.
    Dict(Vec<(Py, Py)>),
}

impl Py {
    pub fn atom(text: impl Into<String>) -> Py {
        Py::Atom(text.into())
    }

    /// A string literal.
    pub fn str(text: &str) -> Py {
        Py::Atom(string(text))
    }

    pub fn call(func: impl Into<String>, args: Vec<Py>) -> Py {
        Py::Call(func.into(), args)
    }

    pub fn kw(name: impl Into<String>, value: Py) -> Py {
        Py::Kw(name.into(), Box::new(value))
    }

    /// The expression on one line.
    pub fn flat(&self) -> String {
        match self {
            Py::Atom(s) => s.clone(),
            Py::Call(f, args) => format!("{f}({})", join(args)),
            Py::Kw(k, v) => format!("{k}={}", v.flat()),
            Py::Tuple(items) if items.len() == 1 => format!("({},)", items[0].flat()),
            Py::Tuple(items) => format!("({})", join(items)),
            Py::List(items) => format!("[{}]", join(items)),
            Py::Dict(pairs) => format!(
                "{{{}}}",
                pairs
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.flat(), v.flat()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

fn join(items: &[Py]) -> String {
    items.iter().map(Py::flat).collect::<Vec<_>>().join(", ")
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// `prefix` + `expr` + `suffix` at `indent` spaces, as ruff formats it.
pub fn statement(indent: usize, prefix: &str, expr: &Py, suffix: &str) -> String {
    let mut out = Vec::new();
    lay_out(indent, prefix, expr, suffix, &mut out);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn lay_out(indent: usize, prefix: &str, expr: &Py, suffix: &str, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    let flat = format!("{pad}{prefix}{}{suffix}", expr.flat());
    let exploding = match expr {
        Py::Tuple(items) | Py::List(items) => items.len() > 1,
        Py::Dict(pairs) => pairs.len() > 1,
        _ => false,
    };
    if width(&flat) <= WIDTH && !exploding {
        out.push(flat);
        return;
    }
    let inner = " ".repeat(indent + 4);
    match expr {
        Py::Call(f, args) if !args.is_empty() => {
            out.push(format!("{pad}{prefix}{f}("));
            let body = format!("{inner}{}", join(args));
            if width(&body) <= WIDTH {
                out.push(body);
            } else {
                for a in args {
                    lay_out(indent + 4, "", a, ",", out);
                }
            }
            out.push(format!("{pad}){suffix}"));
        }
        Py::Kw(k, v) => lay_out(indent, &format!("{prefix}{k}="), v, suffix, out),
        Py::Tuple(items) | Py::List(items) if !items.is_empty() => {
            let (open, close) = match expr {
                Py::Tuple(_) => ("(", ")"),
                _ => ("[", "]"),
            };
            out.push(format!("{pad}{prefix}{open}"));
            for item in items {
                lay_out(indent + 4, "", item, ",", out);
            }
            out.push(format!("{pad}{close}{suffix}"));
        }
        Py::Dict(pairs) if !pairs.is_empty() => {
            out.push(format!("{pad}{prefix}{{"));
            for (k, v) in pairs {
                lay_out(indent + 4, &format!("{}: ", k.flat()), v, ",", out);
            }
            out.push(format!("{pad}}}{suffix}"));
        }
        _ => out.push(flat),
    }
}

/// A Python string literal the way ruff writes it: double quotes unless
/// the text has more double than single quotes.
pub fn string(text: &str) -> String {
    let doubles = text.matches('"').count();
    let singles = text.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Comment lines (`# …`) for free text, one per line of the text.
pub fn comment(indent: usize, text: &str) -> String {
    let pad = " ".repeat(indent);
    text.lines()
        .map(|l| {
            let l = l.trim_end();
            if l.is_empty() {
                format!("{pad}#\n")
            } else {
                format!("{pad}# {l}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_statements_stay_on_one_line() {
        let e = Py::call(
            "mapped_column",
            vec![
                Py::atom("sa.Integer()"),
                Py::kw("primary_key", Py::atom("True")),
            ],
        );
        assert_eq!(
            statement(4, "album_id: Mapped[int] = ", &e, ""),
            "    album_id: Mapped[int] = mapped_column(sa.Integer(), primary_key=True)\n"
        );
    }

    #[test]
    fn long_calls_hug_then_explode() {
        let args: Vec<Py> = (0..5)
            .map(|i| Py::str(&format!("argument_number_{i}")))
            .collect();
        let text = statement(0, "x = ", &Py::call("f", args.clone()), "");
        assert_eq!(
            text,
            "x = f(\n    \"argument_number_0\", \"argument_number_1\", \"argument_number_2\", \"argument_number_3\"\n)\n"
                .replace("\"argument_number_3\"\n", "\"argument_number_3\",\n    \"argument_number_4\",\n")
                .replace("x = f(\n    \"argument_number_0\", \"argument_number_1\", \"argument_number_2\", ", "x = f(\n    \"argument_number_0\",\n    \"argument_number_1\",\n    \"argument_number_2\",\n    ")
        );
        let two = statement(
            0,
            "__table_args__ = ",
            &Py::Tuple(vec![Py::atom("a"), Py::atom("b")]),
            "",
        );
        assert_eq!(two, "__table_args__ = (\n    a,\n    b,\n)\n");
        let one = statement(0, "t = ", &Py::Tuple(vec![Py::atom("a")]), "");
        assert_eq!(one, "t = (a,)\n");
    }

    #[test]
    fn strings_prefer_double_quotes() {
        assert_eq!(string("a"), "\"a\"");
        assert_eq!(string("it's"), "\"it's\"");
        assert_eq!(string("say \"x\""), "'say \"x\"'");
        assert_eq!(string("a\\b\n"), "\"a\\\\b\\n\"");
    }
}
