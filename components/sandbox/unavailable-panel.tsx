import { Alert } from "@/components/ui/alert";

/** A feature the sandbox bank does not offer yet: said plainly, never filled with made-up data. */
export function UnavailablePanel({ feature, endpoint }: { feature: string; endpoint: string }) {
  return (
    <Alert tone="info" title={`${feature} are not available on this sandbox bank yet`}>
      The bank does not answer <code className="font-mono">{endpoint}</code> yet. This panel lights up as soon as it does; nothing here is
      simulated.
    </Alert>
  );
}
