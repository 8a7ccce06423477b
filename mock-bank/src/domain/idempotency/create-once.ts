/** The Idempotency-Key a request holds, and the resource a crashed earlier attempt with it created. */
export type IdempotencyClaim = { id: string; recoveredResourceId: string | null };

/**
 * Creates a resource once per Idempotency-Key: when an earlier attempt with this key crashed
 * after creating it, returns that resource instead of creating a second one.
 */
export function createOnce<T>(
  claim: IdempotencyClaim | null,
  steps: { get: (resourceId: string) => Promise<T>; create: (idempotencyKeyId: string | undefined) => Promise<T> },
): Promise<T> {
  return claim?.recoveredResourceId ? steps.get(claim.recoveredResourceId) : steps.create(claim?.id);
}
