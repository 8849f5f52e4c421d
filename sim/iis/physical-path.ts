/**
 * Expands the environment variables IIS writes into physical paths
 * ("%SystemDrive%\inetpub\wwwroot"), for a lab host whose system drive is C:.
 */
export function expandPhysicalPath(path: string): string {
  return path.trim().replace(/%(SystemDrive|SystemRoot|windir)%/gi, (_, name: string) => (name.toLowerCase() === "systemdrive" ? "C:" : "C:\\Windows"));
}
