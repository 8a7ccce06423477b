/** The endpoint's event types as stored (a JSON array); empty means every type. */
export function eventTypesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export function subscribes(eventTypes: unknown, type: string): boolean {
  const types = eventTypesOf(eventTypes);
  return types.length === 0 || types.includes(type);
}
