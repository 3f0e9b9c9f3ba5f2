import { Header } from "zmp-ui";

/**
 * zmp-ui's back icon is an icon font loaded from Zalo's CDN; on a flaky or offline network
 * it shows its ligature name instead. An inline SVG always renders.
 */
const BackIcon = (
  <svg width="24" height="24" viewBox="0 0 24 24" aria-label="Quay lại" role="img">
    <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

export function AppHeader({ title, back = true }: { title: string; back?: boolean }) {
  return <Header title={title} showBackIcon={back} backIcon={BackIcon} />;
}
