/**
 * A PostCSS plugin for zmp-ui's stylesheet, at build and dev time:
 *
 * 1. zmp-ui's lengths in px become rem (÷16), so every size follows the phone's text-size
 *    setting (the root is 100 %, the user's choice). Hairlines (≤ 1px), shadows and media
 *    queries stay. (The app's own CSS is written in rem.)
 * 2. zmp-ui's stylesheet loses what the app never renders: the dark theme (the app sets
 *    theme="light") and components it does not use (calendar, avatar, tabs, inputs, …).
 *    The citizen's first load then carries a third of zaui.css.
 *
 * Written against PostCSS's plugin API without importing postcss (Vite bundles its own).
 */
interface Node {
  type: string;
  parent?: Node;
  remove(): void;
}
interface Decl extends Node {
  prop: string;
  value: string;
}
interface Rule extends Node {
  selector: string;
  nodes?: Node[];
}
interface AtRule extends Node {
  name: string;
  params: string;
  nodes?: Node[];
}
interface Root extends Node {
  source?: { input?: { file?: string } };
  walkDecls(cb: (d: Decl) => void): void;
  walkRules(cb: (r: Rule) => void): void;
  walkAtRules(cb: (a: AtRule) => void): void;
}

/** zmp-ui components the app does not render (class prefixes after "zaui-"). */
const UNUSED = [
  "avatar",
  "bottom-navigation",
  "calendar",
  "date-picker",
  "picker",
  "image-viewer",
  "swiper",
  "slider",
  "switch",
  "checkbox",
  "radio",
  "select",
  "sheet",
  "action-sheet",
  "modal",
  "grid",
  "cluster",
  "stack",
  "center",
  "zbox",
  "tabs",
  "list",
  "input",
  "otp",
];
const UNUSED_CLASS = new RegExp(String.raw`\.zaui-(?:${UNUSED.join("|")})(?![a-z])`);

const KEEP_PX = /^(?:box-shadow|text-shadow|filter|backdrop-filter)$/;

export function remFromPx(value: string): string {
  return value.replace(/(^|[\s(,:+*/-])(-?\d*\.?\d+)px\b/g, (m, pre: string, n: string) => {
    const px = Number(n);
    if (Math.abs(px) <= 1) return m;
    return `${pre}${+(px / 16).toFixed(4)}rem`;
  });
}

export function cssRem() {
  return {
    postcssPlugin: "motcua-css-rem",
    Once(root: Root) {
      const file = root.source?.input?.file ?? "";
      // Our own CSS is written in rem; a px left there is meant (hairlines, caps in min()).
      if (!/zmp-ui[\\/].*zaui(?:\.min)?\.css$/.test(file)) return;
      root.walkRules((rule) => {
        const selectors = rule.selector.split(",").map((s) => s.trim());
        const kept = selectors.filter((s) => !/zaui-theme=dark/.test(s) && !UNUSED_CLASS.test(s));
        if (kept.length === 0) rule.remove();
        else if (kept.length < selectors.length) rule.selector = kept.join(",");
      });
      root.walkDecls((d) => {
        if (d.prop.startsWith("--zaui-dark-")) d.remove();
      });
      root.walkAtRules((a) => {
        // The icon font comes from Zalo's CDN (absent offline); the app draws its icons inline.
        if (a.name === "font-face" && /ZMPIcons/.test(JSON.stringify(a.nodes?.map((n) => (n as Decl).value)))) a.remove();
        else if ((a.name === "media" || a.name === "supports") && a.nodes?.length === 0) a.remove();
        else if (a.name === "keyframes" && UNUSED.some((u) => a.params.includes(u))) a.remove();
      });
      root.walkDecls((d) => {
        if (KEEP_PX.test(d.prop) || !d.value.includes("px")) return;
        d.value = remFromPx(d.value);
      });
    },
  };
}
cssRem.postcss = true;
