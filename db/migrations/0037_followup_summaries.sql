CREATE TABLE "followup_addendum_summary" (
	"addendum_id" uuid PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL,
	"written_by_user_id" uuid NOT NULL,
	"written_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "followup_addendum_summary" ADD CONSTRAINT "followup_addendum_summary_addendum_id_followup_addendum_id_fk" FOREIGN KEY ("addendum_id") REFERENCES "public"."followup_addendum"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_addendum_summary" ADD CONSTRAINT "followup_addendum_summary_recipient_id_followup_recipient_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."followup_recipient"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_addendum_summary" ADD CONSTRAINT "followup_addendum_summary_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_addendum_summary" ADD CONSTRAINT "followup_addendum_summary_written_by_user_id_user_id_fk" FOREIGN KEY ("written_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "followup_addendum_summary_recipient_idx" ON "followup_addendum_summary" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "followup_addendum_summary_case_idx" ON "followup_addendum_summary" USING btree ("case_id");