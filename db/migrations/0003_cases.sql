CREATE TYPE "public"."case_status" AS ENUM('submitted', 'assigned', 'contacted', 'gathering_information', 'under_review', 'opinion_ready', 'recommendations_delivered', 'monitoring', 'closed', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."contact_channel" AS ENUM('phone', 'video', 'message');--> statement-breakpoint
CREATE TYPE "public"."contact_outcome" AS ENUM('reached', 'no_answer', 'left_message', 'rescheduled');--> statement-breakpoint
CREATE SEQUENCE "public"."case_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "case_contact" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"case_manager_user_id" uuid NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"outcome" "contact_outcome" NOT NULL,
	"contacted_at" timestamp with time zone NOT NULL,
	"private_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"from_status" "case_status",
	"to_status" "case_status",
	"actor_user_id" uuid,
	"actor_role" text NOT NULL,
	"reason" text,
	"staff_only" boolean DEFAULT false NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_event_seq_unique" UNIQUE("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "idempotency_key" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_key_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "opinion_case" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"status" "case_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"member_id" uuid NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"concern" text NOT NULL,
	"diagnosis_received" text,
	"treatment_plan_received" text,
	"first_opinion_doctor" text,
	"first_opinion_institution" text,
	"first_opinion_country" text,
	"questions" text[] NOT NULL,
	"preferred_language" text NOT NULL,
	"contact_channel" "contact_channel" NOT NULL,
	"time_zone" text NOT NULL,
	"preferred_contact_windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"location_country" text NOT NULL,
	"location_city" text NOT NULL,
	"case_manager_user_id" uuid,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"first_contact_due_at" timestamp with time zone NOT NULL,
	"first_contacted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_case_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "case_manager_load" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"open_cases" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_absence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_contact" ADD CONSTRAINT "case_contact_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_contact" ADD CONSTRAINT "case_contact_case_manager_user_id_user_id_fk" FOREIGN KEY ("case_manager_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_case" ADD CONSTRAINT "opinion_case_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_case" ADD CONSTRAINT "opinion_case_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_case" ADD CONSTRAINT "opinion_case_case_manager_user_id_user_id_fk" FOREIGN KEY ("case_manager_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_manager_load" ADD CONSTRAINT "case_manager_load_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_absence" ADD CONSTRAINT "staff_absence_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_contact_case_idx" ON "case_contact" USING btree ("case_id","contacted_at");--> statement-breakpoint
CREATE INDEX "opinion_case_queue_idx" ON "opinion_case" USING btree ("case_manager_user_id","first_contact_due_at","id");--> statement-breakpoint
CREATE INDEX "opinion_case_member_idx" ON "opinion_case" USING btree ("member_id","submitted_at");--> statement-breakpoint
CREATE INDEX "opinion_case_status_idx" ON "opinion_case" USING btree ("status","first_contact_due_at");--> statement-breakpoint
CREATE INDEX "staff_absence_user_idx" ON "staff_absence" USING btree ("user_id","ends_at");