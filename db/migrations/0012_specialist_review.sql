CREATE TYPE "public"."diagnosis_verdict" AS ENUM('confirmed', 'refined', 'changed');--> statement-breakpoint
CREATE TYPE "public"."review_offer_status" AS ENUM('offered', 'accepted', 'declined', 'expired', 'submitted', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('open', 'complete', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."treatment_verdict" AS ENUM('confirmed', 'modified', 'changed');--> statement-breakpoint
CREATE TABLE "review" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"questions" jsonb NOT NULL,
	"document_ids" uuid[] NOT NULL,
	"panel_size" integer NOT NULL,
	"offer_window_minutes" integer NOT NULL,
	"due_within_minutes" integer NOT NULL,
	"reminder_before_minutes" integer NOT NULL,
	"candidate_ids" uuid[] NOT NULL,
	"offer_next_on_decline" boolean NOT NULL,
	"status" "review_status" NOT NULL,
	"report_document_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_offer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"review_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	"status" "review_offer_status" NOT NULL,
	"offered_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "review_offer_specialist_unique" UNIQUE("review_id","specialist_id")
);
--> statement-breakpoint
CREATE TABLE "review_opinion" (
	"id" uuid PRIMARY KEY NOT NULL,
	"offer_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"diagnosis_verdict" "diagnosis_verdict" NOT NULL,
	"proposed_diagnosis_code" text,
	"treatment_verdict" "treatment_verdict" NOT NULL,
	"further_tests" jsonb NOT NULL,
	"answers" jsonb NOT NULL,
	"narrative" text NOT NULL,
	"references" jsonb NOT NULL,
	"correction_reason" text,
	"content_hash" text NOT NULL,
	"submitted_by_user_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_opinion_version_unique" UNIQUE("offer_id","version")
);
--> statement-breakpoint
ALTER TABLE "sla_clock" DROP CONSTRAINT "sla_clock_case_kind_unique";--> statement-breakpoint
ALTER TABLE "sla_clock" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_report_document_id_case_document_id_fk" FOREIGN KEY ("report_document_id") REFERENCES "public"."case_document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_offer" ADD CONSTRAINT "review_offer_review_id_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_offer" ADD CONSTRAINT "review_offer_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_offer" ADD CONSTRAINT "review_offer_specialist_id_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."specialist"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_opinion" ADD CONSTRAINT "review_opinion_offer_id_review_offer_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."review_offer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_opinion" ADD CONSTRAINT "review_opinion_review_id_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_opinion" ADD CONSTRAINT "review_opinion_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_opinion" ADD CONSTRAINT "review_opinion_specialist_id_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."specialist"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_opinion" ADD CONSTRAINT "review_opinion_submitted_by_user_id_user_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_case_idx" ON "review" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_one_open_per_case" ON "review" USING btree ("case_id") WHERE "review"."status" = 'open';--> statement-breakpoint
CREATE INDEX "review_offer_specialist_idx" ON "review_offer" USING btree ("specialist_id","status","offered_at");--> statement-breakpoint
CREATE INDEX "review_offer_review_idx" ON "review_offer" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "review_opinion_outcomes_idx" ON "review_opinion" USING btree ("submitted_at");--> statement-breakpoint
ALTER TABLE "sla_clock" ADD CONSTRAINT "sla_clock_case_kind_unique" UNIQUE NULLS NOT DISTINCT("case_id","kind","subject_id");