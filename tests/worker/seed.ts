// Inserts the test fixtures (real portal records and wards) through the same row mapping
// the importer uses, so tests see exactly what `npm start` seeds.
import { env } from "cloudflare:workers";
import demo from "../../data/demo/ward-contacts.json";
import { catalogRows } from "../../worker/src/catalog/catalog-rows";
import { demoAccountRows, demoContactRows, type DemoContacts } from "../../worker/src/contact/demo-rows";
import { hashPassword, PBKDF2_ITERATIONS, toBase64 } from "../../worker/src/platform/password";
import { parseRecord, type PortalRecord } from "../../worker/src/catalog/portal-parser";
import { cleanProcedure } from "../../worker/src/catalog/text-cleanup";
import { createDb } from "../../worker/src/db/client";
import {
  procedureDocuments,
  procedureLegalBases,
  procedureMethods,
  procedures,
  procedureSources,
  procedureSteps,
  provinces,
  wards,
  officers,
  staffAccounts,
  wardProfiles,
} from "../../worker/src/db/schema";
import { parseEverydayLines } from "../../worker/src/catalog/everyday";
import everydayJsonl from "../fixtures/everyday.jsonl?raw";
import proceduresJsonl from "../fixtures/procedures.jsonl?raw";
import wardFixtures from "../fixtures/wards.json";

export const fixtureRecords: PortalRecord[] = proceduresJsonl
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

/** D1 caps bound parameters per statement at 100. */
async function insertChunked<T extends Record<string, unknown>>(table: Parameters<ReturnType<typeof createDb>["insert"]>[0], rows: T[]) {
  if (!rows.length) return;
  const db = createDb(env.DB);
  const perRow = Object.keys(rows[0]).length;
  const size = Math.max(1, Math.floor(99 / perRow));
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
}

export async function seedWards() {
  await insertChunked(provinces, wardFixtures.provinces);
  await insertChunked(wards, wardFixtures.wards);
}

const fixtureEveryday = parseEverydayLines(everydayJsonl);

export async function seedCatalog(records: PortalRecord[] = fixtureRecords) {
  for (const r of records) {
    const rows = catalogRows(cleanProcedure(parseRecord(r)).procedure, "test", fixtureEveryday.get(r.ma_thu_tuc) ?? null);
    await insertChunked(procedures, [rows.procedure]);
    await insertChunked(procedureMethods, rows.methods);
    await insertChunked(procedureDocuments, rows.documents);
    await insertChunked(procedureSteps, rows.steps);
    await insertChunked(procedureLegalBases, rows.legalBases);
    await insertChunked(procedureSources, rows.sources);
  }
}

export async function api(path: string, init?: RequestInit) {
  const { exports } = await import("cloudflare:workers");
  const res = await (exports as unknown as { default: Fetcher }).default.fetch(`http://test${path}`, init);
  const body = (await res.json()) as any;
  return { status: res.status, body, headers: res.headers };
}

export const json = (method: string, body: unknown, token?: string): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});
export const get = (token?: string): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} });

const demoData = demo as unknown as DemoContacts;
export const demoPassword = demoData._demoPassword;

export async function login(username: string, password = demoPassword) {
  return api("/api/auth/login", json("POST", { username, password }));
}

/** Monday 9:00 in Vietnam: the demo centres are open. Tests fake `Date` to this. */
export const MONDAY_9AM = new Date("2026-11-23T09:00:00+07:00");

/** Wards, catalog fixtures, demo officers and accounts; returns a session per demo user. */
export async function seedDemo() {
  await seedWards();
  await seedCatalog();
  const db = createDb(env.DB);
  const { profiles, people } = demoContactRows(demoData);
  for (const p of profiles) await db.insert(wardProfiles).values(p);
  for (const o of people) await db.insert(officers).values(o);
  const salts = demoData.accounts.map(() => crypto.getRandomValues(new Uint8Array(new ArrayBuffer(16))));
  const hashes = await Promise.all(salts.map((s) => hashPassword(demoPassword, s)));
  const rows = demoAccountRows(demoData, (i) => ({ passwordHash: toBase64(hashes[i]), salt: toBase64(salts[i]), iterations: PBKDF2_ITERATIONS }));
  for (const r of rows) await db.insert(staffAccounts).values(r);
  const citizen = async (id: string) => (await api("/api/auth/zalo", json("POST", { accessToken: `dev-${id}` }))).body.token as string;
  return {
    citizenA: await citizen("citizen-a"),
    citizenB: await citizen("citizen-b"),
    officerAnHai: (await login("canbo.anhai")).body.token as string,
    adminAnHai: (await login("quantri.anhai")).body.token as string,
    officerThienHuong: (await login("canbo.thienhuong")).body.token as string,
  };
}
