import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LabError } from "../kernel/index.ts";
import { waitForTls } from "./host-process.ts";
import { postProvisionSettings, provisionArgs } from "./provision-args.ts";
import type { SambaDc } from "./samba-dc.ts";
import { DEFAULT_SAMBA_DOMAIN, endpointOf, type SambaDomainOptions } from "./samba-domain.ts";

const IMAGE = "lab-samba-ad-dc:bookworm";
const TARGET = "/dc";

// The same Debian packages as the host path, so both paths run the same Samba
// (samba-ad-provision, only a recommendation of samba-ad-dc, holds the provisioning data).
const DOCKERFILE = `FROM debian:bookworm-slim
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends samba samba-ad-dc samba-ad-provision \\
 && rm -rf /var/lib/apt/lists/*
COPY entrypoint.sh /entrypoint.sh
EXPOSE 636
ENTRYPOINT ["/bin/sh", "/entrypoint.sh"]
`;

// Provisions with the arguments given as the command, then runs Samba in the
// foreground (-F, not -i: a container's stdin is closed, and -i exits on EOF).
const ENTRYPOINT = `#!/bin/sh
set -e
rm -rf ${TARGET} && mkdir -p ${TARGET}
samba-tool "$@"
if [ -n "$LAB_SMB_GLOBALS" ]; then
  printf '%s\\n' "$LAB_SMB_GLOBALS" > /tmp/lab-globals
  sed -i '/^\\[global\\]/r /tmp/lab-globals' ${TARGET}/etc/smb.conf
fi
mkdir -p ${TARGET}/run
exec samba -F -M single --debug-stdout --configfile=${TARGET}/etc/smb.conf
`;

/**
 * The same DC from a container image, through testcontainers (an image built
 * once from Debian bookworm's packages). Used where a container engine runs;
 * `detectContainerRuntime` says whether one does.
 */
export async function startContainerSambaDc(options: { domain?: SambaDomainOptions; startupTimeoutMs?: number } = {}): Promise<SambaDc> {
  const domain = options.domain ?? DEFAULT_SAMBA_DOMAIN;
  const { GenericContainer, Wait } = await import("testcontainers");
  const context = mkdtempSync(join(tmpdir(), "lab-samba-image-"));
  let image;
  try {
    writeFileSync(join(context, "Dockerfile"), DOCKERFILE);
    writeFileSync(join(context, "entrypoint.sh"), ENTRYPOINT);
    image = await GenericContainer.fromDockerfile(context).build(IMAGE, { deleteOnExit: false });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  const container = await image
    .withCommand(provisionArgs(domain, TARGET, { loopbackOnly: false }))
    .withEnvironment({ LAB_SMB_GLOBALS: Object.entries(postProvisionSettings(domain)).map(([k, v]) => `\t${k} = ${v}`).join("\n") })
    .withExposedPorts(636)
    .withWaitStrategy(Wait.forLogMessage(/samba: using 'single' process model/))
    .withStartupTimeout(options.startupTimeoutMs ?? 180_000)
    .start();
  const host = container.getHost();
  const port = container.getMappedPort(636);
  const failure = await waitForTls(host, port, 60_000);
  if (failure) {
    await container.stop();
    throw new LabError({ code: "SAMBA_START_FAILED", message: `the Samba container started but ${failure}` });
  }
  let stopped = false;
  return {
    endpoint: endpointOf(domain, `ldaps://${host}:${port}`),
    backend: "container",
    samDbPath: `${TARGET}/private/sam.ldb`,
    async sambaTool(args) {
      const result = await container.exec(["samba-tool", ...args]);
      if (result.exitCode !== 0) {
        throw new LabError({ code: "SAMBA_TOOL_FAILED", message: `samba-tool ${args.slice(0, 2).join(" ")} failed in the container (exit ${result.exitCode})`, details: { output: result.output } });
      }
      return result.stdout;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await container.stop();
    },
  };
}
