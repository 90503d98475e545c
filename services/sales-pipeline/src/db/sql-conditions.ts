import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';

/** A list's WHERE clause, built condition by condition, with its parameters numbered in the order they are added. */
export class SqlConditions {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Starts from a condition whose parameters are $1..$n (e.g. the deal visibility of policy/visibility-sql.ts). */
  constructor(first?: { sql: string; params: unknown[] }) {
    if (first) {
      this.conditions.push(first.sql);
      this.params.push(...first.params);
    }
  }

  /** The placeholder ($n) of a new parameter. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string): void {
    this.conditions.push(condition);
  }

  /** `alias.column = value` for each field of `filter` given; a value that is not a UUID is refused as `filter.<field>`. */
  uuidEquals<F extends object>(alias: string, filter: F, columns: Partial<Record<keyof F & string, string>>): void {
    for (const [key, column] of Object.entries(columns) as [keyof F & string, string][]) {
      const value = filter[key];
      if (value === null || value === undefined || value === '') continue;
      if (typeof value !== 'string' || !isUuid(value)) {
        throw InputError.single(['filter', key], 'uuid', 'must be a UUID');
      }
      this.add(`${alias}.${column} = ${this.param(value)}::uuid`);
    }
  }

  get sql(): string {
    return this.conditions.length ? this.conditions.join(' AND ') : 'true';
  }
}
