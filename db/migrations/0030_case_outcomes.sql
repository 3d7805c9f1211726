CREATE TYPE "public"."outcome_answer_source" AS ENUM('member_check_in', 'case_manager_call');--> statement-breakpoint
CREATE TYPE "public"."follow_up_action" AS ENUM('followed', 'partly_followed', 'kept_original_plan', 'undecided', 'other');--> statement-breakpoint
CREATE TYPE "public"."wellbeing" AS ENUM('much_better', 'better', 'unchanged', 'worse', 'much_worse');--> statement-breakpoint
CREATE TABLE "case_outcome" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"diagnosis_verdict" "diagnosis_verdict" NOT NULL,
	"treatment_verdict" "treatment_verdict" NOT NULL,
	"note" text,
	"decided_by_user_id" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_answer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"follow_up_id" uuid,
	"source" "outcome_answer_source" NOT NULL,
	"action" "follow_up_action" NOT NULL,
	"treatment_received" text,
	"wellbeing" "wellbeing" NOT NULL,
	"note" text,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outcome_answer_follow_up_id_unique" UNIQUE("follow_up_id")
);
--> statement-breakpoint
ALTER TABLE "case_outcome" ADD CONSTRAINT "case_outcome_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_outcome" ADD CONSTRAINT "case_outcome_decided_by_user_id_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_answer" ADD CONSTRAINT "outcome_answer_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_answer" ADD CONSTRAINT "outcome_answer_follow_up_id_follow_up_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_up"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_answer" ADD CONSTRAINT "outcome_answer_recorded_by_user_id_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_answer_case_idx" ON "outcome_answer" USING btree ("case_id","recorded_at");