-- A settlement in flight owns its key (decision 0011): while its lease is live, only a
-- transaction that names that owner in `creditkit.owners` may commit under the key. A
-- checkout or a host's commit under it is refused, so a payment written while the card
-- charge is in flight can never pay the same fees twice. The database holds the promise.
CREATE FUNCTION creditkit_owned_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM reservations r
    WHERE r.org_id = NEW.org_id AND r.key = NEW.key
      AND r.owner IS NOT NULL AND r.owner_until > clock_timestamp()
      AND NOT (r.owner = ANY (string_to_array(coalesce(current_setting('creditkit.owners', true), ''), ',')))
  ) THEN
    RAISE EXCEPTION 'a settlement in flight owns the key %', NEW.key USING ERRCODE = 'CK409';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER commits_owned_key BEFORE INSERT ON commits
  FOR EACH ROW EXECUTE FUNCTION creditkit_owned_key();
