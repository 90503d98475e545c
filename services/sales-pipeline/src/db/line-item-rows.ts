import type { EntityManager } from 'typeorm';

/** One line of a deal (opportunity_line_items) or of a quote (quote_lines): money as decimal strings. */
export interface LineItemRow {
  /** The deal or the quote the line belongs to. */
  ownerId: string;
  position: number;
  productId: string;
  quantity: string;
  unitPrice: string;
  currency: string;
  discountPercent: string;
  lineTotal: string;
}

const lineColumns = `l.position, l.product_id AS "productId", l.quantity::text AS quantity,
  l.unit_price::text AS "unitPrice", l.currency, l.discount_percent::text AS "discountPercent",
  l.line_total::text AS "lineTotal"`;

/** The lines of each deal or quote, in position order (one statement). */
export async function linesOf(
  manager: EntityManager,
  table: 'opportunity_line_items' | 'quote_lines',
  ownerIds: readonly string[],
): Promise<Map<string, LineItemRow[]>> {
  const out = new Map<string, LineItemRow[]>();
  if (!ownerIds.length) return out;
  const owner = table === 'quote_lines' ? 'quote_id' : 'opportunity_id';
  const rows: LineItemRow[] = await manager.query(
    `SELECT l.${owner} AS "ownerId", ${lineColumns} FROM ${table} l
      WHERE l.${owner} = ANY($1::uuid[]) ORDER BY l.${owner}, l.position`,
    [[...new Set(ownerIds)]],
  );
  for (const row of rows) out.set(row.ownerId, [...(out.get(row.ownerId) ?? []), row]);
  return out;
}

/** Writes `lines` as the lines of the deal or quote `ownerId` (the caller removed the old ones if needed). */
export async function insertLines(
  manager: EntityManager,
  table: 'opportunity_line_items' | 'quote_lines',
  ownerId: string,
  lines: Omit<LineItemRow, 'ownerId' | 'position'>[],
): Promise<void> {
  if (!lines.length) return;
  const owner = table === 'quote_lines' ? 'quote_id' : 'opportunity_id';
  const extraId = table === 'opportunity_line_items' ? 'id, ' : '';
  await manager.query(
    `INSERT INTO ${table} (${extraId}${owner}, position, product_id, quantity, unit_price, currency, discount_percent,
       line_total)
     SELECT ${extraId ? 'gen_random_uuid(), ' : ''}$1, l.position, l.product_id, l.quantity, l.unit_price, l.currency,
            l.discount_percent, l.line_total
       FROM unnest($2::int[], $3::uuid[], $4::numeric[], $5::numeric[], $6::text[], $7::numeric[], $8::numeric[])
         AS l(position, product_id, quantity, unit_price, currency, discount_percent, line_total)`,
    [
      ownerId,
      lines.map((_, i) => i + 1),
      lines.map((l) => l.productId),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPrice),
      lines.map((l) => l.currency),
      lines.map((l) => l.discountPercent),
      lines.map((l) => l.lineTotal),
    ],
  );
}
