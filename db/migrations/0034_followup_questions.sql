CREATE TYPE "public"."followup_recipient_status" AS ENUM('open', 'answered', 'ended');--> statement-breakpoint
CREATE TABLE "followup_addendum" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"language" text NOT NULL,
	"content_hash" text NOT NULL,
	"submitted_by_user_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "followup_addendum_version_unique" UNIQUE("recipient_id","version")
);
--> statement-breakpoint
CREATE TABLE "followup_question" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_by_user_id" uuid NOT NULL,
	"asked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_recipient" (
	"id" uuid PRIMARY KEY NOT NULL,
	"question_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	"status" "followup_recipient_status" NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "followup_recipient_unique" UNIQUE("question_id","offer_id")
);
--> statement-breakpoint
ALTER TABLE "followup_addendum" ADD CONSTRAINT "followup_addendum_recipient_id_followup_recipient_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."followup_recipient"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_addendum" ADD CONSTRAINT "followup_addendum_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_addendum" ADD CONSTRAINT "followup_addendum_specialist_id_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."specialist"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_addendum" ADD CONSTRAINT "followup_addendum_submitted_by_user_id_user_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_question" ADD CONSTRAINT "followup_question_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_question" ADD CONSTRAINT "followup_question_review_id_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_question" ADD CONSTRAINT "followup_question_asked_by_user_id_user_id_fk" FOREIGN KEY ("asked_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_recipient" ADD CONSTRAINT "followup_recipient_question_id_followup_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."followup_question"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_recipient" ADD CONSTRAINT "followup_recipient_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_recipient" ADD CONSTRAINT "followup_recipient_offer_id_review_offer_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."review_offer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_recipient" ADD CONSTRAINT "followup_recipient_specialist_id_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."specialist"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "followup_addendum_case_idx" ON "followup_addendum" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "followup_question_case_idx" ON "followup_question" USING btree ("case_id","asked_at");--> statement-breakpoint
CREATE INDEX "followup_recipient_offer_idx" ON "followup_recipient" USING btree ("offer_id","status");--> statement-breakpoint
CREATE INDEX "followup_recipient_case_idx" ON "followup_recipient" USING btree ("case_id");