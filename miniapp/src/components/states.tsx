import { Box, Button, Text } from "zmp-ui";

export function Skeleton({ lines = 4 }: { lines?: number }) {
  return (
    <div className="skeleton" aria-busy="true" aria-label="Đang tải">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : "Có lỗi xảy ra, bạn thử lại nhé.";
  return (
    <Box className="state-box" role="alert">
      <Text>{message}</Text>
      {onRetry && (
        <Button size="medium" variant="secondary" onClick={onRetry}>
          Thử lại
        </Button>
      )}
    </Box>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <Box className="state-box">
      <Text>{children}</Text>
    </Box>
  );
}
