/**
 * index.html carries a plain HTML ask box so a citizen on a slow network can start typing
 * before the app's JavaScript arrives. When the app starts, main.tsx captures what was typed
 * (or the question already sent with "Gửi") and removes the placeholder; the ask screen then
 * takes it over.
 */
interface BootShell {
  text: string;
  submitted: string | null;
  focused: boolean;
}

declare global {
  interface Window {
    __motcuaBoot?: { submitted?: string | null };
  }
}

let captured: BootShell | null = null;

export function captureBootShell(): void {
  const root = document.getElementById("boot");
  if (!root) return;
  const input = root.querySelector("textarea");
  const shell = {
    text: input?.value.trim() ?? "",
    submitted: window.__motcuaBoot?.submitted?.trim() || null,
    focused: !!input && document.activeElement === input,
  };
  root.remove();
  captured = shell.text || shell.submitted || shell.focused ? shell : null;
}

export function takeBootShell(): BootShell | null {
  const shell = captured;
  captured = null;
  return shell;
}
