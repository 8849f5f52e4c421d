import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export type OpenAttempt = { readonly opened: true; readonly with: string } | { readonly opened: false; readonly reason: string };

/**
 * Opens `url` in the desktop's browser with xdg-open, only when there is
 * one on PATH and a display to show it on; never waits for it, never fails.
 */
export function openInBrowser(url: string, env: Readonly<Record<string, string | undefined>>): OpenAttempt {
  const opener = findOnPath("xdg-open", env.PATH ?? "");
  if (!opener) return { opened: false, reason: "no xdg-open on PATH" };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { opened: false, reason: "no display (DISPLAY and WAYLAND_DISPLAY are unset)" };
  const child = spawn(opener, [url], { detached: true, stdio: "ignore", env: { ...env } });
  child.on("error", () => undefined);
  child.unref();
  return { opened: true, with: opener };
}

function findOnPath(command: string, path: string): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; the next directory
    }
  }
  return undefined;
}
