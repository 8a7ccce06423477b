import open from "open";

/**
 * Whether a browser can be opened here: not on a Linux machine without a display (an SSH
 * session, a container, CI), where `open` would fail or start a text browser.
 */
export function canOpenBrowser(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OPENBANK_NO_BROWSER) return false;
  if (process.platform === "linux") return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return true;
}

/** Opens the URL in the default browser; false when it could not (the caller has printed the URL anyway). */
export async function openInBrowser(url: string): Promise<boolean> {
  try {
    const child = await open(url);
    child.on("error", () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
