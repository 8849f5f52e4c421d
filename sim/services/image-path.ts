/**
 * The executable named by a service's image path. A quoted path ends at its
 * closing quote; an unquoted one at the first ".exe" followed by a space or
 * the end (so `svchost.exe -k netsvcs` works), else at the end of the text.
 */
export function executableOf(imagePath: string): string {
  const text = imagePath.trim();
  if (text.startsWith('"')) {
    const end = text.indexOf('"', 1);
    return end < 0 ? text.slice(1) : text.slice(1, end);
  }
  const exe = /^(.*?\.exe)(?=\s|$)/i.exec(text);
  return exe ? exe[1]! : text;
}
