// Types for fake-zalo.mjs (plain ESM so Node scripts run it without a build step).
import type { Server } from "node:http";

export interface FakeApp {
  appId: string;
  appSecret: string;
  oaId: string;
  oaName?: string;
  seedRefreshTokens?: string[];
  /** Delay before answering a refresh (widens a race window in tests). */
  refreshDelayMs?: number;
  /** expires_in this app's tokens get (seconds, as a string like Zalo's). */
  expiresIn?: string;
}

export interface FakeZalo {
  url: string;
  port: number;
  server: Server;
  state: unknown;
  close(): Promise<void>;
}

export function startFakeZalo(options?: {
  port?: number;
  host?: string;
  apps?: FakeApp[];
  tokenKey?: string;
  expiresIn?: string;
  refreshDelayMs?: number;
  quiet?: boolean;
}): Promise<FakeZalo>;

export const DEMO_APPS: FakeApp[];
