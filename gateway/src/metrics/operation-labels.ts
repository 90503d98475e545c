// The labels of the per-operation GraphQL metric. Operation names are chosen by clients, so what reaches a label is
// bounded: a well-formed name, and only so many distinct ones per process; error codes likewise.

/** GraphQL names are /[_A-Za-z][_0-9A-Za-z]*\/; longer than 64 characters is no name a client of ours chooses. */
export const OPERATION_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const ERROR_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

export const MAX_OPERATION_NAMES = 200;
export const MAX_ERROR_CODES = 50;

/** The label of a name that is malformed or came after the limit. */
export const OTHER = 'other';
export const ANONYMOUS = 'anonymous';
/** The name and type of a request whose document does not parse or names no operation it holds. */
export const INVALID = 'invalid';
export const OK = 'ok';
/** The outcome of an error without a code, or with a malformed one. */
export const UNCODED_ERROR = 'ERROR';

/** Admits values as labels up to a fixed number of distinct ones; past it, and for malformed values, `fallback`. */
export class BoundedLabelSet {
  private readonly admitted = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly pattern: RegExp,
    private readonly fallback: string,
  ) {}

  label(value: string): string {
    if (this.admitted.has(value)) return value;
    if (!this.pattern.test(value) || this.admitted.size >= this.limit) return this.fallback;
    this.admitted.add(value);
    return value;
  }
}

export type OperationType = 'query' | 'mutation' | 'subscription' | typeof INVALID;

/** What is known of a finished GraphQL request; `operation` is undefined when the document gave none. */
export interface FinishedOperation {
  readonly operation?: { readonly type: 'query' | 'mutation' | 'subscription'; readonly name?: string };
  /** The `extensions.code` of each error in the response, in order (undefined for an error without one). */
  readonly errorCodes: readonly (string | undefined)[];
}

export interface OperationLabels {
  readonly name: string;
  readonly type: OperationType;
  /** `ok`, or the first error's code. */
  readonly outcome: string;
}

/** The bounded labels of each finished operation, remembering the names and codes admitted so far. */
export class OperationLabeller {
  private readonly names: BoundedLabelSet;
  private readonly codes: BoundedLabelSet;

  constructor(maxNames = MAX_OPERATION_NAMES, maxCodes = MAX_ERROR_CODES) {
    this.names = new BoundedLabelSet(maxNames, OPERATION_NAME_PATTERN, OTHER);
    this.codes = new BoundedLabelSet(maxCodes, ERROR_CODE_PATTERN, UNCODED_ERROR);
  }

  labels({ operation, errorCodes }: FinishedOperation): OperationLabels {
    const name = !operation ? INVALID : operation.name ? this.names.label(operation.name) : ANONYMOUS;
    const [first] = errorCodes;
    const outcome = errorCodes.length === 0 ? OK : first === undefined ? UNCODED_ERROR : this.codes.label(first);
    return { name, type: operation?.type ?? INVALID, outcome };
  }
}
