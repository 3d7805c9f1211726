CREATE TYPE "public"."benefit_usage_source" AS ENUM('preauthorisation', 'paid_import');--> statement-breakpoint
CREATE TABLE "benefit_rules_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_product_id" uuid NOT NULL,
	"label" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"currency" text NOT NULL,
	"rules" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_usage" (
	"id" uuid PRIMARY KEY NOT NULL,
	"membership_id" uuid NOT NULL,
	"benefit" text NOT NULL,
	"plan_year_start" date NOT NULL,
	"service_date" date NOT NULL,
	"currency" text NOT NULL,
	"plan_paid" bigint NOT NULL,
	"deductible_borne" bigint DEFAULT 0 NOT NULL,
	"sessions" integer DEFAULT 0 NOT NULL,
	"source" "benefit_usage_source" NOT NULL,
	"reference" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declared_condition" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"icd10_from" text NOT NULL,
	"icd10_to" text NOT NULL,
	"declared_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "benefit_rules_version" ADD CONSTRAINT "benefit_rules_version_plan_product_id_plan_product_id_fk" FOREIGN KEY ("plan_product_id") REFERENCES "public"."plan_product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_usage" ADD CONSTRAINT "benefit_usage_membership_id_membership_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."membership"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declared_condition" ADD CONSTRAINT "declared_condition_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_rules_version_label_idx" ON "benefit_rules_version" USING btree ("plan_product_id","label");--> statement-breakpoint
CREATE INDEX "benefit_rules_version_from_idx" ON "benefit_rules_version" USING btree ("plan_product_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_usage_reference_idx" ON "benefit_usage" USING btree ("source","reference");--> statement-breakpoint
CREATE INDEX "benefit_usage_year_idx" ON "benefit_usage" USING btree ("membership_id","benefit","plan_year_start");--> statement-breakpoint
CREATE UNIQUE INDEX "declared_condition_range_idx" ON "declared_condition" USING btree ("member_id","icd10_from","icd10_to");