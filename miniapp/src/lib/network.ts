/**
 * Whether the phone is online: Zalo's own network status inside Zalo (its webview's
 * navigator.onLine is not reliable), the browser's otherwise. TanStack Query follows the same
 * signal, so queries pause offline and resume when the network returns.
 */
import { onlineManager } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { onZaloNetworkChange, zaloNetworkOnline } from "./zalo";

let online = typeof navigator === "undefined" ? true : navigator.onLine !== false;
const listeners = new Set<() => void>();

function set(value: boolean) {
  if (value === online) return;
  online = value;
  onlineManager.setOnline(value);
  listeners.forEach((l) => l());
}

/** Starts listening (once, after the SDK loaded). */
export function watchNetwork(): void {
  onlineManager.setOnline(online);
  window.addEventListener("online", () => set(true));
  window.addEventListener("offline", () => set(false));
  void zaloNetworkOnline().then((v) => v !== null && set(v));
  onZaloNetworkChange(set);
}

export const isOnline = () => online;

/** A request failed for want of a network while we thought we were online: believe the failure. */
export function reportNetworkFailure(): void {
  if (typeof navigator !== "undefined" && navigator.onLine === false) set(false);
}

export function subscribeOnline(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, isOnline, () => true);
}
