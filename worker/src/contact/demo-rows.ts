/**
 * Rows for the development demo contacts (data/demo/ward-contacts.json). Pure; used by the
 * seed script (as SQL) and the worker tests (with Drizzle).
 */
import type { officers, wardProfiles } from "../db/schema";
import type { WeeklyHours } from "./hours";

export interface DemoContacts {
  wards: {
    code: string;
    hotline: string;
    hours: WeeklyHours;
    closedDays: string[];
    officers: { id: string; name: string; title: string; fields: string[]; phone: string; onDuty: boolean }[];
  }[];
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
