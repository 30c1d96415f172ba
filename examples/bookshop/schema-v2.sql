-- The bookshop, one release later: what `strata diff` and `strata apply`
-- turn the first version into.

CREATE TABLE author (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    born        INTEGER CHECK (born > 1000),
    country     TEXT
);

CREATE TABLE book (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL,
    author_id   INTEGER NOT NULL REFERENCES author (id) ON DELETE CASCADE,
    isbn        TEXT NOT NULL UNIQUE,
    price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    published   DATE,
    pages       INTEGER CHECK (pages > 0)
);

CREATE INDEX book_author_idx ON book (author_id);
CREATE INDEX book_cheap_idx ON book (price_cents) WHERE price_cents < 1000;
CREATE INDEX book_title_idx ON book (title);

CREATE TABLE customer (
    id          INTEGER PRIMARY KEY,
    email       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE purchase (
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    book_id     INTEGER NOT NULL REFERENCES book (id),
    quantity    INTEGER NOT NULL DEFAULT 1,
    bought_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (customer_id, book_id, bought_at)
) WITHOUT ROWID;

CREATE VIEW book_sales AS
SELECT b.id, b.title, sum(p.quantity) AS copies, sum(p.quantity * b.price_cents) AS revenue_cents
FROM book b JOIN purchase p ON p.book_id = b.id
GROUP BY b.id, b.title;

CREATE TRIGGER purchase_quantity_positive
BEFORE INSERT ON purchase
WHEN NEW.quantity <= 0
BEGIN
    SELECT RAISE(ABORT, 'quantity must be positive');
END;
