-- The bytes a table stores for sketch values (pageinspect; a superuser), shared by
-- test/scripts/sketch_fixture.sql (the 0.1.0 library) and test/upgrade.sh (the current one):
-- one one-column table per sketch type, storage PLAIN so that no compression or short varlena
-- header hides the value's own bytes.
CREATE EXTENSION IF NOT EXISTS pageinspect;

-- the bytes a one-column table holds for each of its values, in insertion order: the tuple's
-- data area is the value itself (a 4-byte varlena header with storage PLAIN, then the payload)
CREATE FUNCTION raw_bytes(tbl regclass) RETURNS TABLE (lp int, raw bytea) LANGUAGE sql AS $$
  SELECT (b * 1000 + h.lp)::int, h.t_data
    FROM generate_series(0, pg_relation_size(tbl) / current_setting('block_size')::int - 1) b,
         heap_page_items(get_raw_page(tbl::text, b::int)) h
   WHERE h.t_data IS NOT NULL
$$;

CREATE TABLE m_plain (m causal.moments);
CREATE TABLE w_plain (m causal.moments);
CREATE TABLE c_plain (c causal.crosstab);
CREATE TABLE d_plain (d causal.dml_sketch);
ALTER TABLE m_plain ALTER COLUMN m SET STORAGE PLAIN;
ALTER TABLE w_plain ALTER COLUMN m SET STORAGE PLAIN;
ALTER TABLE c_plain ALTER COLUMN c SET STORAGE PLAIN;
ALTER TABLE d_plain ALTER COLUMN d SET STORAGE PLAIN;
