-- causal.crosstab: labels of every type, NULLs, merge, I/O round trips, limits, malformed values.
CREATE TABLE ct_t (id int, i int, b boolean, t text, n numeric, g int);
INSERT INTO ct_t SELECT k, k % 3, k % 2 = 0, chr(97 + k % 4), (k % 5) * 0.5, k % 2 FROM generate_series(1, 40) k;
INSERT INTO ct_t VALUES (41, NULL, true, 'a', 1, 0), (42, 1, NULL, 'b', 1, 1);
SELECT causal.crosstab(i, b) FROM ct_t;
SELECT causal.n(c), causal.n_skipped(c), causal.columns(c), causal.levels(c, 1), causal.levels(c, 3)
  FROM (SELECT causal.crosstab(i, b, n) AS c FROM ct_t) s;
SELECT * FROM causal.cells((SELECT causal.crosstab(i, t) FROM ct_t), '{2}');
-- labels sort numerically when every label of a column is a number
SELECT causal.levels(causal.crosstab(v), 1) FROM unnest(ARRAY[10, 9, -1, 100]) v;
SELECT causal.levels(causal.crosstab(v), 1) FROM unnest(ARRAY['b', '10', 'a', '9']) v;
-- the flat form is canonical: any row order and any merge give the same value
SELECT (SELECT causal.crosstab(i, t) FROM (SELECT * FROM ct_t ORDER BY id DESC) s)::text
     = (SELECT causal.crosstab(i, t) FROM ct_t)::text AS order_free,
       (SELECT causal.merge(c) FROM (SELECT causal.crosstab(i, t) c FROM ct_t GROUP BY g) s)::text
     = (SELECT causal.crosstab(i, t) FROM ct_t)::text AS merge_equal;
-- round trips
SELECT (c::text)::causal.crosstab::text = c::text AS text_same
  FROM (SELECT causal.crosstab(i, b, t, n) AS c FROM ct_t) s;
CREATE TABLE ct_store AS SELECT 1 AS k, causal.crosstab(i, b, t) AS c FROM ct_t;
COPY ct_store TO '/tmp/causal_regress_ct.bin' WITH (FORMAT binary);
CREATE TABLE ct_back (k int, c causal.crosstab);
COPY ct_back FROM '/tmp/causal_regress_ct.bin' WITH (FORMAT binary);
SELECT b.c::text = s.c::text AS binary_same FROM ct_back b JOIN ct_store s USING (k);
-- no rows: NULL; only NULL rows: an empty crosstab that round-trips
SELECT causal.crosstab(i) IS NULL AS empty_is_null FROM ct_t WHERE false;
SELECT c, (c::text)::causal.crosstab::text = c::text AS same
  FROM (SELECT causal.crosstab(i) AS c FROM ct_t WHERE i IS NULL) s;
-- tests on it
SELECT method, round(statistic::numeric, 6) AS statistic, round(p_value::numeric, 6) AS p_value, dof, n, independent
  FROM causal.ci_test((SELECT causal.crosstab(i, t, b) FROM ct_t), 1, 2, '{3}');
SELECT (causal.ci_test(causal.crosstab(i, i % 2), 1, 2)).dof FROM ct_t;
-- errors
SELECT causal.ci_test(causal.crosstab(i, t), 1, 2, method => 'fisherz') FROM ct_t;
SELECT causal.ci_test(causal.crosstab(i, t), 1, 3) FROM ct_t;
SELECT causal.ci_test(causal.crosstab(i, t), 1, 1) FROM ct_t;
SELECT causal.ci_test(causal.crosstab(i, t), 1, 2, alpha => 1.5) FROM ct_t;
SELECT causal.merge(c) FROM (SELECT causal.crosstab(i) c FROM ct_t UNION ALL SELECT causal.crosstab(i, t) FROM ct_t) s;
SELECT causal.crosstab(repeat('x', 200)) FROM ct_t;
SELECT causal.crosstab('a') FROM ct_t;
SET causal.crosstab_max_levels = 5;
SELECT causal.crosstab(id) FROM ct_t;
RESET causal.crosstab_max_levels;
SET causal.crosstab_max_cells = 3;
SELECT causal.crosstab(i, b) FROM ct_t;
RESET causal.crosstab_max_cells;
-- malformed text
SELECT 'nope'::causal.crosstab;
SELECT '{"version": 1, "k": 1, "n": 2, "n_skipped": 0, "labels": [["a"]], "cells": [[0,3]]}'::causal.crosstab;
SELECT '{"version": 1, "k": 1, "n": 2, "n_skipped": 0, "labels": [["b","a"]], "cells": [[0,1],[1,1]]}'::causal.crosstab;
SELECT '{"version": 1, "k": 1, "n": 2, "n_skipped": 0, "labels": [["a","b"]], "cells": [[0,2]]}'::causal.crosstab;
SELECT '{"version": 1, "k": 1, "n": 2, "n_skipped": 0, "labels": [["a"]], "cells": [[5,2]]}'::causal.crosstab;
SELECT '{"version": 1, "k": 2, "n": 2, "n_skipped": 0, "labels": [["a"]], "cells": [[0,2]]}'::causal.crosstab;
SELECT '{"version": 1, "k": 1, "n": 2, "n_skipped": 0, "labels": [[1]], "cells": [[0,2]]}'::causal.crosstab;
SELECT '{"version": 1, "k": 1, "n": 2, "n_skipped": 0, "labels": [["a","b"]], "cells": [[1,1],[0,1]]}'::causal.crosstab;
-- malformed binary: a valid value cut short, and one with a count patched to zero
CREATE TABLE ct_bytes (b bytea);
INSERT INTO ct_bytes SELECT substr(causal.crosstab_send(c), 1, 30) FROM ct_store;
COPY ct_bytes TO '/tmp/causal_regress_ctbad1.bin' WITH (FORMAT binary);
COPY ct_back (c) FROM '/tmp/causal_regress_ctbad1.bin' WITH (FORMAT binary);
TRUNCATE ct_bytes;
INSERT INTO ct_bytes SELECT overlay(causal.crosstab_send(c) PLACING int8send(0)
                                    FROM length(causal.crosstab_send(c)) - 7) FROM ct_store;
COPY ct_bytes TO '/tmp/causal_regress_ctbad2.bin' WITH (FORMAT binary);
COPY ct_back (c) FROM '/tmp/causal_regress_ctbad2.bin' WITH (FORMAT binary);
-- parallel plan
CREATE TABLE ct_big AS SELECT k % 7 AS a, k % 3 AS b FROM generate_series(1, 30000) k;
ANALYZE ct_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT causal.crosstab(a, b) FROM ct_big;
SELECT causal.n(causal.crosstab(a, b)) FROM ct_big;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP TABLE ct_t, ct_store, ct_back, ct_bytes, ct_big;
