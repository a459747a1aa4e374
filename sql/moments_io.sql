-- causal.moments text and binary input/output, and rejection of malformed values.
CREATE TABLE io_src AS
  SELECT * FROM (VALUES (1.0::float8, 2.0::float8), (3.0, 8.0), (5.0, 4.0), (7.0, 10.0), (NULL, 1.0)) v(a, b);
-- integer data: every intermediate is exact, so the printed sketch is the same on every CPU
SELECT causal.moments(a, b) FROM io_src;
SELECT causal.moments_weighted(4, a, b) FROM io_src;
-- text round trip
SELECT (causal.moments(a, b)::text)::causal.moments::text = causal.moments(a, b)::text AS same
  FROM io_src;
-- stored in a table and read back
CREATE TABLE io_store (day int, m causal.moments);
INSERT INTO io_store SELECT 1, causal.moments(a, b) FROM io_src;
SELECT causal.n(m), causal.n_skipped(m), causal.columns(m) FROM io_store;
-- binary round trip through COPY
COPY io_store TO '/tmp/causal_regress_moments.bin' WITH (FORMAT binary);
CREATE TABLE io_back (day int, m causal.moments);
COPY io_back FROM '/tmp/causal_regress_moments.bin' WITH (FORMAT binary);
SELECT b.m::text = s.m::text AS binary_same FROM io_back b JOIN io_store s USING (day);

-- malformed text
SELECT 'not json'::causal.moments;
SELECT '[1, 2]'::causal.moments;
SELECT '{"version": 1}'::causal.moments;
SELECT '{"version": 3, "k": 1, "weighted": false, "n": 1, "n_skipped": 0, "sum_w": 1, "sum_w2": 1, "shift": [1], "delta": [0], "comoment": [0]}'::causal.moments;
SELECT '{"version": 1, "k": 2, "weighted": false, "n": 1, "n_skipped": 0, "sum_w": 1, "sum_w2": 1, "shift": [1], "delta": [0], "comoment": [0]}'::causal.moments;
SELECT '{"version": 1, "k": 1, "weighted": false, "n": 3, "n_skipped": 0, "sum_w": 2, "sum_w2": 3, "shift": [1], "delta": [0], "comoment": [1]}'::causal.moments;
SELECT '{"version": 1, "k": 1, "weighted": false, "n": 3, "n_skipped": 0, "sum_w": 3, "sum_w2": 3, "shift": [1], "delta": [0], "comoment": [-1]}'::causal.moments;
SELECT '{"version": 1, "k": 2, "weighted": false, "n": 3, "n_skipped": 0, "sum_w": 3, "sum_w2": 3, "shift": [1, 1], "delta": [0, 0], "comoment": [1, 5, 1]}'::causal.moments;
SELECT '{"version": 1, "k": 1, "weighted": false, "n": -3, "n_skipped": 0, "sum_w": 3, "sum_w2": 3, "shift": [1], "delta": [0], "comoment": [1]}'::causal.moments;
SELECT '{"version": 1, "k": 1, "weighted": "no", "n": 3, "n_skipped": 0, "sum_w": 3, "sum_w2": 3, "shift": [1], "delta": [0], "comoment": [1]}'::causal.moments;
SELECT '{"version": 1, "k": 1, "weighted": false, "n": 3, "n_skipped": 0, "sum_w": 3, "sum_w2": 3, "shift": ["a"], "delta": [0], "comoment": [1]}'::causal.moments;
SELECT '{"version": 1, "k": 1, "weighted": false, "n": 3, "n_skipped": 0, "sum_w": 3, "sum_w2": 3, "shift": [1], "delta": [0], "comoment": [1], "extra": 1}'::causal.moments;
SELECT '{"version": 1, "k": 0, "weighted": false, "n": 0, "n_skipped": 0, "sum_w": 0, "sum_w2": 0, "shift": [], "delta": [], "comoment": []}'::causal.moments;
SELECT '{"version": 1, "k": 1, "weighted": false, "n": 3, "n_skipped": 0, "sum_w": 3, "sum_w2": 3, "shift": [1e400], "delta": [0], "comoment": [1]}'::causal.moments;

-- malformed binary: raw bytes written as a bytea field, read back as causal.moments
CREATE TABLE io_bytes (b bytea);
INSERT INTO io_bytes VALUES ('\x0100'::bytea);
COPY io_bytes TO '/tmp/causal_regress_bad1.bin' WITH (FORMAT binary);
COPY io_back (m) FROM '/tmp/causal_regress_bad1.bin' WITH (FORMAT binary);
TRUNCATE io_bytes;
-- a valid value with its trailing byte cut off
INSERT INTO io_bytes SELECT substr(causal.moments_send(m), 1, length(causal.moments_send(m)) - 1) FROM io_store;
COPY io_bytes TO '/tmp/causal_regress_bad2.bin' WITH (FORMAT binary);
COPY io_back (m) FROM '/tmp/causal_regress_bad2.bin' WITH (FORMAT binary);
TRUNCATE io_bytes;
-- a valid value with a negative variance patched in (last 8 bytes: the last co-moment)
INSERT INTO io_bytes
  SELECT overlay(causal.moments_send(m) PLACING float8send(-1.0)
                 FROM length(causal.moments_send(m)) - 7) FROM io_store;
COPY io_bytes TO '/tmp/causal_regress_bad3.bin' WITH (FORMAT binary);
COPY io_back (m) FROM '/tmp/causal_regress_bad3.bin' WITH (FORMAT binary);
TRUNCATE io_bytes;
-- bad version byte
INSERT INTO io_bytes SELECT overlay(causal.moments_send(m) PLACING '\x07'::bytea FROM 1) FROM io_store;
COPY io_bytes TO '/tmp/causal_regress_bad4.bin' WITH (FORMAT binary);
COPY io_back (m) FROM '/tmp/causal_regress_bad4.bin' WITH (FORMAT binary);
-- the untouched value still loads
TRUNCATE io_bytes;
INSERT INTO io_bytes SELECT causal.moments_send(m) FROM io_store;
COPY io_bytes TO '/tmp/causal_regress_ok.bin' WITH (FORMAT binary);
COPY io_back (m) FROM '/tmp/causal_regress_ok.bin' WITH (FORMAT binary);
SELECT count(*) FROM io_back;
DROP TABLE io_src, io_store, io_back, io_bytes;
