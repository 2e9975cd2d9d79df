-- wankit task ledger, version 1. `__SCHEMA__` is replaced by the store's schema (a quoted identifier) and
-- `__CHANNEL__` by its NOTIFY channel name. Applied once, in a transaction, by migrate().

-- One row per unit of work (a batch line, a client submit key): where it stands, folded from its records.
CREATE TABLE __SCHEMA__.tasks (
  key text PRIMARY KEY,
  batch text,
  account text,
  -- queued | intended | submitted | refused | uncertain | finished | downloaded (the journal's states, plus
  -- queued: enqueued for the worker pool, not claimed yet)
  state text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  fingerprint text,
  adapter text,
  base_url text,
  model text,
  kind text,
  prompt text,
  request jsonb,
  -- The full request of a queued line (inline images included), for the worker that sends it; cleared once sent.
  payload jsonb,
  ref jsonb,
  task_id text,
  status text,
  snapshot jsonb,
  error jsonb,
  cost numeric,
  currency text,
  files jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The process holding the create claim, and until when its lease runs (renewed by its heartbeat).
  holder text,
  lease_until timestamptz,
  -- The worker pool's step counter: a job whose step is behind the row's is stale and does nothing.
  step integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_by_state ON __SCHEMA__.tasks (state, created_at);
CREATE INDEX tasks_by_batch ON __SCHEMA__.tasks (batch, created_at);
CREATE INDEX tasks_by_created ON __SCHEMA__.tasks (created_at);
CREATE INDEX tasks_by_finished ON __SCHEMA__.tasks (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX tasks_in_flight ON __SCHEMA__.tasks (account) WHERE state IN ('intended', 'submitted');
CREATE INDEX tasks_by_holder ON __SCHEMA__.tasks (holder) WHERE state = 'intended';

-- The append-only journal: every record, scrubbed, in order (what TaskJournal.read() returns).
CREATE TABLE __SCHEMA__.records (
  id bigserial PRIMARY KEY,
  key text NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX records_by_key ON __SCHEMA__.records (key, id);

-- One request budget per provider account (GCRA: the theoretical arrival time of the next request, ms).
CREATE TABLE __SCHEMA__.accounts (
  id text PRIMARY KEY,
  tat double precision NOT NULL DEFAULT 0,
  paused_until double precision NOT NULL DEFAULT 0
);

-- Callback registrations shared by every instance (token hashes only).
CREATE TABLE __SCHEMA__.callbacks (
  key text PRIMARY KEY,
  token_hash text NOT NULL,
  ref jsonb,
  terminal jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz
);

-- Processes using the store (workers and clients), for diagnostics and leases.
CREATE TABLE __SCHEMA__.workers (
  id text PRIMARY KEY,
  host text,
  pid integer,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now()
);

-- True when every output of the task's snapshot is among its downloaded files.
CREATE FUNCTION __SCHEMA__.all_downloaded(snapshot jsonb, files jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT snapshot IS NOT NULL
    AND jsonb_array_length(COALESCE(snapshot->'outputs', '[]'::jsonb)) > 0
    AND NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements(snapshot->'outputs') o
      WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(files) f WHERE f->>'url' = o->>'url')
    )
$$;

-- Appends one journal record and folds it into its task row, as summarizeJournal does for the file journal.
-- `me` is the appending process: only the claim holder may turn its own claim into refused or uncertain.
CREATE FUNCTION __SCHEMA__.append_record(rec jsonb, me text, lease_ms double precision, acct text, batch_name text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  k text := rec->>'key';
  kind_of text := rec->>'type';
  at_time timestamptz := (rec->>'at')::timestamptz;
  snap jsonb := rec->'snapshot';
  file jsonb;
  changed integer;
  task_account text;
BEGIN
  INSERT INTO __SCHEMA__.records (key, type, at, record) VALUES (k, kind_of, at_time, rec);
  IF kind_of = 'intent' THEN
    INSERT INTO __SCHEMA__.tasks AS t (key, batch, account, state, attempts, fingerprint, adapter, base_url, model,
        kind, prompt, request, holder, lease_until, created_at, updated_at)
      VALUES (k, batch_name, acct, 'intended', 1, rec->>'fingerprint', rec->>'adapter', rec->>'baseUrl',
        rec->>'model', rec->>'kind', rec->'request'->>'prompt', rec->'request', me,
        clock_timestamp() + lease_ms * interval '1 millisecond', at_time, now())
    ON CONFLICT (key) DO UPDATE SET state = 'intended', attempts = t.attempts + 1,
      fingerprint = excluded.fingerprint, adapter = excluded.adapter, base_url = excluded.base_url,
      model = excluded.model, kind = excluded.kind, prompt = excluded.prompt, request = excluded.request,
      batch = COALESCE(t.batch, excluded.batch), account = COALESCE(excluded.account, t.account),
      holder = me, lease_until = excluded.lease_until, ref = NULL, task_id = NULL, status = NULL,
      snapshot = NULL, error = NULL, cost = NULL, currency = NULL, files = '[]'::jsonb, submitted_at = NULL,
      finished_at = NULL, updated_at = now();
  ELSIF kind_of = 'submitted' THEN
    INSERT INTO __SCHEMA__.tasks AS t (key, batch, account, state, adapter, model, kind, ref, task_id,
        submitted_at, created_at)
      VALUES (k, batch_name, acct, 'submitted', rec->'ref'->>'adapter', rec->'ref'->>'model',
        rec->'ref'->>'kind', rec->'ref', rec->'ref'->>'taskId', at_time, at_time)
    ON CONFLICT (key) DO UPDATE SET state = 'submitted', ref = excluded.ref, task_id = excluded.task_id,
      submitted_at = excluded.submitted_at, error = NULL, holder = NULL, lease_until = NULL, payload = NULL,
      updated_at = now()
      -- A task exists: that is a fact whoever reports it, but a finished task stays finished.
      WHERE t.state NOT IN ('submitted', 'finished', 'downloaded');
  ELSIF kind_of = 'refused' THEN
    -- The provider created nothing: the claim is released and the key may be claimed again.
    UPDATE __SCHEMA__.tasks SET state = 'refused', error = rec->'error', holder = NULL, lease_until = NULL,
      updated_at = now()
      WHERE key = k AND state = 'intended' AND holder IS NOT DISTINCT FROM me;
  ELSIF kind_of = 'uncertain' THEN
    UPDATE __SCHEMA__.tasks SET state = 'uncertain', error = rec->'error', holder = NULL, lease_until = NULL,
      updated_at = now()
      WHERE key = k AND state = 'intended' AND holder IS NOT DISTINCT FROM me;
  ELSIF kind_of = 'snapshot' THEN
    INSERT INTO __SCHEMA__.tasks AS t (key, batch, account, state, adapter, model, kind, ref, task_id,
        created_at)
      VALUES (k, batch_name, acct, 'submitted', snap->'ref'->>'adapter', snap->'ref'->>'model',
        snap->'ref'->>'kind', snap->'ref', snap->'ref'->>'taskId', at_time)
    ON CONFLICT (key) DO NOTHING;
    UPDATE __SCHEMA__.tasks SET snapshot = snap, status = snap->>'status',
      cost = (snap->'usage'->>'cost')::numeric, currency = snap->'usage'->>'currency',
      finished_at = COALESCE(finished_at, at_time), ref = COALESCE(ref, snap->'ref'),
      task_id = COALESCE(task_id, snap->'ref'->>'taskId'), holder = NULL, lease_until = NULL, payload = NULL,
      state = CASE WHEN __SCHEMA__.all_downloaded(snap, files) THEN 'downloaded' ELSE 'finished' END,
      updated_at = now()
      WHERE key = k;
  ELSIF kind_of = 'downloaded' THEN
    file := jsonb_build_object('taskId', rec->>'taskId', 'path', rec->>'path', 'bytes', rec->'bytes',
      'sha256', rec->>'sha256', 'url', rec->>'url', 'at', rec->>'at');
    UPDATE __SCHEMA__.tasks SET
      files = CASE WHEN files @> jsonb_build_array(jsonb_build_object('path', file->>'path', 'url', file->>'url'))
        THEN files ELSE files || jsonb_build_array(file) END,
      updated_at = now()
      WHERE key = k;
    UPDATE __SCHEMA__.tasks SET state = 'downloaded'
      WHERE key = k AND state = 'finished' AND __SCHEMA__.all_downloaded(snapshot, files);
  END IF;
  SELECT account INTO task_account FROM __SCHEMA__.tasks WHERE key = k;
  PERFORM pg_notify('__CHANNEL__', 'key:' || k);
  IF task_account IS NOT NULL AND kind_of IN ('refused', 'uncertain', 'snapshot') THEN
    PERFORM pg_notify('__CHANNEL__', 'account:' || task_account);
  END IF;
END;
$$;

-- Claim before paying: decides, atomically, whether process `me` may send the create for rec.key.
-- outcome: claimed | submitted (ref, snapshot) | uncertain (error) | held (another live process is sending;
-- wait_ms until its lease runs out) | full (the account's concurrent-task budget is spent) | conflict (the key
-- was used for a different request).
CREATE FUNCTION __SCHEMA__.claim(rec jsonb, me text, lease_ms double precision, acct text, batch_name text,
    max_in_flight integer, in_flight_ttl_ms double precision)
RETURNS TABLE (outcome text, ref jsonb, snapshot jsonb, error jsonb, wait_ms double precision)
LANGUAGE plpgsql AS $$
DECLARE
  k text := rec->>'key';
  t __SCHEMA__.tasks%ROWTYPE;
  busy integer;
  lost jsonb;
  created boolean := false;
BEGIN
  IF acct IS NOT NULL AND max_in_flight IS NOT NULL THEN
    -- Capacity checks of one account run one at a time, or two processes could both take the last slot.
    PERFORM pg_advisory_xact_lock(hashtext('__SCHEMA__ account ' || acct));
  END IF;
  LOOP
    SELECT * INTO t FROM __SCHEMA__.tasks WHERE key = k FOR UPDATE;
    EXIT WHEN FOUND;
    INSERT INTO __SCHEMA__.tasks (key, batch, account, state) VALUES (k, batch_name, acct, 'queued')
      ON CONFLICT (key) DO NOTHING RETURNING true INTO created;
  END LOOP;

  IF t.fingerprint IS NOT NULL AND t.fingerprint <> rec->>'fingerprint'
      AND t.state IN ('intended', 'submitted', 'finished', 'downloaded', 'uncertain') THEN
    RETURN QUERY SELECT 'conflict'::text, t.ref, NULL::jsonb, NULL::jsonb, NULL::double precision;
    RETURN;
  END IF;
  IF t.state IN ('submitted', 'finished', 'downloaded') AND t.ref IS NOT NULL THEN
    RETURN QUERY SELECT 'submitted'::text, t.ref, t.snapshot, NULL::jsonb, NULL::double precision;
    RETURN;
  END IF;
  IF t.state = 'uncertain' THEN
    RETURN QUERY SELECT 'uncertain'::text, NULL::jsonb, NULL::jsonb, t.error, NULL::double precision;
    RETURN;
  END IF;
  IF t.state = 'intended' THEN
    IF t.lease_until > clock_timestamp() THEN
      RETURN QUERY SELECT 'held'::text, NULL::jsonb, NULL::jsonb, NULL::jsonb,
        (extract(epoch FROM t.lease_until - clock_timestamp()) * 1000)::double precision;
      RETURN;
    END IF;
    -- The holder stopped renewing its lease while its create may have been in flight: nobody may send again.
    lost := jsonb_build_object('kind', 'submit_uncertain', 'message',
      'the process that claimed this key stopped before the outcome of its create was recorded');
    UPDATE __SCHEMA__.tasks SET state = 'uncertain', error = lost, holder = NULL, lease_until = NULL,
      updated_at = now() WHERE key = k;
    INSERT INTO __SCHEMA__.records (key, type, at, record) VALUES (k, 'uncertain', now(),
      jsonb_build_object('type', 'uncertain', 'key', k, 'at',
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'error', lost));
    PERFORM pg_notify('__CHANNEL__', 'key:' || k);
    RETURN QUERY SELECT 'uncertain'::text, NULL::jsonb, NULL::jsonb, lost, NULL::double precision;
    RETURN;
  END IF;

  -- queued, refused or new: this process may send, if the account has room.
  IF acct IS NOT NULL AND max_in_flight IS NOT NULL THEN
    SELECT count(*) INTO busy FROM __SCHEMA__.tasks x
      WHERE x.account = acct AND x.key <> k AND (
        (x.state = 'intended' AND x.lease_until > clock_timestamp())
        OR (x.state = 'submitted' AND x.submitted_at > now() - in_flight_ttl_ms * interval '1 millisecond'));
    IF busy >= max_in_flight THEN
      -- Nothing was claimed: a row made just now for the check must not look like queued work.
      IF created THEN DELETE FROM __SCHEMA__.tasks WHERE key = k; END IF;
      RETURN QUERY SELECT 'full'::text, NULL::jsonb, NULL::jsonb, NULL::jsonb, NULL::double precision;
      RETURN;
    END IF;
  END IF;
  PERFORM __SCHEMA__.append_record(rec, me, lease_ms, acct, batch_name);
  RETURN QUERY SELECT 'claimed'::text, NULL::jsonb, NULL::jsonb, NULL::jsonb, NULL::double precision;
END;
$$;

-- One request token from an account's budget (GCRA, the same arithmetic as core's local budget, on the
-- database clock so every machine agrees): returns how long the caller must wait before sending.
CREATE FUNCTION __SCHEMA__.take_request(acct text, interval_ms double precision, tolerance_ms double precision)
RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
  now_ms double precision := extract(epoch FROM clock_timestamp()) * 1000;
  start_ms double precision;
BEGIN
  INSERT INTO __SCHEMA__.accounts (id) VALUES (acct) ON CONFLICT (id) DO NOTHING;
  UPDATE __SCHEMA__.accounts
    SET tat = GREATEST(tat, now_ms, paused_until + tolerance_ms) + interval_ms
    WHERE id = acct
    RETURNING tat - interval_ms INTO start_ms;
  RETURN GREATEST(0, start_ms - tolerance_ms - now_ms);
END;
$$;

-- The provider answered 429 with Retry-After: every process of the account holds back.
CREATE FUNCTION __SCHEMA__.pause_account(acct text, ms double precision) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO __SCHEMA__.accounts (id, paused_until)
    VALUES (acct, extract(epoch FROM clock_timestamp()) * 1000 + ms)
  ON CONFLICT (id) DO UPDATE SET paused_until = GREATEST(__SCHEMA__.accounts.paused_until, excluded.paused_until)
$$;
