-- Unlogged: the counts live a minute, a crash may forget them, and a hit need not wait for the WAL.
CREATE UNLOGGED TABLE "api_rate_limit" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "api_rate_limit_window_ends_at_idx" ON "api_rate_limit" USING btree ("window_ends_at");