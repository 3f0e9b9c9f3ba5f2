import { QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "./api";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Catalog data changes rarely; keep it while the app is open so flaky networks hurt less.
      staleTime: 10 * 60 * 1000,
      gcTime: 60 * 60 * 1000,
      // Retry network failures (remote communes), never client errors.
      retry: (count, error) => count < 3 && (!(error instanceof ApiRequestError) || error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: false,
    },
  },
});
