CREATE TYPE "public"."facility_import_format" AS ENUM('csv', 'fhir');--> statement-breakpoint
CREATE TYPE "public"."facility_kind" AS ENUM('hospital', 'clinic', 'diagnostic_centre');--> statement-breakpoint
CREATE TYPE "public"."facility_source" AS ENUM('csv', 'fhir', 'generated', 'manual');--> statement-breakpoint
CREATE TABLE "facility" (
	"id" uuid PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" "facility_kind" NOT NULL,
	"address" text NOT NULL,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"position" "point" GENERATED ALWAYS AS (point(longitude, latitude)) STORED NOT NULL,
	"time_zone" text NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"accreditations" text[] DEFAULT '{}'::text[] NOT NULL,
	"direct_billing" boolean DEFAULT false NOT NULL,
	"direct_billing_since" date,
	"opening_hours" jsonb NOT NULL,
	"phone" text,
	"email" text,
	"website" text,
	"source" "facility_source" NOT NULL,
	"import_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "facility_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "facility_coordinates" CHECK ("facility"."latitude" between -90 and 90 and "facility"."longitude" between -180 and 180),
	CONSTRAINT "facility_direct_billing_since" CHECK ("facility"."direct_billing_since" is null or "facility"."direct_billing")
);
--> statement-breakpoint
CREATE TABLE "facility_import" (
	"id" uuid PRIMARY KEY NOT NULL,
	"format" "facility_import_format" NOT NULL,
	"imported_by_user_id" uuid,
	"skip_invalid" boolean NOT NULL,
	"rows_read" integer NOT NULL,
	"rows_imported" integer NOT NULL,
	"rows_rejected" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "facility" ADD CONSTRAINT "facility_import_id_facility_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."facility_import"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_import" ADD CONSTRAINT "facility_import_imported_by_user_id_user_id_fk" FOREIGN KEY ("imported_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facility_position_idx" ON "facility" USING gist ("position");--> statement-breakpoint
CREATE INDEX "facility_services_idx" ON "facility" USING gin ("services");--> statement-breakpoint
CREATE INDEX "facility_languages_idx" ON "facility" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "facility_country_idx" ON "facility" USING btree ("country","name","id");--> statement-breakpoint
CREATE INDEX "facility_import_created_idx" ON "facility_import" USING btree ("created_at");--> statement-breakpoint
-- The finder's walk (docs/facilities.md): the facilities inside `area` that pass the filters,
-- nearest `origin` first, as one GiST index scan with the box as its condition and the distance as
-- its order, which stops after `max_rows`. PostgreSQL gives box containment a fixed selectivity,
-- so left to itself it would AND a bitmap of the box with one of the language index and read every
-- facility of the box: the function runs with bitmap scans off. A filter left null filters nothing.
CREATE FUNCTION facility_nearest(origin point, area box, wanted_service text, wanted_languages text[],
  wanted_accreditation text, billing_only boolean, wanted_kind facility_kind, wanted_country text, max_rows integer)
RETURNS SETOF facility LANGUAGE sql STABLE PARALLEL SAFE
SET enable_bitmapscan = off
AS $$
  SELECT * FROM facility
  WHERE position <@ area
    AND (wanted_service IS NULL OR services @> ARRAY[wanted_service])
    AND (wanted_languages IS NULL OR languages && wanted_languages)
    AND (wanted_accreditation IS NULL
      OR (wanted_accreditation = 'any' AND cardinality(accreditations) > 0)
      OR accreditations @> ARRAY[wanted_accreditation])
    AND (NOT billing_only OR direct_billing)
    AND (wanted_kind IS NULL OR kind = wanted_kind)
    AND (wanted_country IS NULL OR country = wanted_country)
  ORDER BY position <-> origin
  LIMIT max_rows
$$;
