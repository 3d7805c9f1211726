DROP INDEX "opinion_case_queue_idx";--> statement-breakpoint
ALTER TABLE "opinion_case" ADD COLUMN "queue_rank" smallint GENERATED ALWAYS AS (CASE WHEN status IN ('submitted', 'assigned') THEN 0 WHEN status IN ('closed', 'withdrawn') THEN 2 ELSE 1 END) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "opinion_case_deadline_idx" ON "opinion_case" USING btree ("queue_rank","first_contact_due_at","id");--> statement-breakpoint
CREATE INDEX "opinion_case_queue_idx" ON "opinion_case" USING btree ("case_manager_user_id","queue_rank","first_contact_due_at","id");