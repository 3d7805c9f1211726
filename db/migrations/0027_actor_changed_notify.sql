-- HAND-WRITTEN (no schema change; drizzle-kit does not generate triggers).
--
-- Every instance keeps the actors it resolved in memory, per session (the identity room's
-- actor cache, docs/decisions/0019-actor-cache.md). Whatever ends or changes a session or what its
-- actor carries must reach every instance: each row change of the tables an actor is read from
-- sends `NOTIFY actor_changed, '<user id>'` from a trigger, so no code path (ours, Better Auth's,
-- an operator's SQL) can forget it, and it is delivered only if and when the change commits.
-- A row being created is not announced (nothing can be cached for it yet), except a staff profile,
-- which an update by operations may create.
CREATE FUNCTION "notify_actor_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  user_column text := TG_ARGV[0];
  before_change text;
  after_change text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    before_change := to_jsonb(OLD) ->> user_column;
    PERFORM pg_notify('actor_changed', before_change);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    after_change := to_jsonb(NEW) ->> user_column;
    IF after_change IS DISTINCT FROM before_change THEN
      PERFORM pg_notify('actor_changed', after_change);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "session_actor_changed" AFTER UPDATE OR DELETE ON "session"
  FOR EACH ROW EXECUTE FUNCTION "notify_actor_changed"('user_id');
--> statement-breakpoint
CREATE TRIGGER "user_actor_changed" AFTER UPDATE OR DELETE ON "user"
  FOR EACH ROW EXECUTE FUNCTION "notify_actor_changed"('id');
--> statement-breakpoint
CREATE TRIGGER "user_profile_actor_changed" AFTER UPDATE OR DELETE ON "user_profile"
  FOR EACH ROW EXECUTE FUNCTION "notify_actor_changed"('user_id');
--> statement-breakpoint
CREATE TRIGGER "staff_profile_actor_changed" AFTER INSERT OR UPDATE OR DELETE ON "staff_profile"
  FOR EACH ROW EXECUTE FUNCTION "notify_actor_changed"('user_id');
--> statement-breakpoint
CREATE TRIGGER "account_actor_changed" AFTER UPDATE OR DELETE ON "account"
  FOR EACH ROW EXECUTE FUNCTION "notify_actor_changed"('user_id');
--> statement-breakpoint
CREATE TRIGGER "two_factor_actor_changed" AFTER UPDATE OR DELETE ON "two_factor"
  FOR EACH ROW EXECUTE FUNCTION "notify_actor_changed"('user_id');
