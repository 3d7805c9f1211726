-- What matching looks a slice of the network up by (docs/decisions/0009-specialist-retrieval.md):
-- "code|language" and "code|language|country" for every specialty and sub-specialty code,
-- language and licence country of a specialist. Immutable, so that the column below can be
-- generated from it and is always in step with the four arrays.
CREATE FUNCTION specialist_match_keys(specialties text[], subspecialties text[], languages text[], licences text[])
RETURNS text[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  keys text[] := '{}';
  code text;
  language text;
  country text;
BEGIN
  -- Loops, not unnest and DISTINCT: a fifth of the cost on every insert (a key repeated by a
  -- repeated code is harmless, GIN keeps each key of a row once).
  FOREACH code IN ARRAY specialties || subspecialties LOOP
    FOREACH language IN ARRAY languages LOOP
      keys := keys || (code || '|' || language);
      FOREACH country IN ARRAY licences LOOP
        keys := keys || (code || '|' || language || '|' || country);
      END LOOP;
    END LOOP;
  END LOOP;
  RETURN keys;
END
$$;--> statement-breakpoint
ALTER TABLE "specialist" ADD COLUMN "match_keys" text[] GENERATED ALWAYS AS (specialist_match_keys(specialty_codes, subspecialty_codes, languages, licensed_countries)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "specialist_match_keys_idx" ON "specialist" USING gin ("match_keys");