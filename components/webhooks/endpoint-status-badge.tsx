import { Badge } from "@/components/ui/badge";
import type { EndpointDto } from "@/lib/webhooks/endpoint-dto";

export function EndpointStatusBadge({ status }: { status: EndpointDto["status"] }) {
  if (status === "failing")
    return (
      <Badge tone="danger" dot>
        Failing
      </Badge>
    );
  if (status === "disabled") return <Badge tone="neutral">Disabled</Badge>;
  return (
    <Badge tone="success" dot>
      Active
    </Badge>
  );
}

export function DeliveryStatusBadge({ status }: { status: "pending" | "succeeded" | "failed" }) {
  if (status === "succeeded") return <Badge tone="success">Succeeded</Badge>;
  if (status === "failed") return <Badge tone="danger">Failed</Badge>;
  return <Badge tone="warning">Pending</Badge>;
}
