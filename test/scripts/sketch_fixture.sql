-- Sketch values, their on-disk bytes and their readings (see make_sketch_fixture.sh), run with
-- the 0.1.0 library to write the fixture; test/upgrade.sh reads the bytes of the current
-- library through the same sketch_raw.sql.
CREATE EXTENSION IF NOT EXISTS causal VERSION '0.1.0';

-- deterministic data: no random(), so the readings are reproducible
CREATE TABLE obs AS
SELECT g AS id, g % 3 AS grp, g % 5 AS fold, sin(g) AS x1, cos(0.7 * g) + 0.01 * (g % 17) AS x2,
       sin(0.3 * g) * cos(g) AS x3, (sin(2.1 * g) > 0)::int AS t,
       1.5 * (sin(2.1 * g) > 0)::int + sin(g) - 0.5 * cos(0.7 * g) + 0.2 * sin(5.3 * g) AS y,
       CASE WHEN g % 7 = 0 THEN 'a' WHEN g % 7 < 4 THEN 'b' ELSE 'c' END AS lab
  FROM generate_series(1, 3000) g;

\ir sketch_raw.sql
INSERT INTO m_plain SELECT causal.moments(x1, x2, y) FROM obs GROUP BY grp ORDER BY grp;
INSERT INTO w_plain SELECT causal.moments_weighted(1 + x3 * x3, x1, y) FROM obs GROUP BY grp ORDER BY grp;
INSERT INTO c_plain SELECT causal.crosstab(lab, t::text) FROM obs GROUP BY grp ORDER BY grp;
INSERT INTO d_plain SELECT causal.dml_plr_sketch(fold, y, t, x1, x2, x3) FROM obs GROUP BY grp ORDER BY grp;

CREATE TABLE fixture AS
SELECT 'moments' AS kind, (row_number() OVER ()) - 1 AS grp, m::text AS value,
       array[causal.n(m)::float8] || causal.means(m) || ARRAY(SELECT unnest(causal.covariance(m))) AS reading
  FROM m_plain
UNION ALL
SELECT 'moments_weighted', (row_number() OVER ()) - 1, m::text,
       array[causal.n(m)::float8] || causal.means(m) || ARRAY(SELECT unnest(causal.covariance(m)))
  FROM w_plain
UNION ALL
SELECT 'crosstab', (row_number() OVER ()) - 1, c::text,
       ARRAY(SELECT n::float8 FROM causal.cells(c) ORDER BY labels::text)
  FROM c_plain
UNION ALL
SELECT 'dml_sketch', (row_number() OVER ()) - 1, d::text,
       array[(causal.dml_plr(d)).estimate, (causal.dml_plr(d)).std_error]
  FROM d_plain;
ALTER TABLE fixture ADD COLUMN raw_hex text;
UPDATE fixture f SET raw_hex = encode(r.raw, 'hex')
  FROM (SELECT 'moments' AS kind, row_number() OVER (ORDER BY lp) - 1 AS grp, raw FROM raw_bytes('m_plain')
        UNION ALL SELECT 'moments_weighted', row_number() OVER (ORDER BY lp) - 1, raw FROM raw_bytes('w_plain')
        UNION ALL SELECT 'crosstab', row_number() OVER (ORDER BY lp) - 1, raw FROM raw_bytes('c_plain')
        UNION ALL SELECT 'dml_sketch', row_number() OVER (ORDER BY lp) - 1, raw FROM raw_bytes('d_plain')) r
 WHERE r.kind = f.kind AND r.grp = f.grp;
