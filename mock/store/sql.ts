/**
 * What the database stores need of a connection: PGlite and node-postgres (`pg`) both answer
 * `query(text, params)` with `{ rows }`, a transaction's handle as well as the whole database.
 */
export interface SqlClient {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>
}

/** A bigint column as a number: node-postgres hands int8 over as text, PGlite as a number. */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value)
}

/** An optional bigint column. */
export function optNum(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : num(value)
}

/** An optional text column. */
export function optText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value)
}
