import { Skeleton } from "@/components/dashboard/skeleton";

/** The app page's shape while its data loads: header, details, keys, requests. */
export default function LoadingAppPage() {
  return (
    <>
      <div className="border-b border-border bg-surface">
        <div className="mx-auto flex w-full max-w-6xl items-center gap-2 px-4 py-3.5 sm:px-6">
          <Skeleton className="h-4 w-20" />
          <span className="text-fg-subtle">/</span>
          <Skeleton className="h-4 w-32" />
        </div>
      </div>
      <div role="status" className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6 sm:py-10">
        <span className="sr-only">Loading the app…</span>
        <div className="flex flex-col gap-3">
          <Skeleton className="h-9 w-64 max-w-full" />
          <Skeleton className="h-5 w-96 max-w-full" />
        </div>
        <Skeleton className="h-20 w-full rounded-card" />
        {[5, 4].map((rows, section) => (
          <div key={section} className="flex flex-col gap-4">
            <div className="flex items-end justify-between gap-4">
              <div className="flex flex-col gap-2">
                <Skeleton className="h-6 w-40" />
                <Skeleton className="h-4 w-72 max-w-full" />
              </div>
              <Skeleton className="h-10 w-28" />
            </div>
            <div className="flex flex-col gap-3 rounded-card border border-border bg-surface p-4 shadow-card">
              {Array.from({ length: rows }, (_, row) => (
                <Skeleton key={row} className="h-6 w-full" />
              ))}
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
