/**
 * Rows for the development demo contacts (data/demo/ward-contacts.json). Pure; used by the
 * seed script (as SQL) and the worker tests (with Drizzle).
 */
import type { officers, staffAccounts, wardProfiles } from "../db/schema";
import type { WeeklyHours } from "./hours";

export interface DemoContacts {
  wards: {
    code: string;
    hotline: string;
    hours: WeeklyHours;
    closedDays: string[];
    officers: { id: string; name: string; title: string; fields: string[]; phone: string; onDuty: boolean }[];
  }[];
  accounts: { id: string; username: string; role: "officer" | "ward_admin"; wardCode: string; officerId: string | null }[];
  /** Development-only password of every demo account (documented in the README). */
  _demoPassword: string;
}

/** Demo staff accounts; the caller supplies each account's salted PBKDF2 hash of the demo password. */
export function demoAccountRows(
  data: DemoContacts,
  credentials: (i: number) => { passwordHash: string; salt: string; iterations: number },
): (typeof staffAccounts.$inferInsert)[] {
  return data.accounts.map((a, i) => ({ ...a, ...credentials(i), demo: true }));
}

export function demoContactRows(data: DemoContacts) {
  const profiles: (typeof wardProfiles.$inferInsert)[] = data.wards.map((w) => ({
    wardCode: w.code,
    hotline: w.hotline,
    address: null,
    hours: JSON.stringify(w.hours),
    closedDays: JSON.stringify(w.closedDays),
  }));
  const people: (typeof officers.$inferInsert)[] = data.wards.flatMap((w) =>
    w.officers.map((o) => ({
      id: o.id,
      wardCode: w.code,
      name: o.name,
      title: o.title,
      fields: JSON.stringify(o.fields),
      phone: o.phone,
      onDuty: o.onDuty,
      demo: true,
    })),
  );
  return { profiles, people };
}
