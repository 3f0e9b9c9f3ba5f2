import { useNavigate } from "react-router-dom";

/**
 * The screen's header: title and a back button. Drawn by the app (not zmp-ui's Header): its
 * back icon is a font from Zalo's CDN that shows its ligature name offline, and the title
 * must stay one line even at 200 % text.
 */
export function AppHeader({ title, back = true }: { title: string; back?: boolean }) {
  const navigate = useNavigate();
  return (
    <header className="app-header">
      {back && (
        <button
          type="button"
          className="header-back"
          aria-label="Quay lại"
          // Opened from a link (no history inside the app): back goes home.
          onClick={() => (window.history.state?.idx > 0 ? navigate(-1) : navigate("/", { replace: true }))}
        >
          <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      )}
      <h1 className="header-title">{title}</h1>
    </header>
  );
}
