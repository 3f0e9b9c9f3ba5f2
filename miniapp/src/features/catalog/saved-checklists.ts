/** Checklists the citizen saved, with their ticks, kept on the device (never sent anywhere). */
import { useSyncExternalStore } from "react";
import { storage } from "../../lib/zalo";

export interface SavedChecklist {
  code: string;
  title: string;
  ticked: string[];
  savedAt: number;
}

const KEY = "motcua.checklists";
const MAX = 20;
// Read on first use: in Zalo the device storage is ready only once the SDK has loaded.
let cache: SavedChecklist[] | null = null;
const current = () => (cache ??= load());
const listeners = new Set<() => void>();

function load(): SavedChecklist[] {
  try {
    const v = JSON.parse(storage.get(KEY) ?? "[]");
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function save(next: SavedChecklist[]) {
  cache = next.slice(0, MAX);
  storage.set(KEY, JSON.stringify(cache));
  listeners.forEach((l) => l());
}

export function useSavedChecklists(): SavedChecklist[] {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    current,
    current,
  );
}

export function saveChecklist(code: string, title: string): void {
  const existing = current().find((c) => c.code === code);
  save([{ code, title, ticked: existing?.ticked ?? [], savedAt: Date.now() }, ...current().filter((c) => c.code !== code)]);
}

export function toggleTick(code: string, key: string): void {
  save(current().map((c) => (c.code === code ? { ...c, ticked: c.ticked.includes(key) ? c.ticked.filter((k) => k !== key) : [...c.ticked, key] } : c)));
}

export function removeChecklist(code: string): void {
  save(current().filter((c) => c.code !== code));
}
