/**
 * Every zmp-sdk call goes through here, with a browser fallback: outside Zalo (the browser
 * preview, desktops at the service centre) most APIs are mocks or throw.
 */
import { getAccessToken, getPhoneNumber, nativeStorage, openPhone, openWebview } from "zmp-sdk";

export function isInZalo(): boolean {
  return typeof window !== "undefined" && /Zalo/i.test(window.navigator.userAgent);
}

export const storage = {
  get(key: string): string | null {
    try {
      if (isInZalo()) return nativeStorage.getItem(key) ?? null;
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
      if (isInZalo()) {
        nativeStorage.setItem(key, value);
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
};

/** Opens an outside page (e.g. the national portal) in Zalo's webview or a new tab. */
export async function openExternal(url: string): Promise<void> {
  if (isInZalo()) {
    try {
      await openWebview({ url });
      return;
    } catch {
      // fall through
    }
  }
  window.open(url, "_blank", "noopener");
}

/** One-tap call: Zalo's dialer inside Zalo, a tel: link in a browser. */
export async function callPhone(phone: string): Promise<void> {
  const number = phone.replace(/[^\d+]/g, "");
  if (isInZalo()) {
    try {
      await openPhone({ phoneNumber: number });
      return;
    } catch {
      // fall through to tel:
    }
  }
  window.location.href = `tel:${number}`;
}

/** The Zalo Mini App access token, or null outside Zalo (where the SDK returns "" or fails). */
export async function zaloAccessToken(): Promise<string | null> {
  if (!isInZalo()) return null;
  try {
    const token = await getAccessToken();
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
  if (!isInZalo()) return null;
  try {
    const { token } = await getPhoneNumber();
    return token || null;
  } catch {
    return null;
  }
}
