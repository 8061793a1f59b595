-- 001: the ledger of every organisation. Every table carries org_id and every
-- key starts with it (the Citus distribution column, see docs/decisions/0014).
-- The rules live in @creditkit/core; this schema only states what the
-- database can hold by itself: unique keys, append-only entries, positive
-- amounts, one organisation per session (row-level security).

-- The role every app transaction runs as (SET LOCAL ROLE): not a superuser,
-- so row-level security applies to it. Roles are cluster-wide: another
-- database on the same server may have made it already.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'creditkit_app') THEN
    CREATE ROLE creditkit_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;

CREATE TABLE organisations (
  org_id text NOT NULL CHECK (org_id <> ''),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  settings jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisations_pkey PRIMARY KEY (org_id)
);

CREATE TABLE accounts (
  org_id text NOT NULL REFERENCES organisations (org_id),
  account_id text NOT NULL CHECK (account_id <> ''),
  seq bigint GENERATED ALWAYS AS IDENTITY,
  record jsonb NOT NULL,
  CONSTRAINT accounts_pkey PRIMARY KEY (org_id, account_id)
);

-- Append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE entries (
  org_id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  entry_id text NOT NULL CHECK (entry_id <> ''),
  key text NOT NULL CHECK (key <> ''),
  account_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('Fee', 'Payment', 'Payment (AC)', 'Void', 'Account Credit', 'Refund - Account Credit', 'Preloaded Credit')),
  date date NOT NULL,
  amount numeric NOT NULL CHECK (amount > 0),
  entry jsonb NOT NULL,
  CONSTRAINT entries_pkey PRIMARY KEY (org_id, seq),
  CONSTRAINT entries_entry_id_key UNIQUE (org_id, entry_id),
  CONSTRAINT entries_account_fkey FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, account_id)
);
CREATE INDEX entries_account_idx ON entries (org_id, account_id, seq);
CREATE INDEX entries_key_idx ON entries (org_id, key, seq);
CREATE INDEX entries_date_idx ON entries (org_id, date);

CREATE FUNCTION creditkit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'creditkit: % is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'CK001';
END $$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION creditkit_refuse_change();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
  FOR EACH STATEMENT EXECUTE FUNCTION creditkit_refuse_change();

-- One row per idempotency key (the sweep's derived keys too): what it wrote.
CREATE TABLE commits (
  org_id text NOT NULL,
  key text NOT NULL CHECK (key <> ''),
  account_ids text[] NOT NULL,
  entry_count integer NOT NULL CHECK (entry_count > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT commits_pkey PRIMARY KEY (org_id, key)
);
CREATE TRIGGER commits_append_only BEFORE UPDATE OR DELETE ON commits
  FOR EACH ROW EXECUTE FUNCTION creditkit_refuse_change();

-- Settlements in flight (§5). The owner is the settlement call that made or
-- claimed it; owner_until its lease: a process that dies leaves the row, and
-- the next settlement of the key claims it once the lease has run out.
CREATE TABLE reservations (
  org_id text NOT NULL,
  key text NOT NULL,
  account_id text NOT NULL,
  fee_ids text[] NOT NULL,
  grants jsonb NOT NULL,
  credit numeric NOT NULL CHECK (credit >= 0),
  -- What the fees owed when held less the credit held: the card amount pinned to the key.
  card_amount numeric NOT NULL CHECK (card_amount >= 0),
  owner text,
  owner_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reservations_pkey PRIMARY KEY (org_id, key),
  CONSTRAINT reservations_account_fkey FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, account_id),
  CHECK ((owner IS NULL) = (owner_until IS NULL))
);
CREATE INDEX reservations_account_idx ON reservations (org_id, account_id);

-- Mass-credit runs (§6): the plan saved before the first credit, its posts in
-- review order, and the last processing's record.
CREATE TABLE runs (
  org_id text NOT NULL,
  run_id text NOT NULL CHECK (run_id <> ''),
  status text NOT NULL CHECK (status IN ('processing', 'done', 'interrupted', 'failed')),
  selected integer NOT NULL CHECK (selected >= 0),
  total numeric NOT NULL CHECK (total >= 0),
  description text NOT NULL,
  request jsonb NOT NULL,
  filters jsonb NOT NULL,
  count integer NOT NULL,
  record jsonb,
  saved_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT runs_pkey PRIMARY KEY (org_id, run_id)
);

CREATE TABLE run_posts (
  org_id text NOT NULL,
  run_id text NOT NULL,
  position integer NOT NULL,
  row_key text NOT NULL,
  post jsonb NOT NULL,
  CONSTRAINT run_posts_pkey PRIMARY KEY (org_id, run_id, position),
  CONSTRAINT run_posts_row_key UNIQUE (org_id, run_id, row_key),
  CONSTRAINT run_posts_run_fkey FOREIGN KEY (org_id, run_id) REFERENCES runs (org_id, run_id)
);

-- The stored simulated gateway (the demo's and the tests'): a card and a
-- script of outcomes per account, the intent of each idempotency key (written
-- before the answer), and every real charge, at most one per key.
CREATE TABLE gateway_accounts (
  org_id text NOT NULL,
  account_id text NOT NULL,
  has_card boolean NOT NULL DEFAULT true,
  script jsonb NOT NULL DEFAULT '[]',
  CONSTRAINT gateway_accounts_pkey PRIMARY KEY (org_id, account_id)
);

CREATE TABLE gateway_intents (
  org_id text NOT NULL,
  idempotency_key text NOT NULL,
  account_id text NOT NULL,
  amount text NOT NULL,
  currency text NOT NULL,
  outcome text NOT NULL,
  charge_id text,
  attempts integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT gateway_intents_pkey PRIMARY KEY (org_id, idempotency_key)
);

CREATE TABLE gateway_charges (
  org_id text NOT NULL,
  charge_id text NOT NULL,
  idempotency_key text NOT NULL,
  account_id text NOT NULL,
  amount numeric NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  description text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT gateway_charges_pkey PRIMARY KEY (org_id, charge_id),
  CONSTRAINT gateway_charges_key UNIQUE (org_id, idempotency_key)
);
CREATE TRIGGER gateway_charges_append_only BEFORE UPDATE OR DELETE ON gateway_charges
  FOR EACH ROW EXECUTE FUNCTION creditkit_refuse_change();

-- Transaction-scoped advisory locks on names of the session's organisation,
-- taken in one sorted order so two transactions never deadlock on them.
CREATE FUNCTION creditkit_lock(org text, names text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  k bigint;
BEGIN
  FOR k IN SELECT DISTINCT hashtextextended(org || '/' || n, 0) FROM unnest(names) AS n ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(k);
  END LOOP;
END $$;

-- Row-level security: a session sees and writes only the rows of the
-- organisation in creditkit.org_id (set per transaction by the app).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organisations', 'accounts', 'entries', 'commits', 'reservations', 'runs', 'run_posts',
                           'gateway_accounts', 'gateway_intents', 'gateway_charges'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (org_id = current_setting(''creditkit.org_id'', true)) '
                   'WITH CHECK (org_id = current_setting(''creditkit.org_id'', true))', t || '_org', t);
    EXECUTE format('GRANT SELECT, INSERT ON %I TO creditkit_app', t);
  END LOOP;
END $$;
GRANT UPDATE ON organisations, reservations, runs, gateway_accounts, gateway_intents TO creditkit_app;
GRANT DELETE ON reservations, gateway_accounts TO creditkit_app;
GRANT EXECUTE ON FUNCTION creditkit_lock(text, text[]) TO creditkit_app;
