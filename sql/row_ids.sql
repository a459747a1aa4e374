-- Row keys (causal.id): text I/O, the order of keys, joins without a cast, and the errors of
-- the casts, as a user sees them.
CREATE TABLE ids_people (person_id int, name text, treated int);
INSERT INTO ids_people
SELECT g, 'p' || g, (g % 3 = 0)::int FROM generate_series(1, 12) g;

-- a key reads back as it was written
SELECT k, k::causal.id::text = k AS same
  FROM (VALUES ('42'), ('NSW1'), (''), ('-0'), ('a b')) v(k);

-- integer keys in numeric order, then other keys in byte order
SELECT k::causal.id AS id
  FROM (VALUES ('10'), ('9'), ('-3'), ('b'), ('007'), ('7'), ('A'), ('100')) v(k)
 ORDER BY 1;

-- propensity scores keyed by an integer column join back without a cast
SELECT p.id, i.name, i.treated, pg_typeof(p.id) AS id_type
  FROM causal.propensity('ids_people', 'treated', '{person_id}', 'person_id') p
  JOIN ids_people i ON p.id = i.person_id
 ORDER BY p.id
 LIMIT 3;

-- the casts
SELECT '42'::causal.id::int AS int4, '-9223372036854775808'::causal.id::bigint AS int8,
       'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::causal.id::uuid AS uuid;
SELECT 'NSW1'::causal.id::int;
SELECT '2147483648'::causal.id::int;

DROP TABLE ids_people;
