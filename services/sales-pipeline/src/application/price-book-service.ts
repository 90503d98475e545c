import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { isUniqueViolation } from '@crm/platform/db';
import { isUuid } from '@crm/platform/ids';
import { idempotentCreate, inputRequest } from '@crm/platform/idempotency';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';
import { parseMoney } from '../domain/money';
import { ViolationCollector } from '../domain/rule-errors';
import { pricesOf, productColumns, productsById, type PriceRow, type ProductRow } from '../db/price-book-rows';
import { canMaintainPriceBook } from '../policy/commercial-access';

export interface CreateProductInput {
  code: string;
  name: string;
  description?: string | null;
  /** A retry with the same key gets the product the first call created. */
  idempotencyKey?: string | null;
}

export interface UpdateProductInput {
  code?: string | null;
  name?: string | null;
  description?: string | null;
  active?: boolean | null;
}

function checkedText(
  check: ViolationCollector,
  value: string | null | undefined,
  field: string,
  max: number,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (!text || text.length > max) check.add(['input', field], 'length', `must be 1 to ${max} characters`);
  return text;
}

const codeTaken = (code: string): ConflictError =>
  new ConflictError(`a product with code "${code}" exists already`, { field: 'input.code', rule: 'unique' });

/** The product catalogue and its price book: maintained by finance and crm-admin, read by everyone in sales. */
export class PriceBookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exactCountUpTo: number,
  ) {}

  async batchGet(ids: readonly string[]): Promise<ProductRow[]> {
    return [...(await productsById(this.dataSource.manager, ids.filter(isUuid))).values()];
  }

  async prices(productIds: readonly string[]): Promise<Map<string, PriceRow[]>> {
    return pricesOf(this.dataSource.manager, productIds.filter(isUuid));
  }

  /** Products by name, optionally those whose code or name contains `search`; inactive ones included. */
  async list(
    search: string | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<CountablePage<ProductRow>> {
    const limit = pageSize(first);
    const params: unknown[] = [];
    const where = ['true'];
    const term = search?.trim();
    if (term) {
      params.push(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(p.code ILIKE $1 OR p.name ILIKE $1)`);
    }
    const countSql = `SELECT 1 FROM products p WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      params.push(name, id);
      where.push(`(lower(p.name), p.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const rows: ProductRow[] = await this.dataSource.query(
      `SELECT ${productColumns} FROM products p WHERE ${where.join(' AND ')}
        ORDER BY lower(p.name), p.id LIMIT ${limit + 1}`,
      params,
    );
    return {
      ...toPage(rows, limit, (r) => [r.name.toLowerCase(), r.id]),
      count: (bound) => boundedCount(this.dataSource, countSql, countParams, bound ?? this.exactCountUpTo),
    };
  }

  async create(input: CreateProductInput, actor: Actor): Promise<ProductRow> {
    this.requireMaintainer(actor);
    const check = new ViolationCollector();
    const code = checkedText(check, input.code, 'code', 64) ?? '';
    const name = checkedText(check, input.name, 'name', 200) ?? '';
    const description = input.description?.trim() || null;
    check.throwIfAny();
    return this.dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        inputRequest(actor.id, 'createProduct', input),
        async () => {
          const id = randomUUID();
          const inserted: unknown[] = await tx.query(
            `INSERT INTO products (id, code, name, description, created_by, created_at, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, now(), $5, now()) ON CONFLICT ((lower(code))) DO NOTHING RETURNING id`,
            [id, code, name, description, actor.id],
          );
          if (!inserted.length) throw codeTaken(code);
          await audit(tx, actor, 'product.created', { type: 'product', id }, [], { code, name });
          return (await productsById(tx, [id])).get(id)!;
        },
        (row) => row.id,
        async (id) => (await productsById(tx, [id])).get(id)!,
      ),
    );
  }

  async update(id: string, input: UpdateProductInput, actor: Actor): Promise<ProductRow> {
    this.requireMaintainer(actor);
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    const check = new ViolationCollector();
    const next = {
      code: checkedText(check, input.code, 'code', 64),
      name: checkedText(check, input.name, 'name', 200),
      description: input.description === undefined ? undefined : input.description?.trim() || null,
      active: input.active ?? undefined,
    };
    check.throwIfAny();
    return this.dataSource.transaction(async (tx) => {
      const before = (await productsById(tx, [id], { lock: true })).get(id);
      if (!before) throw new NotFoundError('product', id);
      const changes = changesOf(
        (['code', 'name', 'description', 'active'] as const)
          .filter((field) => next[field] !== undefined && next[field] !== before[field])
          .map((field) => ({ field, before: before[field], after: next[field] })),
      );
      if (!changes.length) return before;
      await tx
        .query(
          `UPDATE products SET code = $2, name = $3, description = $4, active = $5, updated_by = $6, updated_at = now()
            WHERE id = $1`,
          [
            id,
            next.code ?? before.code,
            next.name ?? before.name,
            next.description === undefined ? before.description : next.description,
            next.active ?? before.active,
            actor.id,
          ],
        )
        .catch((error: unknown) => {
          throw isUniqueViolation(error, 'products_code_key') ? codeTaken(next.code ?? before.code) : error;
        });
      await audit(tx, actor, 'product.updated', { type: 'product', id }, changes);
      return (await productsById(tx, [id])).get(id)!;
    });
  }

  /** Sets the product's list price in one currency (replacing the one it had). */
  async setPrice(productId: string, currency: string, unitPrice: string, actor: Actor): Promise<ProductRow> {
    this.requireMaintainer(actor);
    if (!isUuid(productId)) throw InputError.single(['productId'], 'uuid', 'must be a UUID');
    const check = new ViolationCollector();
    const price = check.read(() => parseMoney({ amount: unitPrice, currency }, []), null);
    check.throwIfAny();
    const { amount, currency: code } = price!;
    return this.dataSource.transaction(async (tx) => {
      const product = (await productsById(tx, [productId], { lock: true })).get(productId);
      if (!product) throw new NotFoundError('product', productId);
      const [before]: { unit_price: string }[] = await tx.query(
        `SELECT unit_price::text AS unit_price FROM price_book_entries WHERE product_id = $1 AND currency = $2 AND active`,
        [productId, code],
      );
      await tx.query(
        `INSERT INTO price_book_entries (id, product_id, currency, unit_price, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (product_id, currency)
         DO UPDATE SET unit_price = EXCLUDED.unit_price, active = true, updated_by = EXCLUDED.updated_by,
                       updated_at = EXCLUDED.updated_at`,
        [randomUUID(), productId, code, amount, actor.id],
      );
      await audit(
        tx,
        actor,
        'product.price_set',
        { type: 'product', id: productId },
        changesOf([{ field: `price.${code}`, before: before?.unit_price ?? null, after: amount }]),
      );
      return product;
    });
  }

  private requireMaintainer(actor: Actor): void {
    if (!canMaintainPriceBook(actor)) throw new NotAllowedError('only finance and crm-admin maintain the price book');
  }
}
