-- An account's workspace exists, checked once per statement instead of once per row. The foreign key ran its check
-- for every account written: a SELECT ... FOR KEY SHARE of the workspace row through SPI, all of them for the same
-- few workspaces. That was the largest single part of a Kafka run's COPY of its accounts: 7.5 of 24 µs of the
-- backend's CPU a row (scratch PostgreSQL 17, 1,000,000 accounts, COPYs of 500; docs/benchmarks.md, task acctcopy).
-- The same guarantee, kept by triggers:
--   * an INSERT or COPY of accounts locks each distinct workspace it names (KEY SHARE, as the foreign key did) and
--     fails with foreign_key_violation when one is missing: one query per statement, whatever its number of rows;
--   * an UPDATE that sets an account's workspace_id checks the new one the same way (no path does; the trigger fires
--     only when the column is in the SET list, so the status changes and edits pay nothing);
--   * a workspace row is never deleted, truncated or given another id (nothing in Roster does any of these), so no
--     account can lose its workspace afterwards: stricter than the foreign key, which allowed deleting a workspace
--     once it had no account, and free of its one gap (a REPEATABLE READ delete racing a committing insert).
ALTER TABLE account DROP CONSTRAINT account_workspace_id_fkey;

CREATE FUNCTION account_workspace_exists() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    named integer;
    locked integer;
    missing text;
BEGIN
    SELECT count(DISTINCT workspace_id) INTO named FROM written;
    PERFORM 1 FROM workspace WHERE id IN (SELECT workspace_id FROM written) ORDER BY id FOR KEY SHARE;
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < named THEN
        SELECT a.workspace_id INTO missing FROM written a
            WHERE NOT EXISTS (SELECT 1 FROM workspace w WHERE w.id = a.workspace_id) LIMIT 1;
        RAISE EXCEPTION 'workspace % of an account does not exist', missing
            USING ERRCODE = 'foreign_key_violation', TABLE = 'account';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER account_workspace_exists AFTER INSERT ON account REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION account_workspace_exists();

CREATE FUNCTION account_workspace_exists_after_update() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM 1 FROM workspace WHERE id = NEW.workspace_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'workspace % of account % does not exist', NEW.workspace_id, NEW.id
            USING ERRCODE = 'foreign_key_violation', TABLE = 'account';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER account_workspace_exists_after_update AFTER UPDATE OF workspace_id ON account FOR EACH ROW
    WHEN (NEW.workspace_id IS DISTINCT FROM OLD.workspace_id)
    EXECUTE FUNCTION account_workspace_exists_after_update();

CREATE FUNCTION workspace_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a workspace is never deleted, truncated or given another id: its accounts name it (%)', TG_OP
        USING ERRCODE = 'foreign_key_violation', TABLE = 'workspace';
END
$$;

CREATE TRIGGER workspace_never_deleted AFTER DELETE ON workspace FOR EACH ROW EXECUTE FUNCTION workspace_kept();
CREATE TRIGGER workspace_never_renamed AFTER UPDATE OF id ON workspace FOR EACH ROW
    WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION workspace_kept();
CREATE TRIGGER workspace_never_truncated BEFORE TRUNCATE ON workspace FOR EACH STATEMENT
    EXECUTE FUNCTION workspace_kept();
