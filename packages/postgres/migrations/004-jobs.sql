-- 004: server jobs (issue #15): a mass-credit run or a batch settlement that
-- outlives the request, the page and the process that started it. Keyed by
-- the organisation, the kind, the run's or batch's own id and the round: asking
-- while a round is queued or running joins it; asking once it has finished
-- starts the next round, which does only what is missing (docs/decisions/0022).
--
-- A worker takes a job with FOR UPDATE SKIP LOCKED and holds it by a lease it
-- renews while it works; a worker that dies stops renewing, and once the
-- lease has run out any worker takes the job again. What the job does is
-- idempotent by its keys (each run row posted once, each invoice charged
-- once), so a job taken again finishes what is missing.

CREATE TABLE jobs (
  org_id text NOT NULL REFERENCES organisations (org_id),
  kind text NOT NULL CHECK (kind IN ('run', 'batch')),
  job_id text NOT NULL CHECK (job_id <> ''),
  round integer NOT NULL DEFAULT 1 CHECK (round >= 1),
  -- What to do (a run's plan, a batch's request) and its digest: a run's id
  -- with another plan is refused as an idempotency conflict.
  request jsonb NOT NULL,
  request_hash text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  done integer NOT NULL DEFAULT 0 CHECK (done >= 0),
  total integer NOT NULL DEFAULT 0 CHECK (total >= 0),
  result jsonb,
  error jsonb,
  cancel_requested boolean NOT NULL DEFAULT false,
  attempts integer NOT NULL DEFAULT 0,
  worker text,
  lease_until timestamptz,
  started_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT jobs_pkey PRIMARY KEY (org_id, kind, job_id, round),
  CHECK ((status = 'running') = (worker IS NOT NULL AND lease_until IS NOT NULL))
);

-- What the workers look for: jobs waiting, and jobs whose worker's lease ran out.
CREATE INDEX jobs_waiting ON jobs (created_at) WHERE status IN ('queued', 'running');

-- Row-level security as on every table. Not FORCEd: the workers' claim reads
-- across organisations as the owner role (only ids and leases); everything a
-- job then does runs in its organisation's transactions as creditkit_app.
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY jobs_org ON jobs USING (org_id = current_setting('creditkit.org_id', true))
  WITH CHECK (org_id = current_setting('creditkit.org_id', true));
GRANT SELECT, INSERT, UPDATE ON jobs TO creditkit_app;
