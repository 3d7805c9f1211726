ALTER TABLE "audit_event" ADD COLUMN "subject_member_ids" uuid[];--> statement-breakpoint
CREATE INDEX "audit_event_subjects_idx" ON "audit_event" USING gin ("subject_member_ids");--> statement-breakpoint
-- The digest covers the new column only where it is set, so events sealed before it keep their hash.
CREATE OR REPLACE FUNCTION audit_event_digest(prev bytea, e audit_event) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT sha256(prev || convert_to((jsonb_build_object(
    'chain_pos', e.chain_pos,
    'seq', e.seq,
    'id', e.id,
    'occurred_at', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'actor_user_id', e.actor_user_id,
    'actor_role', e.actor_role,
    'action', e.action,
    'entity_type', e.entity_type,
    'entity_id', e.entity_id,
    'subject_member_id', e.subject_member_id,
    'purpose', e.purpose,
    'outcome', e.outcome,
    'request_id', e.request_id,
    'details', e.details
  ) || CASE WHEN e.subject_member_ids IS NULL THEN '{}'::jsonb
            ELSE jsonb_build_object('subject_member_ids', to_jsonb(e.subject_member_ids)) END)::text, 'UTF8'))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('consilium.audit_sealing', true) = 'on'
     AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
     AND (OLD.seq, OLD.id, OLD.occurred_at, OLD.actor_user_id, OLD.actor_role, OLD.action, OLD.entity_type,
          OLD.entity_id, OLD.subject_member_id, OLD.subject_member_ids, OLD.purpose, OLD.outcome,
          OLD.request_id, OLD.details)
         IS NOT DISTINCT FROM
         (NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_user_id, NEW.actor_role, NEW.action, NEW.entity_type,
          NEW.entity_id, NEW.subject_member_id, NEW.subject_member_ids, NEW.purpose, NEW.outcome,
          NEW.request_id, NEW.details)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
