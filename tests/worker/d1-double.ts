// A test double for the D1 binding: forwards to the real local D1, but can delay each call
// (so parallel requests interleave as they do on a loaded server), fail it, or hang it.
import { env } from "cloudflare:workers";
import app from "../../worker/src/app";

export interface Faults {
  /** Milliseconds to wait before each call (a function: random jitter). */
  delay?: () => number;
  /** Called before each call with its SQL; throw to fail it. */
  fail?: (sql: string, kind: "statement" | "batch") => void;
  /** Never settle matching calls (a timeout). */
  hang?: (sql: string) => boolean;
}

const REAL = Symbol("real");

function wrapStatement(stmt: D1PreparedStatement, sql: string, faults: Faults): D1PreparedStatement {
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    const ms = faults.delay?.() ?? 0;
    if (ms) await new Promise((r) => setTimeout(r, ms));
    if (faults.hang?.(sql)) return new Promise<T>(() => {});
    faults.fail?.(sql, "statement");
    return run();
  };
  const wrapped = {
    [REAL]: stmt,
    bind: (...values: unknown[]) => wrapStatement(stmt.bind(...values), sql, faults),
    first: (col?: string) => guard(() => (col === undefined ? stmt.first() : stmt.first(col))),
    run: () => guard(() => stmt.run()),
    all: () => guard(() => stmt.all()),
    raw: (options?: { columnNames?: boolean }) => guard(() => stmt.raw(options as { columnNames: true })),
  };
  return wrapped as unknown as D1PreparedStatement;
}

export function d1Double(faults: Faults, real: D1Database = env.DB): D1Database {
  const sqlOf = new WeakMap<object, string>();
  return {
    prepare(sql: string) {
      const s = wrapStatement(real.prepare(sql), sql, faults);
      sqlOf.set(s, sql);
      return s;
    },
    async batch(statements: D1PreparedStatement[]) {
      const ms = faults.delay?.() ?? 0;
      if (ms) await new Promise((r) => setTimeout(r, ms));
      const sql = statements.map((s) => sqlOf.get(s) ?? "").join(";\n");
      if (faults.hang?.(sql)) return new Promise(() => {});
      faults.fail?.(sql, "batch");
      return real.batch(statements.map((s) => (s as unknown as { [REAL]: D1PreparedStatement })[REAL] ?? s));
    },
    exec: (q: string) => real.exec(q),
    dump: () => real.dump(),
    withSession: () => {
      throw new Error("not used");
    },
  } as unknown as D1Database;
}

/** Calls the worker with the double as its DB (and any other overrides). */
export async function apiWith(db: D1Database, path: string, init?: RequestInit, overrides: Partial<Cloudflare.Env> = {}) {
  const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  const res = await app.fetch(new Request(`http://test${path}`, init), { ...env, ...overrides, DB: db }, ctx);
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

export const jitter = (max = 8) => () => Math.floor(Math.random() * max);
