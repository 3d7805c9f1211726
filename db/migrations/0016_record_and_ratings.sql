CREATE TABLE "review_rating" (
	"id" uuid PRIMARY KEY NOT NULL,
	"offer_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	"rated_by_user_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"opinion_version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_rating_one_per_rater" UNIQUE("offer_id","rated_by_user_id"),
	CONSTRAINT "review_rating_score" CHECK ("review_rating"."score" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "specialist" ADD COLUMN "imported_reviews_completed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "specialist" ADD COLUMN "imported_median_turnaround_hours" real;--> statement-breakpoint
ALTER TABLE "specialist" ADD COLUMN "imported_rating_average" real;--> statement-breakpoint
ALTER TABLE "specialist" ADD COLUMN "imported_rating_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_rating" ADD CONSTRAINT "review_rating_offer_id_review_offer_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."review_offer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rating" ADD CONSTRAINT "review_rating_review_id_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rating" ADD CONSTRAINT "review_rating_case_id_opinion_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."opinion_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rating" ADD CONSTRAINT "review_rating_specialist_id_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."specialist"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rating" ADD CONSTRAINT "review_rating_rated_by_user_id_user_id_fk" FOREIGN KEY ("rated_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_rating_specialist_idx" ON "review_rating" USING btree ("specialist_id");--> statement-breakpoint
CREATE INDEX "review_rating_review_idx" ON "review_rating" USING btree ("review_id");--> statement-breakpoint
-- Until now the record only ever held what a specialist came with (import, generation, seed): that
-- is the imported base the platform's own reviews and ratings are added to from here on.
UPDATE "specialist" SET
	"imported_reviews_completed" = "reviews_completed",
	"imported_median_turnaround_hours" = "median_turnaround_hours",
	"imported_rating_average" = "rating_average",
	"imported_rating_count" = CASE WHEN "rating_average" IS NULL THEN 0 ELSE "rating_count" END;--> statement-breakpoint
-- Opinions already submitted on the platform join the record, as later ones will.
UPDATE "specialist" s SET
	"reviews_completed" = s."imported_reviews_completed" + d.n,
	"median_turnaround_hours" = (
		SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.hours)::numeric, 1)::real
		FROM (
			SELECT (extract(epoch FROM o."submitted_at" - o."responded_at") / 3600)::float8 AS hours
			FROM "review_offer" o
			WHERE o."specialist_id" = s."id" AND o."status" = 'submitted'
			UNION ALL
			SELECT s."imported_median_turnaround_hours"::float8
			FROM generate_series(1, s."imported_reviews_completed")
			WHERE s."imported_median_turnaround_hours" IS NOT NULL
		) t
	)
FROM (
	SELECT "specialist_id", count(*)::int AS n FROM "review_offer" WHERE "status" = 'submitted' GROUP BY 1
) d
WHERE d."specialist_id" = s."id";
