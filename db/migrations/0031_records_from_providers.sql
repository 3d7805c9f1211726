CREATE TABLE "case_provider" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"name" text NOT NULL,
	"institution" text NOT NULL,
	"country" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"origin" text NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_record_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"kinds" text[] NOT NULL,
	"release_id" uuid,
	"token_hash" "bytea",
	"requested_by_user_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"authorised_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"outcome" text,
	"finished_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"closed_reason" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "provider_record_request_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "provider_upload" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_release" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kinds" text[] NOT NULL,
	"valid_until" date NOT NULL,
	"language" text NOT NULL,
	"signed_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signed_by_user_id" uuid NOT NULL,
	"client_address" text NOT NULL,
	"document_id" uuid,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_document" ALTER COLUMN "uploaded_by_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "case_document" ADD COLUMN "source_name" text;--> statement-breakpoint
ALTER TABLE "case_provider" ADD CONSTRAINT "case_provider_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_provider" ADD CONSTRAINT "case_provider_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_record_request" ADD CONSTRAINT "provider_record_request_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_record_request" ADD CONSTRAINT "provider_record_request_provider_id_case_provider_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."case_provider"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_record_request" ADD CONSTRAINT "provider_record_request_release_id_record_release_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."record_release"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_record_request" ADD CONSTRAINT "provider_record_request_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_upload" ADD CONSTRAINT "provider_upload_document_id_case_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."case_document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_upload" ADD CONSTRAINT "provider_upload_request_id_provider_record_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."provider_record_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_release" ADD CONSTRAINT "record_release_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_release" ADD CONSTRAINT "record_release_provider_id_case_provider_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."case_provider"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_release" ADD CONSTRAINT "record_release_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_release" ADD CONSTRAINT "record_release_signed_by_user_id_user_id_fk" FOREIGN KEY ("signed_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_release" ADD CONSTRAINT "record_release_document_id_case_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."case_document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_provider_case_idx" ON "case_provider" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_provider_from_request_unique" ON "case_provider" USING btree ("case_id") WHERE "case_provider"."origin" = 'member_request';--> statement-breakpoint
CREATE INDEX "provider_record_request_case_idx" ON "provider_record_request" USING btree ("case_id","requested_at");--> statement-breakpoint
CREATE INDEX "provider_upload_request_idx" ON "provider_upload" USING btree ("request_id","received_at");--> statement-breakpoint
CREATE INDEX "record_release_case_idx" ON "record_release" USING btree ("case_id","signed_at");