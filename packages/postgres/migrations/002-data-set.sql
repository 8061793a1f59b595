-- 002: the mass-credit data set (§6) of each organisation, in the shape of the
-- core's MassCreditDataSet: the lists, families, students, enrollments, and
-- the fees the host listed. Every table carries org_id and every key starts
-- with it (Citus, docs/decisions/0014). `position` keeps the host's order, so
-- the data set read back is the one imported. Replaced whole by an import
-- (src/data-set-import.ts), read whole by getDataSet (src/data-set-read.ts).
-- The rows of one data set are written only by the importer, in one
-- transaction that checks them first (ids unique, references resolved), so
-- the tables carry no row-by-row foreign keys: 1,000,000 rows import without
-- 1,000,000 trigger checks. The unique keys still hold in the database.
--
-- Fees: a listed fee is a reference to the ledger's fee of the same id; what
-- it owes is read from the ledger's entries (001) when the ledger holds it.
-- `listed_remainder` is used only for a fee the ledger does not hold (paid
-- before the ledger began), and the ledger's fees of a listed family that the
-- data set does not list are added at read time (docs/decisions/0010).

CREATE TABLE data_sets (
  org_id text NOT NULL REFERENCES organisations (org_id),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  families integer NOT NULL,
  students integer NOT NULL,
  enrollments integer NOT NULL,
  fees integer NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT data_sets_pkey PRIMARY KEY (org_id)
);

-- The organisation's named lists: credit types, charge (fee) categories,
-- locations and autopay methods.
CREATE TABLE data_set_list_items (
  org_id text NOT NULL,
  list text NOT NULL CHECK (list IN ('creditTypes', 'chargeCategories', 'locations', 'autopayMethods')),
  position integer NOT NULL,
  item_id text NOT NULL,
  name text NOT NULL,
  CONSTRAINT data_set_list_items_pkey PRIMARY KEY (org_id, list, position),
  CONSTRAINT data_set_list_items_id_key UNIQUE (org_id, list, item_id)
);

-- Classes, camps and programs with their keywords.
CREATE TABLE data_set_offerings (
  org_id text NOT NULL,
  position integer NOT NULL,
  offering_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('class', 'camp', 'program')),
  name text NOT NULL,
  keywords text[] NOT NULL,
  CONSTRAINT data_set_offerings_pkey PRIMARY KEY (org_id, position),
  CONSTRAINT data_set_offerings_id_key UNIQUE (org_id, offering_id)
);

CREATE TABLE data_set_families (
  org_id text NOT NULL,
  position integer NOT NULL,
  family_id text NOT NULL CHECK (family_id <> ''),
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'inactive')),
  keywords text[] NOT NULL,
  autopay_methods text[] NOT NULL,
  location text NOT NULL,
  CONSTRAINT data_set_families_pkey PRIMARY KEY (org_id, position),
  CONSTRAINT data_set_families_id_key UNIQUE (org_id, family_id)
);

CREATE TABLE data_set_students (
  org_id text NOT NULL,
  position integer NOT NULL,
  student_id text NOT NULL CHECK (student_id <> ''),
  family_id text NOT NULL,
  name text,
  first_name text,
  last_name text,
  status text NOT NULL CHECK (status IN ('active', 'inactive')),
  keywords text[] NOT NULL,
  CONSTRAINT data_set_students_pkey PRIMARY KEY (org_id, position),
  CONSTRAINT data_set_students_id_key UNIQUE (org_id, student_id)
);

-- The offering each enrollment carries (kind, id, name, keywords), once per
-- distinct value: 400,000 enrollments of a few hundred offerings store (and
-- read back) a few hundred offering records.
CREATE TABLE data_set_enrollment_offerings (
  org_id text NOT NULL,
  offering_no integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('class', 'camp', 'program')),
  offering_id text NOT NULL,
  name text NOT NULL,
  keywords text[] NOT NULL,
  CONSTRAINT data_set_enrollment_offerings_pkey PRIMARY KEY (org_id, offering_no)
);

CREATE TABLE data_set_enrollments (
  org_id text NOT NULL,
  position integer NOT NULL,
  enrollment_id text NOT NULL CHECK (enrollment_id <> ''),
  student_id text NOT NULL,
  offering_no integer NOT NULL,
  location text NOT NULL,
  meeting_days text[] NOT NULL CHECK (meeting_days <@ ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  start_date date NOT NULL,
  end_date date NOT NULL,
  CONSTRAINT data_set_enrollments_pkey PRIMARY KEY (org_id, position),
  CONSTRAINT data_set_enrollments_id_key UNIQUE (org_id, enrollment_id)
);

-- The fees the host listed (see the head comment): what each owes is the ledger's.
CREATE TABLE data_set_fees (
  org_id text NOT NULL,
  position integer NOT NULL,
  fee_id text NOT NULL CHECK (fee_id <> ''),
  family_id text NOT NULL,
  category text NOT NULL,
  listed_remainder text NOT NULL,
  CONSTRAINT data_set_fees_pkey PRIMARY KEY (org_id, position),
  CONSTRAINT data_set_fees_id_key UNIQUE (org_id, fee_id)
);

-- The read of the ledger's fees by account: its Fee entries (001 indexes the
-- entries by account already; this one finds the accounts that have fees).
CREATE INDEX entries_fee_account_idx ON entries (org_id, account_id) WHERE type = 'Fee';

-- Row-level security as in 001: a session sees and writes only its organisation's rows.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['data_sets', 'data_set_list_items', 'data_set_offerings', 'data_set_families', 'data_set_students',
                           'data_set_enrollment_offerings', 'data_set_enrollments', 'data_set_fees'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (org_id = current_setting(''creditkit.org_id'', true)) '
                   'WITH CHECK (org_id = current_setting(''creditkit.org_id'', true))', t || '_org', t);
    EXECUTE format('GRANT SELECT, INSERT, DELETE ON %I TO creditkit_app', t);
  END LOOP;
END $$;
