import { z } from "zod";
import type { Host } from "../../host/index.ts";
import { attachIisToNetwork, installIis } from "../../iis/index.ts";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { FEATURE_IDS, type FeatureId } from "../../lab-spec.ts";
import { defineBuiltinVerb } from "./builtin-verb.ts";
import { settleServices } from "./settle-services.ts";

const featureId = z.enum(FEATURE_IDS);
const oneOrMore = z.union([featureId, z.array(featureId).min(1)]);

const featureArgs = z
  .strictObject({ host: z.string().min(1), add: oneOrMore.optional(), remove: oneOrMore.optional() })
  .refine((a) => (a.add === undefined) !== (a.remove === undefined), { message: "say what to do: add or remove (one of them)" });

export type FeatureArgs = z.infer<typeof featureArgs>;

/** `feature: { host, add: iis }`: Server Manager's Add Roles and Features (and the .NET / WIF installers). */
export const featureVerb = defineBuiltinVerb<FeatureArgs>({
  name: "feature",
  description:
    `Installs or removes Windows features on { host }: add: <feature> | [features], remove: <feature> | [features]; features: ${FEATURE_IDS.join(", ")}. ` +
    "Adding iis installs the Web Server role as setup does (W3SVC running once the step ends, Default Web Site on port 80, firewall rules for 80/443, reachable on the network); " +
    "a feature brings what it includes (dotnet-4.8 includes dotnet-4.0). Removing iis is not modelled (an error); removing a feature that is absent changes nothing.",
  args: () => featureArgs,
  refs: (args) => ({ hosts: [args.host] }),
  async run(ctx, args) {
    const host = ctx.lab.host(args.host);
    for (const feature of list(args.add)) addFeature(ctx.lab, host, feature);
    for (const feature of list(args.remove)) {
      if (feature === "iis") {
        throw new LabError({ code: "FEATURE_REMOVE_UNSUPPORTED", message: `removing IIS from ${host.name} is not modelled by the lab`, remedy: "stop W3SVC instead: `service: { host, name: W3SVC, action: stop }`" });
      }
      host.removeFeature(feature);
    }
  },
});

function addFeature(lab: Lab, host: Host, feature: FeatureId): void {
  if (feature !== "iis") {
    host.addFeature(feature);
    return;
  }
  if (lab.iis(host.name)) return;
  const iis = installIis(lab, host);
  lab.setIis(host.name, iis);
  attachIisToNetwork(iis, lab.network);
  settleServices(lab, host);
}

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
