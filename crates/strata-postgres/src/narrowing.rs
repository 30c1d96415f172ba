//! Which column type changes can lose data.
//!
//! Types are compared in `format_type` spelling (`character varying(45)`,
//! `numeric(10,2)`, `timestamp(3) without time zone`, `integer[]`). A change
//! is safe only when every value of the old type has an exact equivalent in
//! the new one; anything this module does not recognise is treated as
//! narrowing, so that an unknown change is held back rather than let through.

/// `from` -> `to` can lose data (or fail on existing rows).
pub fn is_narrowing(from: &str, to: &str) -> bool {
    !is_widening(from.trim(), to.trim())
}

fn is_widening(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    match (from.strip_suffix("[]"), to.strip_suffix("[]")) {
        (Some(a), Some(b)) => return is_widening(a, b),
        (None, None) => {}
        _ => return false,
    }
    let (a, b) = (Type::parse(from), Type::parse(to));
    match (a, b) {
        (Type::Int(x), Type::Int(y)) => x <= y,
        (Type::Int(x), Type::Numeric(n)) => n.is_none_or(|(p, s)| p - s >= x.digits()),
        (Type::Int(x), Type::Float(bits)) => x.significant_bits() <= bits,
        (Type::Float(x), Type::Float(y)) => x <= y,
        (Type::Numeric(x), Type::Numeric(y)) => match (x, y) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some((p, s)), Some((p2, s2))) => s2 >= s && p2 - s2 >= p - s,
        },
        (Type::Text(x), Type::Text(y)) => text_widens(x, y),
        (Type::Bits(x), Type::Bits(y)) => match (x, y) {
            (_, BitKind::Varying(None)) => true,
            (BitKind::Fixed(n) | BitKind::Varying(Some(n)), BitKind::Varying(Some(m))) => m >= n,
            (BitKind::Fixed(n), BitKind::Fixed(m)) => n == m,
            _ => false,
        },
        (Type::Time(x), Type::Time(y)) => x.base == y.base && x.precision <= y.precision,
        _ => false,
    }
}

fn text_widens(from: TextKind, to: TextKind) -> bool {
    use TextKind::*;
    match (from, to) {
        // Unlimited text accepts everything; trailing blanks of `character`
        // carry no meaning, so dropping them in the cast loses nothing.
        (_, Unlimited) => true,
        (Unlimited, _) => false,
        (Varchar(n), Varchar(m)) | (Char(n), Varchar(m)) | (Char(n), Char(m)) => m >= n,
        // Padding a varchar to a fixed length changes its values.
        (Varchar(_), Char(_)) => false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum IntKind {
    Small,
    Int,
    Big,
}

impl IntKind {
    /// Decimal digits needed for every value.
    fn digits(self) -> i64 {
        match self {
            IntKind::Small => 5,
            IntKind::Int => 10,
            IntKind::Big => 19,
        }
    }

    /// Bits of mantissa needed to hold every value exactly.
    fn significant_bits(self) -> u32 {
        match self {
            IntKind::Small => 16,
            IntKind::Int => 32,
            IntKind::Big => 64,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextKind {
    Unlimited,
    Varchar(i64),
    Char(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BitKind {
    Fixed(i64),
    Varying(Option<i64>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TimeKind {
    /// `timestamp without time zone`, `time with time zone`, `interval`…
    base: &'static str,
    /// Fractional-second digits (6 when not given).
    precision: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Int(IntKind),
    /// Mantissa bits: 24 for `real`, 53 for `double precision`.
    Float(u32),
    /// `(precision, scale)`, `None` for unconstrained `numeric`.
    Numeric(Option<(i64, i64)>),
    Text(TextKind),
    Bits(BitKind),
    Time(TimeKind),
    Other,
}

impl Type {
    fn parse(t: &str) -> Type {
        match t {
            "smallint" => return Type::Int(IntKind::Small),
            "integer" => return Type::Int(IntKind::Int),
            "bigint" => return Type::Int(IntKind::Big),
            "real" => return Type::Float(24),
            "double precision" => return Type::Float(53),
            "numeric" => return Type::Numeric(None),
            "text" | "character varying" => return Type::Text(TextKind::Unlimited),
            "bpchar" => return Type::Text(TextKind::Char(1)),
            "bit varying" => return Type::Bits(BitKind::Varying(None)),
            _ => {}
        }
        let (name, mods, rest) = split_modifiers(t);
        match (name, mods.as_slice(), rest) {
            ("numeric", [p], "") => Type::Numeric(Some((*p, 0))),
            ("numeric", [p, s], "") => Type::Numeric(Some((*p, *s))),
            ("character varying", [n], "") => Type::Text(TextKind::Varchar(*n)),
            ("character", [n], "") => Type::Text(TextKind::Char(*n)),
            ("bit", [n], "") => Type::Bits(BitKind::Fixed(*n)),
            ("bit varying", [n], "") => Type::Bits(BitKind::Varying(Some(*n))),
            ("timestamp" | "time", [], zone) | ("timestamp" | "time", [_], zone) => {
                let base = match (name, zone) {
                    ("timestamp", " without time zone") => "timestamp",
                    ("timestamp", " with time zone") => "timestamptz",
                    ("time", " without time zone") => "time",
                    ("time", " with time zone") => "timetz",
                    _ => return Type::Other,
                };
                Type::Time(TimeKind {
                    base,
                    precision: mods.first().copied().unwrap_or(6),
                })
            }
            ("interval", [], "") | ("interval", [_], "") => Type::Time(TimeKind {
                base: "interval",
                precision: mods.first().copied().unwrap_or(6),
            }),
            _ => Type::Other,
        }
    }
}

/// `numeric(10,2)` -> (`numeric`, [10, 2], ``);
/// `timestamp(3) with time zone` -> (`timestamp`, [3], ` with time zone`);
/// `timestamp with time zone` -> (`timestamp`, [], ` with time zone`).
fn split_modifiers(t: &str) -> (&str, Vec<i64>, &str) {
    if let Some(open) = t.find('(')
        && let Some(close) = t[open..].find(')').map(|c| open + c)
    {
        let mods: Option<Vec<i64>> = t[open + 1..close]
            .split(',')
            .map(|m| m.trim().parse().ok())
            .collect();
        return match mods {
            Some(mods) => (&t[..open], mods, &t[close + 1..]),
            None => (t, Vec::new(), ""),
        };
    }
    for base in ["timestamp", "time"] {
        if let Some(rest) = t.strip_prefix(base)
            && rest.starts_with(' ')
        {
            return (base, Vec::new(), rest);
        }
    }
    (t, Vec::new(), "")
}

#[cfg(test)]
mod tests {
    use super::is_narrowing;

    fn widens(a: &str, b: &str) {
        assert!(!is_narrowing(a, b), "{a} -> {b} should be safe");
    }

    fn narrows(a: &str, b: &str) {
        assert!(is_narrowing(a, b), "{a} -> {b} should be narrowing");
    }

    #[test]
    fn integers_widen_up_the_ladder() {
        widens("smallint", "integer");
        widens("integer", "bigint");
        widens("smallint", "bigint");
        narrows("bigint", "integer");
        narrows("integer", "smallint");
    }

    #[test]
    fn integers_into_numeric_and_floats() {
        widens("integer", "numeric");
        widens("integer", "numeric(10,0)");
        widens("smallint", "numeric(7,2)");
        narrows("integer", "numeric(9,0)");
        narrows("bigint", "numeric(12,2)");
        widens("smallint", "real");
        widens("integer", "double precision");
        narrows("integer", "real");
        narrows("bigint", "double precision");
        widens("real", "double precision");
        narrows("double precision", "real");
    }

    #[test]
    fn numeric_precision_and_scale() {
        widens("numeric(10,2)", "numeric(12,2)");
        widens("numeric(10,2)", "numeric(11,3)");
        widens("numeric(10,2)", "numeric");
        widens("numeric(5)", "numeric(6,1)");
        narrows("numeric(10,2)", "numeric(10,3)");
        narrows("numeric(10,2)", "numeric(12,1)");
        narrows("numeric", "numeric(38,10)");
        narrows("numeric(10,2)", "integer");
    }

    #[test]
    fn text_lengths() {
        widens("character varying(10)", "character varying(20)");
        widens("character varying(10)", "text");
        widens("character varying(10)", "character varying");
        widens("text", "character varying");
        widens("character(3)", "character varying(3)");
        widens("character(3)", "text");
        narrows("character varying(20)", "character varying(10)");
        narrows("text", "character varying(255)");
        narrows("character varying(3)", "character(3)");
        narrows("text", "integer");
    }

    #[test]
    fn bits_and_times() {
        widens("bit(4)", "bit varying(8)");
        widens("bit varying(4)", "bit varying");
        narrows("bit(4)", "bit(8)");
        widens(
            "timestamp(3) without time zone",
            "timestamp without time zone",
        );
        widens("time(0) with time zone", "time(3) with time zone");
        widens("interval(2)", "interval");
        narrows(
            "timestamp without time zone",
            "timestamp(3) without time zone",
        );
        narrows("timestamp without time zone", "timestamp with time zone");
        narrows("timestamp with time zone", "date");
    }

    #[test]
    fn arrays_compare_their_elements() {
        widens("integer[]", "bigint[]");
        narrows("bigint[]", "integer[]");
        narrows("integer", "integer[]");
    }

    #[test]
    fn unknown_changes_are_held_back() {
        widens("public.mood", "public.mood");
        narrows("public.mood", "text");
        narrows("json", "jsonb");
        narrows("uuid", "text");
    }
}
