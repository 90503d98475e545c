/**
 * The ids of live accounts sharing a dedupe key with the given ones, as a UNION of one index lookup per kind of key
 * (tax id and name btree, email and phone GIN, one probe per key). A single OR over the four would let the planner
 * estimate a large match and scan the whole table, which grows with every import batch.
 * Parameters: $1 tax ids, $2 emails, $3 phones, $4 name keys (text arrays).
 */
export const duplicateCandidateIdsSql = `
  SELECT id FROM accounts WHERE tax_id_key = ANY($1::text[]) AND deleted_at IS NULL
  UNION SELECT a.id FROM unnest($2::text[]) AS e(k) JOIN accounts a ON a.email_keys @> ARRAY[e.k] AND a.deleted_at IS NULL
  UNION SELECT a.id FROM unnest($3::text[]) AS p(k) JOIN accounts a ON a.phone_keys @> ARRAY[p.k] AND a.deleted_at IS NULL
  UNION SELECT id FROM accounts WHERE name_key = ANY($4::text[]) AND deleted_at IS NULL`;
