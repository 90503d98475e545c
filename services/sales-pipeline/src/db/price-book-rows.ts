import type { EntityManager } from 'typeorm';

/** A product of the catalogue. */
export interface ProductRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A product's list price in one currency. */
export interface PriceRow {
  productId: string;
  currency: string;
  /** Decimal string (numeric(19,4)). */
  unitPrice: string;
  updatedBy: string;
  updatedAt: Date;
}

export const productColumns = `p.id, p.code, p.name, p.description, p.active, p.created_at AS "createdAt",
  p.updated_at AS "updatedAt"`;

const priceColumns = `e.product_id AS "productId", e.currency, e.unit_price::text AS "unitPrice",
  e.updated_by AS "updatedBy", e.updated_at AS "updatedAt"`;

export async function productsById(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, ProductRow>> {
  if (!ids.length) return new Map();
  const rows: ProductRow[] = await manager.query(
    `SELECT ${productColumns} FROM products p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id${options.lock ? ' FOR UPDATE' : ''}`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The active prices of each product, by currency code (one statement). */
export async function pricesOf(
  manager: EntityManager,
  productIds: readonly string[],
): Promise<Map<string, PriceRow[]>> {
  const out = new Map<string, PriceRow[]>();
  if (!productIds.length) return out;
  const rows: PriceRow[] = await manager.query(
    `SELECT ${priceColumns} FROM price_book_entries e
      WHERE e.product_id = ANY($1::uuid[]) AND e.active ORDER BY e.product_id, e.currency`,
    [[...new Set(productIds)]],
  );
  for (const row of rows) out.set(row.productId, [...(out.get(row.productId) ?? []), row]);
  return out;
}
