-- Timing helper shared by the benchmark scripts: best wall time in ms over reps runs.
CREATE OR REPLACE FUNCTION pg_temp.best_ms(q text, reps int) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; best float8 := 'Infinity'; r record;
BEGIN
  FOR i IN 1 .. reps LOOP
    t0 := clock_timestamp();
    EXECUTE q INTO r;
    best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
  RETURN best;
END $$;
