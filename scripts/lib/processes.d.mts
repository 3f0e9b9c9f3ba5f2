import type { ChildProcess, SpawnOptions } from "node:child_process";
export function spawnTree(command: string, args: string[], options?: SpawnOptions): ChildProcess;
export function stopAll(graceMs?: number): Promise<void>;
export function killAllNow(): void;
export function stopTreesOnExit(onStop?: () => Promise<unknown>): (code: number) => Promise<void>;
export function portHolder(port: number): { command: string; pid: number } | null;
export function checkPortFree(port: number, host?: string): Promise<void>;
