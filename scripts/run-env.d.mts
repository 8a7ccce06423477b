export function modeDefaults(mode: "dev" | "start"): Record<string, string>;
export function applyModeDefaults<T extends Record<string, string | undefined>>(mode: "dev" | "start", environment: T): T;
