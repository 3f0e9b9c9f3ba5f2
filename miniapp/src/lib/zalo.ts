/**
 * Every zmp-sdk call goes through here, with a browser fallback: outside Zalo (the browser
 * preview, desktops at the service centre) most APIs are mocks or throw.
 *
 * The SDK is 37 kB gzip whatever is imported from it, so it is loaded only inside Zalo, once,
 * before the app renders (`loadZaloSdk` in main.tsx): a browser never downloads it, and in
 * Zalo storage reads stay synchronous.
 */
type Sdk = typeof import("zmp-sdk");

let sdk: Sdk | null = null;

export function isInZalo(): boolean {
  return typeof window !== "undefined" && /Zalo/i.test(window.navigator.userAgent);
}

/** Resolves once the SDK is usable (immediately outside Zalo, where it is never loaded). */
export async function loadZaloSdk(): Promise<void> {
  if (!isInZalo() || sdk) return;
  try {
    sdk = await import("zmp-sdk");
  } catch {
    // The app still works with the browser fallbacks below.
  }
}

/** The SDK, or null outside Zalo (or before it loaded). */
export const zmp = (): Sdk | null => sdk;

export const storage = {
  get(key: string): string | null {
    try {
      if (sdk) return sdk.nativeStorage.getItem(key) ?? null;
    } catch {
      // fall back to the browser below
    }
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      if (sdk) {
        sdk.nativeStorage.setItem(key, value);
        return;
      }
    } catch {
      // fall back to the browser below
    }
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // storage full or disabled: the choice just won't persist
    }
  },
  remove(key: string): void {
    try {
      if (sdk) {
        sdk.nativeStorage.removeItem(key);
        return;
      }
    } catch {
      // fall back to the browser below
    }
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing to remove
    }
  },
};

/** Opens an outside page (e.g. the national portal) in Zalo's webview or a new tab. */
export async function openExternal(url: string): Promise<void> {
  if (sdk) {
    try {
      await sdk.openWebview({ url });
      return;
    } catch {
      // fall through
    }
  }
  window.open(url, "_blank", "noopener");
}

/**
 * Opens a maps link outside the mini app (the phone's maps app or browser) so directions
 * keep working after the citizen leaves Zalo; Zalo's webview if that is refused.
 */
export async function openMaps(url: string): Promise<void> {
  if (sdk) {
    try {
      await sdk.openOutApp({ url });
      return;
    } catch {
      // fall through to the webview
    }
  }
  await openExternal(url);
}

/** One-tap call: Zalo's dialer inside Zalo, a tel: link in a browser. */
export async function callPhone(phone: string): Promise<void> {
  const number = phone.replace(/[^\d+]/g, "");
  if (sdk) {
    try {
      await sdk.openPhone({ phoneNumber: number });
      return;
    } catch {
      // fall through to tel:
    }
  }
  window.location.href = `tel:${number}`;
}

/** The Zalo Mini App access token, or null outside Zalo (where the SDK returns "" or fails). */
export async function zaloAccessToken(): Promise<string | null> {
  if (!sdk) return null;
  try {
    const token = await sdk.getAccessToken();
    return token || null;
  } catch {
    return null;
  }
}

/**
 * Zalo's phone-number token (the number itself is exchanged by the worker with the app secret).
 * Zalo shows its own permission prompt; null when refused or outside Zalo.
 */
export async function zaloPhoneToken(): Promise<string | null> {
  if (!sdk) return null;
  try {
    const { token } = await sdk.getPhoneNumber();
    return token || null;
  } catch {
    return null;
  }
}

export type ShareResult = "shared" | "copied" | "failed";

/**
 * Shares text: Zalo's share sheet inside Zalo; the browser's share sheet where there is one
 * (phones); otherwise the text is copied. `window.__motcuaShare` replaces the sheet in tests.
 */
export async function shareText(text: string, title: string): Promise<ShareResult> {
  const mock = (window as { __motcuaShare?: (d: { title: string; text: string }) => Promise<void> }).__motcuaShare;
  try {
    if (mock) {
      await mock({ title, text });
      return "shared";
    }
    if (sdk) {
      // A text message to a Zalo chat, a group, or the citizen's own "Cloud của tôi".
      await sdk.openShareSheet({ type: "text", data: { text, description: title } });
      return "shared";
    }
    if (typeof navigator.share === "function") {
      await navigator.share({ title, text });
      return "shared";
    }
  } catch (err) {
    // Closed by the citizen: nothing to report.
    if (err instanceof DOMException && err.name === "AbortError") return "failed";
  }
  return (await copyText(text)) ? "copied" : "failed";
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Old webviews: a hidden textarea and execCommand.
    try {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      return ok;
    } catch {
      return false;
    }
  }
}

/** Network state in Zalo: the SDK's; null outside Zalo (the browser's navigator.onLine is used). */
export async function zaloNetworkOnline(): Promise<boolean | null> {
  if (!sdk) return null;
  try {
    const { networkType } = await sdk.getNetworkType();
    return networkType !== "none";
  } catch {
    return null;
  }
}

export function onZaloNetworkChange(cb: (online: boolean) => void): () => void {
  if (!sdk) return () => {};
  try {
    sdk.onNetworkStatusChange((data) => cb(data.isConnected && data.networkType !== "none"));
  } catch {
    // older Zalo: the browser events still fire
  }
  return () => {};
}
