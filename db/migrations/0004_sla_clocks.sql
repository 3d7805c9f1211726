CREATE TABLE "sla_clock" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_clock_case_kind_unique" UNIQUE("case_id","kind")
);
--> statement-breakpoint
ALTER TABLE "sla_clock" ADD CONSTRAINT "sla_clock_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_clock_pending_idx" ON "sla_clock" USING btree ("due_at") WHERE "sla_clock"."fired_at" IS NULL AND "sla_clock"."cancelled_at" IS NULL;