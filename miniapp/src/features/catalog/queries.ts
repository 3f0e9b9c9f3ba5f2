import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../lib/api";
import { useCurrentWard } from "../../lib/current-ward";

/** Fields in ward-centre order (the citizen's ward's admin may pin some first). */
export function useFields() {
  const ward = useCurrentWard().ward?.code;
  return useQuery({
    queryKey: ["fields", ward],
    // The ward admin may reorder: refresh within minutes (the device copy shows meanwhile).
    staleTime: 2 * 60 * 1000,
    queryFn: () => unwrap(client.api.fields.$get({ query: ward ? { ward } : {} })),
  });
}

/** A field's procedures, most asked first (by this ward's citizens, then everyone's). */
export function useFieldProcedures(field: string) {
  const ward = useCurrentWard().ward?.code;
  return useQuery({
    queryKey: ["field-procedures", field, ward],
    queryFn: () => unwrap(client.api.fields[":field"].procedures.$get({ param: { field }, query: ward ? { ward } : {} })),
  });
}

export interface ProcedureFilter {
  q?: string;
  field?: string;
  level?: "all" | "xa";
}

export function useProcedureList(filter: ProcedureFilter, enabled = true) {
  // The citizen's ward: its own procedures are listed with the national ones.
  const ward = useCurrentWard().ward?.code;
  return useInfiniteQuery({
    queryKey: ["procedures", filter, ward],
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
            ...(ward ? { ward } : {}),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useProcedure(code: string) {
  // A ward's own procedure is served to that ward's citizens only: say which ward we are.
  const ward = useCurrentWard().ward?.code;
  return useQuery({
    queryKey: ["procedure", code, ward],
    queryFn: () => unwrap(client.api.procedures[":code"].$get({ param: { code }, query: ward ? { ward } : {} })),
  });
}

/** The ward's own published questions and answers (empty for most wards). */
export function useWardFaqs(wardCode: string | undefined) {
  return useQuery({
    queryKey: ["ward-faqs", wardCode],
    enabled: !!wardCode,
    staleTime: 5 * 60 * 1000,
    queryFn: () => unwrap(client.api.wards[":code"].faqs.$get({ param: { code: wardCode! } })),
  });
}
