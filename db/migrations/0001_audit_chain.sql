-- The audit trail is append-only and hash-chained. Each row's hash covers the previous row's
-- hash and the row's own content, so a changed, removed or reordered row breaks the chain at
-- that point. The chain is computed here, in the database, so that no writer can skip it.

CREATE FUNCTION audit_genesis_hash() RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(convert_to('consilium:audit:genesis', 'UTF8'))
$$;
--> statement-breakpoint
CREATE FUNCTION audit_event_digest(prev bytea, e audit_event) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT sha256(prev || convert_to(jsonb_build_object(
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
  )::text, 'UTF8'))
$$;
--> statement-breakpoint
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, audit_genesis_hash());
--> statement-breakpoint
-- Appends take the head row FOR UPDATE: concurrent appends queue on it, and under READ
-- COMMITTED each one then sees the head its predecessor committed, so the chain stays linear.
CREATE FUNCTION audit_event_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
BEGIN
  SELECT * INTO STRICT head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := audit_event_digest(head.hash, NEW);
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_append BEFORE INSERT ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append();
--> statement-breakpoint
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
-- The head moves only from inside the append trigger.
CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'the audit chain head moves only when an event is appended'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
