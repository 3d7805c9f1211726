ALTER TABLE "user_profile" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "opinion_case" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "scheduled_call" ADD COLUMN "meeting_url" text;