import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { WardItem } from "./api";
import { storage } from "./zalo";

const KEY = "motcua.ward";

interface CurrentWard {
  ward: WardItem | null;
  setWard: (ward: WardItem) => void;
}

const Ctx = createContext<CurrentWard>({ ward: null, setWard: () => {} });

function load(): WardItem | null {
  try {
    const raw = storage.get(KEY);
    return raw ? (JSON.parse(raw) as WardItem) : null;
  } catch {
    return null;
  }
}

/** The citizen's ward, remembered on the device so they pick it once. */
export function CurrentWardProvider({ children }: { children: ReactNode }) {
  const [ward, setState] = useState<WardItem | null>(load);
  const setWard = useCallback((w: WardItem) => {
    setState(w);
    storage.set(KEY, JSON.stringify(w));
  }, []);
  const value = useMemo(() => ({ ward, setWard }), [ward, setWard]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useCurrentWard = () => useContext(Ctx);
