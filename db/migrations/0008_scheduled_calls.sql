CREATE TABLE "scheduled_call" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"slots" jsonb NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"confirmed_starts_at" timestamp with time zone,
	"duration_minutes" integer,
	"proposed_by_user_id" uuid NOT NULL,
	"confirmed_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scheduled_call" ADD CONSTRAINT "scheduled_call_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_call" ADD CONSTRAINT "scheduled_call_proposed_by_user_id_user_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_call" ADD CONSTRAINT "scheduled_call_confirmed_by_user_id_user_id_fk" FOREIGN KEY ("confirmed_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scheduled_call_case_idx" ON "scheduled_call" USING btree ("case_id","created_at");