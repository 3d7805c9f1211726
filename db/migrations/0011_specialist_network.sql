CREATE TYPE "public"."specialist_import_format" AS ENUM('csv', 'fhir');--> statement-breakpoint
CREATE TYPE "public"."specialist_source" AS ENUM('csv', 'fhir', 'generated', 'manual');--> statement-breakpoint
CREATE TABLE "specialist" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"title" text,
	"institution" text,
	"institution_key" text,
	"country" text NOT NULL,
	"city" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"licensed_countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"specialty_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"subspecialty_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"condition_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"years_in_practice" integer NOT NULL,
	"accepts_reviews" boolean DEFAULT true NOT NULL,
	"weekly_capacity" integer NOT NULL,
	"active_reviews" integer DEFAULT 0 NOT NULL,
	"reviews_completed" integer DEFAULT 0 NOT NULL,
	"median_turnaround_hours" real,
	"rating_average" real,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"fhir_identifier" text,
	"source" "specialist_source" NOT NULL,
	"import_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "specialist_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "specialist_fhir_identifier_unique" UNIQUE("fhir_identifier"),
	CONSTRAINT "specialist_active_reviews_not_negative" CHECK ("specialist"."active_reviews" >= 0),
	CONSTRAINT "specialist_weekly_capacity_not_negative" CHECK ("specialist"."weekly_capacity" >= 0),
	CONSTRAINT "specialist_coordinates" CHECK ("specialist"."latitude" between -90 and 90 and "specialist"."longitude" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "specialist_import" (
	"id" uuid PRIMARY KEY NOT NULL,
	"format" "specialist_import_format" NOT NULL,
	"imported_by_user_id" uuid,
	"skip_invalid" boolean NOT NULL,
	"applied" boolean NOT NULL,
	"rows_read" integer NOT NULL,
	"rows_imported" integer NOT NULL,
	"rows_rejected" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "specialist_licence" (
	"country" text NOT NULL,
	"number" text NOT NULL,
	"specialist_id" uuid NOT NULL,
	CONSTRAINT "specialist_licence_country_number_pk" PRIMARY KEY("country","number")
);
--> statement-breakpoint
ALTER TABLE "specialist" ADD CONSTRAINT "specialist_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialist" ADD CONSTRAINT "specialist_import_id_specialist_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."specialist_import"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialist_import" ADD CONSTRAINT "specialist_import_imported_by_user_id_user_id_fk" FOREIGN KEY ("imported_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialist_licence" ADD CONSTRAINT "specialist_licence_specialist_id_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."specialist"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "specialist_specialty_codes_idx" ON "specialist" USING gin ("specialty_codes");--> statement-breakpoint
CREATE INDEX "specialist_subspecialty_codes_idx" ON "specialist" USING gin ("subspecialty_codes");--> statement-breakpoint
CREATE INDEX "specialist_condition_codes_idx" ON "specialist" USING gin ("condition_codes");--> statement-breakpoint
CREATE INDEX "specialist_languages_idx" ON "specialist" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "specialist_licensed_countries_idx" ON "specialist" USING gin ("licensed_countries");--> statement-breakpoint
CREATE INDEX "specialist_listing_idx" ON "specialist" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "specialist_country_idx" ON "specialist" USING btree ("country","created_at","id");--> statement-breakpoint
CREATE INDEX "specialist_name_key_idx" ON "specialist" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "specialist_institution_key_idx" ON "specialist" USING btree ("institution_key");--> statement-breakpoint
CREATE INDEX "specialist_import_created_idx" ON "specialist_import" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "specialist_licence_specialist_idx" ON "specialist_licence" USING btree ("specialist_id");