CREATE TABLE "access_denial_window" (
	"actor_user_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"window_starts_at" timestamp with time zone NOT NULL,
	"denials" integer NOT NULL,
	"alerted_at" timestamp with time zone,
	"summarised_at" timestamp with time zone,
	CONSTRAINT "access_denial_window_actor_user_id_window_starts_at_pk" PRIMARY KEY("actor_user_id","window_starts_at")
);
--> statement-breakpoint
CREATE INDEX "access_denial_window_unsummarised_idx" ON "access_denial_window" USING btree ("window_starts_at") WHERE "access_denial_window"."summarised_at" IS NULL;