//! Which column type changes can lose data (MySQL rules).
//!
//! A change is safe only when every value of the old type fits the new one
//! unchanged: a wider integer of compatible sign, more digits on both sides
//! of a decimal point, a longer string of the same family, more fractional
//! seconds, an enum or set that keeps all its values. Anything not known to
//! be safe is narrowing.

/// A column type, taken apart.
#[derive(Debug, Clone, PartialEq)]
struct Type {
    base: String,
    /// `(n)` or `(p,s)`.
    args: Vec<u64>,
    /// enum/set values, as written.
    values: Vec<String>,
    unsigned: bool,
}

fn parse(data_type: &str) -> Type {
    let lower = data_type.trim().to_ascii_lowercase();
    let (head, rest) = match lower.find('(') {
        Some(i) => (&lower[..i], &lower[i..]),
        None => (lower.split_whitespace().next().unwrap_or(""), ""),
    };
    let base = head.trim().to_string();
    let (inside, after) = match rest.strip_prefix('(') {
        Some(r) => match r.rfind(')') {
            Some(close) => (&r[..close], &r[close + 1..]),
            None => (r, ""),
        },
        None => ("", lower.strip_prefix(head).unwrap_or("")),
    };
    let (args, values) = if base == "enum" || base == "set" {
        (Vec::new(), enum_values(inside))
    } else {
        (
            inside
                .split(',')
                .filter_map(|a| a.trim().parse().ok())
                .collect(),
            Vec::new(),
        )
    };
    Type {
        base,
        args,
        values,
        unsigned: after.split_whitespace().any(|w| w == "unsigned"),
    }
}

/// `'a','b''c'` -> `["a", "b'c"]`.
fn enum_values(inside: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = inside.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut value = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    value.push('\'');
                }
                '\'' => break,
                '\\' => {
                    if let Some(n) = chars.next() {
                        value.push(n);
                    }
                }
                c => value.push(c),
            }
        }
        out.push(value);
    }
    out
}

/// Bytes of an integer type.
fn int_bytes(base: &str) -> Option<u32> {
    Some(match base {
        "tinyint" | "bool" | "boolean" => 1,
        "smallint" => 2,
        "mediumint" => 3,
        "int" | "integer" => 4,
        "bigint" => 8,
        _ => return None,
    })
}

/// Decimal digits an integer type needs.
fn int_digits(bytes: u32, unsigned: bool) -> u64 {
    match (bytes, unsigned) {
        (1, _) => 3,
        (2, _) => 5,
        (3, false) => 7,
        (3, true) => 8,
        (4, _) => 10,
        (8, false) => 19,
        _ => 20,
    }
}

/// Largest byte length of a string or binary type (characters count as
/// 4 bytes, the most utf8mb4 needs), and whether it is binary.
fn capacity(t: &Type) -> Option<(u64, bool)> {
    let n = t.args.first().copied().unwrap_or(1);
    Some(match t.base.as_str() {
        "char" | "varchar" => (n * 4, false),
        "tinytext" => (255, false),
        "text" => (65_535, false),
        "mediumtext" => (16_777_215, false),
        "longtext" | "json" => (4_294_967_295, false),
        "binary" | "varbinary" => (n, true),
        "tinyblob" => (255, true),
        "blob" => (65_535, true),
        "mediumblob" => (16_777_215, true),
        "longblob" => (4_294_967_295, true),
        _ => return None,
    })
}

fn temporal_rank(base: &str) -> Option<u8> {
    Some(match base {
        "date" => 1,
        "timestamp" => 2,
        "datetime" => 3,
        _ => return None,
    })
}

/// Changing a column from `from` to `to` can lose data.
pub fn is_narrowing(from: &str, to: &str) -> bool {
    if from.trim().eq_ignore_ascii_case(to.trim()) {
        return false;
    }
    let (a, b) = (parse(from), parse(to));
    // Integers: wider, and no sign lost.
    if let (Some(x), Some(y)) = (int_bytes(&a.base), int_bytes(&b.base)) {
        return match (a.unsigned, b.unsigned) {
            (false, true) => true,
            (true, false) => y <= x,
            _ => y < x,
        };
    }
    // Integer -> decimal with enough integer digits.
    if let Some(x) = int_bytes(&a.base)
        && matches!(b.base.as_str(), "decimal" | "numeric")
    {
        let p = b.args.first().copied().unwrap_or(10);
        let s = b.args.get(1).copied().unwrap_or(0);
        let sign_lost = !a.unsigned && b.unsigned;
        return sign_lost || p.saturating_sub(s) < int_digits(x, a.unsigned);
    }
    // Integer -> double (53-bit mantissa) or float (24-bit).
    if let Some(x) = int_bytes(&a.base) {
        return match b.base.as_str() {
            "double" | "real" => x > 4,
            "float" => x > 2,
            _ => true,
        };
    }
    if matches!(a.base.as_str(), "decimal" | "numeric")
        && matches!(b.base.as_str(), "decimal" | "numeric")
    {
        let (p1, s1) = (
            a.args.first().copied().unwrap_or(10),
            a.args.get(1).copied().unwrap_or(0),
        );
        let (p2, s2) = (
            b.args.first().copied().unwrap_or(10),
            b.args.get(1).copied().unwrap_or(0),
        );
        return s2 < s1
            || p2.saturating_sub(s2) < p1.saturating_sub(s1)
            || (!a.unsigned && b.unsigned);
    }
    if a.base == "float" && b.base == "double" && a.args.is_empty() && b.args.is_empty() {
        return !a.unsigned && b.unsigned;
    }
    if let (Some((x, bin_a)), Some((y, bin_b))) = (capacity(&a), capacity(&b)) {
        // json holds only JSON: nothing else fits without checking.
        if b.base == "json" && a.base != "json" {
            return true;
        }
        return bin_a != bin_b || y < x;
    }
    if (a.base == "enum" && b.base == "enum") || (a.base == "set" && b.base == "set") {
        return !a.values.iter().all(|v| b.values.contains(v));
    }
    // enum/set -> a string type long enough for every value.
    if matches!(a.base.as_str(), "enum" | "set")
        && let Some((y, false)) = capacity(&b)
    {
        let longest: u64 = if a.base == "set" {
            a.values.iter().map(|v| v.len() as u64 + 1).sum()
        } else {
            a.values.iter().map(|v| v.len() as u64).max().unwrap_or(0)
        };
        return y < longest * 4;
    }
    if let (Some(x), Some(y)) = (temporal_rank(&a.base), temporal_rank(&b.base)) {
        // Fractional seconds: fewer digits round.
        let fa = a.args.first().copied().unwrap_or(0);
        let fb = b.args.first().copied().unwrap_or(0);
        // TIMESTAMP's range (1970-2038) is narrower than DATE's and DATETIME's.
        let into_timestamp = y == 2 && x != 2;
        return fb < fa || y < x || into_timestamp;
    }
    if a.base == "time" && b.base == "time" {
        return b.args.first().copied().unwrap_or(0) < a.args.first().copied().unwrap_or(0);
    }
    if a.base == "bit" && b.base == "bit" {
        return b.args.first().copied().unwrap_or(1) < a.args.first().copied().unwrap_or(1);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_narrowing as n;

    #[test]
    fn integers() {
        assert!(!n("int", "bigint"));
        assert!(!n("int unsigned", "bigint"));
        assert!(n("int unsigned", "int"));
        assert!(n("int", "int unsigned"));
        assert!(n("bigint", "int"));
        assert!(!n("tinyint(1)", "smallint"));
        assert!(!n("int", "decimal(12,2)"));
        assert!(n("int", "decimal(5,2)"));
        assert!(!n("int", "double"));
        assert!(n("bigint", "double"));
    }

    #[test]
    fn decimals_and_floats() {
        assert!(!n("decimal(5,2)", "decimal(7,2)"));
        assert!(!n("decimal(5,2)", "decimal(8,4)"));
        assert!(n("decimal(5,2)", "decimal(5,1)"));
        assert!(n("decimal(5,2)", "decimal(6,4)"));
        assert!(!n("float", "double"));
        assert!(n("double", "float"));
    }

    #[test]
    fn strings() {
        assert!(!n("varchar(10)", "varchar(20)"));
        assert!(n("varchar(20)", "varchar(10)"));
        assert!(!n("char(10)", "varchar(10)"));
        assert!(!n("varchar(255)", "text"));
        assert!(n("text", "varchar(255)"));
        assert!(!n("text", "longtext"));
        assert!(n("varchar(10)", "varbinary(40)"));
        assert!(!n("varbinary(4)", "blob"));
        assert!(n("text", "json"));
    }

    #[test]
    fn enums_and_sets() {
        assert!(!n("enum('a','b')", "enum('a','b','c')"));
        assert!(!n("enum('a','b')", "enum('b','a')"));
        assert!(n("enum('a','b')", "enum('a')"));
        assert!(n("set('x','y''z')", "set('x')"));
        assert!(!n("set('x','y''z')", "set('x','y''z','w')"));
        assert!(!n("enum('ab','c')", "varchar(2)"));
        assert!(n("enum('abc','c')", "varchar(2)"));
    }

    #[test]
    fn temporal_and_bits() {
        assert!(!n("date", "datetime"));
        assert!(n("datetime", "date"));
        assert!(!n("timestamp", "datetime"));
        assert!(n("datetime", "timestamp"));
        assert!(!n("datetime", "datetime(3)"));
        assert!(n("datetime(6)", "datetime(3)"));
        assert!(n("time(3)", "time"));
        assert!(!n("bit(1)", "bit(8)"));
        assert!(n("bit(8)", "bit(1)"));
    }

    #[test]
    fn unknown_changes_are_narrowing() {
        assert!(n("int", "varchar(10)"));
        assert!(n("geometry", "point"));
        assert!(!n("INT", "int"));
    }
}
