CREATE TABLE "employer_plan" (
	"employer_id" uuid NOT NULL,
	"plan_product_id" uuid NOT NULL,
	"add_ons" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employer_plan_employer_id_plan_product_id_pk" PRIMARY KEY("employer_id","plan_product_id")
);
--> statement-breakpoint
CREATE TABLE "virtual_care_contact" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"plan_product_id" uuid,
	"phone" text,
	"days" integer[],
	"opens" text,
	"closes" text,
	"time_zone" text,
	"urls" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "virtual_care_contact_service_plan" UNIQUE NULLS NOT DISTINCT("service","plan_product_id")
);
--> statement-breakpoint
ALTER TABLE "employer_plan" ADD CONSTRAINT "employer_plan_employer_id_employer_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_plan" ADD CONSTRAINT "employer_plan_plan_product_id_plan_product_id_fk" FOREIGN KEY ("plan_product_id") REFERENCES "public"."plan_product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virtual_care_contact" ADD CONSTRAINT "virtual_care_contact_plan_product_id_plan_product_id_fk" FOREIGN KEY ("plan_product_id") REFERENCES "public"."plan_product"("id") ON DELETE no action ON UPDATE no action;