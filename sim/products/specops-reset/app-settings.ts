import { LabError } from "../../kernel/index.ts";

/**
 * .NET configuration files as real XML text: the `<appSettings>` section
 * holds the values the product reads. Parsing reads exactly what rendering
 * writes (and what an admin editing the file by hand would keep).
 */
export function renderAppSettings(settings: Readonly<Record<string, string>>): string {
  const lines = Object.keys(settings)
    .sort()
    .map((key) => `    <add key="${escapeXml(key)}" value="${escapeXml(settings[key]!)}" />`);
  return ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>", ...lines, "  </appSettings>", "</configuration>", ""].join("\r\n");
}

export function parseAppSettings(xml: string, file: string): Record<string, string> {
  if (!/<configuration[\s>]/.test(xml) || !/<\/configuration>/.test(xml)) {
    throw new LabError({ code: "SPR_CONFIG_INVALID", message: `${file} is not a .NET configuration file (no <configuration> element)` });
  }
  const out: Record<string, string> = {};
  for (const match of xml.matchAll(/<add\s+key="([^"]*)"\s+value="([^"]*)"\s*\/>/g)) out[unescapeXml(match[1]!)] = unescapeXml(match[2]!);
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unescapeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
