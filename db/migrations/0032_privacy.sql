CREATE TYPE "public"."data_export_status" AS ENUM('building', 'ready', 'failed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."privacy_request_kind" AS ENUM('access', 'rectification', 'erasure', 'restriction', 'objection');--> statement-breakpoint
CREATE TYPE "public"."privacy_request_status" AS ENUM('open', 'granted', 'partially_granted', 'refused');--> statement-breakpoint
CREATE TABLE "data_export" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"status" "data_export_status" NOT NULL,
	"storage_key" text,
	"wrapped_key" "bytea",
	"sha256" text,
	"size_bytes" bigint,
	"requested_at" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"ready_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	CONSTRAINT "data_export_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "erasure_ledger" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"privacy_request_id" uuid,
	"erased_at" timestamp with time zone NOT NULL,
	"scope" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"requested_by_user_id" uuid,
	"kind" "privacy_request_kind" NOT NULL,
	"status" "privacy_request_status" DEFAULT 'open' NOT NULL,
	"message" text,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"extended_at" timestamp with time zone,
	"extension_reason" text,
	"reminded_for_due_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"answer" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_export" ADD CONSTRAINT "data_export_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_export" ADD CONSTRAINT "data_export_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_request" ADD CONSTRAINT "privacy_request_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_request" ADD CONSTRAINT "privacy_request_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_request" ADD CONSTRAINT "privacy_request_decided_by_user_id_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_export_member_idx" ON "data_export" USING btree ("member_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "data_export_one_building_idx" ON "data_export" USING btree ("member_id") WHERE "data_export"."status" = 'building';--> statement-breakpoint
CREATE INDEX "data_export_expiry_idx" ON "data_export" USING btree ("expires_at") WHERE "data_export"."status" = 'ready';--> statement-breakpoint
CREATE INDEX "privacy_request_due_idx" ON "privacy_request" USING btree ("due_at","id") WHERE "privacy_request"."status" = 'open';--> statement-breakpoint
CREATE INDEX "privacy_request_member_idx" ON "privacy_request" USING btree ("member_id","received_at");