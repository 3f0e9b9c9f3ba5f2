import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../lib/api";

export type Notice = Awaited<ReturnType<typeof fetchNotices>>["items"][number];
const fetchNotices = (code: string) => unwrap(client.api.wards[":code"].notices.$get({ param: { code } }));

/** The ward's notices in force (pinned first). */
export function useNotices(wardCode: string | undefined) {
  return useQuery({
    queryKey: ["notices", wardCode],
    enabled: !!wardCode,
    staleTime: 5 * 60 * 1000,
    queryFn: () => fetchNotices(wardCode!),
  });
}

export { wardDate as noticeDate } from "../../lib/dates";
