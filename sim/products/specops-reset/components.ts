import type { ComponentDef } from "../../product/index.ts";
import { LATEST_IS_LAB_CHOICE, SPR_LATEST, SPR_VERSIONS } from "./versions.ts";

/**
 * Component ids. A DMZ web is `spr-web` on a host in the dmz zone: the
 * document's "web component in DMZ" is the same Web, and where it sits is the
 * estate's fact, not a second product.
 */
export const SPR_SERVER = "spr-server";
export const SPR_WEB = "spr-web";
export const SPR_ADMIN = "spr-admin";
export const SPR_CLIENT = "spr-client";

export type SprComponent = typeof SPR_SERVER | typeof SPR_WEB | typeof SPR_ADMIN | typeof SPR_CLIENT;
export const SPR_COMPONENT_IDS: readonly SprComponent[] = [SPR_SERVER, SPR_WEB, SPR_ADMIN, SPR_CLIENT];

const NAMES: Readonly<Record<SprComponent, string>> = {
  [SPR_SERVER]: "Specops Password Reset Server",
  [SPR_WEB]: "Specops Password Reset Web",
  [SPR_ADMIN]: "Specops Password Reset Administration Tools",
  [SPR_CLIENT]: "Specops Password Reset Client",
};

export function componentName(id: SprComponent): string {
  return NAMES[id];
}

export function isSprComponent(id: string): id is SprComponent {
  return (SPR_COMPONENT_IDS as readonly string[]).includes(id);
}

export const SPR_COMPONENTS: readonly ComponentDef[] = SPR_COMPONENT_IDS.map((id) => ({
  id,
  name: NAMES[id],
  versions: SPR_VERSIONS,
  latest: SPR_LATEST,
  latestIsLabChoice: LATEST_IS_LAB_CHOICE,
}));
