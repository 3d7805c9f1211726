CREATE TYPE "public"."service_review_status" AS ENUM('pending', 'published', 'withheld');--> statement-breakpoint
CREATE TYPE "public"."service_review_withhold_reason" AS ENUM('health_details', 'staff_names', 'abusive', 'not_about_service', 'advertising');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'moderator';--> statement-breakpoint
CREATE TABLE "service_review" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"stars" smallint NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"language" text NOT NULL,
	"status" "service_review_status" DEFAULT 'pending' NOT NULL,
	"withheld_reason" "service_review_withhold_reason",
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"reply_text" text,
	"reply_by_user_id" uuid,
	"reply_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_review_case_id_unique" UNIQUE("case_id"),
	CONSTRAINT "service_review_stars_range" CHECK ("service_review"."stars" BETWEEN 1 AND 5),
	CONSTRAINT "service_review_withheld_has_reason" CHECK (("service_review"."status" = 'withheld') = ("service_review"."withheld_reason" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "user_profile" ADD COLUMN "test_account" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "service_review" ADD CONSTRAINT "service_review_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_review" ADD CONSTRAINT "service_review_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_review" ADD CONSTRAINT "service_review_author_user_id_user_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_review" ADD CONSTRAINT "service_review_decided_by_user_id_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_review" ADD CONSTRAINT "service_review_reply_by_user_id_user_id_fk" FOREIGN KEY ("reply_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_review_status_idx" ON "service_review" USING btree ("status","updated_at","id");--> statement-breakpoint
CREATE INDEX "service_review_published_idx" ON "service_review" USING btree ("published_at","id") WHERE "service_review"."status" = 'published';