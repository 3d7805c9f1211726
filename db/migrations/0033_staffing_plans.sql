CREATE TABLE "staffing_plan" (
	"id" uuid PRIMARY KEY NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"example" text,
	"scenario" jsonb NOT NULL,
	"target_percent" double precision NOT NULL,
	"what_if" jsonb NOT NULL,
	"seeds" integer NOT NULL,
	"result" jsonb,
	"error_code" text,
	"requested_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "staffing_plan" ADD CONSTRAINT "staffing_plan_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staffing_plan_requested_idx" ON "staffing_plan" USING btree ("requested_at");