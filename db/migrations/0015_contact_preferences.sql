ALTER TABLE "user_profile" ADD COLUMN "preferred_contact_channel" text;--> statement-breakpoint
ALTER TABLE "user_profile" ADD COLUMN "preferred_contact_windows" jsonb DEFAULT '[]'::jsonb NOT NULL;