/** The same keys as T, every leaf a string: what a translation of T must fill (a missing key fails the type check). */
export type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
