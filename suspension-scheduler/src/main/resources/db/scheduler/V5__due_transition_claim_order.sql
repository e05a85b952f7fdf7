-- The sweep claims due rows in (due_at, id) order and, within one run, only rows after the last it claimed: a claim
-- then starts past the rows earlier claims of the run deleted (dead until a vacuum) or hold locked, instead of
-- walking every one of them again from the start of the index. With 200,000 rows due the same minute, the claims
-- took 9.2 s in due_at order from the start and 2.0 s from the cursor (plain SQL, one sweeper).
CREATE INDEX due_transition_due_id ON due_transition (due_at, id);
DROP INDEX due_transition_due;
