import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../lib/api";

export function useFields() {
  return useQuery({
    queryKey: ["fields"],
    queryFn: () => unwrap(client.api.fields.$get()),
  });
}

export interface ProcedureFilter {
  q?: string;
  field?: string;
  level?: "all" | "xa";
}

export function useProcedureList(filter: ProcedureFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: ["procedures", filter],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        client.api.procedures.$get({
          query: {
            ...(filter.q ? { q: filter.q } : {}),
            ...(filter.field ? { field: filter.field } : {}),
            level: filter.level ?? "all",
            limit: "20",
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useProcedure(code: string) {
  return useQuery({
    queryKey: ["procedure", code],
    queryFn: () => unwrap(client.api.procedures[":code"].$get({ param: { code } })),
  });
}
