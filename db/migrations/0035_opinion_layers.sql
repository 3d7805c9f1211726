CREATE TABLE "doctor_letter_link" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"language" text NOT NULL,
	"doctor_name" text,
	"email" text NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"sent_by_user_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"opened_count" integer DEFAULT 0 NOT NULL,
	"last_opened_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_summary" (
	"review_id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"written_by_user_id" uuid NOT NULL,
	"written_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_translation" (
	"offer_id" uuid NOT NULL,
	"language" text NOT NULL,
	"case_id" uuid NOT NULL,
	"body" text NOT NULL,
	"translator_name" text,
	"entered_by_user_id" uuid NOT NULL,
	"translated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_translation_offer_id_language_pk" PRIMARY KEY("offer_id","language")
);
--> statement-breakpoint
ALTER TABLE "case_recommendation" ADD COLUMN "without_review_reason" text;--> statement-breakpoint
ALTER TABLE "review_opinion" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "doctor_letter_link" ADD CONSTRAINT "doctor_letter_link_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_letter_link" ADD CONSTRAINT "doctor_letter_link_review_id_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_letter_link" ADD CONSTRAINT "doctor_letter_link_sent_by_user_id_user_id_fk" FOREIGN KEY ("sent_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_summary" ADD CONSTRAINT "review_summary_review_id_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_summary" ADD CONSTRAINT "review_summary_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_summary" ADD CONSTRAINT "review_summary_written_by_user_id_user_id_fk" FOREIGN KEY ("written_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_translation" ADD CONSTRAINT "review_translation_offer_id_review_offer_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."review_offer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_translation" ADD CONSTRAINT "review_translation_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_translation" ADD CONSTRAINT "review_translation_entered_by_user_id_user_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doctor_letter_link_case_idx" ON "doctor_letter_link" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "review_translation_case_idx" ON "review_translation" USING btree ("case_id");