//! Which server we talk to, and what its catalog can tell.
//!
//! MariaDB and Oracle MySQL share the `mysql` dialect but not every
//! information_schema column: the inspector asks a [`Flavor`] which catalog
//! variant to run instead of testing version strings in many places.

/// The server family and version, from `SELECT VERSION()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flavor {
    /// MariaDB rather than Oracle MySQL.
    pub mariadb: bool,
    /// `(major, minor, patch)`; zeros where the version string says nothing.
    pub version: (u32, u32, u32),
}

impl Flavor {
    /// Reads `VERSION()`'s answer (`10.11.19-MariaDB-0+deb12u1`, `8.0.36`,
    /// `8.4.0-commercial`).
    pub fn from_version(text: &str) -> Flavor {
        let mut parts = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<u32>().unwrap_or(0));
        let mut next = || parts.next().unwrap_or(0);
        let version = (next(), next(), next());
        Flavor {
            mariadb: text.contains("MariaDB"),
            version,
        }
    }

    /// MySQL 8.0.13+ functional key parts (`information_schema.STATISTICS.EXPRESSION`).
    /// MariaDB has no functional key parts (it indexes generated columns).
    pub fn index_expressions(self) -> bool {
        !self.mariadb && self.version >= (8, 0, 13)
    }

    /// `information_schema.CHECK_CONSTRAINTS` exists: MariaDB 10.2.22+, MySQL 8.0.16+.
    pub fn check_constraints(self) -> bool {
        if self.mariadb {
            self.version >= (10, 2, 22)
        } else {
            self.version >= (8, 0, 16)
        }
    }

    /// `information_schema.VIEWS.ALGORITHM` exists (MariaDB only; MySQL
    /// shows the algorithm only in `SHOW CREATE VIEW`).
    pub fn view_algorithm(self) -> bool {
        self.mariadb
    }

    /// `information_schema.SCHEMATA.SCHEMA_COMMENT` exists (MariaDB 10.5+).
    pub fn schema_comment(self) -> bool {
        self.mariadb && self.version >= (10, 5, 0)
    }

    /// The expression that says whether an index is hidden from the
    /// optimizer: MariaDB 10.6+ `IGNORED`, MySQL 8 `IS_VISIBLE = 'NO'`.
    pub fn ignored_index_column(self) -> Option<&'static str> {
        if self.mariadb {
            (self.version >= (10, 6, 0)).then_some("IGNORED")
        } else {
            (self.version >= (8, 0, 0))
                .then_some("CASE IS_VISIBLE WHEN 'NO' THEN 'YES' ELSE 'NO' END")
        }
    }

    /// `information_schema.CHECK_CONSTRAINTS.TABLE_NAME` exists (MariaDB):
    /// MariaDB check names are unique per table, MySQL's per schema.
    pub fn checks_have_table_name(self) -> bool {
        self.mariadb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read() {
        let m = Flavor::from_version("10.11.19-MariaDB-0+deb12u1");
        assert!(m.mariadb);
        assert_eq!(m.version, (10, 11, 19));
        assert!(m.check_constraints() && m.view_algorithm() && m.schema_comment());
        assert!(!m.index_expressions());
        assert_eq!(m.ignored_index_column(), Some("IGNORED"));
        assert_eq!(
            Flavor::from_version("10.5.1-MariaDB").ignored_index_column(),
            None
        );
        let my = Flavor::from_version("8.0.36");
        assert!(!my.mariadb);
        assert!(my.index_expressions() && my.check_constraints());
        assert!(!my.view_algorithm() && !my.checks_have_table_name());
        let old = Flavor::from_version("8.0.12-log");
        assert!(!old.index_expressions() && !old.check_constraints());
        assert_eq!(Flavor::from_version("").version, (0, 0, 0));
    }
}
