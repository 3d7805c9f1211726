CREATE TYPE "public"."preauthorisation_status" AS ENUM('pending', 'information_requested', 'awaiting_second_approval', 'approved', 'declined', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."referral_urgency" AS ENUM('routine', 'soon', 'urgent');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'cover_assessor';--> statement-breakpoint
CREATE TABLE "preauthorisation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"status" "preauthorisation_status" DEFAULT 'pending' NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"second_approval_required" boolean NOT NULL,
	"first_approver_user_id" uuid,
	"first_approved_at" timestamp with time zone,
	"approved_amount" bigint,
	"valid_from" date,
	"valid_to" date,
	"approval_reference" text,
	"decline_reason" text,
	"information_request" text,
	"information_answer" text,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "preauthorisation_validity" CHECK ("preauthorisation"."valid_from" IS NULL OR "preauthorisation"."valid_to" IS NULL OR "preauthorisation"."valid_from" <= "preauthorisation"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"facility_id" uuid,
	"receiving_doctor" text,
	"service" text NOT NULL,
	"benefit" text NOT NULL,
	"icd10" text NOT NULL,
	"reason" text NOT NULL,
	"urgency" "referral_urgency" NOT NULL,
	"treatment_date" date NOT NULL,
	"country" text NOT NULL,
	"estimated_cost" bigint NOT NULL,
	"currency" text NOT NULL,
	"sessions" integer NOT NULL,
	"shared_document_ids" jsonb NOT NULL,
	"letter_language" text NOT NULL,
	"cover" jsonb NOT NULL,
	"membership_id" uuid NOT NULL,
	"plan_year_start" date,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_reference_unique" UNIQUE("reference"),
	CONSTRAINT "referral_has_recipient" CHECK ("referral"."facility_id" IS NOT NULL OR "referral"."receiving_doctor" IS NOT NULL),
	CONSTRAINT "referral_cost_positive" CHECK ("referral"."estimated_cost" > 0)
);
--> statement-breakpoint
ALTER TABLE "preauthorisation" ADD CONSTRAINT "preauthorisation_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preauthorisation" ADD CONSTRAINT "preauthorisation_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preauthorisation" ADD CONSTRAINT "preauthorisation_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preauthorisation" ADD CONSTRAINT "preauthorisation_first_approver_user_id_user_id_fk" FOREIGN KEY ("first_approver_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preauthorisation" ADD CONSTRAINT "preauthorisation_decided_by_user_id_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_facility_id_facility_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facility"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_membership_id_membership_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."membership"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "preauthorisation_referral_idx" ON "preauthorisation" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "preauthorisation_queue_idx" ON "preauthorisation" USING btree ("status","requested_at","id");--> statement-breakpoint
CREATE INDEX "referral_case_idx" ON "referral" USING btree ("case_id","created_at");